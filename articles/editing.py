"""Two editors on one article: presence warnings and the optimistic version check."""

import datetime

from django.utils import timezone

from articles.models import Article, EditSession

# A short lease: the open change form renews it every PING_INTERVAL (see
# articles/static/articles/admin/presence.js), so "X is editing" goes away
# within a few minutes of X leaving, even when the page could not say goodbye.
PING_INTERVAL = datetime.timedelta(seconds=60)
SESSION_TIMEOUT = datetime.timedelta(minutes=3)


class EditConflict(Exception):
    """The article was saved by someone else after this form was opened."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"“{current}” was changed by someone else after you opened it.")


def open_for_edit(article, user):
    """Record that `user` has the article open; return the others who have it open.

    Called on opening the form and again on each ping while it stays open: one
    read of the article's sessions and one insert-or-update of the user's own.
    """
    now = timezone.now()
    cutoff = now - SESSION_TIMEOUT
    sessions = list(EditSession.objects.filter(article=article).select_related("user"))
    mine = next((session for session in sessions if session.user_id == user.pk), None)
    if mine is None:
        # Inserted, or renewed if the same user's other tab got there first.
        EditSession.objects.bulk_create(
            [EditSession(article=article, user=user, started_at=now, last_seen_at=now)],
            update_conflicts=True,
            unique_fields=["article", "user"],
            update_fields=["started_at", "last_seen_at"],
        )
    else:
        renewed = {"last_seen_at": now}
        if mine.last_seen_at < cutoff:
            # A lease that lapsed starts again: "editing since" counts from now.
            renewed["started_at"] = now
        EditSession.objects.filter(pk=mine.pk).update(**renewed)
    return [
        session
        for session in sessions
        if session.user_id != user.pk and session.last_seen_at >= cutoff
    ]


def describe(session):
    started = timezone.localtime(session.started_at)
    return f"{session.user} is editing since {started:%H:%M} (Hong Kong time)."


def close(article, user):
    EditSession.objects.filter(article=article, user=user).delete()


def check_version(article_pk, expected_version):
    """Lock the article's row and raise EditConflict if its version moved on.

    Call inside a transaction that then saves the article, so no other save can
    slip in between the check and the write.
    """
    current = Article.objects.select_for_update().get(pk=article_pk)
    if current.version != int(expected_version):
        raise EditConflict(current)
    return current
