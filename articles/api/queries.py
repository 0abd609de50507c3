"""What each API resource reads, always starting from what readers may see."""

from django.db.models import Prefetch, prefetch_related_objects

from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    Correction,
    Photo,
    PhotoPerson,
    Quote,
)
from articles.renditions import RENDITION_LIST
from articles.views.corrections import in_published_article, load_corrections, with_correction_flag
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


# Lists, not querysets (`to_attr`): for each row of a page, Django builds the
# filtered queryset a prefetched relation stands for, and taggit the join of
# a story's tags; for a page of 100 stories that was ~40% of its time.
def photo_parts(prefix=""):
    return [
        Prefetch(f"{prefix}renditions", to_attr=RENDITION_LIST),
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
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("person"),
                to_attr="byline_list",
            ),
            Prefetch("tags", to_attr="tag_list"),
            *photo_parts("lead_photo__"),
        )
    )


def article_detail():
    """A story and what its page shows; the photos' parts come with `load_photos`."""
    parts = [
        part
        for part in article_parts()
        if not (isinstance(part, Prefetch) and part.prefetch_to == "placements")
    ]
    return with_correction_flag(
        Article.objects.published()
        .select_related("section", "lead_photo__photographer")
        .prefetch_related(
            *parts,
            Prefetch(
                "placements", queryset=ArticlePhoto.objects.select_related("photo__photographer")
            ),
            Prefetch("quotes", queryset=Quote.objects.select_related("person", "event")),
        )
    )


def load_photos(article):
    """The renditions and people of the story's lead and placed photos, two queries for
    all (four, asked photo relation by photo relation), and its corrections, if any."""
    photos = [article.lead_photo, *(placement.photo for placement in article.placements.all())]
    prefetch_related_objects([photo for photo in photos if photo is not None], *photo_parts())
    load_corrections(article)


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
