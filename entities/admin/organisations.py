from django.contrib import admin

from entities.admin.forms import DuplicateWarningForm
from entities.admin.merging import MergeAdminMixin
from entities.admin.protection import DeleteProtectionMixin
from entities.admin.search import AliasesSearchMixin
from entities.models import Organisation
from newsdesk.admin import HTTPS_URL_FIELDS, LargeTableAdminMixin


@admin.register(Organisation)
class OrganisationAdmin(
    DeleteProtectionMixin,
    MergeAdminMixin,
    AliasesSearchMixin,
    LargeTableAdminMixin,
    admin.ModelAdmin,
):
    form = DuplicateWarningForm
    # Refuses a save against an older version (newsdesk/optimistic.py).
    change_form_template = "admin/version_checked_change_form.html"
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "short_name", "kind", "parent", "city"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "aliases_text"]
    list_filter = ["kind"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]
    rank_names = ("name", "short_name")
    rank_usage = "mentions"
    # No prepopulated slug: on save the model prefers the short name ("hkust").
    readonly_fields = ["created_at", "updated_at"]
