"""What can be searched: each kind's model, its index, what a reader may see of
it, and how its highlighted columns become a result's title and snippet."""

from dataclasses import dataclass

from articles.search import schema
from articles.search.markup import has_match, marked


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    singular: str
    index: schema.Index
    # Columns shown whole with their matches marked, and columns shown as a
    # short passage around the best match.
    highlighted: tuple
    excerpted: tuple = ()

    @property
    def model(self):
        from django.apps import apps

        app_label, _, model_name = self.index.table.partition("_")
        return apps.get_model(app_label, model_name)

    def visible(self):
        """What a reader may see: published articles; every person, organisation and event."""
        manager = self.model._default_manager
        return manager.published() if self.name == "article" else manager.all()

    @property
    def shown_columns(self):
        return self.highlighted + self.excerpted


@dataclass
class Hit:
    kind: Kind
    object: object
    title: str
    snippet: str
    detail: str = ""


def _first_match(*texts):
    return next((text for text in texts if has_match(text)), "")


def to_hit(kind, obj):
    """A result from an object the backend annotated with `<column>_marked` texts."""
    text = {name: (getattr(obj, f"{name}_marked", "") or "").strip() for name in kind.shown_columns}
    if kind.name == "article":
        return Hit(
            kind,
            obj,
            marked(text["headline"]),
            marked(_first_match(text["body"], text["standfirst"]) or text["standfirst"]),
        )
    if kind.name == "person":
        other = ", ".join(filter(None, [text["other_names"], text["aliases"]]))
        return Hit(kind, obj, marked(text["name"]), "", marked(other) if has_match(other) else "")
    if kind.name == "organisation":
        title = text["name"] + (f" ({text['short_name']})" if text["short_name"] else "")
        aliases = text["aliases"] if has_match(text["aliases"]) else ""
        return Hit(kind, obj, marked(title), marked(text["description"]), marked(aliases))
    return Hit(kind, obj, marked(text["name"]), marked(text["description"]))


ARTICLE = Kind(
    "article", "Stories", "Story", schema.ARTICLES, ("headline",), ("standfirst", "body")
)
PERSON = Kind("person", "People", "Person", schema.PEOPLE, ("name", "other_names", "aliases"))
ORGANISATION = Kind(
    "organisation",
    "Organisations",
    "Organisation",
    schema.ORGANISATIONS,
    ("name", "short_name", "aliases", "description"),
)
EVENT = Kind("event", "Events", "Event", schema.EVENTS, ("name",), ("description",))

KINDS = {kind.name: kind for kind in (ARTICLE, PERSON, ORGANISATION, EVENT)}
