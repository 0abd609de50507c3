"""What each API resource reads, always starting from what readers may see."""

from django.db.models import Prefetch

from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    Correction,
    Photo,
    PhotoPerson,
    Quote,
)
from articles.views.corrections import in_published_article, oldest_first
from articles.views.public import article_parts
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


def photo_parts(prefix=""):
    return [
        f"{prefix}renditions",
        Prefetch(
            f"{prefix}people_in_photo",
            queryset=PhotoPerson.objects.filter(status=PhotoPerson.Status.CONFIRMED).select_related(
                "person"
            ),
            to_attr="confirmed_people",
        ),
    ]


def article_list():
    return (
        Article.objects.published()
        .select_related("section", "lead_photo__photographer")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("person")),
            "tags",
            *photo_parts("lead_photo__"),
        )
    )


def article_detail():
    parts = [
        part
        for part in article_parts()
        if not (isinstance(part, Prefetch) and part.prefetch_to == "placements")
    ]
    return (
        Article.objects.published()
        .select_related("section", "lead_photo__photographer")
        .prefetch_related(
            *parts,
            *photo_parts("lead_photo__"),
            Prefetch(
                "placements",
                queryset=ArticlePhoto.objects.select_related(
                    "photo__photographer"
                ).prefetch_related(*photo_parts("photo__")),
            ),
            Prefetch("quotes", queryset=Quote.objects.select_related("person", "event")),
            oldest_first(),
        )
    )


def photos():
    return Photo.objects.public().select_related("photographer").prefetch_related(*photo_parts())


def quotes():
    return Quote.objects.filter(in_published_article()).select_related("person", "event", "article")


def corrections():
    return Correction.objects.filter(in_published_article()).select_related("article")


def people():
    return Person.objects.prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organisation"))
    )


def person_detail():
    return people().prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("event", "position__organisation").order_by(
                "-event__start_date", "order", "pk"
            ),
        )
    )


def organisations():
    return Organisation.objects.select_related("parent")


def events():
    return Event.objects.prefetch_related("hosts")


def event_detail():
    return events().prefetch_related(
        Prefetch("supports", queryset=EventSupport.objects.select_related("organisation")),
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("person", "position__organisation"),
        ),
        Prefetch(
            "documents",
            queryset=Document.objects.prefetch_related(
                Prefetch(
                    "publications",
                    queryset=DocumentPublisher.objects.select_related("organisation"),
                )
            ),
        ),
    )
