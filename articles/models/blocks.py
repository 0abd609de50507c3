"""Structured blocks a story may carry below its body."""

from django.db import models


class QAPair(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="qa_pairs"
    )
    question = models.TextField()
    answer = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "question and answer"
        verbose_name_plural = "questions and answers"

    def __str__(self):
        return self.question


class KeyIssue(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="key_issues"
    )
    title = models.CharField(max_length=200)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class ProsConsPoint(models.Model):
    class Kind(models.TextChoices):
        PRO = "pro", "Benefit"
        CON = "con", "Disadvantage"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="pros_cons"
    )
    kind = models.CharField(max_length=3, choices=Kind.choices)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = "pro or con"
        verbose_name_plural = "pros and cons"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
