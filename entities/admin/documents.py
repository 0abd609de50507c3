from django.contrib import admin

from entities.models import Document, DocumentPublisher
from newsdesk.admin import HTTPS_URL_FIELDS, SelectRelatedInlineMixin


class DocumentPublisherInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = DocumentPublisher
    fields = ["organisation", "order"]
    autocomplete_fields = ["organisation"]
    select_related = ["organisation", "document"]
    extra = 0
    verbose_name = "publisher"


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "kind", "event", "released_on"]
    list_select_related = ["event"]
    search_fields = ["title", "summary"]
    list_filter = ["kind", "released_on"]
    ordering = ["-released_on", "title"]
    autocomplete_fields = ["event"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DocumentPublisherInline]
