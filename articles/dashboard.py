"""What each role finds on the admin's front page: one query per panel, whatever the numbers."""

from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import dateformat, timezone

from articles.models import Article, Mention, Transition

LIMIT = 8
# The desk schedules in Hong Kong time, wherever the server or the reader is.
NEWSROOM_TZ = ZoneInfo("Asia/Hong_Kong")


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    items: list = field(default_factory=list)
    empty: str = "Nothing here."
    count: int | None = None
    link: str = ""


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _items(articles, detail=lambda article: ""):
    return [Item(article.headline, _change_url(article), detail(article)) for article in articles]


def _newsroom_time(moment):
    return dateformat.format(timezone.localtime(moment, NEWSROOM_TZ), "D j M, H:i") + " HKT"


def my_drafts(user):
    drafts = Article.objects.not_trashed().filter(created_by=user, status=Article.Status.DRAFT)
    return Panel(
        "my_drafts",
        "My drafts",
        _items(drafts.only("headline").order_by("-updated_at", "-pk")[:LIMIT]),
        empty="No drafts of yours.",
    )


def awaiting_review():
    waiting = Article.objects.not_trashed().filter(status=Article.Status.IN_REVIEW).only("headline")
    return Panel(
        "awaiting_review",
        "Awaiting review",
        # The longest-waiting first.
        _items(waiting.order_by("updated_at", "pk")[:LIMIT]),
        empty="Nothing to review.",
    )


def returned_to(user):
    latest = Transition.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-pk")
    returned = (
        Article.objects.not_trashed()
        .filter(created_by=user, status=Article.Status.DRAFT)
        .annotate(
            last_action=Subquery(latest.values("action")[:1]),
            return_note=Subquery(latest.values("note")[:1]),
        )
        .filter(last_action="return")
        .only("headline")
        .order_by("-updated_at", "-pk")
    )
    return Panel(
        "returned",
        "Returned to you with notes",
        _items(returned[:LIMIT], lambda article: article.return_note),
        empty="Nothing returned to you.",
    )


def scheduled_next():
    upcoming = (
        Article.objects.not_trashed()
        .filter(status=Article.Status.SCHEDULED, published_at__gt=timezone.now())
        .only("headline", "published_at")
    )
    return Panel(
        "scheduled",
        "Scheduled next",
        _items(
            upcoming.order_by("published_at", "pk")[:LIMIT],
            lambda article: _newsroom_time(article.published_at),
        ),
        empty="Nothing scheduled.",
    )


def recently_published():
    recent = Article.objects.published().only("headline", "published_at")
    return Panel(
        "published",
        "Recently published",
        _items(
            recent.order_by("-published_at", "-pk")[:LIMIT],
            lambda a: _newsroom_time(a.published_at),
        ),
        empty="Nothing published yet.",
    )


def suggestions_waiting():
    changelist = reverse("admin:articles_mention_changelist")
    status = Mention.Status.SUGGESTED
    return Panel(
        "suggestions",
        "Entity suggestions waiting",
        count=Mention.objects.suggested().filter(article__trashed_at__isnull=True).count(),
        link=f"{changelist}?{urlencode({'status__exact': status})}",
        empty="No suggestions waiting.",
    )


def panels_for(user):
    """The panels `user`'s permissions make useful, in the order they are shown."""
    panels = []
    if user.has_perm("articles.add_article"):
        panels.append(my_drafts(user))
    if user.has_perm("articles.review_article"):
        panels.append(awaiting_review())
    elif user.has_perm("articles.add_article"):
        # Whoever returns articles is not waiting for them to come back.
        panels.append(returned_to(user))
    if user.has_perm("articles.view_article"):
        panels += [scheduled_next(), recently_published()]
    # Deciding suggestions is the work of whoever keeps the register of people.
    if user.has_perm("articles.change_mention") and user.has_perm("entities.change_person"):
        panels.append(suggestions_waiting())
    return panels
