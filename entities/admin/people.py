from django.contrib import admin
from django.utils import timezone

from entities.admin.forms import DuplicateWarningForm
from entities.admin.merging import MergeAdminMixin
from entities.admin.prefill import position_initial
from entities.admin.protection import DeleteProtectionMixin
from entities.admin.search import AliasesSearchMixin
from entities.models import Person, Position
from newsdesk.admin import LargeTableAdminMixin, SelectRelatedInlineMixin


class PositionInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = Position
    fields = ["organisation", "title", "start_date", "end_date"]
    autocomplete_fields = ["organisation"]
    select_related = ["person", "organisation"]
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None and position_initial(request):
            return 1
        return super().get_extra(request, obj, **kwargs)


@admin.register(Person)
class PersonAdmin(
    DeleteProtectionMixin,
    MergeAdminMixin,
    AliasesSearchMixin,
    LargeTableAdminMixin,
    admin.ModelAdmin,
):
    form = DuplicateWarningForm
    # Refuses a save against an older version (newsdesk/optimistic.py).
    change_form_template = "admin/version_checked_change_form.html"
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
    # Autocomplete: exact names and aliases, then prefixes, then the rest; see search.ranked.
    rank_names = ("display_name",)
    rank_parts = ("family_name", "given_names", "english_name")
    rank_usage = "mentions"
    prepopulated_fields = {"slug": ["display_name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PositionInline]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        initial = position_initial(request)
        # A new person from a story's "Tim Cheng, vice-president of HKUST".
        if isinstance(inline, PositionInline) and obj.pk is None and initial:
            kwargs["initial"] = [initial]
        return kwargs


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
class PositionAdmin(LargeTableAdminMixin, admin.ModelAdmin):
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

    def get_queryset(self, request):
        # Autocomplete results are labelled "person, title, organisation".
        return super().get_queryset(request).select_related("person", "organisation")
