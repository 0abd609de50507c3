"""What can be searched: the kinds the content apps register, each with its
model's index, what a reader may see of it, and how its highlighted columns
become a result's title and snippet."""

from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.search import schema

# Filled by the content apps in their AppConfig.ready(), through `register`;
# kept in each kind's `position` order, which is the order of a results page.
KINDS = {}


def _everything(queryset, **filters):
    return None if any(filters.values()) else queryset


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
    # What a reader may see: a function returning the visible rows.
    visible: Callable = None
    # `narrow(queryset, **filters)`: the rows the search's filters allow, or
    # None when the filters rule the kind out. By default any filter does.
    narrow: Callable = _everything
    # `to_hit(kind, obj)`: a result from an object with `<column>_marked` texts.
    to_hit: Callable = None
    # `prepare(hits)`: fetch what the results page shows of a page of hits.
    prepare: Callable = None
    # The main kind gets whole pages on a search for everything; the others
    # show their best few with a link to the rest.
    main: bool = False
    position: int = 0

    @property
    def model(self):
        from django.apps import apps

        app_label, _, model_name = self.index.table.partition("_")
        return apps.get_model(app_label, model_name)

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
    # HTML the result's line above its title shows, made with the hit.
    meta: str = ""


def marked_texts(kind, obj):
    """{column: its text with the matches marked}, as the backends annotate `obj`."""
    return {name: (getattr(obj, f"{name}_marked", "") or "").strip() for name in kind.shown_columns}


def register(*kinds):
    """Make `kinds` searchable, and keep their indexes current (see schema.INDEXES)."""
    for kind in kinds:
        KINDS[kind.name] = kind
        schema.register(kind.index)
    ordered = sorted(KINDS.values(), key=lambda kind: kind.position)
    KINDS.clear()
    KINDS.update((kind.name, kind) for kind in ordered)
