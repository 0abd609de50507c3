from django.contrib import admin

from articles.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
