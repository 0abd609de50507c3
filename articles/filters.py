import datetime

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, Mention, Quote, Section
from entities.models import Event, Organisation, Person
from newsdesk.filters import SlugFilter


def start_of_day(day):
    """The first instant of `day` in the site's time zone, the one readers' dates are in."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def union_of_articles(*querysets):
    """The articles any of `querysets` (rows with an `article`) point to, as one UNION."""
    first, *rest = (queryset.order_by().values("article") for queryset in querysets)
    return first.union(*rest)


def published_tags(request=None):
    """Tags on at least one published story, by name.

    A tag used only on unpublished stories would give away what is coming.
    Each tag's taggings are walked until one is of a published story, usually
    the first: asking instead which of all published stories carry the tag
    reads every published story.
    """
    published = Article.objects.published().filter(pk=OuterRef("object_id"))
    taggings = TaggedItem.objects.filter(
        Exists(published),
        tag=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(Article),
    )
    return Tag.objects.filter(Exists(taggings)).order_by("name")


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            raise ValidationError("The “from” date must not be after the “to” date.")
        return cleaned


class ArticleFilter(django_filters.FilterSet):
    """Filters for the public article list; every value comes from a GET parameter."""

    section = SlugFilter(queryset=Section.objects.all(), empty_label="All sections")
    tag = SlugFilter(
        queryset=published_tags, method="filter_tag", label="Tag", empty_label="All tags"
    )
    # People, organisations and events are reached from links, not picked from
    # a list of thousands: they travel as hidden fields and show as a summary.
    person = SlugFilter(
        queryset=Person.objects.all(),
        method="filter_person",
        label="Person",
        widget=forms.HiddenInput,
    )
    organisation = SlugFilter(
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        label="Organisation",
        widget=forms.HiddenInput,
    )
    event = SlugFilter(
        queryset=Event.objects.all(), method="filter_event", label="Event", widget=forms.HiddenInput
    )
    published_after = django_filters.DateFilter(
        method="filter_published_after",
        label="Published from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = django_filters.DateFilter(
        method="filter_published_before",
        label="Published until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = []
        form = ArticleFilterForm

    # Bounds on the stored instant, not `published_at__date`: a function of the
    # column cannot use its index and reads every article.
    # The first and last days the calendar has bound nothing: every instant is after
    # the first, and the day after the last cannot be written.
    def filter_published_after(self, queryset, name, day):
        if day <= datetime.date.min + datetime.timedelta(days=1):
            return queryset
        return queryset.filter(published_at__gte=start_of_day(day))

    def filter_published_before(self, queryset, name, day):
        if day >= datetime.date.max - datetime.timedelta(days=1):
            return queryset
        return queryset.filter(published_at__lt=start_of_day(day + datetime.timedelta(days=1)))

    def filter_tag(self, queryset, name, tag):
        return queryset.tagged(tag)

    # One IN over a UNION of the ways in, not an OR of one IN each: PostgreSQL
    # cannot use an index for such an OR and checks every published story.
    def filter_person(self, queryset, name, person):
        """Articles by the person, quoting them, or confirmed as mentioning them."""
        ways_in = union_of_articles(
            ArticleAuthor.objects.filter(person=person),
            Quote.objects.filter(person=person),
            Mention.objects.confirmed().filter(person=person),
        )
        return queryset.filter(pk__in=ways_in)

    def filter_organisation(self, queryset, name, organisation):
        """Articles confirmed as mentioning the organisation, or covering an event it hosted."""
        ways_in = union_of_articles(
            Mention.objects.confirmed().filter(organisation=organisation),
            Article.events.through.objects.filter(event__hosts=organisation),
        )
        return queryset.filter(pk__in=ways_in)

    def filter_event(self, queryset, name, event):
        return queryset.filter(
            pk__in=Article.events.through.objects.filter(event=event).values("article")
        )
