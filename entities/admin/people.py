from django.contrib import admin
from django.utils import timezone

from entities.admin.search import AliasesSearchMixin
from entities.models import Person, Position
from newsdesk.admin import SelectRelatedInlineMixin


class PositionInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = Position
    fields = ["organisation", "title", "start_date", "end_date"]
    autocomplete_fields = ["organisation"]
    select_related = ["person", "organisation"]
    extra = 0


@admin.register(Person)
class PersonAdmin(AliasesSearchMixin, admin.ModelAdmin):
    list_display = ["display_name", "native_name", "family_name", "given_names", "updated_at"]
    search_fields = [
        "display_name",
        "family_name",
        "given_names",
        "english_name",
        "native_name",
        "aliases_text",
    ]
    list_filter = [("portrait", admin.EmptyFieldListFilter), "updated_at"]
    ordering = ["family_name", "given_names", "display_name"]
    prepopulated_fields = {"slug": ["display_name"]}
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False
    inlines = [PositionInline]


class HeldFilter(admin.SimpleListFilter):
    title = "held"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("now", "Now"), ("ended", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "now":
            return queryset.current()
        if self.value() == "ended":
            return queryset.filter(end_date__lt=timezone.localdate())
        return queryset


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organisation", "start_date", "end_date"]
    list_select_related = ["person", "organisation"]
    search_fields = [
        "person__display_name",
        "title",
        "organisation__name",
        "organisation__short_name",
    ]
    list_filter = [HeldFilter, "organisation__kind"]
    autocomplete_fields = ["person", "organisation"]
    show_full_result_count = False

    def get_queryset(self, request):
        # Autocomplete results are labelled "person, title, organisation".
        return super().get_queryset(request).select_related("person", "organisation")
