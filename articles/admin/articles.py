from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import F

from articles import editing
from articles.admin.content_inlines import (
    ArticleAuthorInline,
    ArticlePhotoInline,
    KeyIssueInline,
    ProsConsPointInline,
    QAPairInline,
    QuoteInline,
    RelatedLinkInline,
)
from articles.admin.forms import ArticleAdminForm
from articles.admin.import_views import ImportCopyAdminMixin
from articles.admin.paginator import LargeTableAdminMixin
from articles.admin.permissions import may_edit
from articles.admin.revision_views import RevisionAdminMixin
from articles.admin.suggest_action import SuggestMentionsMixin
from articles.admin.trash import TrashAdminMixin
from articles.admin.wire_names import UnknownNamesAdminMixin
from articles.admin.workflow_inlines import (
    ShareLinkInline,
    StaffNoteInline,
    TransitionInline,
    WirePhotoInline,
)
from articles.admin.workflow_views import WorkflowAdminMixin
from articles.models import Article


@admin.register(Article)
class ArticleAdmin(
    TrashAdminMixin,
    ImportCopyAdminMixin,
    SuggestMentionsMixin,
    WorkflowAdminMixin,
    RevisionAdminMixin,
    UnknownNamesAdminMixin,
    LargeTableAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    actions = [*WorkflowAdminMixin.actions, "suggest_entities"]
    list_display = ["headline", "kicker", "section", "status", "published_at", "updated_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    # No date_hierarchy: its year links come from truncating every article's
    # date, a full scan on each page load; the date filter needs no query.
    list_filter = ["status", "section", "published_at"]
    # Undated drafts first, on every database.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    autocomplete_fields = ["events", "documents", "lead_photo"]
    prepopulated_fields = {"slug": ["headline"]}
    # Status and publication time change only through the workflow's buttons,
    # which check the user's role and the copy desk; scheduling asks for the time.
    readonly_fields = [
        "status",
        "published_at",
        "first_published_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
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
                    "documents",
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
        WirePhotoInline,
        QuoteInline,
        QAPairInline,
        KeyIssueInline,
        ProsConsPointInline,
        RelatedLinkInline,
        StaffNoteInline,
        TransitionInline,
        ShareLinkInline,
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        headline, *rest = fieldsets
        title, options = headline
        return [(title, {**options, "fields": [*options["fields"], "opened_version"]}), *rest]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {}
        if article is not None and self.has_view_or_change_permission(request, article):
            context = self.workflow_context(request, article)
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def save_model(self, request, obj, form, change):
        if change:
            changed = [form.fields[name].label or name for name in form.changed_data]
            if changed:
                obj._change_reason = f"Changed {', '.join(str(label) for label in changed)}."
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        editing.close(obj, request.user)
        return super().response_change(request, obj)
