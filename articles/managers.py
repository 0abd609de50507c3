from django.db import connections, models
from django.utils import timezone

# From this many articles on, a tag counts as common (see `ArticleQuerySet.tagged`).
RARE_TAG_ARTICLES = 2000


def live_conditions():
    """`published()` but for the time: live, with a publication time, out of the trash."""
    from articles.models import Article

    return {
        "status__in": Article.LIVE_STATUSES,
        "trashed_at__isnull": True,
        "published_at__isnull": False,
    }


def is_due(published_at, now=None):
    """Whether a story of `published_or_scheduled()` is published by `now`."""
    return published_at <= (now or timezone.now())


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What a reader may see: the one definition, used by every public query.

        A scheduled article counts from its `published_at` on, so it goes live
        by itself with no job having to flip its status. An article in the
        trash is never public, whatever its status. `now` is the present moment
        unless given (a query compiled ahead, see newsdesk/prepared.py).
        """
        return self.filter(**live_conditions(), published_at__lte=now or timezone.now())

    def published_or_scheduled(self):
        """What `published()` shows now or will show once its `published_at` has come:
        for what is kept beyond one request, which then asks only whether that
        time has come (`is_due`)."""
        return self.filter(**live_conditions())

    def scheduled(self):
        """Live articles whose time has not come yet: what `published()` gains as time passes."""
        from articles.models import Article

        return self.filter(
            status__in=Article.LIVE_STATUSES,
            published_at__gt=timezone.now(),
            trashed_at__isnull=True,
        )

    def with_live_status(self):
        """Annotate `live_status`, the status as told now (see `Article.live_status`)."""
        from articles.models import Article

        S = Article.Status
        now = timezone.now()
        return self.annotate(
            live_status=models.Case(
                models.When(
                    status__in=Article.LIVE_STATUSES,
                    published_at__lte=now,
                    then=models.Value(S.PUBLISHED),
                ),
                models.When(status__in=Article.LIVE_STATUSES, then=models.Value(S.SCHEDULED)),
                default="status",
                output_field=models.CharField(),
            )
        )

    def with_status(self, status):
        """Articles whose status, as told now (see `Article.live_status`), is `status`.

        "Published" is exactly what `published()` shows readers, trash aside.
        """
        from articles.models import Article

        S = Article.Status
        now = timezone.now()
        if status == S.PUBLISHED:
            return self.filter(status__in=Article.LIVE_STATUSES, published_at__lte=now)
        if status == S.SCHEDULED:
            return self.filter(status__in=Article.LIVE_STATUSES, published_at__gt=now)
        return self.filter(status=status)

    def in_trash(self):
        return self.filter(trashed_at__isnull=False)

    def not_trashed(self):
        return self.filter(trashed_at__isnull=True)

    def with_lead_photos(self):
        """Lead photos with their renditions: one query for the pictures of a whole list."""
        return self.select_related("lead_photo").prefetch_related("lead_photo__renditions")

    def with_bylines(self):
        """Bylines in their printed order, each with its person: one query for the whole list.

        `authors` follows the people's alphabetical order; a byline must keep the
        order the desk gave it.
        """
        from articles.models import ArticleAuthor

        return self.prefetch_related(
            models.Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("person"))
        )

    def tagged(self, tag):
        """Articles carrying `tag`, by whichever of two plans suits the tag's size.

        A common tag: walk the newest articles and check each for the tag, which
        stops as soon as a page is full. A rare tag: take its few articles and
        sort them; walking would read most of the table before filling a page.
        Taking every article of a common tag instead means reading and sorting
        thousands of rows for twenty.
        """
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        # The content type's id rather than a join to its table: joined, PostgreSQL
        # takes the tag for a rare one and reads all its articles.
        taggings = TaggedItem.objects.filter(
            tag=tag, content_type=ContentType.objects.get_for_model(self.model)
        )
        if taggings[:RARE_TAG_ARTICLES].count() == RARE_TAG_ARTICLES:
            return self.filter(models.Exists(taggings.filter(object_id=models.OuterRef("pk"))))
        return self.filter(pk__in=taggings.values("object_id"))


class MentionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=self.model.Status.CONFIRMED)

    def suggested(self):
        return self.filter(status=self.model.Status.SUGGESTED)


class PhotoQuerySet(models.QuerySet):
    def public(self):
        """Photos a reader may see: the lead or an inline photo of a published article.

        Correlated EXISTS rather than IN (all published articles): a page asks about
        a handful of photos, and the database can then check each one through the
        photo's own indexes instead of first building the set of every published photo.
        """
        from articles.models import Article

        published = Article.objects.published()
        if connections[self.db].vendor == "postgresql":
            # One EXISTS over both: of two EXISTS joined by OR, PostgreSQL makes a
            # set of every published story's photos first (~150 ms for a page of
            # 21 photos at 100,000 stories); this it checks photo by photo (~2 ms).
            # The parts of a union are a level further in, hence OuterRef twice.
            photo = models.OuterRef(models.OuterRef("pk"))
            either = (
                published.filter(lead_photo=photo)
                .order_by()
                .values("pk")
                .union(published.filter(placements__photo=photo).order_by().values("pk"), all=True)
            )
            return self.filter(models.Exists(either))
        return self.filter(
            models.Exists(published.filter(lead_photo=models.OuterRef("pk")))
            | models.Exists(published.filter(placements__photo=models.OuterRef("pk")))
        )
