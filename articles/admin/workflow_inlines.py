"""Read-only records on an article's change page: transitions, staff notes, preview links."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from articles import sharing
from articles.admin.known_labels import PreloadedInlineMixin
from articles.models import ShareLink, StaffNote, Transition, WirePhoto
from newsdesk.admin import SelectRelatedInlineMixin


class ReadOnlyInline(PreloadedInlineMixin, SelectRelatedInlineMixin, admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ["created_at", "user", "from_status", "to_status", "note", "published_at"]
    select_related = ["user", "article"]
    verbose_name = "status change"
    verbose_name_plural = "status changes (newest first)"


class StaffNoteInline(ReadOnlyInline):
    """The thread as written; new notes come from the workflow panel's note form."""

    model = StaffNote
    fields = ["created_at", "author", "text"]
    select_related = ["author", "article"]
    verbose_name_plural = "staff notes (never shown to readers)"


class ShareLinkInline(ReadOnlyInline):
    """Links are created and revoked with the buttons of the workflow panel."""

    model = ShareLink
    fields = ["created_at", "created_by", "note", "expires_at", "state", "address", "revoke"]
    select_related = ["created_by", "article"]
    verbose_name = "preview link"
    verbose_name_plural = "preview links for people without an account"

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return "revoked"
        return "active" if link.is_active else "expired"

    @admin.display(description="address")
    def address(self, link):
        if not link.is_active:
            return ""
        url = sharing.url_for(link)
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, url)

    @admin.display(description="")
    def revoke(self, link):
        if not link.is_active:
            return ""
        # The button sits inside the change form; formaction sends it to the
        # revoke view instead, which ignores the rest of the form.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>Revoke</button>',
            reverse("admin:articles_article_revoke_link", args=[link.article_id, link.pk]),
        )


class WirePhotoInline(ReadOnlyInline):
    """Captions that came with wire copy; the desk uploads the images as Photos."""

    model = WirePhoto
    fields = ["order", "caption", "credit", "people_shown", "taken_on", "place", "event"]
