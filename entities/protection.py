"""What still uses a person, organisation or event, so that deleting it is refused.

Some of those uses would cascade away silently (a mention, an event an article
covers, the host of an event) or be cut loose (a quote said at an event), so
every relation is checked here rather than relying on each `on_delete`.
"""

from django.db.models import ProtectedError
from django.utils.text import capfirst

# How many uses of one kind the refusal lists before summing up the rest.
SHOWN_PER_KIND = 10

# Relations that belong to the record itself and go with it; anything else refers to it.
OWN_DATA = {
    ("person", "positions"),
    ("person", "merges"),
    ("organisation", "merges"),
    ("event", "merges"),
}


def _relations(model):
    for rel in model._meta.related_objects:
        if (model._meta.model_name, rel.get_accessor_name()) in OWN_DATA:
            continue
        # A many-to-many with its own through model is covered by that model's key.
        if rel.many_to_many and not rel.through._meta.auto_created:
            continue
        yield rel


# {model: function(queryset) -> the rows of it that count as uses}, for models
# whose rows may refer to a record without using it; registered by their apps.
USE_FILTERS = {}


def register_use_filter(model, still_counts):
    USE_FILTERS[model] = still_counts


def _still_counts(rel, queryset):
    still_counts = USE_FILTERS.get(rel.related_model)
    return queryset if still_counts is None else still_counts(queryset)


def uses(obj):
    """What refers to `obj`, one line each, e.g. 'Quote: Jane Doe: “We will…”'."""
    lines = []
    for rel in _relations(type(obj)):
        queryset = _still_counts(rel, getattr(obj, rel.get_accessor_name()).all())
        label = capfirst(rel.related_model._meta.verbose_name)
        found = list(queryset[: SHOWN_PER_KIND + 1])
        lines += [f"{label}: {item}" for item in found[:SHOWN_PER_KIND]]
        if len(found) > SHOWN_PER_KIND:
            more = queryset.count() - SHOWN_PER_KIND
            lines.append(f"… and {more} more {rel.related_model._meta.verbose_name_plural}")
    return lines


def refuse_if_used(obj):
    """Raise ProtectedError, naming the uses, if anything still uses `obj`."""
    found = uses(obj)
    if found:
        raise ProtectedError(
            f"“{obj}” is still used, so it was not deleted. Merge it into the record "
            f"that replaces it instead. Used by: {'; '.join(found)}",
            set(),
        )
