"""The position a person held on a day, read in the same query as the rows naming them."""

from django.db.models import OuterRef, Subquery

from entities.models import Organisation, Position

# What a position is shown with (see includes/position_title.html), as annotations.
HELD = {
    "held_position_pk": "pk",
    "held_position_title": "title",
    "held_organisation_pk": "organisation",
    "held_organisation_name": "organisation__name",
    "held_organisation_slug": "organisation__slug",
}


def with_position_held(queryset, date, person="person"):
    """Annotates each row with the position its `person` held on `date`.

    The same choice as `Person.position_on`: of the positions held that day,
    the most recently started.
    """
    held = Position.objects.filter(person=OuterRef(person)).held_on(date).latest_first()
    return queryset.annotate(
        **{name: Subquery(held.values(field)[:1]) for name, field in HELD.items()}
    )


def position_held(row):
    """The position annotated by `with_position_held`, or None."""
    if row.held_position_pk is None:
        return None
    return Position(
        pk=row.held_position_pk,
        title=row.held_position_title,
        organisation=Organisation(
            pk=row.held_organisation_pk,
            name=row.held_organisation_name,
            slug=row.held_organisation_slug,
        ),
    )
