import datetime

from django.db.models import Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import ListView
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)
from django_filters.views import FilterView

from articles import cache_keys
from articles.cache_keys import LIST_ARTICLES, archive_month, list_of, page_shows_loaded
from articles.filters import ArticleFilter, published_tags, start_of_day
from articles.models import Article
from articles.views.public import ArticleListMixin
from newsdesk.pagecache.invalidation import remember
from newsdesk.pagination import NewestFirstPaginator


class ArticleListView(ArticleListMixin, FilterView):
    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"

    def get_context_data(self, **kwargs):
        form = self.filterset.form
        # Only a valid value names a person, organisation or event: an unknown
        # slug is shown as an error instead.
        chosen = (
            {
                name: form.cleaned_data.get(name)
                for name in ("person", "organisation", "event")
                if form.cleaned_data.get(name)
            }
            if self.filterset.is_bound
            else {}
        )
        context = super().get_context_data(
            chosen_entities=chosen, filter_keys=cache_keys.FILTER_CHOICES, **kwargs
        )
        page_shows_loaded(context, LIST_ARTICLES, *cache_keys.FILTER_CHOICES)
        return context


class TagDetailView(ArticleListMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(published_tags(), slug=self.kwargs["slug"])
        return super().get_queryset().tagged(self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        page_shows_loaded(context, list_of("taggit.tag", self.tag.pk))
        return context


class ArchiveMixin(ArticleListMixin):
    """The published articles of a period, with a navigation of the periods that have some."""

    template_name = "articles/archive.html"
    # A period is a range of the published_at index: its rows come as cheaply as keys.
    paginator_class = NewestFirstPaginator
    date_field = "published_at"
    allow_future = False
    allow_empty = False
    month_format = "%m"
    period = ""
    title_format = ""

    def get(self, request, *args, **kwargs):
        # A period at the calendar's edge has no next one to link to: no news there.
        year = kwargs.get("year")
        if year is not None and not 1000 <= int(year) <= 9998:
            raise Http404("No stories were published in that year.")
        return super().get(request, *args, **kwargs)

    @cached_property
    def published_months(self):
        """Every month with a published story, newest first: the navigation's
        years and months and a month's neighbours all come from it."""

        def months():
            found = Article.objects.published().datetimes("published_at", "month", order="DESC")
            return [month.date() for month in found]

        # Reading every published date is the one slow part of an archive page,
        # and its answer only changes with the public stories.
        return remember("published_months", months, keys=[LIST_ARTICLES], follows_schedule=True)

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # The days (or months) of a period that have stories read every story's
        # date in it, so they are remembered like the months above.
        dates = super().get_date_list
        return remember(
            f"archive_dates:{self.request.path}:{date_type}:{ordering}",
            lambda: list(dates(queryset, date_type, ordering)),
            keys=[self.period_list()],
            follows_schedule=True,
        )

    def period_list(self):
        """The key of the list this page shows: a month's or a day's stories, or all."""
        if self.period in ("month", "day"):
            month = datetime.date(int(self.get_year()), int(self.get_month()), 1)
            return archive_month(
                datetime.datetime.combine(month, datetime.time(12), timezone.get_current_timezone())
            )
        return LIST_ARTICLES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["archive_years"] = list(
            {month.year: month.replace(month=1) for month in self.published_months}.values()
        )
        year = context.get("year") or context.get("month") or context.get("day")
        if year:
            context["archive_year"] = year.year
            context["archive_months"] = sorted(
                month for month in self.published_months if month.year == year.year
            )
        context["period"] = self.period
        context["archive_title"] = (
            date_format(context[self.period], self.title_format) if self.title_format else "Archive"
        )
        page_shows_loaded(context, self.period_list())
        return context


class ArchiveView(ArchiveMixin, ArchiveIndexView):
    # The latest stories, so the address never 404s on a quiet new year.
    allow_empty = True
    period = "index"


class YearArchive(ArchiveMixin, YearArchiveView):
    make_object_list = True
    period = "year"
    title_format = "Y"


class MonthArchive(ArchiveMixin, MonthArchiveView):
    period = "month"
    title_format = "F Y"

    def get_next_month(self, date):
        return min((month for month in self.published_months if month > date), default=None)

    def get_previous_month(self, date):
        return max((month for month in self.published_months if month < date), default=None)


class DayArchive(ArchiveMixin, DayArchiveView):
    period = "day"
    title_format = "j F Y"

    def get_day_date(self):
        return datetime.date(int(self.get_year()), int(self.get_month()), int(self.get_day()))

    def get_next_day(self, date):
        return self.neighbouring_days[1]

    def get_previous_day(self, date):
        return self.neighbouring_days[0]

    @cached_property
    def neighbouring_days(self):
        """The nearest earlier and later days with a published story, in one query.

        Each side is its own walk down the published_at index, stopping at the
        first story: a MIN/MAX with a FILTER reads every published story.
        """
        start = start_of_day(self.get_day_date())
        end = start_of_day(self.get_day_date() + datetime.timedelta(days=1))
        published = Article.objects.published().values("published_at")
        sides = {
            "previous": published.filter(published_at__lt=start).order_by("-published_at")[:1],
            "next": published.filter(published_at__gte=end).order_by("published_at")[:1],
        }
        # Any one row carries the two subqueries; with no article at all there is no row.
        found = (
            Article.objects.order_by()
            .annotate(**{name: Subquery(side) for name, side in sides.items()})
            .values(*sides)
            .first()
        ) or dict.fromkeys(sides)
        return [
            timezone.localdate(found[name]) if found[name] else None
            for name in ("previous", "next")
        ]
