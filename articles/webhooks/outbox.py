"""Writing webhook events to the outbox, in the same transaction as the change.

Callers are the service functions that change what readers see (the workflow,
the trash, corrections) and the article's save signal. An event is only a
row here; the background worker sends it (see `delivery`), so an editor's
action never waits for a partner's server, and nothing is lost when that
server or the worker is down.
"""

from django.utils import timezone

from articles.webhooks.delivery import schedule
from articles.webhooks.models import EventKind, WebhookDelivery, WebhookEndpoint, WebhookEvent


def endpoints_for(kind):
    # A handful of rows; a JSON "contains" lookup is not available on every database.
    return [e for e in WebhookEndpoint.objects.filter(is_active=True) if kind in e.events]


def record(kind, article, *, correction=None, not_before=None):
    """One event about `article`, with a delivery for every endpoint that wants it."""
    endpoints = endpoints_for(kind)
    if not endpoints:
        return None
    now = timezone.now()
    event = WebhookEvent.objects.create(
        kind=kind,
        article=article,
        article_ref=article.pk,
        correction=correction,
        not_before=max(not_before or now, now),
        published_at=article.published_at if kind == EventKind.PUBLISHED else None,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(event=event, endpoint=endpoint, next_attempt_at=event.not_before)
            for endpoint in endpoints
        ]
    )
    for item in deliveries:
        schedule(item.pk, event.not_before)
    return event


def after_transition(article, action, was_public):
    """The event a workflow step means for partners, if any."""
    if action == "publish":
        record(EventKind.PUBLISHED, article)
    elif action == "schedule":
        # Sent when the story goes live, if it still does then (see delivery.render).
        record(EventKind.PUBLISHED, article, not_before=article.published_at)
    elif action == "unpublish" and was_public:
        record(EventKind.UNPUBLISHED, article)
    elif action == "unpublish":
        # Taken back before it went live: its "published" event never goes out,
        # even should it be scheduled again for the very same time.
        WebhookDelivery.objects.filter(
            event__article=article,
            event__kind=EventKind.PUBLISHED,
            status=WebhookDelivery.Status.PENDING,
        ).update(
            status=WebhookDelivery.Status.CANCELLED, last_error="Taken back before it went live."
        )


def taken_down(article):
    """A public story left the site another way (the trash)."""
    record(EventKind.UNPUBLISHED, article)


def corrected(article, correction):
    record(EventKind.CORRECTED, article, correction=correction)


def updated(article):
    """A public story was edited and is still public.

    Bodies are rendered when first sent, so an "updated" event still waiting
    to go out will already carry this edit: a burst of saves makes one event.
    """
    waiting = WebhookEvent.objects.filter(
        article=article,
        kind=EventKind.UPDATED,
        body="",
        deliveries__status=WebhookDelivery.Status.PENDING,
        not_before__lte=timezone.now(),
    )
    if not waiting.exists():
        record(EventKind.UPDATED, article)
