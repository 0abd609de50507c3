from django_filters.views import FilterView

from articles import quotes
from entities.positions import position_held
from newsdesk.pagination import UncountedPaginationMixin


class QuoteListView(UncountedPaginationMixin, FilterView):
    """Who said what, where: every published quote, filtered and searched."""

    filterset_class = quotes.QuoteFilter
    template_name = "quotes/quote_list.html"
    context_object_name = "quotes"
    paginate_by = 20

    def get_queryset(self):
        return quotes.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for quote in context["quotes"]:
            quote.title_held = position_held(quote)
        form = self.filterset.form
        context["chosen_entities"] = (
            {
                name: form.cleaned_data[name]
                for name in ("person", "organisation", "event")
                if form.cleaned_data.get(name)
            }
            if self.filterset.is_bound and self.filterset.is_valid()
            else {}
        )
        context["query"] = form.cleaned_data.get("q", "") if self.filterset.is_valid() else ""
        return context
