from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q


class MergeRecord(models.Model):
    """A duplicate merged into a surviving record: where its address now leads.

    `moved` keeps the duplicate's own field values and the ids of every row
    that moved, so that a wrong merge can be undone by hand.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        EVENT = "event", "Event"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    merged_slug = models.SlugField(max_length=255, db_index=False)
    merged_name = models.CharField(max_length=255)
    # The survivor; a later merge of the survivor itself moves these on, so a
    # chain of merges always leads to the record that still exists.
    person = models.ForeignKey(
        "entities.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="merges"
    )
    organisation = models.ForeignKey(
        "entities.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merges",
    )
    event = models.ForeignKey(
        "entities.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="merges"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        indexes = [models.Index(fields=["kind", "merged_slug"], name="mergerecord_slug_idx")]
        constraints = [
            models.CheckConstraint(
                # The survivor may since have been deleted, leaving no target.
                condition=Q(kind="person", organisation__isnull=True, event__isnull=True)
                | Q(kind="organisation", person__isnull=True, event__isnull=True)
                | Q(kind="event", person__isnull=True, organisation__isnull=True),
                name="mergerecord_target_of_its_kind",
            ),
        ]

    def __str__(self):
        return f"{self.merged_name} → {self.target or 'deleted'}"

    @property
    def target(self):
        return getattr(self, self.kind)
