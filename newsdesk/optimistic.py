"""The optimistic check for any admin change form: a stale save is refused, never silently lost.

A form opened on a record carries the record's `updated_at` as it was then. On
save the row is locked and the value compared (the admin saves in the same
transaction, so nothing can slip in between); if someone saved in the
meantime, the form is refused with who, when and which fields differ, and
everything typed is kept. Saving again after that is a deliberate overwrite.

Knows no content: any model with an auto-updated `updated_at` can use it.
"""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format

TOKEN_FIELD = "opened_at"


def _token(value):
    return value.isoformat() if value else ""


class VersionCheckedForm(forms.ModelForm):
    """A ModelForm refusing a save made against an older `updated_at` than the row's."""

    version_field = "updated_at"

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale = None
        if self.instance.pk is not None:
            self.fields[TOKEN_FIELD].initial = _token(getattr(self.instance, self.version_field))

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get(TOKEN_FIELD)
        if self.instance.pk is None or not opened:
            return cleaned
        model = type(self.instance)
        current = model._default_manager.select_for_update().get(pk=self.instance.pk)
        saved_at = getattr(current, self.version_field)
        if _token(saved_at) == opened:
            return cleaned
        differing = [
            str(self.fields[name].label or name)
            for name in self.changed_data
            if name != TOKEN_FIELD
            and name in self.fields
            and hasattr(current, name)
            and self.fields[name].prepare_value(getattr(current, name))
            != self.fields[name].prepare_value(cleaned.get(name))
        ]
        who = _last_saved_by(current)
        self.stale = {"who": who, "at": saved_at, "fields": differing}
        # A second save, made with the refusal in view, overwrites on purpose.
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = _token(saved_at)
        when = date_format(timezone.localtime(saved_at), "H:i, j M Y") if saved_at else "?"
        message = (
            f"{who or 'Someone'} saved this {model._meta.verbose_name} at {when}, after you "
            "opened it. Your changes have not been saved and are kept below."
        )
        if differing:
            message += f" Your version differs from theirs in: {', '.join(differing)}."
        message += " Check their version in another tab, then save again to keep yours."
        raise forms.ValidationError(message, code="edit_conflict")


def _last_saved_by(obj):
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-action_time", "-pk")
        .first()
    )
    return entry.user if entry else None
