from django.db import models


class Quote(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    person = models.ForeignKey("entities.Person", on_delete=models.PROTECT, related_name="quotes")
    event = models.ForeignKey(
        "entities.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="Where it was said, when it was said at an event.",
    )
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["person", "article"], name="quote_person_article_idx")]

    def __str__(self):
        return f"{self.person}: “{self.text[:60]}”"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#quote-{self.pk}"
