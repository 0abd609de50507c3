"""What a merge of two people, organisations or events moves among stories,
quotes, mentions and photos; registered with `entities.merging` when the app
is ready."""

from articles.models import Article, ArticleAuthor, Mention, Photo, PhotoPerson, Quote
from entities.merging import move_rows, register_mover, serialised
from entities.models import Event, Organisation, Person
from entities.protection import register_use_filter

# Which decision wins when both records are mentioned by one article.
STATUS_STRENGTH = {
    Mention.Status.CONFIRMED: 2,
    Mention.Status.SUGGESTED: 1,
    Mention.Status.REJECTED: 0,
}


def move_mentions(report, kind, duplicate, survivor):
    """Mentions move like other rows; when both were mentioned, the firmer decision stays."""
    theirs = {m.article_id: m for m in Mention.objects.filter(**{kind: survivor})}
    dropped = []
    for mention in Mention.objects.filter(**{kind: duplicate}, article_id__in=list(theirs)):
        other = theirs[mention.article_id]
        loser = (
            other if STATUS_STRENGTH[mention.status] > STATUS_STRENGTH[other.status] else mention
        )
        dropped.extend(serialised([loser]))
        loser.delete()
    moved = Mention.objects.filter(**{kind: duplicate}).order_by("pk")
    ids = list(moved.values_list("pk", flat=True))
    moved.update(**{kind: survivor})
    report["mentions"] = {"moved": ids, "dropped": dropped}


def move_person(report, duplicate, survivor):
    move_mentions(report, "person", duplicate, survivor)
    move_rows(report, "quotes", Quote.objects.filter(person=duplicate), "person", survivor)
    move_rows(
        report,
        "bylines",
        ArticleAuthor.objects.filter(person=duplicate),
        "person",
        survivor,
        ["article"],
    )
    move_rows(
        report,
        "photos_shown",
        PhotoPerson.objects.filter(person=duplicate),
        "person",
        survivor,
        ["photo"],
    )
    move_rows(
        report,
        "photos_taken",
        Photo.objects.filter(photographer=duplicate),
        "photographer",
        survivor,
    )


def move_organisation(report, duplicate, survivor):
    move_mentions(report, "organisation", duplicate, survivor)
    move_rows(report, "photos_provided", Photo.objects.filter(source=duplicate), "source", survivor)
    shown = Photo.organisations_shown.through.objects
    move_rows(
        report,
        "photos_shown",
        shown.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["photo"],
    )


def move_event(report, duplicate, survivor):
    move_mentions(report, "event", duplicate, survivor)
    move_rows(report, "quotes", Quote.objects.filter(event=duplicate), "event", survivor)
    move_rows(report, "photos", Photo.objects.filter(event=duplicate), "event", survivor)
    covering = Article.events.through.objects
    move_rows(report, "articles", covering.filter(event=duplicate), "event", survivor, ["article"])


def register():
    register_mover(Person, move_person)
    register_mover(Organisation, move_organisation)
    register_mover(Event, move_event)
    # A rejected suggestion records a mistake, not a use: it does not stop a deletion.
    register_use_filter(Mention, lambda mentions: mentions.exclude(status=Mention.Status.REJECTED))
