from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.views.generic import ListView
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)
from django_filters.views import FilterView

from articles.filters import ArticleFilter, published_tags
from articles.models import Article
from articles.views.public import ArticleListMixin


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
        return super().get_context_data(chosen_entities=chosen, **kwargs)


class TagDetailView(ArticleListMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(published_tags(), slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArchiveMixin(ArticleListMixin):
    """The published articles of a period, with a navigation of the periods that have some."""

    template_name = "articles/archive.html"
    date_field = "published_at"
    allow_future = False
    allow_empty = False
    month_format = "%m"
    period = ""
    title_format = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published()
        context["archive_years"] = published.datetimes("published_at", "year", order="DESC")
        year = context.get("year") or context.get("month") or context.get("day")
        if year:
            context["archive_year"] = year.year
            # The year page's own date list already holds that year's months.
            context["archive_months"] = (
                context["date_list"]
                if self.period == "year"
                else published.filter(published_at__year=year.year).datetimes(
                    "published_at", "month"
                )
            )
        context["period"] = self.period
        context["archive_title"] = (
            date_format(context[self.period], self.title_format) if self.title_format else "Archive"
        )
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


class DayArchive(ArchiveMixin, DayArchiveView):
    period = "day"
    title_format = "j F Y"
