from django.contrib import admin, messages

from articles.suggestions import suggest_mentions


@admin.action(description="Suggest entities", permissions=["suggest_mentions"])
def suggest_entities(modeladmin, request, queryset):
    """The article changelist's "Suggest entities": scan the selected articles now."""
    made = sum(len(suggest_mentions(article)) for article in queryset)
    modeladmin.message_user(
        request,
        f"Made {made} suggestion(s) for {len(queryset)} article(s).",
        messages.SUCCESS,
    )
