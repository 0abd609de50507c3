"""The moderators' queue: suggested mentions to accept, reject or re-point."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.admin.mention_forms import TARGETS, MentionAdminForm
from articles.models import Article, Mention
from entities.admin.prefill import organisation_add_url, person_add_url
from newsdesk.admin import LargeTableAdminMixin


class StatusFilter(admin.SimpleListFilter):
    """Suggestions first: the queue opens on what is still to be decided."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Mention.Status.choices, (self.ALL, "All")]

    def value(self):
        return super().value() or Mention.Status.SUGGESTED

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class EntityKindFilter(admin.SimpleListFilter):
    title = "entity"
    parameter_name = "entity"

    def lookups(self, request, model_admin):
        return [(name, name.capitalize()) for name in TARGETS]

    def queryset(self, request, queryset):
        if self.value() in TARGETS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


class ArticleFilter(admin.SimpleListFilter):
    """One article's mentions; reached from the article column, never a list of every article."""

    title = "article"
    parameter_name = "article"

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        return [
            (str(pk), headline)
            for pk, headline in Article.objects.filter(pk=value).values_list("pk", "headline")
        ]

    def has_output(self):
        return bool(self.lookup_choices)

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=value)
        return queryset


def decide(queryset, status, user):
    return queryset.update(status=status, decided_by=user, decided_at=timezone.now())


@admin.register(Mention)
class MentionAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    form = MentionAdminForm
    list_display = [
        "article_link",
        "entity",
        "kind",
        "status",
        "snippet",
        "decided_by",
        "decided_at",
    ]
    list_select_related = ["article", "person", "organisation", "event", "decided_by"]
    search_fields = ["snippet", "article__headline"]
    list_filter = [StatusFilter, EntityKindFilter, ArticleFilter, "created_at"]
    ordering = ["-created_at"]
    autocomplete_fields = ["article", "person", "organisation", "event"]
    readonly_fields = ["decided_by", "decided_at", "created_at", "new_entity"]
    actions = ["accept", "reject"]

    @admin.display(description="article", ordering="article__headline")
    def article_link(self, mention):
        url = reverse("admin:articles_mention_changelist")
        return format_html(
            '<a href="{}?article={}&amp;status=all" title="Every mention in this article">{}</a>',
            url,
            mention.article_id,
            mention.article,
        )

    @admin.display(description="the snippet names someone new")
    def new_entity(self, mention):
        return format_html(
            '<a href="{}" target="_blank">Add a person</a> · '
            '<a href="{}" target="_blank">Add an organisation</a>',
            person_add_url(""),
            organisation_add_url(""),
        )

    @admin.action(description="Accept selected mentions", permissions=["change"])
    def accept(self, request, queryset):
        count = decide(queryset, Mention.Status.CONFIRMED, request.user)
        self.message_user(request, f"Accepted {count} mention(s).", messages.SUCCESS)

    @admin.action(description="Reject selected mentions", permissions=["change"])
    def reject(self, request, queryset):
        count = decide(queryset, Mention.Status.REJECTED, request.user)
        self.message_user(request, f"Rejected {count} mention(s).", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            decided = obj.status != Mention.Status.SUGGESTED
            obj.decided_by = request.user if decided else None
            obj.decided_at = timezone.now() if decided else None
        super().save_model(request, obj, form, change)
