from hashlib import md5
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from articles.cache_keys import LIST_ARTICLES, SECTIONS
from articles.search.forms import SearchForm
from entities.cache_keys import EVENTS, ORGANISATIONS, PEOPLE
from newsdesk.pagecache.dependencies import depends_on, page_shows
from newsdesk.pagecache.kept import kept, shows
from newsdesk.search import MAX_PAGE, plan

# What each kind's matches depend on besides the rows shown: any change to one
# of that kind (a story's text, a person's names...) may change which match.
KIND_KEYS = {
    "article": (LIST_ARTICLES, SECTIONS),
    "person": (PEOPLE,),
    "organisation": (ORGANISATIONS,),
    "event": (EVENTS,),
}


class SearchView(TemplateView):
    """GET /search/?q=…: ranked matches among stories, people, organisations and events.

    Each kind's matches are a part kept until that kind changes
    (`newsdesk.pagecache.kept`): a new story runs the stories' search again and
    keeps the people, organisations and events found.
    """

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        results = None
        if form.is_valid() and form.cleaned_data["q"].strip():
            results = self.results(form)
        # The parts and the form named what they show; the page shows nothing more.
        page_shows()
        return super().get_context_data(form=form, results=results, **kwargs)

    def results(self, form):
        arguments = form.search_arguments()
        page, planned = plan(**arguments)
        context = {"form": form, "request": self.request}

        def part(name, make):
            def render():
                group = make()
                depends_on(*KIND_KEYS.get(name, ()))
                shows([hit.object for hit in group.hits])
                html = render_to_string(
                    "articles/parts/search_group.html", {**context, "group": group}, self.request
                )
                return {
                    "html": mark_safe(html.strip()),
                    "found": bool(group.hits),
                    "more": group.has_more,
                }

            return render

        # The address says what was searched, and the "more" links carry its parameters.
        path = md5(self.request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        made = kept({f"search:{path}:{name}": part(name, make) for name, _, make in planned})
        groups = [made[f"search:{path}:{name}"] for name, _, _ in planned]
        main = [made[f"search:{path}:{name}"] for name, is_main, _ in planned if is_main]
        return SimpleNamespace(
            page=page,
            groups=[SimpleNamespace(html=group["html"]) for group in groups],
            found=any(group["found"] for group in groups),
            has_next=bool(main) and main[0]["more"] and page < MAX_PAGE,
        )

    def render_to_response(self, context, **response_kwargs):
        # A request the form refuses (an impossible date, say) is the client's error.
        if context["form"].is_bound and not context["form"].is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)
