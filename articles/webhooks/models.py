"""Partners' webhook endpoints, the outbox of events for them, and every attempt to send one."""

import secrets
import uuid

from django.db import models
from django.utils import timezone


def new_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class EventKind(models.TextChoices):
    PUBLISHED = "article.published", "Article published"
    UPDATED = "article.updated", "Article updated after publication"
    CORRECTED = "article.corrected", "Correction added"
    UNPUBLISHED = "article.unpublished", "Article unpublished"


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=200, help_text="The partner, e.g. “Harbour Daily”.")
    url = models.URLField("address", max_length=500, help_text="Where events are POSTed.")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Signs every delivery; give it to the partner to check the signature.",
    )
    events = models.JSONField(default=list, help_text="The kinds of event sent here.")
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return self.name


class WebhookEvent(models.Model):
    """Something partners are told about; its id is the event id they deduplicate on.

    The body is rendered when the event is first sent and then kept, so every
    attempt, and every endpoint, gets the same bytes. An event about a story
    that is not public by then is cancelled instead of sent.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    article_ref = models.PositiveBigIntegerField(
        help_text="The article's id, kept should the article be deleted."
    )
    correction = models.ForeignKey(
        "articles.Correction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A scheduled story's "published" event waits for its time, and is only
    # sent if the story still goes live then.
    not_before = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    body = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "kind"], name="webhookevent_article_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.article_ref} ({self.id})"


class WebhookDelivery(models.Model):
    """One event for one endpoint: the outbox row, written with the change itself."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # Set while one worker sends it, so that a second one leaves it alone.
    claimed_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "endpoint"], name="webhookdelivery_once_per_endpoint"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="webhookdelivery_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.event.get_kind_display()} to {self.endpoint}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    response_excerpt = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "attempt"

    def __str__(self):
        return f"Attempt {self.number}: {self.status_code or self.error[:40]}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
