"""Stories in the site's search (see newsdesk.search), and the search page's form."""

import datetime

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html

from newsdesk.search import Hit, Kind, marked_texts
from newsdesk.search.markup import has_match, marked
from newsdesk.search.schema import (
    ENGLISH,
    Column,
    Index,
    pg_html_text,
    pg_text,
    sqlite_html_text,
    text,
)

ARTICLES = Index(
    "articles_article",
    *ENGLISH,
    columns=(
        Column("headline", text("headline"), pg_text("headline"), "A"),
        Column("standfirst", text("standfirst"), pg_text("standfirst"), "B"),
        Column("body", sqlite_html_text("row.body"), pg_html_text("body"), "C"),
    ),
)

# Read only by the quotes page's search (articles/quotes.py), not by the site search.
QUOTES = Index(
    "articles_quote",
    *ENGLISH,
    columns=(Column("text", text("text"), pg_text("text"), "A"),),
)


def _start_of(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def published_articles():
    from articles.models import Article

    return Article.objects.published()


def narrow_articles(queryset, section=None, date_from=None, date_to=None, **filters):
    if any(filters.values()):
        return None
    queryset = queryset.select_related("section")
    if section is not None:
        queryset = queryset.filter(section=section)
    if date_from:
        queryset = queryset.filter(published_at__gte=_start_of(date_from))
    if date_to:
        next_day = date_to + datetime.timedelta(days=1)
        queryset = queryset.filter(published_at__lt=_start_of(next_day))
    return queryset


def article_hit(kind, obj):
    found = marked_texts(kind, obj)
    body = next((t for t in (found["body"], found["standfirst"]) if has_match(t)), "")
    return Hit(
        kind,
        obj,
        marked(found["headline"]),
        marked(body or found["standfirst"]),
        meta=published_day(obj.published_at),
    )


def published_day(moment):
    """`<time datetime="{{ moment|date:'c' }}">{{ moment|date:"j F Y" }}</time>`, the same
    text made directly: through the template's filters it took ~30 us a result, a
    third of what a page of twenty stories cost to show."""
    local = timezone.localtime(moment)
    day = f"{local.day} {MONTHS[local.month]} {local.year:04d}"
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), day)


def prefetch_sections(hits):
    # On PostgreSQL the section comes with the article; the raw SQLite query
    # takes it from the sections the masthead keeps (asking the database cost
    # every search a query, ~0.3 ms), or, failing that, with one query more.
    from articles.context_processors import attach_sections

    attach_sections([hit.object for hit in hits])


ARTICLE = Kind(
    "article",
    "Stories",
    "Story",
    ARTICLES,
    ("headline",),
    ("standfirst", "body"),
    visible=published_articles,
    narrow=narrow_articles,
    to_hit=article_hit,
    prepare=prefetch_sections,
    main=True,
    position=10,
)
