from django.db import models
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: the one definition, used by every public query.

        A scheduled article counts from its `published_at` on, so it goes live
        by itself with no job having to flip its status.
        """
        from articles.models import Article

        return self.filter(
            status__in=Article.LIVE_STATUSES,
            published_at__isnull=False,
            published_at__lte=timezone.now(),
        )

    def for_listing(self):
        """What cards and lists show: section, lead photo, ordered authors."""
        return self.select_related("section", "lead_photo").prefetch_related("authors")


class MentionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=self.model.Status.CONFIRMED)

    def suggested(self):
        return self.filter(status=self.model.Status.SUGGESTED)


class PhotoQuerySet(models.QuerySet):
    def public(self):
        """Photos a reader may see: the lead or an inline photo of a published article."""
        from articles.models import Article

        published = Article.objects.published()
        return self.filter(
            models.Q(pk__in=published.filter(lead_photo__isnull=False).values("lead_photo"))
            | models.Q(pk__in=published.values("placements__photo"))
        )
