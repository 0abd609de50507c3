from django.db import models


class WirePhoto(models.Model):
    """A wire photo's caption waiting for its image; a Photo cannot exist without one."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="wire_photos"
    )
    order = models.PositiveSmallIntegerField(default=0)
    caption = models.TextField()
    credit = models.CharField(max_length=200, blank=True)
    people_shown = models.JSONField(default=list, blank=True)
    taken_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    event = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "wire photo awaiting its image"
        verbose_name_plural = "wire photos awaiting their images"

    def __str__(self):
        return self.caption[:80]
