"""The stories, quotes and photos on the pages of people, organisations and
events, registered with `entities.related` when the app is ready."""

from django.db.models import Exists, OuterRef, Prefetch

from articles.coverage import in_published_article, published_quotes
from articles.models import Article, ArticleAuthor, Mention, Photo, PhotoPerson
from articles.renditions import prefetch_renditions
from entities import related


def person_prefetches():
    return [
        Prefetch(
            "quotes",
            queryset=published_quotes().order_by("-article__published_at", "order", "pk"),
        ),
    ]


def person_context(person):
    """The stories by and mentioning the person, in one query, and the photos showing
    them and those they took, in another."""
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
        **stories_about(person),
        "photos_shown_in": [photo for photo in photos if photo.shows_person],
        "photos_taken": [photo for photo in photos if photo.photographer_id == person.pk],
    }


def stories_about(person):
    """{"stories_by": [...], "mentioned_in": [...]}: published stories, newest first."""
    written = ArticleAuthor.objects.filter(person=person)
    mentioning = Mention.objects.confirmed().filter(person=person)
    stories = list(
        Article.objects.published()
        # One IN over a union: two INs joined by OR made PostgreSQL scan every
        # published story (~580 ms at 100,000) instead of looking up a few.
        .filter(
            pk__in=written.order_by()
            .values("article")
            .union(mentioning.order_by().values("article"))
        )
        .annotate(
            by_person=Exists(written.filter(article=OuterRef("pk"))),
            mentions_person=Exists(mentioning.filter(article=OuterRef("pk"))),
        )
        .select_related("section")
        .order_by("-published_at", "pk")
    )
    return {
        "stories_by": [story for story in stories if story.by_person],
        "mentioned_in": [story for story in stories if story.mentions_person],
    }


def organisation_context(organisation):
    """{"mentions": [...]}: its confirmed mentions in published stories, newest first."""
    mentions = (
        Mention.objects.confirmed()
        .filter(in_published_article(), organisation=organisation)
        .select_related("article__section")
        .order_by("-article__published_at", "pk")
    )
    return {"mentions": list(mentions)}


def event_context(event):
    """{"stories": [...], "photos": [...]}: the published stories about the event and
    the photos of it readers may see, with their renditions."""
    photos = list(Photo.objects.public().filter(event=event))
    prefetch_renditions(photos)
    stories = Article.objects.published().filter(events=event).select_related("section")
    return {"stories": list(stories), "photos": photos}


def register():
    related.register("person", prefetches=person_prefetches, context=person_context)
    related.register("organisation", context=organisation_context)
    related.register("event", context=event_context)
