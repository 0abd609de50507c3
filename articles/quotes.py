"""Who said what, where: the published quotes, their filters and their full-text search.

A quote is public when its story is (`Article.objects.published()`); its speaker's
title is the one held on the day it was said, which is the event's first day for a
quote said at an event, else the day its story ran.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncDate

from articles.filters import published_tags, start_of_day
from articles.models import Article, Quote
from articles.search import QUOTES
from entities.models import Event, EventSeries, Organisation, Person, Position
from entities.positions import HELD, held_subquery
from newsdesk.filters import SlugFilter
from newsdesk.search import schema
from newsdesk.search.terms import fts5_match, has_terms

MAX_QUERY_LENGTH = 200


def in_published_article():
    """Checked quote by quote: a page of quotes asks about a few dozen stories."""
    return Exists(Article.objects.published().filter(pk=OuterRef("article")))


def published_quotes():
    """Every quote a reader may see, with what its listing shows."""
    return Quote.objects.filter(in_published_article()).select_related("article", "person", "event")


def matching(queryset, text):
    """`queryset` narrowed to quotes whose text matches `text` (words, "phrases", -not, OR)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVectorField

        from newsdesk.search.postgres import OnTable

        if not has_terms(text):
            return queryset.none()
        query = SearchQuery(text, config=QUOTES.config, search_type="websearch")
        # The generated column is not a model field (see newsdesk/search/schema.py).
        vector = OnTable(f"{{t}}{schema.VECTOR_COLUMN}", SearchVectorField())
        matches = Quote.objects.alias(text_vector=vector).filter(text_vector=query)
        return queryset.filter(pk__in=matches.values("pk"))
    match = fts5_match(text)
    if match is None:
        return queryset.none()
    fts = QUOTES.fts_table
    return queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match]))


def said_between(after=None, before=None):
    """Quotes said in the period: on the event's days, or, said elsewhere, when the story ran."""
    at_event, elsewhere = Q(event__isnull=False), Q(event__isnull=True)
    if after:
        at_event &= Q(event__start_date__gte=after)
        elsewhere &= Q(article__published_at__gte=start_of_day(after))
    if before:
        at_event &= Q(event__start_date__lte=before)
        elsewhere &= Q(article__published_at__lt=start_of_day(before + datetime.timedelta(days=1)))
    return at_event | elsewhere


class QuoteFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("said_after"), cleaned.get("said_before")
        if after and before and after > before:
            raise ValidationError("The “from” date must not be after the “to” date.")
        return cleaned


def quoted_series(request=None):
    """Series at whose editions a published story quotes someone: the only ones worth offering."""
    said = published_quotes().filter(event__series=OuterRef("pk"))
    return EventSeries.objects.filter(Exists(said)).order_by("name")


class QuoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Words said",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    series = SlugFilter(
        queryset=quoted_series,
        field_name="event__series",
        label="Event series",
        empty_label="All series",
    )
    tag = SlugFilter(
        queryset=published_tags, method="filter_tag", label="Topic", empty_label="All topics"
    )
    said_after = django_filters.DateFilter(
        method="filter_dates", label="Said from", widget=forms.DateInput(attrs={"type": "date"})
    )
    said_before = django_filters.DateFilter(
        method="filter_dates", label="Said until", widget=forms.DateInput(attrs={"type": "date"})
    )
    # Reached from a person's, organisation's or event's page, like the story list.
    person = SlugFilter(queryset=Person.objects.all(), label="Person", widget=forms.HiddenInput)
    organisation = SlugFilter(
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        label="Organisation",
        widget=forms.HiddenInput,
    )
    event = SlugFilter(queryset=Event.objects.all(), label="Event", widget=forms.HiddenInput)

    class Meta:
        model = Quote
        fields = []
        form = QuoteFilterForm

    def filter_text(self, queryset, name, text):
        return matching(queryset, text) if text.strip() else queryset

    def filter_tag(self, queryset, name, tag):
        return queryset.filter(article__in=Article.objects.tagged(tag).values("pk"))

    def filter_dates(self, queryset, name, value):
        data = self.form.cleaned_data
        if name == "said_before" and data.get("said_after"):
            return queryset  # Both bounds were applied with the first.
        return queryset.filter(said_between(data.get("said_after"), data.get("said_before")))

    def filter_organisation(self, queryset, name, organisation):
        """Quotes by people who held a position there on the day they said them."""

        def held_on(day):
            return Position.objects.filter(
                Q(start_date__isnull=True) | Q(start_date__lte=day),
                Q(end_date__isnull=True) | Q(end_date__gte=day),
                person=OuterRef("person"),
                organisation=organisation,
            )

        # Only people who ever worked there can qualify: narrowed first, by index.
        ever_there = Position.objects.filter(organisation=organisation).values("person")
        queryset = queryset.filter(person__in=ever_there)
        return queryset.alias(ran_on=TruncDate("article__published_at")).filter(
            Q(Exists(held_on(OuterRef("event__start_date"))), event__isnull=False)
            | Q(Exists(held_on(OuterRef("ran_on"))), event__isnull=True)
        )


def with_title_held(queryset):
    """Each quote with the position its speaker held the day it was said, in the same query."""
    said_on = Coalesce("event__start_date", TruncDate("article__published_at"))
    held = (
        Position.objects.filter(person=OuterRef("person"))
        .filter(
            Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("said_on")),
            Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("said_on")),
        )
        .latest_first()
    )
    return queryset.alias(said_on=said_on).annotate(**{HELD: held_subquery(held)})


def for_listing(queryset=None):
    """Published quotes, newest story first, each with its speaker's title on the day."""
    queryset = published_quotes() if queryset is None else queryset
    return with_title_held(queryset).order_by("-article__published_at", "order", "-pk")
