from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import Lower
from django.utils import timezone
from django.views.generic import DetailView
from django_filters.views import FilterView

from articles.models import Article, Mention, Photo, PhotoPerson, Quote
from articles.renditions import prefetch_renditions
from entities.filters import EventFilter, OrganisationFilter, PersonFilter
from entities.models import (
    Appearance,
    Document,
    DocumentPublisher,
    Event,
    EventSupport,
    Organisation,
    Person,
    Position,
)
from entities.models.people import list_sort_name
from entities.positions import with_position_held
from entities.redirects import MergedRedirectMixin


def positions_with_organisations():
    return Position.objects.select_related("organisation")


def in_published_article():
    """Rows of one entity whose article is published, checked row by row.

    An entity has a few dozen rows; `article__in=published` asks the database to
    weigh them against every published article, which at full scale is the slow side.
    """
    return Exists(Article.objects.published().filter(pk=OuterRef("article")))


def confirmed_mentions():
    """Published articles whose mention of the entity a person has confirmed, newest first."""
    return Prefetch(
        "mentions",
        queryset=Mention.objects.confirmed()
        .filter(in_published_article())
        .select_related("article__section")
        .order_by("-article__published_at", "pk"),
        to_attr="confirmed_mentions",
    )


def split_current(positions):
    current = [position for position in positions if position.is_current]
    return current, [position for position in positions if not position.is_current]


class PersonDetailView(MergedRedirectMixin, DetailView):
    context_object_name = "person"

    def get_queryset(self):
        published = Article.objects.published()
        return Person.objects.prefetch_related(
            # Also what `Appearance.title_at_the_time` reads, so no query per appearance.
            Prefetch("positions", queryset=positions_with_organisations()),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related(
                    "event", "position__organisation"
                ).order_by("-event__start_date", "order", "pk"),
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.filter(in_published_article())
                .select_related("article")
                .order_by("-article__published_at", "order", "pk"),
            ),
            Prefetch("authored_articles", queryset=published.select_related("section")),
            # The prefetch's own filter on the person reuses this join to the
            # through table, so the status is the status of this person's row.
            Prefetch(
                "photos_shown_in",
                queryset=Photo.objects.public().filter(
                    people_in_photo__status=PhotoPerson.Status.CONFIRMED
                ),
            ),
            Prefetch("photos_taken", queryset=Photo.objects.public()),
            confirmed_mentions(),
        )

    def get_context_data(self, **kwargs):
        person = self.object
        prefetch_renditions([*person.photos_shown_in.all(), *person.photos_taken.all()])
        current, past = split_current(person.positions.all())
        return super().get_context_data(current_positions=current, past_positions=past, **kwargs)


class OrganisationDetailView(MergedRedirectMixin, DetailView):
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("parent").prefetch_related(
            "children",
            Prefetch("positions", queryset=Position.objects.select_related("person")),
            "hosted_events",
            Prefetch("event_supports", queryset=EventSupport.objects.select_related("event")),
            Prefetch("documents", queryset=Document.objects.select_related("event")),
            confirmed_mentions(),
        )

    def get_context_data(self, **kwargs):
        current, past = split_current(self.object.positions.all())
        return super().get_context_data(current_positions=current, past_positions=past, **kwargs)


class EventDetailView(MergedRedirectMixin, DetailView):
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.prefetch_related(
            "hosts",
            Prefetch("supports", queryset=EventSupport.objects.select_related("organisation")),
            Prefetch(
                "documents",
                queryset=Document.objects.prefetch_related(
                    Prefetch(
                        "publications",
                        queryset=DocumentPublisher.objects.select_related("organisation"),
                    )
                ),
            ),
            Prefetch("articles", queryset=Article.objects.published().select_related("section")),
            Prefetch("photos", queryset=Photo.objects.public()),
        )

    def get_context_data(self, **kwargs):
        event = self.object
        prefetch_renditions(event.photos.all())
        # Each speaker's title on the day comes in the same query as the programme.
        appearances = Appearance.objects.select_related("person", "position__organisation")
        prefetch_related_objects(
            [event],
            Prefetch("appearances", queryset=with_position_held(appearances, event.start_date)),
        )
        # Sessions in the order the programme first reaches them.
        sessions = {}
        for appearance in self.object.appearances.all():
            sessions.setdefault(appearance.session, []).append(appearance)
        return super().get_context_data(programme=list(sessions.items()), **kwargs)


class PersonListView(FilterView):
    filterset_class = PersonFilter
    template_name = "entities/person_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        # The same order as person_list_order_idx, which serves it.
        return Person.objects.prefetch_related(
            Prefetch("positions", queryset=positions_with_organisations())
        ).order_by(list_sort_name(), Lower("given_names"), "display_name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for person in context["people"]:
            person.current_position = person.position_on(today)
        return context


class OrganisationListView(FilterView):
    filterset_class = OrganisationFilter
    template_name = "entities/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self):
        return Organisation.objects.select_related("parent").order_by(Lower("name"), "pk")


class EventListView(FilterView):
    """Upcoming and past events; `?when=` narrows the page to one of them, paginated."""

    filterset_class = EventFilter
    template_name = "entities/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    # How many of each the combined page shows before pointing to the full list.
    preview_size = 10

    def get_queryset(self):
        return Event.objects.prefetch_related("hosts")

    @property
    def when(self):
        form = self.filterset.form
        return form.cleaned_data.get("when") if self.filterset.is_valid() else None

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.when else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(when=self.when, **kwargs)
        if not self.when:
            events = self.object_list
            context["upcoming"] = list(events.upcoming()[: self.preview_size + 1])
            context["past"] = list(events.past()[: self.preview_size + 1])
            for name in ("upcoming", "past"):
                context[f"more_{name}"] = len(context[name]) > self.preview_size
                context[name] = context[name][: self.preview_size]
        return context
