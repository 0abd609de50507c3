"""A changelist paginator that stays cheap on tables of 100,000 rows.

PostgreSQL counts rows by reading them all, so an unfiltered changelist of a
big table pays for a full scan on every page. There the planner's own estimate
(`pg_class.reltuples`, kept fresh by autovacuum's ANALYZE) is close enough to
number the pages. Filtered lists, small tables and SQLite (whose COUNT(*) walks
the smallest index and stays quick) get the exact count.

A page is read in two steps: the keys of its rows first, then those rows. To
find the newest 100 articles the database sorts every row it considers; sorting
only keys and sort columns can be done from an index, where sorting whole rows
(an article's body included) reads the entire table.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this, an exact count costs little and an estimate is not worth its error.
ESTIMATE_ABOVE = 20_000


def estimated_rows(model, using):
    """The planner's row estimate for the model's table, or None if it has none."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(model._meta.db_table)],
        )
        row = cursor.fetchone()
    # -1 until the table has been analysed once.
    return int(row[0]) if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        unfiltered = query is not None and not query.where and not query.distinct
        if unfiltered:
            estimate = estimated_rows(queryset.model, queryset.db)
            if estimate is not None and estimate > ESTIMATE_ABOVE:
                return estimate
        return super().count

    def page(self, number):
        queryset = self.object_list
        if not hasattr(queryset, "values_list"):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(queryset.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        # Still a queryset in the same order, as list_editable's formset needs.
        return self._get_page(queryset.filter(pk__in=keys), number, self)


class LargeTableAdminMixin:
    """Changelist settings for a table that grows to tens of thousands of rows."""

    paginator = EstimatedCountPaginator
    # The "N total" link would count the whole table again.
    show_full_result_count = False
