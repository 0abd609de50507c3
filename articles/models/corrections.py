from django.conf import settings
from django.db import models
from django.utils import timezone


class Correction(models.Model):
    """A correction or clarification appended to a published story, shown with its date.

    Added only through `articles.corrections.add`, which records it in the
    story's history and tells the partners' webhooks.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right, as readers will see it.")
    made_at = models.DateTimeField("date", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [
            # The corrections log walks this backwards, newest first.
            models.Index(fields=["made_at"], name="correction_made_at_idx"),
            models.Index(fields=["article", "made_at"], name="correction_article_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="correction_has_text",
                violation_error_message="A correction needs its text.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"
