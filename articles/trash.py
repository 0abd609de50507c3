"""The article trash: deleting an article moves it here, and it can be restored for a while.

An article in the trash keeps its row, its parts and its slug, so nothing is
lost to a slip of the mouse; `published()` never returns it. After
NEWSDESK["TRASH_DAYS"] days `purge_trash` deletes it for good.

A restored article that was live comes back unpublished rather than live
again: it was taken down on purpose, perhaps for a legal reason, and going
back before readers needs the desk's decision through the usual workflow.
"""

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Transition
from articles.webhooks import outbox

S = Article.Status


class TrashError(Exception):
    pass


def retention():
    return datetime.timedelta(days=settings.NEWSDESK.get("TRASH_DAYS", 30))


def purge_due(now=None):
    """Articles whose time in the trash is over."""
    cutoff = (now or timezone.now()) - retention()
    return Article.objects.in_trash().filter(trashed_at__lte=cutoff)


def expires_at(article):
    return article.trashed_at + retention()


def days_left(article, now=None):
    """Whole days, rounded up, during which the article can still be restored."""
    remaining = expires_at(article) - (now or timezone.now())
    return max(0, math.ceil(remaining.total_seconds() / 86400))


def status_after_restore(article):
    return S.UNPUBLISHED if article.status in Article.LIVE_STATUSES else article.status


def trash(articles, user):
    """Move each of `articles` to the trash; returns how many were moved."""
    moved = 0
    now = timezone.now()
    with transaction.atomic():
        pks = [article.pk for article in articles]
        for current in Article.objects.select_for_update().filter(pk__in=pks).not_trashed():
            was_public = current.is_public
            current.trashed_at = now
            current.trashed_by = user
            current._change_reason = "Moved to the trash."
            current._history_user = user
            current.save()
            Transition.objects.create(
                article=current,
                action="trash",
                from_status=current.status,
                to_status=current.status,
                user=user,
                note="Moved to the trash.",
                created_at=now,
            )
            if was_public:
                outbox.taken_down(current)
            moved += 1
    return moved


def restore(article, user):
    """Take `article` out of the trash, or raise TrashError changing nothing."""
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.trashed_at is None:
            raise TrashError(f"“{current}” is not in the trash.")
        if days_left(current) == 0:
            raise TrashError(f"“{current}” has been in the trash too long to be restored.")
        from_status, to_status = current.status, status_after_restore(current)
        note = "Restored from the trash."
        if to_status != from_status:
            note += " It was live, so it comes back unpublished."
        current.status = to_status
        current.trashed_at = None
        current.trashed_by = None
        current._change_reason = note
        current._history_user = user
        current.save()
        Transition.objects.create(
            article=current,
            action="restore",
            from_status=from_status,
            to_status=to_status,
            user=user,
            note=note,
        )
    article.refresh_from_db()
    return article


def purge(now=None):
    """Delete for good every article trashed longer ago than the retention; returns the count."""
    with transaction.atomic():
        pks = list(purge_due(now).values_list("pk", flat=True))
        Article.objects.filter(pk__in=pks).delete()
    return len(pks)
