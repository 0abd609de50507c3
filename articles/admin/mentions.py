from django.contrib import admin
from django.utils import timezone

from articles.models import Mention


class EntityKindFilter(admin.SimpleListFilter):
    title = "entity"
    parameter_name = "entity"

    def lookups(self, request, model_admin):
        return [("person", "Person"), ("organisation", "Organisation"), ("event", "Event")]

    def queryset(self, request, queryset):
        if self.value() in {"person", "organisation", "event"}:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "entity", "status", "snippet", "decided_by", "decided_at"]
    list_select_related = ["article", "person", "organisation", "event", "decided_by"]
    search_fields = ["snippet", "article__headline"]
    list_filter = ["status", EntityKindFilter, "created_at"]
    ordering = ["-created_at"]
    show_full_result_count = False
    autocomplete_fields = ["article", "person", "organisation", "event"]
    readonly_fields = ["decided_by", "decided_at", "created_at"]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            decided = obj.status != Mention.Status.SUGGESTED
            obj.decided_by = request.user if decided else None
            obj.decided_at = timezone.now() if decided else None
        super().save_model(request, obj, form, change)
