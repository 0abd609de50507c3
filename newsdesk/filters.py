"""Filters and fields that the public lists' filter forms share."""

import django_filters
from django.core.exceptions import ValidationError
from django.core.validators import slug_unicode_re
from django_filters.fields import ModelChoiceField


class SlugChoiceField(ModelChoiceField):
    def to_python(self, value):
        # Anything that cannot be a slug is refused before it reaches the
        # database: PostgreSQL rejects some characters (NUL) with an error.
        if value not in self.empty_values and not slug_unicode_re.match(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SlugFilter(django_filters.ModelChoiceFilter):
    """A choice of one row by its slug, which is what the shareable address carries."""

    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)
