from hashlib import md5
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from articles.cache_keys import SECTIONS
from articles.search.forms import SearchForm
from entities.cache_keys import EVENTS, ORGANISATIONS, PEOPLE
from newsdesk.pagecache.dependencies import depends_on, page_shows
from newsdesk.pagecache.kept import kept, shows
from newsdesk.search import KINDS, MAX_PAGE, plan
from newsdesk.search.dependencies import query_keys, schedule_key

# What each kind's matches depend on besides the rows shown: any change to one
# of that kind (a person's names...) may change which match.
KIND_KEYS = {
    "article": (SECTIONS,),
    "person": (PEOPLE,),
    "organisation": (ORGANISATIONS,),
    "event": (EVENTS,),
}
# Kinds whose rows retire the keys of the words they hold (articles/cache_keys.py):
# their matches depend on the words searched, and change as rows go live.
BY_WORD = {"article"}


class SearchView(TemplateView):
    """GET /search/?q=…: ranked matches among stories, people, organisations and events.

    Each kind's matches are a part kept until that kind changes
    (`newsdesk.pagecache.kept`); the stories, until a story holding one of the
    words searched changes or a story goes live: a new story about something
    else keeps every part of the search.
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
        text = arguments["query"]
        context = {"form": form, "request": self.request}

        def part(name, make):
            def render():
                group = make()
                depends_on(*KIND_KEYS.get(name, ()))
                if name in BY_WORD:
                    index = KINDS[name].index
                    depends_on(*query_keys(index, text), schedule_key(index))
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
