"""Sending webhook deliveries: render once, sign, POST, log the attempt, retry with backoff.

Each delivery is its own background task. A failed attempt schedules the next
one itself, twice as far off each time, in the same transaction that logs the
attempt; after WEBHOOK_MAX_ATTEMPTS it gives up, and the admin can send it
again. A delivery is claimed before it is sent, so two workers (or a retry and
a "send again") never send it at the same time.
"""

import datetime
import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.webhooks import signing
from articles.webhooks.models import EventKind, WebhookAttempt, WebhookDelivery, WebhookEvent

try:  # Django 6.0 has the tasks API built in; 5.2 has the backport.
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

S = WebhookDelivery.Status
logger = logging.getLogger(__name__)
LONGEST_WAIT = datetime.timedelta(hours=6)
EXCERPT = 500


def options():
    return (
        settings.NEWSDESK["WEBHOOK_RETRY_SECONDS"],
        settings.NEWSDESK["WEBHOOK_MAX_ATTEMPTS"],
        settings.NEWSDESK["WEBHOOK_TIMEOUT_SECONDS"],
    )


def backoff(attempts):
    """How long to wait after the `attempts`-th failure: base, 2 x base, 4 x base... (capped)."""
    base, _, _ = options()
    return min(datetime.timedelta(seconds=base * 2 ** (attempts - 1)), LONGEST_WAIT)


@task()
def deliver(delivery_id):
    return send_due(delivery_id)


def schedule(delivery_id, when=None):
    """Hand the delivery to the worker, to run at `when` (now if None or past).

    With the database backend the task is a row written in the current
    transaction, beside the outbox row: both are kept or neither. Other
    backends (tests run tasks at once) get it after the commit; one that cannot
    wait leaves a later delivery to `manage.py send_webhooks`.
    """
    from django_tasks_db import DatabaseBackend

    later = when is not None and when > timezone.now()
    runner = deliver
    backend = runner.get_backend()
    if later:
        if not backend.supports_defer:
            return
        runner = deliver.using(run_after=when)
    if isinstance(backend, DatabaseBackend):
        runner.enqueue(delivery_id)
    else:
        transaction.on_commit(lambda: runner.enqueue(delivery_id))


def site_address(path):
    if urlsplit(path).scheme:
        return path
    return settings.NEWSDESK["SITE_URL"] + path


def render(event):
    """The event's JSON body, or None when the story it is about is no longer public."""
    from articles.api import queries, serializers
    from articles.story_blocks import story_blocks

    data = {}
    if event.kind == EventKind.UNPUBLISHED:
        # Only which story: what it said is no longer for readers.
        data["article"] = {"id": event.article_ref}
    else:
        article = queries.article_detail().filter(pk=event.article_ref).first()
        if article is None:
            return None
        queries.load_photos(article)
        if event.kind == EventKind.PUBLISHED and article.published_at != event.published_at:
            return None  # rescheduled since: a newer event tells of it
        if event.kind == EventKind.CORRECTED:
            correction = next(
                (c for c in article.corrections.all() if c.pk == event.correction_id), None
            )
            if correction is None:
                return None
            data["correction"] = serializers.correction(correction, site_address)
        data["article"] = serializers.article_detail(article, site_address, story_blocks(article))
    payload = {
        "id": str(event.id),
        "type": event.kind,
        "created_at": serializers.iso(event.created_at),
        "data": data,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def frozen_body(event):
    """Rendered once, on the first attempt of any endpoint; every later attempt sends the same."""
    if event.body:
        return event.body
    body = render(event)
    if body is None:
        return None
    WebhookEvent.objects.filter(pk=event.pk, body="").update(body=body)
    event.refresh_from_db(fields=["body"])
    return event.body


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is answered as a failure, never followed


OPENER = urllib.request.build_opener(NoRedirects)


def post(endpoint, event, body):
    """(status code or None, error text, response excerpt)."""
    _, _, timeout = options()
    timestamp = str(int(time.time()))
    data = body.encode()
    request = urllib.request.Request(
        endpoint.url,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"{settings.NEWSDESK['SITE_NAME']}-Webhooks/1",
            signing.EVENT_ID_HEADER: str(event.id),
            signing.EVENT_TYPE_HEADER: event.kind,
            signing.TIMESTAMP_HEADER: timestamp,
            signing.SIGNATURE_HEADER: signing.signature(endpoint.secret, timestamp, data),
        },
    )
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, "", response.read(EXCERPT).decode(errors="replace")
    except urllib.error.HTTPError as error:
        excerpt = error.read(EXCERPT).decode(errors="replace") if error.fp else ""
        return error.code, f"HTTP {error.code} {error.reason}", excerpt
    except (OSError, ValueError) as error:  # refused, timed out, bad address
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}", ""


def claim(delivery_id, now):
    _, _, timeout = options()
    return (
        WebhookDelivery.objects.filter(pk=delivery_id, status=S.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + datetime.timedelta(seconds=timeout + 30))
    )


def cancel(deliveries, reason):
    deliveries.filter(status=S.PENDING).update(
        status=S.CANCELLED, last_error=reason, claimed_until=None
    )


def send_due(delivery_id):
    """Send the delivery if it is due and nobody else is sending it; returns what happened."""
    now = timezone.now()
    if not claim(delivery_id, now):
        return "not due"
    delivery = WebhookDelivery.objects.select_related("event", "endpoint").get(pk=delivery_id)
    event, endpoint = delivery.event, delivery.endpoint
    if not endpoint.is_active:
        cancel(WebhookDelivery.objects.filter(pk=delivery.pk), "The endpoint is switched off.")
        return "cancelled"
    started = timezone.now()
    clock = time.monotonic()
    try:
        body = frozen_body(event)
        if body is None:
            cancel(event.deliveries.all(), "The story is no longer public.")
            return "cancelled"
        status_code, error, excerpt = post(endpoint, event, body)
    except Exception as problem:  # logged as an attempt and retried, never left claimed
        logger.exception("Webhook delivery %s failed before it was sent", delivery_id)
        status_code, error, excerpt = None, f"Internal error: {problem!r}", ""
    succeeded = status_code is not None and 200 <= status_code < 300
    if status_code is not None and not succeeded and not error:
        error = f"HTTP {status_code}"
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        delivery.attempts += 1
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.log.count() + 1,
            started_at=started,
            status_code=status_code,
            error=error,
            response_excerpt=excerpt,
            duration_ms=int((time.monotonic() - clock) * 1000),
        )
        delivery.claimed_until = None
        delivery.last_error = error
        _, max_attempts, _ = options()
        if succeeded:
            delivery.status, delivery.delivered_at = S.DELIVERED, timezone.now()
        elif delivery.attempts >= max_attempts:
            delivery.status = S.FAILED
        else:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
            schedule(delivery.pk, delivery.next_attempt_at)
        delivery.save()
    return delivery.status


def send_again(deliveries):
    """Queue `deliveries` afresh (the admin's "send again"): same event id, same body."""
    count = 0
    # Locked by id alone: the admin's queryset joins tables PostgreSQL cannot lock.
    pks = list(deliveries.values_list("pk", flat=True))
    with transaction.atomic():
        for delivery in WebhookDelivery.objects.select_for_update().filter(pk__in=pks):
            delivery.status = S.PENDING
            delivery.attempts = 0
            delivery.next_attempt_at = timezone.now()
            delivery.claimed_until = None
            delivery.save()
            schedule(delivery.pk)
            count += 1
    return count


def due():
    return WebhookDelivery.objects.filter(status=S.PENDING, next_attempt_at__lte=timezone.now())
