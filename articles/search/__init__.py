"""Relevance-ranked search over published articles, people, organisations and events.

`search()` is the one entry point; the database's own full-text engine does
the work (postgres.py, sqlite.py) over the indexes that schema.py defines.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.search.kinds import KINDS, Hit, Kind, to_hit

__all__ = [
    "KINDS",
    "MAX_CANDIDATES",
    "MAX_PAGE",
    "PAGE_SIZE",
    "PREVIEW_SIZE",
    "Hit",
    "Kind",
    "Results",
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
        from articles.search import postgres

        return postgres
    if connection.vendor == "sqlite":
        from articles.search import sqlite

        return sqlite
    raise NotImplementedError(f"Search does not support {connection.vendor}.")


def _start_of(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def _narrowed(kind, section, date_from, date_to):
    """The visible rows of `kind` the filters allow, or None when they rule the kind out."""
    queryset = kind.visible()
    if kind.name == "article":
        queryset = queryset.select_related("section")
        if section is not None:
            queryset = queryset.filter(section=section)
        if date_from:
            queryset = queryset.filter(published_at__gte=_start_of(date_from))
        if date_to:
            next_day = date_to + datetime.timedelta(days=1)
            queryset = queryset.filter(published_at__lt=_start_of(next_day))
        return queryset
    if section is not None:
        return None
    if kind.name == "event":
        # Events that overlap the period at all.
        if date_from:
            queryset = queryset.alias(last_day=Coalesce("end_date", "start_date")).filter(
                last_day__gte=date_from
            )
        if date_to:
            queryset = queryset.filter(start_date__lte=date_to)
        return queryset
    # People and organisations have no dates to narrow by.
    return None if (date_from or date_to) else queryset


def _group(kind, text, queryset, size, offset):
    objects = _backend().ranked(kind, queryset, text, size + 1, offset)
    return Group(kind, [to_hit(kind, obj) for obj in objects[:size]], len(objects) > size)


def search(query, kind=None, section=None, date_from=None, date_to=None, page=1):
    """Matches for `query`, best first.

    With a `kind` ("article", "person", "organisation", "event"), one page of
    that kind; otherwise one page of articles and, on the first page, the best
    few of each other kind. `section` and the dates narrow articles (and dates
    also events); people and organisations are left out when they are set.
    """
    text = (query or "").strip()
    if not text:
        return Results(page=page)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}.")
    page = max(1, min(page, MAX_PAGE))
    offset = (page - 1) * PAGE_SIZE
    results = Results(page=page)
    for name, candidate in KINDS.items():
        if kind not in (None, name):
            continue
        queryset = _narrowed(candidate, section, date_from, date_to)
        if queryset is None:
            continue
        if name == "article" or kind is not None:
            group = _group(candidate, text, queryset, PAGE_SIZE, offset)
            results.has_next = group.has_more and page < MAX_PAGE
        elif page == 1:
            group = _group(candidate, text, queryset, PREVIEW_SIZE, 0)
        else:
            continue
        if name == "article":
            _prefetch_sections(group.hits)
        results.groups.append(group)
    return results


def _prefetch_sections(hits):
    # On PostgreSQL the section comes with the article; the raw SQLite query
    # needs one more for every article on the page.
    articles = [hit.object for hit in hits if "section" not in hit.object._state.fields_cache]
    prefetch_related_objects(articles, "section")
