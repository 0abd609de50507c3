"""Webhook endpoints, and the outbox with every attempt and a "send again"."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html

from articles.webhooks import delivery
from articles.webhooks.models import (
    EventKind,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)


class EndpointForm(forms.ModelForm):
    # Declared for assume_scheme: Django 6 reads a bare host name as https.
    url = forms.URLField(
        label="Address", max_length=500, assume_scheme="https", help_text="Where events are POSTed."
    )
    events = forms.MultipleChoiceField(
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The events this partner is told about.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "is_active", "secret"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "event_list", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]

    @admin.display(description="events")
    def event_list(self, endpoint):
        labels = dict(EventKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in endpoint.events)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "started_at", "status_code", "error", "duration_ms", "response_excerpt"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "attempts (newest first)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "article",
        "endpoint",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event__kind", "endpoint"]
    list_select_related = ["event__article", "endpoint"]
    search_fields = ["event__id", "event__article__headline"]
    readonly_fields = [
        "event_id_shown",
        "kind",
        "article",
        "endpoint",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
        "created_at",
        "body",
    ]
    fields = readonly_fields
    inlines = [AttemptInline]
    actions = ["send_again"]
    change_form_template = "admin/articles/webhookdelivery/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/send-again/",
                self.admin_site.admin_view(self.send_again_view),
                name="articles_webhookdelivery_send_again",
            ),
            *super().get_urls(),
        ]

    def send_again_view(self, request, pk):
        """The change page's button: POST only, for staff who may send webhooks."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("articles.change_webhookdelivery"):
            raise PermissionDenied
        count = delivery.send_again(WebhookDelivery.objects.filter(pk=pk))
        if not count:
            raise Http404("No such delivery.")
        self.message_user(request, "Queued to be sent again, with the same event id and body.")
        return redirect("admin:articles_webhookdelivery_change", pk)

    def render_change_form(self, request, context, *args, **kwargs):
        context["may_send_again"] = request.user.has_perm("articles.change_webhookdelivery")
        return super().render_change_form(request, context, *args, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="event")
    def kind(self, item):
        return item.event.get_kind_display()

    @admin.display(description="event id")
    def event_id_shown(self, item):
        return str(item.event_id)

    @admin.display(description="article")
    def article(self, item):
        return item.event.article or f"#{item.event.article_ref} (deleted)"

    @admin.display(description="body sent")
    def body(self, item):
        if not item.event.body:
            return "Not rendered yet: it is rendered when first sent."
        pretty = json.dumps(json.loads(item.event.body), indent=2, ensure_ascii=False)
        return format_html("<pre>{}</pre>", pretty)

    @admin.action(description="Send again (same event id and body)")
    def send_again(self, request, queryset):
        if not request.user.has_perm("articles.change_webhookdelivery"):
            self.message_user(request, "You may not send webhooks.", messages.ERROR)
            return
        count = delivery.send_again(queryset)
        self.message_user(request, f"{count} deliveries queued to be sent again.")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("articles.change_webhookdelivery"):
            actions.pop("send_again", None)
        return actions
