from django.contrib import admin, messages

from articles.suggestions import suggest_mentions


class SuggestMentionsMixin:
    """The article changelist's "Suggest entities": scan the selected articles now."""

    def has_suggest_mentions_permission(self, request):
        return request.user.has_perm("articles.add_mention")

    @admin.action(description="Suggest entities", permissions=["suggest_mentions"])
    def suggest_entities(self, request, queryset):
        made = sum(len(suggest_mentions(article)) for article in queryset)
        self.message_user(
            request,
            f"Made {made} suggestion(s) for {len(queryset)} article(s).",
            messages.SUCCESS,
        )
