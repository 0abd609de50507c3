"""The front page's pins in the admin: editors who may publish choose the lead and top stories."""

from django.contrib import admin

from articles.frontpage import MAX_PINS
from articles.models import FrontPagePin


@admin.register(FrontPagePin)
class FrontPagePinAdmin(admin.ModelAdmin):
    list_display = ["article", "position", "expires_at", "live", "pinned_by", "pinned_at"]
    list_editable = ["position", "expires_at"]
    list_select_related = ["article", "pinned_by"]
    autocomplete_fields = ["article"]
    fields = ["article", "position", "expires_at"]
    ordering = ["position", "-pinned_at"]

    @admin.display(description="on the front page", boolean=True)
    def live(self, pin):
        return pin.article.is_public and (pin.expires_at is None or not pin.expired)

    def changelist_view(self, request, extra_context=None):
        context = {
            "title": f"Front page: the lead (position 1) and up to {MAX_PINS - 1} top stories",
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    # Only those who may publish arrange the front page.
    def _may(self, request):
        return request.user.is_active and request.user.has_perm("articles.publish_article")

    def has_module_permission(self, request):
        return self._may(request)

    def has_view_permission(self, request, obj=None):
        return self._may(request)

    def has_add_permission(self, request):
        return self._may(request)

    def has_change_permission(self, request, obj=None):
        return self._may(request)

    def has_delete_permission(self, request, obj=None):
        return self._may(request)

    def save_model(self, request, obj, form, change):
        obj.pinned_by = request.user
        super().save_model(request, obj, form, change)
