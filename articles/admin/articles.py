from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import _get_foreign_key
from django.urls import path
from django.utils.safestring import mark_safe

from articles import editing, revisions, story_parts, trash
from articles.admin import wire_names
from articles.admin.content_inlines import (
    ArticleAuthorInline,
    ArticlePhotoInline,
    KeyIssueInline,
    ProsConsPointInline,
    QAPairInline,
    QuoteInline,
    RelatedLinkInline,
)
from articles.admin.corrections import CorrectionInline
from articles.admin.forms import ArticleAdminForm
from articles.admin.import_views import import_view
from articles.admin.known_labels import KnownLabelsAdminMixin
from articles.admin.list_filters import LiveStatusFilter
from articles.admin.permissions import may_edit
from articles.admin.preload import preload
from articles.admin.revision_views import (
    compare_revisions_view,
    restore_revision_view,
    revisions_view,
)
from articles.admin.suggest_action import suggest_entities
from articles.admin.trash import delete_selected, moved_to_trash, restore_view, trash_view
from articles.admin.workflow_inlines import (
    ShareLinkInline,
    StaffNoteInline,
    TransitionInline,
    WirePhotoInline,
)
from articles.admin.workflow_views import (
    BULK_ACTIONS,
    apply_in_form,
    copydesk_view,
    names_handover_view,
    note_view,
    precheck_in_form,
    presence_view,
    requested_in_form,
    revoke_link_view,
    share_view,
    transition_view,
    workflow_context,
)
from articles.models import Article
from newsdesk.admin import LargeTableAdminMixin
from newsdesk.sanitiser import sanitise_body


