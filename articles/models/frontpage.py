from django.conf import settings
from django.db import models


class FrontPagePin(models.Model):
    """A story the editors placed at the top of the front page, in their order.

    The lowest position is the lead. A pin counts only while its story is
    published and until `expires_at`; the rest of the page is newest first.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="front_page_pin"
    )
    position = models.PositiveSmallIntegerField(
        default=1, help_text="1 is the lead; then the top stories in this order."
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to keep it until unpinned."
    )
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pinned_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "-pinned_at"]
        verbose_name = "front-page pin"
        indexes = [models.Index(fields=["position"], name="frontpagepin_position_idx")]

    def __str__(self):
        return f"{self.position}. {self.article}"

    @property
    def expired(self):
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= timezone.now()
