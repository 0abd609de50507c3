"""People, organisations and events in the site's search (see newsdesk.search)."""

from django.db.models.functions import Coalesce

from newsdesk.search import Hit, Kind, marked_texts
from newsdesk.search.markup import has_match, marked
from newsdesk.search.schema import (
    SIMPLE,
    Column,
    Index,
    pg_list,
    pg_text,
    sqlite_json_list,
    text,
)

PEOPLE = Index(
    "entities_person",
    *SIMPLE,
    columns=(
        Column("name", text("display_name"), pg_text("display_name"), "A"),
        Column(
            "other_names",
            f"trim({text('english_name')} || ' ' || {text('native_name')})",
            f"{pg_text('english_name')} || ' ' || {pg_text('native_name')}",
            "B",
        ),
        # On PostgreSQL, to_tsvector() reads the strings of the JSON list itself.
        Column("aliases", sqlite_json_list("row.aliases"), "{t}aliases", "B", pg_list("aliases")),
    ),
)

ORGANISATIONS = Index(
    "entities_organisation",
    *SIMPLE,
    columns=(
        Column("name", text("name"), pg_text("name"), "A"),
        Column("short_name", text("short_name"), pg_text("short_name"), "A"),
        Column("aliases", sqlite_json_list("row.aliases"), "{t}aliases", "B", pg_list("aliases")),
        Column("description", text("description"), pg_text("description"), "C"),
    ),
)

EVENTS = Index(
    "entities_event",
    *SIMPLE,
    columns=(
        Column("name", text("name"), pg_text("name"), "A"),
        Column("description", text("description"), pg_text("description"), "C"),
    ),
)


def person_hit(kind, obj):
    found = marked_texts(kind, obj)
    other = ", ".join(filter(None, [found["other_names"], found["aliases"]]))
    return Hit(kind, obj, marked(found["name"]), "", marked(other) if has_match(other) else "")


def organisation_hit(kind, obj):
    found = marked_texts(kind, obj)
    title = found["name"] + (f" ({found['short_name']})" if found["short_name"] else "")
    aliases = found["aliases"] if has_match(found["aliases"]) else ""
    return Hit(kind, obj, marked(title), marked(found["description"]), marked(aliases))


def event_hit(kind, obj):
    found = marked_texts(kind, obj)
    return Hit(kind, obj, marked(found["name"]), marked(found["description"]))


def narrow_events(queryset, section=None, date_from=None, date_to=None, **filters):
    """Events that overlap the period at all; none when a section is asked for."""
    if section is not None or any(filters.values()):
        return None
    if date_from:
        queryset = queryset.alias(last_day=Coalesce("end_date", "start_date")).filter(
            last_day__gte=date_from
        )
    if date_to:
        queryset = queryset.filter(start_date__lte=date_to)
    return queryset


def _all(model_name):
    def visible():
        from django.apps import apps

        # Every person, organisation and event is public.
        return apps.get_model("entities", model_name)._default_manager.all()

    return visible


PERSON = Kind(
    "person",
    "People",
    "Person",
    PEOPLE,
    ("name", "other_names", "aliases"),
    visible=_all("Person"),
    to_hit=person_hit,
    position=20,
)
ORGANISATION = Kind(
    "organisation",
    "Organisations",
    "Organisation",
    ORGANISATIONS,
    ("name", "short_name", "aliases", "description"),
    visible=_all("Organisation"),
    to_hit=organisation_hit,
    position=30,
)
EVENT = Kind(
    "event",
    "Events",
    "Event",
    EVENTS,
    ("name",),
    ("description",),
    visible=_all("Event"),
    narrow=narrow_events,
    to_hit=event_hit,
    position=40,
)
KINDS = (PERSON, ORGANISATION, EVENT)