@admin.register(Article)
class ArticleAdmin(KnownLabelsAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    """Stories in the admin.

    Every page it adds to Django's is listed in `get_urls`; the views live in
    trash.py, import_views.py, workflow_views.py and revision_views.py.
    """

    form = ArticleAdminForm
    actions = [delete_selected, *BULK_ACTIONS, suggest_entities]
    list_display = ["headline", "kicker", "section", "current_status", "published_at", "updated_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    # No date_hierarchy: its year links come from truncating every article's
    # date, a full scan on each page load; the date filter needs no query.
    list_filter = [LiveStatusFilter, "section", "published_at"]
    # Undated drafts first, on every database.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    autocomplete_fields = ["events", "documents", "lead_photo"]
    prepopulated_fields = {"slug": ["headline"]}
    # Status and publication time change only through the workflow's buttons,
    # which check the user's role and the copy desk; scheduling asks for the time.
    readonly_fields = [
        "current_status",
        "published_at",
        "first_published_at",
        "created_by",
        "created_at",
        "updated_at",
        "unknown_names",
        "rendered_body",
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
        ("Publication", {"fields": ["current_status", "published_at", "first_published_at"]}),
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
        CorrectionInline,
        StaffNoteInline,
        TransitionInline,
        ShareLinkInline,
    ]
    # Deleting moves the article to the trash: see the hooks at the end.

    class Media:
        # Warn before leaving unsaved changes; keep the short "is editing" lease alive.
        js = ["articles/admin/unsaved_changes.js", "articles/admin/presence.js"]

    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"

    def get_urls(self):
        """Every page the article admin adds to Django's; each view is given this model admin."""

        def page(route, view, name):
            view = self.admin_site.admin_view(view)
            return path(route, view, {"model_admin": self}, name=f"articles_article_{name}")

        # Before Django's patterns, whose "<path:object_id>/" would take "trash/"
        # or "import/" for an article's id.
        return [
            page("trash/", trash_view, "trash"),
            page("trash/<int:pk>/restore/", restore_view, "restore"),
            page("import/", import_view, "import"),
            page("<path:object_id>/transition/", transition_view, "transition"),
            page("<path:object_id>/note/", note_view, "note"),
            page("<path:object_id>/presence/", presence_view, "presence"),
            page("<path:object_id>/names/", names_handover_view, "names_handover"),
            page("<path:object_id>/copydesk/", copydesk_view, "copydesk"),
            page("<path:object_id>/share/", share_view, "share"),
            page("<path:object_id>/share/<int:link_id>/revoke/", revoke_link_view, "revoke_link"),
            page("<path:object_id>/revisions/", revisions_view, "revisions"),
            page(
                "<path:object_id>/revisions/compare/", compare_revisions_view, "compare_revisions"
            ),
            page(
                "<path:object_id>/revisions/<int:history_id>/restore/",
                restore_revision_view,
                "restore_revision",
            ),
            *super().get_urls(),
        ]

    # Permissions: the workflow's and the suggestions' actions ask the first three.

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_article")

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_suggest_mentions_permission(self, request):
        return request.user.has_perm("articles.add_mention")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request, obj)

    # The list and the form.

    def get_queryset(self, request):
        return super().get_queryset(request).not_trashed()

    def get_object(self, request, object_id, from_field=None):
        found = getattr(request, "_articles_shown", None)
        if found is None:
            return super().get_object(request, object_id, from_field)
        # The change form, opened: the article is read once (change_view and
        # Django's view both ask) with what the form shows of it, the inlines'
        # rows and the copy desk's among them. A save reads it as Django does.
        if (object_id, from_field) not in found:
            found[object_id, from_field] = self._article_to_show(request, object_id, from_field)
        return found[object_id, from_field]

    def _article_to_show(self, request, object_id, from_field):
        queryset = self.get_queryset(request).select_related("section", "lead_photo", "created_by")
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        try:
            article = queryset.get(**{field.name: field.to_python(object_id)})
        except (Article.DoesNotExist, ValidationError, ValueError):
            return None
        preload(article, self._shown_relations(request, article))
        return article

    def _shown_relations(self, request, article):
        """{accessor: [related names]} of what the change form shows of `article`."""
        relations = {
            "events": [],
            "documents": [],
            # The copy desk's panel reads these.
            "copydesk_items": ["decided_by"],
        }
        for inline in self.get_inline_instances(request, article):
            fk = _get_foreign_key(Article, inline.model, fk_name=inline.fk_name)
            shown = {*getattr(inline, "select_related", []), *inline.autocomplete_fields}
            relations[fk.remote_field.get_accessor_name()] = sorted(shown - {fk.name})
        return relations

    def changelist_view(self, request, extra_context=None):
        context = {"may_use_trash": self.has_delete_permission(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.wire_unknown_names:
            obj._viewer = request.user
            fieldsets = [*fieldsets, wire_names.FIELDSET]
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only: the body as it reads, not its HTML source.
            return [
                (
                    title,
                    {
                        **opts,
                        "fields": ["rendered_body" if f == "body" else f for f in opts["fields"]],
                    },
                )
                for title, opts in fieldsets
            ]
        if obj is None:
            return fieldsets
        headline, *rest = fieldsets
        title, options = headline
        return [(title, {**options, "fields": [*options["fields"], "opened_version"]}), *rest]

    @admin.display(description="Status", ordering="status")
    def current_status(self, article):
        # Scheduled and due reads "Published", as readers see it: nothing flips the field.
        return article.live_status_display

    @admin.display(description="Body")
    def rendered_body(self, article):
        # Cleaned again on the way out, as on the public page.
        return mark_safe(sanitise_body(article.body))

    @admin.display(description="Names")
    def unknown_names(self, article):
        # get_fieldsets noted who is looking: links only for who may follow them.
        return wire_names.unknown_names(article, getattr(article, "_viewer", None))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and requested_in_form(request) is not None:
            # A workflow button was pressed: the form refuses, keeping what was
            # typed, when the status change could not follow the save.
            form.transition_refusals = staticmethod(lambda: precheck_in_form(request, obj))
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            request._articles_shown = {}
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            # The article as stored, for the workflow panel: worked out only if
            # the form is shown, not after a save that redirects.
            request._workflow_article = article
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = getattr(request, "_workflow_article", None)
        if change and article is not None:
            in_form = self.has_change_permission(request, article)
            context = {**workflow_context(request, article, in_form=in_form), **context}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change:
            # What the inlines are about to change shows in the revision's note.
            obj._parts_before = story_parts.snapshot(obj)
        if change and not form.changed_data and requested_in_form(request) is not None:
            # Only a workflow button was pressed: the status change saves the
            # article (save_related saves it after all if a part changed).
            obj._save_skipped = True
            return
        if change:
            changed = [form.fields[name].label or name for name in form.changed_data]
            if changed:
                obj._change_reason = f"Changed {', '.join(str(label) for label in changed)}."
        else:
            obj.created_by = request.user
        # Mention snippets follow the new text on save (articles/signals.py).
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if getattr(article, "_save_skipped", False):
            if any(formset.has_changed() for formset in formsets):
                article.save()  # a revision, with its parts
            return
        # The revision was written before the inlines: give it the parts as saved.
        revisions.record_parts(article, getattr(article, "_parts_before", None))

    def response_change(self, request, obj):
        editing.close(obj, request.user)
        return apply_in_form(self, request, obj) or super().response_change(request, obj)

    # Deleting moves the article to the trash, which keeps its parts: the user
    # needs no permission to delete those.

    def get_deleted_objects(self, objs, request):
        articles = [str(obj) for obj in objs]
        return articles, {self.opts.verbose_name_plural: len(articles)}, set(), []

    def delete_model(self, request, obj):
        trash.trash([obj], request.user)

    def delete_queryset(self, request, queryset):
        trash.trash(queryset, request.user)

    def render_delete_form(self, request, context):
        context = {**context, "trash_days": trash.retention().days}
        return super().render_delete_form(request, context)

    def response_delete(self, request, obj_display, obj_id):
        return moved_to_trash(self, request, obj_display)
