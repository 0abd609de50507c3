from django.contrib import admin

from entities.admin.merging import MergeAdminMixin
from entities.admin.protection import DeleteProtectionMixin
from entities.models import Appearance, Event, EventSeries, EventSupport, Position
from newsdesk.admin import HTTPS_URL_FIELDS, LargeTableAdminMixin, SelectRelatedInlineMixin
from newsdesk.optimistic import VersionCheckedForm


class EventSupportInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = EventSupport
    fields = ["organisation", "nature", "order"]
    autocomplete_fields = ["organisation"]
    select_related = ["organisation"]
    extra = 0
    verbose_name = "supporter"


class AppearanceInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = Appearance
    fields = ["person", "role", "position", "session", "order"]
    autocomplete_fields = ["person", "position"]
    select_related = ["person", "event"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "position":
            # The chosen position is labelled "person, title, organisation".
            kwargs["queryset"] = Position.objects.select_related("person", "organisation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(DeleteProtectionMixin, MergeAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    # Refuses a save against an older version (newsdesk/optimistic.py).
    form = VersionCheckedForm
    change_form_template = "admin/version_checked_change_form.html"
    list_display = ["name", "kind", "start_date", "end_date", "city", "status"]
    search_fields = ["name", "venue", "city"]
    list_filter = ["kind", "status", "start_date"]
    date_hierarchy = "start_date"
    ordering = ["-start_date", "name"]
    autocomplete_fields = ["hosts", "series"]
    # No prepopulated slug: on save the model adds the year ("innovation-forum-2026").
    readonly_fields = ["created_at", "updated_at"]
    inlines = [EventSupportInline, AppearanceInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]
    formfield_overrides = HTTPS_URL_FIELDS
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
