from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Lower
from django.utils import timezone
from django.views.generic import DetailView
from django_filters.views import FilterView

from entities import related
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


def split_current(positions):
    current = [position for position in positions if position.is_current]
    return current, [position for position in positions if not position.is_current]


class PersonDetailView(MergedRedirectMixin, DetailView):
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.prefetch_related(
            # Also what `Appearance.title_at_the_time` reads, so no query per appearance.
            Prefetch("positions", queryset=positions_with_organisations()),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related(
                    "event", "position__organisation"
                ).order_by("-event__start_date", "order", "pk"),
            ),
            *related.prefetches("person"),
        )

    def get_context_data(self, **kwargs):
        person = self.object
        current, past = split_current(person.positions.all())
        return super().get_context_data(
            current_positions=current,
            past_positions=past,
            **related.context("person", person),
            **kwargs,
        )


class OrganisationDetailView(MergedRedirectMixin, DetailView):
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("parent").prefetch_related(
            "children",
            Prefetch("positions", queryset=Position.objects.select_related("person")),
            "hosted_events",
            Prefetch("event_supports", queryset=EventSupport.objects.select_related("event")),
            Prefetch("documents", queryset=Document.objects.select_related("event")),
            *related.prefetches("organisation"),
        )

    def get_context_data(self, **kwargs):
        current, past = split_current(self.object.positions.all())
        return super().get_context_data(
            current_positions=current,
            past_positions=past,
            **related.context("organisation", self.object),
            **kwargs,
        )


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
            *related.prefetches("event"),
        )

    def get_context_data(self, **kwargs):
        event = self.object
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
        return super().get_context_data(
            programme=list(sessions.items()), **related.context("event", event), **kwargs
        )


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
