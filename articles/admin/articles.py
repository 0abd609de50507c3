from django.contrib import admin
from django.db.models import F

from articles.admin.photos import thumbnail
from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    KeyIssue,
    ProsConsPoint,
    QAPair,
    Quote,
    RelatedLink,
)
from newsdesk.admin import HTTPS_URL_FIELDS, SelectRelatedInlineMixin


class ArticleAuthorInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = ArticleAuthor
    fields = ["person", "order"]
    autocomplete_fields = ["person"]
    select_related = ["person", "article"]
    extra = 0
    verbose_name = "author"
    verbose_name_plural = "authors (in byline order)"


class ArticlePhotoInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = ArticlePhoto
    fields = ["photo", "preview", "caption_override", "order"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    select_related = ["photo", "article"]
    extra = 0

    @admin.display(description="preview")
    def preview(self, placement):
        return thumbnail(placement.photo) if placement.photo_id else ""


class QuoteInline(SelectRelatedInlineMixin, admin.StackedInline):
    model = Quote
    fields = ["person", "event", "text", "order"]
    autocomplete_fields = ["person", "event"]
    select_related = ["person"]
    extra = 0


class QAPairInline(admin.StackedInline):
    model = QAPair
    fields = ["question", "answer", "order"]
    extra = 0


class KeyIssueInline(admin.StackedInline):
    model = KeyIssue
    fields = ["title", "text", "order"]
    extra = 0


class ProsConsPointInline(admin.TabularInline):
    model = ProsConsPoint
    fields = ["kind", "text", "order"]
    extra = 0


class RelatedLinkInline(SelectRelatedInlineMixin, admin.TabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    model = RelatedLink
    fk_name = "article"
    fields = ["label", "target_article", "url", "title", "order"]
    autocomplete_fields = ["target_article"]
    select_related = ["target_article"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "kicker", "section", "status", "published_at", "updated_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    list_filter = ["status", "section", "published_at"]
    date_hierarchy = "published_at"
    # Undated drafts first, on every database.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    show_full_result_count = False
    autocomplete_fields = ["events", "lead_photo"]
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["first_published_at", "created_by", "created_at", "updated_at"]
    fieldsets = [
        ("Headline and standfirst", {"fields": ["headline", "slug", "standfirst"]}),
        ("Body", {"fields": ["body"]}),
        (
            "Metadata",
            {
                "fields": [
                    "kicker",
                    "section",
                    "tags",
                    "dateline",
                    "contact_email",
                    "events",
                    "lead_photo",
                ]
            },
        ),
        ("Publication", {"fields": ["status", "published_at", "first_published_at"]}),
        ("Record", {"fields": ["created_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [
        ArticleAuthorInline,
        ArticlePhotoInline,
        QuoteInline,
        QAPairInline,
        KeyIssueInline,
        ProsConsPointInline,
        RelatedLinkInline,
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
