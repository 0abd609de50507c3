from django.conf import settings
from django.db import models


class CopyDeskItem(models.Model):
    """A copy-desk warning kept with its story until someone decides on it.

    Warnings from an import (or any other source) are stored as they come;
    warnings the checks compute are stored only once decided, so that a
    dismissal sticks. `key` identifies the warning within its story.
    """

    class Source(models.TextChoices):
        IMPORT = "import", "Wire import"
        CHECK = "check", "Copy desk check"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"
        OVERRIDDEN = "overridden", "Published over"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="copydesk_items"
    )
    key = models.CharField(max_length=255)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.CHECK)
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "copy-desk item"
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="copydeskitem_unique_key"),
        ]

    def __str__(self):
        return self.message
