"""The stories, quotes and photos on the pages of people, organisations and
events, registered with `entities.related` when the app is ready."""

from django.db.models import Exists, OuterRef, Prefetch

from articles.models import Article, Mention, Photo, PhotoPerson, Quote
from articles.renditions import prefetch_renditions
from entities import related


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


def person_prefetches():
    return [
        Prefetch(
            "quotes",
            queryset=Quote.objects.filter(in_published_article())
            .select_related("article")
            .order_by("-article__published_at", "order", "pk"),
        ),
        Prefetch(
            "authored_articles", queryset=Article.objects.published().select_related("section")
        ),
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
    ]


def person_context(person):
    prefetch_renditions([*person.photos_shown_in.all(), *person.photos_taken.all()])
    return {}


def organisation_prefetches():
    return [confirmed_mentions()]


def event_prefetches():
    return [
        Prefetch("articles", queryset=Article.objects.published().select_related("section")),
        Prefetch("photos", queryset=Photo.objects.public()),
    ]


def event_context(event):
    prefetch_renditions(event.photos.all())
    return {}


def register():
    related.register("person", prefetches=person_prefetches, context=person_context)
    related.register("organisation", prefetches=organisation_prefetches)
    related.register("event", prefetches=event_prefetches, context=event_context)
