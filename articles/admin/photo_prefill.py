"""Filling a new photo's empty fields from what its file says about itself.

Only fields the editor left empty are filled, and a name becomes a person only
when exactly one person is known by it: a wrong photographer or a wrong face
in a caption is worse than an empty field.
"""

from articles.models import PhotoPerson
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


def fill_fields(photo, metadata):
    """Fill the photo's empty fields in place; the names of the fields filled."""
    filled = []
    for field_name, source in TEXT_FIELDS:
        value = getattr(metadata, source)
        if not value or getattr(photo, field_name):
            continue
        max_length = photo._meta.get_field(field_name).max_length
        setattr(photo, field_name, value[:max_length] if max_length else value)
        filled.append(field_name)
    if metadata.creator and photo.photographer_id is None:
        photographer = only_person(metadata.creator)
        if photographer is not None:
            photo.photographer = photographer
            filled.append("photographer")
    return filled


def add_people_shown(photo, names):
    """Add the people the names match, in order; the names that matched no one person."""
    people, unmatched = [], []
    for name in names:
        person = only_person(name)
        if person is None:
            unmatched.append(name)
        elif person not in people:
            people.append(person)
    PhotoPerson.objects.bulk_create(
        PhotoPerson(photo=photo, person=person, order=order) for order, person in enumerate(people)
    )
    return people, unmatched
