from django import forms
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Mention

TARGETS = ("person", "organisation", "event")


class MentionAdminForm(forms.ModelForm):
    """Re-pointing a mention: to one entity, and not one the article already mentions."""

    class Meta:
        model = Mention
        fields = ["article", "person", "organisation", "event", "status", "snippet"]

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in TARGETS if cleaned.get(name)]
        article = cleaned.get("article")
        if len(chosen) != 1:
            # Said here rather than by the model's check so that the entity
            # stays as it was while the form is shown again.
            self.add_error(None, "Choose exactly one person, organisation or event.")
            for name in TARGETS:
                cleaned.pop(name, None)
            return cleaned
        if article is None:
            return cleaned
        (kind,) = chosen
        twin = (
            Mention.objects.filter(article=article, **{kind: cleaned[kind]})
            .exclude(pk=self.instance.pk)
            .first()
        )
        if twin is not None:
            # An error on the field also keeps the model from reporting the
            # same repeat again as a violated constraint.
            self.add_error(
                kind,
                forms.ValidationError(
                    format_html(
                        'The article already mentions {} (<a href="{}">{}</a>).',
                        cleaned[kind],
                        reverse("admin:articles_mention_change", args=[twin.pk]),
                        twin.get_status_display().lower(),
                    ),
                    code="already_mentioned",
                ),
            )
        return cleaned
