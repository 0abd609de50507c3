"""Filling a new photo's empty fields from what its file says about itself.

Only fields the editor left empty are filled, and a name stands for a person
only when exactly one person is known by it: a wrong photographer or a wrong
face in a caption is worse than an empty field. People shown are never added
outright: each match becomes a suggestion that someone confirms or rejects.
"""

from django.utils import formats

from articles.models import PhotoPerson
from entities.admin.prefill import person_add_url
from entities.duplicates import likely_duplicates
from entities.models import Person

# Photo field, metadata field.
TEXT_FIELDS = [
    ("caption", "caption"),
    ("alt_text", "alt_text"),
    ("credit", "credit"),
    ("taken_on", "date_created"),
    ("place", "city"),
]


def only_person(name):
    matches = likely_duplicates(Person, [name]) if name else []
    return matches[0] if len(matches) == 1 else None


def _clipped(photo_model, field_name, value):
    max_length = photo_model._meta.get_field(field_name).max_length
    return value[:max_length] if max_length and isinstance(value, str) else value


def fill_fields(photo, metadata):
    """Fill the photo's empty fields in place; the names of the fields filled."""
    filled = []
    for field_name, source in TEXT_FIELDS:
        value = getattr(metadata, source)
        if not value or getattr(photo, field_name):
            continue
        setattr(photo, field_name, _clipped(type(photo), field_name, value))
        filled.append(field_name)
    if metadata.creator and photo.photographer_id is None:
        photographer = only_person(metadata.creator)
        if photographer is not None:
            photo.photographer = photographer
            filled.append("photographer")
    return filled


def match_people(names):
    """(name, the one person it matches or None) for each distinct name, in order."""
    seen, matched = set(), []
    for name in names:
        if name not in seen:
            seen.add(name)
            matched.append((name, only_person(name)))
    return matched


def suggest_people_shown(photo, names):
    """Suggest the people the names match; the new suggestions and the names matching no one.

    A person already listed for the photo, whatever the decision, is left as it is,
    so a rejected suggestion stays rejected when the same file is read again.
    """
    listed = set(photo.people_in_photo.values_list("person_id", flat=True))
    start = len(listed)
    people, unmatched = [], []
    for name, person in match_people(names):
        if person is None:
            unmatched.append(name)
        elif person.pk not in listed:
            listed.add(person.pk)
            people.append(person)
    PhotoPerson.objects.bulk_create(
        PhotoPerson(
            photo=photo, person=person, order=start + order, status=PhotoPerson.Status.SUGGESTED
        )
        for order, person in enumerate(people)
    )
    return people, unmatched


def unmatched_names(metadata, photo=None):
    """Names the metadata gives that match no one person: the creator, then people shown."""
    wants_creator = metadata.creator and (photo is None or photo.photographer_id is None)
    names = [metadata.creator] if wants_creator else []
    return [name for name, person in match_people(names + metadata.persons_shown) if not person]


def prefill_data(photo_model, metadata):
    """What the add form may fill in and show, as the upload view returns it."""
    values = {}
    for field_name, source in TEXT_FIELDS:
        value = getattr(metadata, source)
        if value:
            # The date as the admin's date widget writes and reads it.
            values[field_name] = formats.localize_input(_clipped(photo_model, field_name, value))
    return {
        "fields": values,
        "copyright": metadata.copyright,
        "creator": _named(metadata.creator, only_person(metadata.creator))
        if metadata.creator
        else None,
        "people_shown": [
            _named(name, person) for name, person in match_people(metadata.persons_shown)
        ],
    }


def _named(name, person):
    # A name on file gets its person; one that is not, the form that adds it.
    return {
        "name": name,
        "person": {"id": person.pk, "name": str(person)} if person else None,
        "add_url": None if person else person_add_url(name),
    }
