"""The stories, quotes and photos on the pages of people, organisations and
events, registered with `entities.related` when the app is ready."""

from django.db.models import Exists, OuterRef, Prefetch

from articles.coverage import in_published_article, published_quotes
from articles.models import Article, Mention, Photo, PhotoPerson
from articles.renditions import prefetch_renditions
from entities import related


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
            queryset=published_quotes().order_by("-article__published_at", "order", "pk"),
        ),
        Prefetch(
            "authored_articles", queryset=Article.objects.published().select_related("section")
        ),
        confirmed_mentions(),
    ]


def person_context(person):
    """Photos showing the person and photos they took, in one query."""
    confirmed = PhotoPerson.objects.filter(person=person, status=PhotoPerson.Status.CONFIRMED)
    # Theirs first, by index, then whether each is public: filtered on the
    # annotation, SQLite tested every public photo (~340 ms at 50,000 photos);
    # with the two as an OR, PostgreSQL made a set of every published story's
    # photos for the person's two (~360 ms at 100,000 stories, 2 ms as a union).
    theirs = (
        confirmed.order_by()
        .values("photo")
        .union(Photo.objects.filter(photographer=person).order_by().values("pk"))
    )
    photos = list(
        Photo.objects.public()
        .annotate(shows_person=Exists(confirmed.filter(photo=OuterRef("pk"))))
        .filter(pk__in=theirs)
    )
    prefetch_renditions(photos)
    return {
        "photos_shown_in": [photo for photo in photos if photo.shows_person],
        "photos_taken": [photo for photo in photos if photo.photographer_id == person.pk],
    }


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
