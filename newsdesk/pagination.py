"""Pages of long public lists that cost the same on page 1 of 10 and of 10,000."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

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
            keys = list(self.object_list.values_list("pk", flat=True)[window])
            shown = keys[: self.per_page]
            rows = {row.pk: row for row in self.object_list.filter(pk__in=shown)} if shown else {}
            # A row changed between the two reads (unpublished meanwhile) is left out.
            items = [rows[key] for key in shown if key in rows]
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
