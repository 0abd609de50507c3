"""Relevance-ranked search over whatever the content apps register (see kinds.py).

`search()` is the one entry point; the database's own full-text engine does
the work (postgres.py, sqlite.py) over the indexes that schema.py defines.
"""

from dataclasses import dataclass, field
from functools import partial

from django.db import connection

from newsdesk.search.kinds import KINDS, Hit, Kind, marked_texts, register

__all__ = [
    "KINDS",
    "MAX_CANDIDATES",
    "MAX_PAGE",
    "PAGE_SIZE",
    "PREVIEW_SIZE",
    "Hit",
    "Kind",
    "Results",
    "marked_texts",
    "plan",
    "register",
    "search",
]

PAGE_SIZE = 20
# How many people, organisations and events the first page of a search for
# everything shows, each with a link to the rest of its kind.
PREVIEW_SIZE = 5
# Deep pages are never read, and each costs more than the last.
MAX_PAGE = 50
# Ranking is what costs: a word in half of 100,000 stories would mean scoring
# 50,000 rows for one page. Only the newest this many matches of a kind are
# ranked, which changes nothing for any search with fewer matches.
MAX_CANDIDATES = 1_000


@dataclass
class Group:
    kind: Kind
    hits: list
    has_more: bool = False

    @property
    def label(self):
        return self.kind.label


@dataclass
class Results:
    groups: list = field(default_factory=list)
    page: int = 1
    has_next: bool = False

    @property
    def has_previous(self):
        return self.page > 1

    def __bool__(self):
        return any(group.hits for group in self.groups)


def _backend():
    if connection.vendor == "postgresql":
        from newsdesk.search import postgres

        return postgres
    if connection.vendor == "sqlite":
        from newsdesk.search import sqlite

        return sqlite
    raise NotImplementedError(f"Search does not support {connection.vendor}.")


def _group(kind, text, queryset, size, offset):
    objects = _backend().ranked(kind, queryset, text, size + 1, offset)
    group = Group(kind, [kind.to_hit(kind, obj) for obj in objects[:size]], len(objects) > size)
    if kind.prepare is not None:
        kind.prepare(group.hits)
    return group


def search(query, kind=None, page=1, **filters):
    """Matches for `query`, best first.

    With a `kind` (a name in KINDS), one page of that kind; otherwise one page
    of the main kind and, on the first page, the best few of each other kind.
    The `filters` (for the newsroom: `section`, `date_from`, `date_to`) narrow
    each kind as its `narrow` says, and leave out the kinds they rule out.
    """
    page, planned_groups = plan(query, kind, page, **filters)
    results = Results(page=page)
    for _name, main, make in planned_groups:
        group = make()
        if main:
            results.has_next = group.has_more and page < MAX_PAGE
        results.groups.append(group)
    return results


def plan(query, kind=None, page=1, **filters):
    """(page, [(kind name, whether it is the page's main group, make)]): the groups
    `search()` makes, not made yet; `make()` runs the group's query and returns
    its Group. For callers that keep each group apart (until its kind changes)."""
    text = (query or "").strip()
    if not text:
        return page, []
    if kind is not None and kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}.")
    page = max(1, min(page, MAX_PAGE))
    offset = (page - 1) * PAGE_SIZE
    planned = []
    for name, candidate in KINDS.items():
        if kind not in (None, name):
            continue
        queryset = candidate.narrow(candidate.visible(), **filters)
        if queryset is None:
            continue
        if candidate.main or kind is not None:
            size, start, main = PAGE_SIZE, offset, True
        elif page == 1:
            size, start, main = PREVIEW_SIZE, 0, False
        else:
            continue
        planned.append((name, main, partial(_group, candidate, text, queryset, size, start)))
    return page, planned
