from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from entities.duplicates import NAME_FIELDS, likely_duplicates
from newsdesk.optimistic import VersionCheckedForm


class DuplicateWarningForm(VersionCheckedForm):
    """Warns before a second record for someone already known is saved.

    A namesake is possible, so the warning only asks to tick "save anyway".
    """

    save_anyway = forms.BooleanField(
        required=False,
        label="Save anyway",
        help_text="Tick when another record has one of these names but is someone else.",
    )

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        name_fields = [*NAME_FIELDS[model], "aliases"]
        renamed = not self.instance.pk or any(f in self.changed_data for f in name_fields)
        if not renamed or cleaned.get("save_anyway"):
            return cleaned
        names = [cleaned.get(field) for field in NAME_FIELDS[model]]
        names += cleaned.get("aliases") or []
        duplicates = likely_duplicates(model, names, exclude_pk=self.instance.pk)
        if duplicates:
            links = format_html_join(
                ", ",
                '<a href="{}" target="_blank">{}</a>',
                ((self.change_url(other), other) for other in duplicates),
            )
            raise forms.ValidationError(
                format_html(
                    "Possibly a duplicate of {}. Tick “save anyway” if this is someone else.",
                    links,
                ),
                code="duplicate",
            )
        return cleaned

    def change_url(self, obj):
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
