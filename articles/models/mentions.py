from django.conf import settings
from django.db import models
from django.db.models import Q

from articles.managers import MentionQuerySet

_TARGETS = ("person", "organisation", "event")


def _only(field):
    return Q(**{f"{name}__isnull": name != field for name in _TARGETS})


class Mention(models.Model):
    """An entity an article mentions: suggested by a scan, decided by a person."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="mentions"
    )
    person = models.ForeignKey(
        "entities.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    organisation = models.ForeignKey(
        "entities.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentions",
    )
    event = models.ForeignKey(
        "entities.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    snippet = models.CharField(max_length=300, blank=True, help_text="The text that matched.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="mention_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=_only("person") | _only("organisation") | _only("event"),
                name="mention_exactly_one_entity",
                violation_error_message=(
                    "A mention names exactly one person, organisation or event."
                ),
            ),
            *[
                models.UniqueConstraint(
                    fields=["article", name],
                    condition=Q(**{f"{name}__isnull": False}),
                    name=f"mention_unique_{name}",
                )
                for name in _TARGETS
            ],
        ]

    def __str__(self):
        return f"{self.entity} in {self.article} ({self.get_status_display()})"

    @property
    def kind(self):
        return next(name for name in _TARGETS if getattr(self, f"{name}_id"))

    @property
    def entity(self):
        return getattr(self, self.kind)
