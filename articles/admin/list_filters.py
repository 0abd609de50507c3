"""Changelist filters that never list every row of a big related table."""

from django.contrib import admin


class ChosenRelatedFilter(admin.SimpleListFilter):
    """The rows that point at one related object, reached from a link in the list.

    The usual related-field filter prints every person or event as a choice;
    this one shows only the object already chosen (`?<field>=<pk>`), so the
    sidebar can say what the list is filtered by and offer to clear it.
    """

    field_name = ""

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        related = model_admin.model._meta.get_field(self.field_name).related_model
        return [(str(obj.pk), str(obj)) for obj in related._default_manager.filter(pk=value)]

    def has_output(self):
        return bool(self.lookup_choices)

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.field_name}_id": value})
        return queryset


def chosen_related_filter(field_name, title):
    return type(
        f"Chosen{field_name.title()}Filter",
        (ChosenRelatedFilter,),
        {"field_name": field_name, "parameter_name": field_name, "title": title},
    )


class LiveStatusFilter(admin.SimpleListFilter):
    """Status as told now: a scheduled story whose time has come is listed as published.

    The stored status of such a story still says "scheduled" (nothing flips it),
    so filtering on the field would disagree with the public site.
    """

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return model_admin.model.Status.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value in model_values(queryset.model.Status):
            return queryset.with_status(value)
        return queryset


def model_values(choices):
    return {str(value) for value in choices.values}
