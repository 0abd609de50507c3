"""Merging duplicates from a changelist, and the record each merge leaves."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from entities.merging import MergeError, merge
from entities.models import MergeRecord


class SurvivorForm(forms.Form):
    survivor = forms.ChoiceField(
        widget=forms.RadioSelect, label="Keep this one; merge the others into it"
    )

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [(str(obj.pk), obj) for obj in records]


class MergeAdminMixin:
    actions = ["merge_selected"]

    def has_merge_permission(self, request):
        opts = self.opts
        return request.user.has_perms(
            [
                f"{opts.app_label}.change_{opts.model_name}",
                f"{opts.app_label}.delete_{opts.model_name}",
            ]
        )

    @admin.action(description="Merge selected into…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        records = list(queryset)
        if len(records) < 2:
            self.message_user(request, "Select at least two records to merge.", messages.WARNING)
            return None
        form = SurvivorForm(request.POST if "survivor" in request.POST else None, records=records)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/entities/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "title": f"Merge {self.opts.verbose_name_plural}",
                    "opts": self.opts,
                    "form": form,
                    "records": records,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        survivor = next(obj for obj in records if str(obj.pk) == form.cleaned_data["survivor"])
        merged = []
        for duplicate in records:
            if duplicate.pk != survivor.pk:
                try:
                    merge(duplicate, survivor, user=request.user)
                except MergeError as error:
                    self.message_user(request, str(error), messages.ERROR)
                    return None
                merged.append(str(duplicate))
        self.message_user(request, f"Merged {', '.join(merged)} into {survivor}.", messages.SUCCESS)
        return None


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "kind", "target", "merged_by", "merged_at"]
    list_select_related = ["person", "organisation", "event", "merged_by"]
    list_filter = ["kind", "merged_at"]
    search_fields = ["merged_name", "merged_slug"]
    ordering = ["-merged_at"]
    fields = [
        "kind",
        "merged_name",
        "merged_slug",
        "person",
        "organisation",
        "event",
        "merged_by",
        "merged_at",
        "moved",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
