"""Corrections: added through `articles.corrections.add`, then kept as they were published."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse

from articles import corrections
from articles.admin.workflow_inlines import ReadOnlyInline
from articles.models import Correction


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["article", "kind", "text", "made_at"]

    def clean(self):
        cleaned = super().clean()
        # Checked again, under the row lock, when saved.
        article, made_at = cleaned.get("article"), cleaned.get("made_at")
        reason = article and made_at and corrections.refusal(article, made_at)
        if reason:
            raise forms.ValidationError(reason)
        return cleaned


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    form = CorrectionForm
    list_display = ["made_at", "kind", "article", "created_by"]
    list_filter = ["kind"]
    list_select_related = ["article", "created_by"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article"]

    def has_add_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_change_permission(self, request, obj=None):
        # Published corrections are a public record; a wrong one gets another correction.
        return False

    def save_model(self, request, obj, form, change):
        try:
            created = corrections.add(
                obj.article, request.user, kind=obj.kind, text=obj.text, made_at=obj.made_at
            )
        except corrections.CorrectionError as error:
            # Only if the story changed since the form was checked; nothing was saved.
            self.message_user(request, str(error), messages.ERROR)
            return
        obj.pk = created.pk


class CorrectionInline(ReadOnlyInline):
    model = Correction
    fields = ["made_at", "kind", "text", "created_by"]
    select_related = ["created_by", "article"]
    verbose_name_plural = "corrections and clarifications (shown to readers)"
    template = "admin/articles/correction_inline.html"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.is_public and request.user.has_perm("articles.publish_article"):
            formset.add_correction_url = (
                reverse("admin:articles_correction_add") + f"?article={obj.pk}"
            )
        else:
            formset.add_correction_url = ""
        return formset
