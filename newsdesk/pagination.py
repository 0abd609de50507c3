"""Pages of long lists, public and in the admin, that stay cheap at 100,000 rows.

Both read a page in two steps, the keys of its rows first and then those rows
(`keys_then_rows`): to find the newest twenty stories the database sorts every
row it considers, and sorting only keys and sort columns can be done from an
index, where sorting whole rows (bodies included) reads the entire table.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

# Below this, an exact count costs little and an estimate is not worth its error.
ESTIMATE_ABOVE = 20_000


def keys_then_rows(queryset, bottom, size, extra=0):
    """The keys of the list's rows from `bottom` on (`size` of them, and up to
    `extra` more), and a queryset of the first `size` of those rows, still in
    the list's order. A row changed between the two reads is left out."""
    keys = list(queryset.values_list("pk", flat=True)[bottom : bottom + size + extra])
    return keys, queryset.filter(pk__in=keys[:size])


# No list has this many pages; a larger number is a 404 before any query.
MAX_PAGE_NUMBER = 100_000


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def start_index(self):
        if not self.object_list:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class UncountedPaginator(Paginator):
    """Newer/older pages without `COUNT(*)`, reading keys before rows.

    Counting every published story, or every story with a popular tag, reads
    the whole set on each request just to print "of 4,213". A page instead
    reads one key more than it shows, to know whether an older page exists.

    Keys first, then rows: sorting the matching keys is cheap, while sorting
    whole rows (bodies included) to keep twenty of them is not, and SQLite
    does exactly that when the filter comes from another table (a tag).

    `count` and `num_pages` stay unknown; a page past the end is an `EmptyPage`
    (a 404 in list views), as with Django's paginator.
    """

    uncounted = True
    # Off for an unfiltered list read down an index, where the rows come as cheaply.
    keys_first = True

    def validate_number(self, number):
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE_NUMBER:
            # Past any real list, and an OFFSET this large overflows the database's integers.
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        window = slice(bottom, bottom + self.per_page + 1)
        if isinstance(self.object_list, QuerySet) and self.keys_first:
            keys, rows = keys_then_rows(self.object_list, bottom, self.per_page, extra=1)
            items = list(rows) if keys else []
        else:
            keys = list(self.object_list[window])
            items = keys[: self.per_page]
        if not items and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        if not items and not self.allow_empty_first_page:
            raise EmptyPage(self.error_messages["no_results"])
        return UncountedPage(items, number, self, has_next=len(keys) > self.per_page)

    @cached_property
    def count(self):
        raise NotImplementedError("An UncountedPaginator never counts its list.")

    @cached_property
    def num_pages(self):
        raise NotImplementedError("An UncountedPaginator never counts its list.")


class NewestFirstPaginator(UncountedPaginator):
    keys_first = False


class UncountedPaginationMixin:
    """For list views: uncounted pages, and a 404 for `?page=last`, which would need the count."""

    paginator_class = UncountedPaginator

    def paginate_queryset(self, queryset, page_size):
        if (self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)) == "last":
            raise Http404("This list has no last page; follow the older pages instead.")
        return super().paginate_queryset(queryset, page_size)


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
    """The admin's changelists: numbered pages, counted cheaply, read keys first.

    PostgreSQL counts rows by reading them all, so an unfiltered changelist of a
    big table pays for a full scan on every page. There the planner's own
    estimate (`pg_class.reltuples`, kept fresh by autovacuum's ANALYZE) is close
    enough to number the pages. Filtered lists, small tables and SQLite (whose
    COUNT(*) walks the smallest index and stays quick) get the exact count.
    """

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
        # Still a queryset in the same order, as list_editable's formset needs.
        _, rows = keys_then_rows(queryset, (number - 1) * self.per_page, self.per_page)
        return self._get_page(rows, number, self)
