from django.views.generic import TemplateView

from articles.search.forms import SearchForm
from newsdesk.search import search


class SearchView(TemplateView):
    """GET /search/?q=…: ranked matches among stories, people, organisations and events."""

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        results = None
        if form.is_valid() and form.cleaned_data["q"].strip():
            results = search(**form.search_arguments())
        return super().get_context_data(form=form, results=results, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        # A request the form refuses (an impossible date, say) is the client's error.
        if context["form"].is_bound and not context["form"].is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)
