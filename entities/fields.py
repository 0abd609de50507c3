from django import forms
from django.db import models


class LineListFormField(forms.CharField):
    """Edits a list of short strings as a textarea, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        lines = value if isinstance(value, list | tuple) else (value or "").splitlines()
        seen, result = set(), []
        for line in lines:
            item = " ".join(str(line).split())
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                result.append(item)
        return result

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class AliasesField(models.JSONField):
    """Other forms of a name a story may use, stored as a JSON list of strings."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return models.Field.formfield(
            self,
            **{
                "form_class": LineListFormField,
                "help_text": self.help_text or "One per line.",
                **kwargs,
            },
        )
