"""Forms that show rows already read, without reading them again.

Django's autocomplete widget looks up the label of its selected value with a
query of its own, once per field of every inline row: an article with twelve
quotes paid 24 queries for the names of people and events it had just
fetched. Here the widget takes the labels of the objects the form's instance
already holds (a foreign key fetched with its row, a prefetched many-to-many
list), and queries only for a value typed since, as when a form comes back
with errors. Inline formsets likewise take their rows from the article's
prefetched relations (see preload.py) when it has them.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property


class KnownLabels:
    """An autocomplete widget given the labels of the values it may be showing."""

    labels = None  # {str(pk): label}, set by KnownLabelsForm

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.labels is None or not set(selected) <= self.labels.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        # In the order Django's own query would give: the objects' (as stored).
        for pk, label in self.labels.items():
            if pk in selected:
                options.append(self.create_option(name, pk, label, True, len(options)))
                if not self.allow_multiple_selected:
                    break
        return [(None, options, 0)]


class KnownLabelsSelect(KnownLabels, AutocompleteSelect):
    pass


class KnownLabelsSelectMultiple(KnownLabels, AutocompleteSelectMultiple):
    pass


class KnownModelChoiceField(forms.ModelChoiceField):
    """Takes a submitted id that names an object the form already holds without
    reading it again: a saved form with twelve bylines read each person twice."""

    known = None  # {str(value of to_field_name): object}, set by KnownLabelsForm

    def to_python(self, value):
        # Not when the choices are narrowed (limit_choices_to): the held object
        # might no longer be among them.
        if self.known and not self.queryset.query.where and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class KnownLabelsAdminMixin:
    """A model admin or inline whose foreign keys and autocompletes use the above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownLabelsSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", KnownModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownLabelsSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class KnownLabelsForm(forms.ModelForm):
    """Gives each foreign key and autocomplete field the objects the instance holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            objects = self._held(name)
            if objects is None:
                continue
            if isinstance(field, KnownModelChoiceField):
                key = field.to_field_name or "pk"
                field.known = {str(getattr(obj, key)): obj for obj in objects}
            widget = getattr(field.widget, "widget", field.widget)  # the admin wraps it
            if isinstance(widget, KnownLabels):
                widget.labels = {str(obj.pk): field.label_from_instance(obj) for obj in objects}

    def _held(self, name):
        """The related objects of field `name` the instance holds, or None."""
        try:
            model_field = self.instance._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if model_field.many_to_many:
            prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
            return list(prefetched[name]) if name in prefetched else None
        if model_field.many_to_one and model_field.is_cached(self.instance):
            related = model_field.get_cached_value(self.instance)
            return [related] if related is not None else []
        return None


class PreloadedInlineFormSet(BaseInlineFormSet):
    """Takes its rows from the parent's prefetched relation when there is one,
    and a submitted row's id from those rows."""

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            accessor = self.fk.remote_field.get_accessor_name()
            prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
            cache_name = self.fk.remote_field.cache_name
            if self.instance.pk is not None and cache_name in prefetched:
                self._queryset = list(getattr(self.instance, accessor).all())
        return super().get_queryset()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name
        field = form.fields.get(name)
        if type(field) is forms.ModelChoiceField:
            known = KnownModelChoiceField(
                field.queryset, initial=field.initial, required=False, widget=field.widget
            )
            known.known = self._rows_by_pk
            form.fields[name] = known

    @cached_property
    def _rows_by_pk(self):
        return {str(row.pk): row for row in self.get_queryset()}

    @cached_property
    def empty_form(self):
        # Django builds it anew each time it is asked for: four times per inline
        # and page (the header, the media, the multipart check, the blank row).
        return super().empty_form


class PreloadedInlineMixin(KnownLabelsAdminMixin):
    """An inline of the article change form, whose rows preload.py reads.

    The rows shown are the article's whole relation: an inline that ever
    filters its get_queryset() must leave the article admin's preloading.
    """

    form = KnownLabelsForm
    formset = PreloadedInlineFormSet
