"""The moderators' queue: suggested mentions to accept, reject or re-point."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles.admin import wire_names
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


# Characters of a snippet shown in the queue; the mention's page shows it all.
SNIPPET_IN_LIST = 90


def highlighted(snippet, entity, limit=None):
    """The snippet with the words naming the entity marked, cut to `limit` around them."""
    names = [str(entity)] + [str(name) for name in getattr(entity, "aliases", None) or []]
    names += [getattr(entity, "short_name", "") or ""]
    lowered = snippet.lower()
    start, end = -1, -1
    for name in sorted(filter(None, names), key=len, reverse=True):
        start = lowered.find(name.lower())
        if start != -1:
            end = start + len(name)
            break
    if start == -1:
        text = snippet if limit is None or len(snippet) <= limit else snippet[: limit - 1] + "…"
        return text
    before, match, after = snippet[:start], snippet[start:end], snippet[end:]
    if limit is not None:
        room = max(0, (limit - len(match)) // 2)
        if len(before) > room:
            before = "…" + before[len(before) - room :]
        if len(after) > room:
            after = after[:room] + "…"
    return format_html("{}<mark>{}</mark>{}", before, match, after)


@require_POST
def decide_view(request, model_admin):
    """Accept or reject one mention from its row in the queue, then back to the same page."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    try:
        pk, status = request.POST.get("decide", "").split(":")
        status = Mention.Status(status)
    except ValueError:
        model_admin.message_user(request, "That decision was not understood.", messages.ERROR)
    else:
        if status == Mention.Status.SUGGESTED or not pk.isdigit():
            model_admin.message_user(request, "That decision was not understood.", messages.ERROR)
        elif decide(Mention.objects.filter(pk=pk), status, request.user):
            mention = Mention.objects.select_related(*TARGETS, "article").get(pk=pk)
            model_admin.message_user(
                request,
                f"{status.label}: {mention.entity} in “{mention.article}”.",
                messages.SUCCESS,
            )
        else:
            model_admin.message_user(request, "That mention no longer exists.", messages.ERROR)
    back = request.META.get("HTTP_REFERER") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("admin:articles_mention_changelist")
    return redirect(back)


def _may_add_entities(user):
    return user.has_perm("entities.add_person") and user.has_perm("entities.add_organisation")


@admin.register(Mention)
class MentionAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    form = MentionAdminForm
    # The entity opens the mention; the article column is a link of its own,
    # so it must not be the one Django wraps in the row's link.
    list_display = [
        "entity",
        "kind",
        "article_link",
        "status",
        "short_snippet",
        "decide_buttons",
        "decided_by",
        "decided_at",
    ]
    list_display_links = ["entity"]
    list_select_related = ["article", "person", "organisation", "event", "decided_by"]
    search_fields = ["snippet", "article__headline"]
    list_filter = [StatusFilter, EntityKindFilter, ArticleFilter, "created_at"]
    ordering = ["-created_at"]
    autocomplete_fields = ["article", "person", "organisation", "event"]
    readonly_fields = ["in_context", "decided_by", "decided_at", "created_at", "new_entity"]
    actions = ["accept", "reject"]

    class Media:
        css = {"all": ["newsdesk/admin/mentions.css"]}

    def get_urls(self):
        decide = self.admin_site.admin_view(decide_view)
        return [
            path("decide/", decide, {"model_admin": self}, name="articles_mention_decide"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        handed_over = []
        if request.user.has_perm("entities.add_person"):
            handed_over = list(
                wire_names.awaiting_moderators().select_related("names_handed_over_by")[:20]
            )
            for article in handed_over:
                article.names_list = wire_names.unknown_names(article, request.user)
        return super().changelist_view(
            request, {"handed_over": handed_over, **(extra_context or {})}
        )

    def get_list_display(self, request):
        # Accept and Reject post to a view that needs the right to change
        # mentions: nobody without it is offered buttons that answer 403.
        if self.has_change_permission(request):
            return self.list_display
        return [name for name in self.list_display if name != "decide_buttons"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not _may_add_entities(request.user):
            # Its links lead to the add forms: 403 for reporters and editors.
            fields = [f for f in fields if f != "new_entity"]
        # The snippet where it stands in the article, marked, comes first.
        return ["in_context", *[f for f in fields if f != "in_context"]]

    @admin.display(description="snippet")
    def short_snippet(self, mention):
        return highlighted(mention.snippet, mention.entity, limit=SNIPPET_IN_LIST)

    @admin.display(description="in the article")
    def in_context(self, mention):
        if mention.pk is None:
            return "—"
        return highlighted(mention.snippet, mention.entity)

    @admin.display(description="decide")
    def decide_buttons(self, mention):
        # Buttons of the changelist's own form, sent to the decide view: one
        # click per row, no nested form.
        url = reverse("admin:articles_mention_decide")
        return format_html(
            '<span class="decide-buttons">'
            '<button type="submit" class="button" formaction="{}" name="decide" '
            'value="{}:confirmed"{}>Accept</button> '
            '<button type="submit" class="button" formaction="{}" name="decide" '
            'value="{}:rejected"{}>Reject</button></span>',
            url,
            mention.pk,
            " disabled" if mention.status == Mention.Status.CONFIRMED else "",
            url,
            mention.pk,
            " disabled" if mention.status == Mention.Status.REJECTED else "",
        )

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
