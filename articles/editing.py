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

    Called on opening the form and again on each ping while it stays open.
    """
    now = timezone.now()
    session, created = EditSession.objects.get_or_create(
        article=article, user=user, defaults={"started_at": now, "last_seen_at": now}
    )
    if not created:
        if session.last_seen_at < now - SESSION_TIMEOUT:
            session.started_at = now
        session.last_seen_at = now
        session.save(update_fields=["started_at", "last_seen_at"])
    return list(
        EditSession.objects.filter(article=article, last_seen_at__gte=now - SESSION_TIMEOUT)
        .exclude(user=user)
        .select_related("user")
    )


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
