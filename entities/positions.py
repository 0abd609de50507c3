"""The position a person held on a day, read in the same query as the rows naming them."""

from django.db.models import F, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject

from entities.models import Organisation, Position

# What a position is shown with (see includes/position_title.html), as one JSON
# object: one correlated subquery instead of one per field. Five identical
# subqueries cost ~3.8 ms to compile on an article with thirty quotes.
HELD_FIELDS = JSONObject(
    pk=F("pk"),
    title=F("title"),
    organisation=F("organisation_id"),
    organisation_name=F("organisation__name"),
    organisation_slug=F("organisation__slug"),
)
HELD = "held_position"


def held_subquery(positions):
    """The first of `positions` (already narrowed and ordered) as what `position_held` reads."""
    return Subquery(positions.values(data=HELD_FIELDS)[:1], output_field=JSONField())


def with_position_held(queryset, date, person="person"):
    """Annotates each row with the position its `person` held on `date`.

    The same choice as `Person.position_on`: of the positions held that day,
    the most recently started.
    """
    held = Position.objects.filter(person=OuterRef(person)).held_on(date).latest_first()
    return queryset.annotate(**{HELD: held_subquery(held)})


def position_held(row):
    """The position annotated by `with_position_held`, or None."""
    held = getattr(row, HELD)
    if held is None:
        return None
    return Position(
        pk=held["pk"],
        title=held["title"],
        organisation=Organisation(
            pk=held["organisation"],
            name=held["organisation_name"],
            slug=held["organisation_slug"],
        ),
    )
