from django.db.models import Prefetch
from django.views.generic import DetailView

from articles.models import Article, Photo, Quote
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


def positions_with_organisations():
    return Position.objects.select_related("organisation")


def split_current(positions):
    current = [position for position in positions if position.is_current]
    return current, [position for position in positions if not position.is_current]


class PersonDetailView(DetailView):
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
                queryset=Quote.objects.filter(article__in=published)
                .select_related("article")
                .order_by("-article__published_at", "order", "pk"),
            ),
            Prefetch("authored_articles", queryset=published.select_related("section")),
            Prefetch("photos_shown_in", queryset=Photo.objects.public()),
            Prefetch("photos_taken", queryset=Photo.objects.public()),
        )

    def get_context_data(self, **kwargs):
        current, past = split_current(self.object.positions.all())
        return super().get_context_data(current_positions=current, past_positions=past, **kwargs)


class OrganisationDetailView(DetailView):
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("parent").prefetch_related(
            "children",
            Prefetch("positions", queryset=Position.objects.select_related("person")),
            "hosted_events",
            Prefetch("event_supports", queryset=EventSupport.objects.select_related("event")),
            Prefetch("documents", queryset=Document.objects.select_related("event")),
        )

    def get_context_data(self, **kwargs):
        current, past = split_current(self.object.positions.all())
        return super().get_context_data(current_positions=current, past_positions=past, **kwargs)


class EventDetailView(DetailView):
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.prefetch_related(
            "hosts",
            Prefetch("supports", queryset=EventSupport.objects.select_related("organisation")),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("person", "position__organisation"),
            ),
            Prefetch("appearances__person__positions", queryset=positions_with_organisations()),
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
        # Sessions in the order the programme first reaches them.
        sessions = {}
        for appearance in self.object.appearances.all():
            sessions.setdefault(appearance.session, []).append(appearance)
        return super().get_context_data(programme=list(sessions.items()), **kwargs)
