"""Partner API keys: created here, shown once, stored hashed, revoked with an action."""

from django.contrib import admin, messages
from django.utils import timezone

from articles.api.models import PartnerKey


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "requests_per_minute", "created_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "contact"]
    fields = ["name", "contact", "requests_per_minute", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at"]
    actions = ["revoke"]

    @admin.display(description="state")
    def state(self, key):
        return "active" if key.is_active else f"revoked {key.revoked_at:%Y-%m-%d %H:%M}"

    def save_model(self, request, obj, form, change):
        raw = None if change else obj.issue()
        super().save_model(request, obj, form, change)
        if raw:
            self.message_user(
                request,
                f"The key for {obj.name} is {raw} — copy it now: it is stored hashed "
                "and cannot be shown again.",
                messages.WARNING,
            )

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} keys revoked; they stop working at once.")
