import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.articles import Article


class Transition(models.Model):
    """One recorded change of an article's status: who, when, from, to and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="The publication time set by this transition."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"], name="transition_article_idx")]

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class StaffNote(models.Model):
    """A note between colleagues about an article; never shown to readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="staff_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        # A note with no author came from the wire import run on the command line.
        return f"Note by {self.author or 'the wire import'} on {self.article}"


class EditSession(models.Model):
    """Who has an article's change form open, so a second editor is warned."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="edit_sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="editsession_unique"),
        ]

    def __str__(self):
        return f"{self.user} editing {self.article}"


def _new_token():
    return secrets.token_urlsafe(24)


class ShareLink(models.Model):
    """A read-only preview of an unpublished article for someone without an account."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(
        max_length=200, blank=True, help_text='Who it is for, e.g. "quote check with source".'
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for {self.article}"

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
