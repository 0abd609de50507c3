"""The inlines that hold an article's content: bylines, photos, quotes and the rest."""

from django.contrib import admin

from articles.admin.known_labels import PreloadedInlineMixin
from articles.admin.permissions import FollowsArticleEditRights
from articles.admin.photos import THUMBNAIL_CSS, thumbnail
from articles.models import (
    ArticleAuthor,
    ArticlePhoto,
    KeyIssue,
    ProsConsPoint,
    QAPair,
    Quote,
    RelatedLink,
)
from newsdesk.admin import HTTPS_URL_FIELDS, SelectRelatedInlineMixin


class ArticleAuthorInline(
    PreloadedInlineMixin, FollowsArticleEditRights, SelectRelatedInlineMixin, admin.TabularInline
):
    model = ArticleAuthor
    fields = ["person", "order"]
    autocomplete_fields = ["person"]
    select_related = ["person", "article"]
    extra = 0
    verbose_name = "author"
    verbose_name_plural = "authors (in byline order)"


class ArticlePhotoInline(
    PreloadedInlineMixin, FollowsArticleEditRights, SelectRelatedInlineMixin, admin.TabularInline
):
    model = ArticlePhoto
    fields = ["photo", "preview", "caption_override", "order"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    select_related = ["photo", "article"]
    extra = 0

    class Media:
        css = THUMBNAIL_CSS

    @admin.display(description="preview")
    def preview(self, placement):
        return thumbnail(placement.photo) if placement.photo_id else ""


class QuoteInline(
    PreloadedInlineMixin, FollowsArticleEditRights, SelectRelatedInlineMixin, admin.StackedInline
):
    model = Quote
    fields = ["person", "event", "text", "order"]
    autocomplete_fields = ["person", "event"]
    select_related = ["person", "event"]
    extra = 0


class QAPairInline(PreloadedInlineMixin, FollowsArticleEditRights, admin.StackedInline):
    model = QAPair
    fields = ["question", "answer", "order"]
    extra = 0


class KeyIssueInline(PreloadedInlineMixin, FollowsArticleEditRights, admin.StackedInline):
    model = KeyIssue
    fields = ["title", "text", "order"]
    extra = 0


class ProsConsPointInline(PreloadedInlineMixin, FollowsArticleEditRights, admin.TabularInline):
    model = ProsConsPoint
    fields = ["kind", "text", "order"]
    extra = 0


class RelatedLinkInline(
    PreloadedInlineMixin, FollowsArticleEditRights, SelectRelatedInlineMixin, admin.TabularInline
):
    formfield_overrides = HTTPS_URL_FIELDS
    model = RelatedLink
    fk_name = "article"
    fields = ["label", "target_article", "url", "title", "order"]
    autocomplete_fields = ["target_article"]
    select_related = ["target_article"]
    extra = 0
