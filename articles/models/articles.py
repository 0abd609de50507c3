from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from articles.managers import ArticleQuerySet
from entities.slugs import unique_slug
from newsdesk.addresses import object_address
from newsdesk.richtext import BODY_EDITOR_CONFIG

WEB_SCHEMES = {"http", "https"}


class RevisionParts(models.Model):
    """What each revision of an article adds to its fields: the story's parts (story_parts.py)."""

    parts = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        abstract = True


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    # Statuses under which an article is public once its published_at has come.
    LIVE_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    kicker = models.CharField(
        max_length=100, blank=True, help_text='A label above the headline, e.g. "Forum".'
    )
    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    standfirst = models.TextField(blank=True, help_text="The short summary under the headline.")
    body = ProseEditorField(config=BODY_EDITOR_CONFIG, sanitize=True, blank=True)
    authors = models.ManyToManyField(
        "entities.Person", through="ArticleAuthor", related_name="authored_articles", blank=True
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text='Where it was filed, e.g. "Hong Kong".'
    )
    section = models.ForeignKey(
        "articles.Section", on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    tags = TaggableManager(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When readers may see it; a future time schedules it."
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_articles",
        editable=False,
    )
    contact_email = models.EmailField(blank=True)
    events = models.ManyToManyField(
        "entities.Event", related_name="articles", blank=True, verbose_name="events covered"
    )
    lead_photo = models.ForeignKey(
        "articles.Photo", on_delete=models.SET_NULL, null=True, blank=True, related_name="lead_for"
    )
    documents = models.ManyToManyField(
        "entities.Document", related_name="articles", blank=True, verbose_name="reports cited"
    )
    # What a wire-copy import brought that has no home elsewhere: the wire's own
    # publication time (the desk sets ours), the copy's fingerprint to refuse a
    # second import, and names not yet on file for a moderator to create.
    wire_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    source_name = models.CharField(max_length=255, blank=True, editable=False)
    source_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    wire_unknown_names = models.JSONField(default=list, blank=True, editable=False)
    # Those names, handed to the moderators (who alone may add people,
    # organisations and events) by a reporter or editor; cleared when done.
    names_handed_over_at = models.DateTimeField(null=True, blank=True, editable=False)
    names_handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Bumped on every save; a form saved against an older version is refused
    # so that one editor never silently overwrites another.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Deleting from the admin only moves an article to the trash (articles/trash.py),
    # from which it can be restored until `purge_trash` removes it for good.
    trashed_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(
        excluded_fields=["version", "first_published_at", "created_at", "created_by"],
        history_change_reason_field=models.TextField(null=True),
        bases=[RevisionParts],
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("edit_any_article", "Can edit any reporter's article"),
            ("review_article", "Can return an article to its reporter"),
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("restore_article_revision", "Can restore an earlier revision"),
            ("share_article_preview", "Can create preview links for people without an account"),
        ]
        indexes = [
            models.Index(fields=["section", "published_at"], name="article_section_pub_idx"),
            # Every public list walks this backwards, newest first. SQLite breaks
            # ties on the rowid, ascending: only an ascending index read backwards
            # gives "-published_at, -pk" without a sort. No index leads with
            # `status`: `published()` matches most rows, and SQLite's planner,
            # offered one, reads all of them and sorts instead of stopping at 20.
            models.Index(fields=["published_at"], name="article_published_at_idx"),
            # The copy desk looks for unpublished stories written in the days around
            # a story's own on every change form (see copydesk_duplicates): without
            # an index on created_at, a sort of the newest of 100,000 took 150 ms.
            models.Index(fields=["created_at"], name="article_created_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["scheduled", "published"])
                | models.Q(published_at__isnull=False),
                name="article_live_needs_published_at",
                violation_error_message=(
                    "A scheduled or published article needs a publication time."
                ),
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.headline)
        if self.pk is not None:
            self.version += 1
        # Until the first publication has actually happened it follows the
        # scheduled time; afterwards it never moves.
        if (
            self.status in self.LIVE_STATUSES
            and self.published_at
            and (self.first_published_at is None or self.first_published_at > timezone.now())
        ):
            self.first_published_at = self.published_at
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_address("articles:article_detail", slug=self.slug)

    # The words mention snippets quote. A save that changes them refreshes the
    # snippets (articles/signals.py): compared with the text as last read or saved.
    SNIPPET_TEXT = ("headline", "standfirst", "body")

    def text_as_read(self):
        # From __dict__: a deferred field is not loaded just to be compared.
        return tuple(self.__dict__.get(name) for name in self.SNIPPET_TEXT)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._text_as_saved = article.text_as_read()
        return article

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        # Only the fields read again are as saved; an edit to the others is not.
        known = getattr(self, "_text_as_saved", None) or (None,) * len(self.SNIPPET_TEXT)
        self._text_as_saved = tuple(
            now if fields is None or name in fields else before
            for name, before, now in zip(self.SNIPPET_TEXT, known, self.text_as_read(), strict=True)
        )

    @property
    def is_public(self):
        return (
            self.status in self.LIVE_STATUSES
            and self.trashed_at is None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def live_status(self):
        """The status to tell people, derived now: due and scheduled reads "published".

        Agrees with `ArticleQuerySet.with_status` and, for what is live, with
        `published()`. No job flips the stored status (see `ArticleQuerySet.published`), so
        every list, filter and panel shows this instead of `status`.
        """
        return live_status(self.status, self.published_at)

    @property
    def live_status_display(self):
        return self.live_status.label

    @property
    def was_updated(self):
        """Whether a reader should see an 'updated' time (more than a minute after publication)."""
        return bool(
            self.published_at
            and self.updated_at
            and (self.updated_at - self.published_at).total_seconds() > 60
        )


def live_status(status, published_at):
    """An article's (or a revision's) status as told now; see `Article.live_status`."""
    if status in Article.LIVE_STATUSES and published_at is not None:
        if published_at <= timezone.now():
            return Article.Status.PUBLISHED
        return Article.Status.SCHEDULED
    return Article.Status(status)


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey("entities.Person", on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="articleauthor_unique"),
        ]

    def __str__(self):
        return f"{self.person} on {self.article}"


class RelatedLink(models.Model):
    class Label(models.TextChoices):
        ALSO_READ = "also_read", "Also read"
        READ_MORE = "read_more", "Read more"
        RELATED = "related", "Related"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    label = models.CharField(max_length=20, choices=Label.choices, default=Label.ALSO_READ)
    title = models.CharField(
        max_length=300, blank=True, help_text="Defaults to the target's headline."
    )
    target_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="linked_from"
    )
    url = models.URLField(blank=True, help_text="An external address, when not linking an article.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(target_article__isnull=False) & models.Q(url=""))
                | (models.Q(target_article__isnull=True) & ~models.Q(url="")),
                name="relatedlink_article_xor_url",
                violation_error_message="Link either to an article or to an external address.",
            ),
            models.UniqueConstraint(
                fields=["article", "target_article"],
                condition=models.Q(target_article__isnull=False),
                name="relatedlink_unique_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_label_display()}: {self.display_title}"

    @property
    def display_title(self):
        if self.title:
            return self.title
        return self.target_article.headline if self.target_article_id else self.url

    @property
    def href(self):
        if self.target_article_id:
            return self.target_article.get_absolute_url()
        # The form only takes web addresses, but a row written another way
        # must not become a javascript: or data: link on the page.
        return self.url if urlsplit(self.url.strip()).scheme.lower() in WEB_SCHEMES else ""
