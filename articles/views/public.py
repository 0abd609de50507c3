import html

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView
from django.views.generic.base import ContextMixin

from articles import cache_keys, frontpage
from articles.fragments import fragments
from articles.linking import link_first_mentions
from articles.managers import is_due
from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    Mention,
    Page,
    Photo,
    PhotoPerson,
    Quote,
    RelatedLink,
    Section,
)
from articles.related import related_coverage, share_links
from articles.renditions import prefetch_renditions
from articles.story_blocks import story_blocks
from articles.views.corrections import load_corrections, with_correction_flag
from entities.models import Event
from entities.positions import position_held, with_position_held
from newsdesk.pagecache.dependencies import depends_on, keys_in
from newsdesk.pagecache.invalidation import remember
from newsdesk.pagecache.kept import rendered_parts, shows
from newsdesk.pagination import NewestFirstPaginator, UncountedPaginationMixin
from newsdesk.prefetch import prefetch_when_read
from newsdesk.prepared import PreparedQuery
from newsdesk.sanitiser import sanitise_body


class PublishedArticleMixin:
    """Readers only ever get articles through `Article.objects.published()`."""

    def get_queryset(self):
        return Article.objects.published()


class ArticleListMixin(UncountedPaginationMixin, PublishedArticleMixin):
    paginate_by = 20
    context_object_name = "articles"

    def get_queryset(self):
        # Bylines and renditions are fetched only if a card renders (`defer_card_parts`).
        return super().get_queryset().select_related("section", "lead_photo")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            defer_card_parts(page.object_list)
        return context


def teasers(sections):
    """A section's teasers show the first story's picture only."""
    return [stories[0] for _, stories in sections if stories]


def defer_card_parts(articles):
    """What a story's card shows besides the story, fetched for all `articles` at once
    when a card first renders: most come whole from the fragment cache."""
    articles = list(articles)
    bylines = ArticleAuthor.objects.select_related("person")
    prefetch_when_read(articles, Prefetch("bylines", queryset=bylines))
    prefetch_when_read([article.lead_photo for article in articles], "renditions")


class HomeView(ArticleListMixin, ListView):
    """The front page is three parts kept until what each shows changes
    (`newsdesk.pagecache.kept`): the stories, the sections' teasers (both retired
    by any public story), and the events and most quoted people beside them.
    Older pages are plain lists."""

    template_name = "articles/home.html"
    # The newest stories of all, straight down the published_at index; the
    # first page is the list of the newest (cache_keys.HOME), the others are
    # among all stories (LIST_ARTICLES).
    paginator_class = NewestFirstPaginator
    paginate_by = cache_keys.NEWEST_SHOWN
    parts = {
        "stories": "articles/parts/home_stories.html",
        "aside": "articles/parts/home_aside.html",
        "sections": "articles/parts/home_sections.html",
    }

    def get_context_data(self, **kwargs):
        if self.request.GET.get(self.page_kwarg, "1") != "1":
            return self.list_context(**kwargs)
        # Not ListView's: that would read the page of stories, which the parts
        # read only when they are made.
        context = ContextMixin.get_context_data(self, **kwargs)
        # The sections' teasers are read with the stories when both are made, so
        # that their pictures come in the cards' batch (one query fewer, cold).
        read = {}

        def stories():
            read["sections"] = frontpage.latest_by_section()
            return self.list_context(teasers=teasers(read["sections"]), **kwargs)

        def sections():
            if "sections" not in read:
                read["sections"] = frontpage.latest_by_section()
                defer_card_parts(teasers(read["sections"]))
            depends_on(*frontpage.SECTIONS_KEYS)
            return shows({"sections": read["sections"]})

        loaders = {"stories": stories, "aside": self.aside_context, "sections": sections}
        context["parts"] = rendered_parts(
            self.request, "home", self.parts, context, lambda name: loaders[name]()
        )
        # The parts named what they show; the page shows nothing more.
        cache_keys.page_shows_loaded(context, cache_keys.HOME, cache_keys.FRONT_PAGE)
        return context

    def list_context(self, teasers=(), **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["page_obj"])
        shown = list(articles)
        # Only the front page gets a lead story and the rest; older pages are plain lists.
        if context["page_obj"].number == 1:
            # The editors' pins first (the first is the lead), then the newest.
            pinned = frontpage.pinned_stories()
            if pinned:
                pks = {article.pk for article in pinned}
                articles = [article for article in articles if article.pk not in pks]
                context["lead_article"] = pinned[0]
                context["top_articles"] = pinned[1:]
                shown += pinned
            elif articles:
                context["lead_article"], articles = articles[0], articles[1:]
        context["more_articles"] = articles
        # The lead and top stories and the sections' teasers with the list's, in one batch.
        defer_card_parts([*shown, *teasers])
        listed = cache_keys.HOME if context["page_obj"].number == 1 else cache_keys.LIST_ARTICLES
        cache_keys.page_shows_loaded(context, listed, cache_keys.FRONT_PAGE)
        return context

    @staticmethod
    def aside_context():
        # Each remembered under the keys of what it shows, named to the part.
        return shows(
            {
                "upcoming_events": frontpage.upcoming_events(),
                "recent_events": frontpage.recent_events(),
                "most_quoted": frontpage.most_quoted_people(),
            }
        )


class SectionDetailView(ArticleListMixin, ListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )
        cache_keys.page_shows_loaded(
            context, cache_keys.list_of("articles.section", self.section.pk)
        )
        return context


def article_part_prefetches():
    """{name: prefetch} of what the article page shows besides the article's own fields.

    Usable on a queryset and, through `prefetch_related_objects`, on an article
    built from a revision.
    """
    return {
        # Bylines come with the story's blocks (articles/story_blocks.py).
        "placements": Prefetch("placements", queryset=ArticlePhoto.objects.select_related("photo")),
        # A link to an unpublished article is dropped, not just unlinked: its
        # title would leak the unpublished headline, previews included.
        "related_links": links_to(Article.objects.published()),
        # With their series, for the related coverage.
        "events": Prefetch("events", queryset=Event.objects.select_related("series")),
        "mentions": Prefetch(
            "mentions",
            queryset=Mention.objects.confirmed().select_related("person", "organisation", "event"),
            to_attr="confirmed_mentions",
        ),
    }


def links_to(stories):
    """The related links to addresses elsewhere and to `stories`."""
    # Checked link by link: `target_article__in=published` makes SQLite list
    # every published article first, for the one or two links a story has.
    linkable = Q(target_article__isnull=True) | Exists(
        stories.filter(pk=OuterRef("target_article"))
    )
    return Prefetch(
        "related_links",
        queryset=RelatedLink.objects.filter(linkable).select_related("target_article"),
    )


def article_parts():
    return list(article_part_prefetches().values())


# The article's own parts (templates/articles/fragments/), and what each needs
# loaded when it is not in the cache.
FRAGMENTS = {
    "meta": {"lead_renditions"},
    "ld": {"blocks", "lead_renditions"},
    "head": {"blocks"},
    "body": {"events", "placements", "mentions", "renditions"},
    "blocks": {"blocks"},
    "quoted": {"quotes"},
    "events": {"events"},
    "tags": {"blocks"},
    # Not HTML: the ids of what the story names, for the related coverage.
    "named": {"events", "mentions", "quotes"},
    # Not HTML either: each related link with the time from which it may show.
    "related": {"related_links"},
}
DATA_FRAGMENTS = {"named", "related"}


RELATED_COVERAGE_SECONDS = 5 * 60


class ArticlePageMixin:
    """Fetching and presenting one article the way the public article page does."""

    context_object_name = "article"
    template_name = "articles/article_detail.html"
    # Previews show drafts and old revisions: never kept.
    cache_fragments = False

    @staticmethod
    def with_parts(queryset):
        return queryset.select_related("section", "lead_photo").prefetch_related(*article_parts())

    def get_context_data(self, **kwargs):
        article = self.object
        load_corrections(article)
        url = self.request.build_absolute_uri(article.get_absolute_url())
        context = super().get_context_data(
            share_links=share_links(url, article.headline),
            current_section=article.section,
            **kwargs,
        )

        def render(names):
            return self.render_fragments(article, names, context)

        if self.cache_fragments:
            made = fragments(article, self.request, list(FRAGMENTS), render)
        else:
            made = render(list(FRAGMENTS))
        named = made.pop("named")
        context["related_links"] = related_links(made.pop("related"))
        context["fragments"] = {name: mark_safe(html) for name, html in made.items()}

        # Other stories about what this one names: kept until one of those lists
        # changes, and a few minutes at most, since a scheduled story going live
        # on them moves no version (following the schedule here would cost the
        # page an eleventh query on a cold cache). Time passing only makes
        # stories public, so one is at worst missing here that long, and a
        # hidden one is never shown. Building its query is half of what the
        # page costs with its parts cached.
        about = cache_keys.lists_named(named)

        def coverage():
            # Kept as HTML, with the keys of the stories it shows: written out on
            # every view, its five stories' dates and links were ~15% of the
            # page's time with its parts cached (profiled).
            stories = related_coverage(article, **named)
            html = render_to_string(
                "articles/parts/related_coverage.html", {"related_coverage": stories}
            )
            return html, sorted(keys_in([item.article for item in stories]))

        html, shown = (
            remember(
                f"related_coverage_html:{article.pk}:{article.version}",
                coverage,
                keys=about,
                seconds=RELATED_COVERAGE_SECONDS,
            )
            if self.cache_fragments
            else coverage()
        )
        context["related_coverage"] = mark_safe(html)
        # The fragments' version already named the story's own keys.
        cache_keys.page_shows_loaded(context, *cache_keys.story_keys(article), *about, *shown)
        return context

    def render_fragments(self, article, names, context):
        """{name: HTML} of the article's fragments `names` (and "named"), loading only
        what they show."""
        needs = set().union(*(FRAGMENTS[name] for name in names))
        # The related links are kept with the fragments: those to stories
        # scheduled for later too, each shown from its time on (`related_links`).
        prefetches = {
            **article_part_prefetches(),
            "related_links": links_to(Article.objects.published_or_scheduled()),
        }
        prefetch_related_objects(
            [article], *(prefetches[part] for part in prefetches if part in needs)
        )
        if "renditions" in needs:
            photos = [placement.photo for placement in article.placements.all()]
            prefetch_renditions([article.lead_photo, *photos])
        elif "lead_renditions" in needs:
            prefetch_renditions([article.lead_photo])
        parts = {}
        if "blocks" in needs:
            parts.update(story_blocks(article))
        body = sanitise_body(article.body) if needs & {"quotes", "mentions"} else ""
        if "quotes" in needs:
            parts["quoted_people"] = self.quoted_people(article, body)
        if "placements" in needs:
            parts["inline_placements"] = [
                placement
                for placement in article.placements.all()
                if placement.photo_id != article.lead_photo_id
            ]
        if "mentions" in needs and "body" in names:
            # Cleaned before linking: the linker relies on well-formed tags, and
            # the links it adds point at our own pages.
            parts["body_html"] = mark_safe(
                link_first_mentions(
                    body, [mention.entity for mention in article.confirmed_mentions]
                )
            )
        fragment_context = {**context, **parts}
        made = {
            name: render_to_string(
                f"articles/fragments/article_{name}.html", fragment_context, self.request
            ).strip()
            for name in names
            if name not in DATA_FRAGMENTS
        }
        if "named" in names:
            made["named"] = named_in(article, parts["quoted_people"])
        if "related" in names:
            made["related"] = [
                (
                    link.target_article.published_at if link.target_article_id else None,
                    render_to_string(
                        "articles/fragments/article_related_link.html", {"link": link}
                    ).strip(),
                )
                for link in article.related_links.all()
            ]
        return made

    @staticmethod
    def quoted_people(article, body_html=""):
        """Each person quoted, once, with the title they held when the story ran.

        A quote the story's text already prints is not printed again: the entry
        says who said it and where, and the reader has just read the words.
        """
        # An unpublished story in preview would run now.
        ran_on = article.published_at or timezone.now()
        quotes = with_position_held(
            Quote.objects.filter(article=article).select_related("person", "event"), ran_on
        )
        in_body = comparable_text(strip_tags(body_html))
        people = {}
        for quote in quotes:
            entry = people.get(quote.person_id)
            if entry is None:
                entry = people[quote.person_id] = {
                    "person": quote.person,
                    "position": position_held(quote),
                    "quotes": [],
                    "events": [],
                }
            quote.in_body = bool(in_body) and comparable_text(quote.text) in in_body
            entry["quotes"].append(quote)
            if quote.event and quote.event not in entry["events"]:
                entry["events"].append(quote.event)
        for entry in people.values():
            entry["shown_quotes"] = [quote for quote in entry["quotes"] if not quote.in_body]
        return list(people.values())


def related_links(kept):
    """The HTML of each related link a reader may see now, from the fragment's
    [(the linked story's publication time, or None for an address elsewhere, HTML)].

    The fragment holds the links to published and scheduled stories; any
    change to a linked story moves the fragment's version, so only the
    passing of time is left to check here: a scheduled story's link shows
    from its time on, as `published()` would have it. Asking the database
    instead cost the page a query and ~2 ms on every view.
    """
    now = timezone.now()
    return [
        mark_safe(html)
        for published_at, html in kept
        if published_at is None or is_due(published_at, now)
    ]


def named_in(article, quoted_people):
    """The ids of the people, organisations, events and event series the story names:
    its confirmed mentions, the people it quotes and the events it covers."""
    named = {"person": set(), "organisation": set(), "event": set()}
    for mention in article.confirmed_mentions:
        named[mention.kind].add(mention.entity.pk)
    named["person"].update(entry["person"].pk for entry in quoted_people)
    events = article.events.all()
    named["event"].update(event.pk for event in events)
    return {
        "people": sorted(named["person"]),
        "organisations": sorted(named["organisation"]),
        "events": sorted(named["event"]),
        "series": sorted({event.series_id for event in events if event.series_id}),
    }


# Curly and straight quotation marks, double and single.
QUOTE_MARKS = str.maketrans({"\u201c": "", "\u201d": "", '"': "", "\u2018": "'", "\u2019": "'"})


def comparable_text(text):
    """Text as words only: quotation marks, entities and spacing do not stop a match."""
    return " ".join(html.unescape(text).translate(QUOTE_MARKS).split()).strip(" .,;").lower()


def published_article_by_slug(slug, now):
    # The rest is loaded only for the fragments not in the cache.
    return with_correction_flag(
        Article.objects.published(now=now).select_related("section", "lead_photo")
    ).filter(slug=slug)


# Built and compiled, the article page's query took ~0.9 ms of a ~3.5 ms page
# whose parts came from the cache; run from SQL compiled once, ~0.15 ms.
PUBLISHED_ARTICLE_BY_SLUG = PreparedQuery(
    Article, published_article_by_slug, ["slug", "published_at"]
)


class ArticleDetailView(ArticlePageMixin, PublishedArticleMixin, DetailView):
    cache_fragments = True

    def get_object(self, queryset=None):
        found = PUBLISHED_ARTICLE_BY_SLUG(self.kwargs["slug"], timezone.now())
        if not found:
            raise Http404(f"No {Article._meta.verbose_name} found matching the query")
        return found[0]


class PhotoDetailView(DetailView):
    context_object_name = "photo"

    def get_queryset(self):
        return (
            Photo.objects.public()
            .select_related("photographer", "source", "event")
            .prefetch_related(
                "renditions",
                Prefetch(
                    "people_in_photo",
                    queryset=PhotoPerson.objects.filter(
                        status=PhotoPerson.Status.CONFIRMED
                    ).select_related("person"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        # The few articles placing the photo first, so the database can combine two
        # index lookups instead of joining every published article to its placements.
        placed_in = list(self.object.placements.values_list("article", flat=True))
        articles = Article.objects.published().filter(
            Q(lead_photo=self.object) | Q(pk__in=placed_in)
        )
        articles = list(articles.select_related("section"))
        context = super().get_context_data(
            articles=articles, photo_title=photo_title(self.object), **kwargs
        )
        cache_keys.page_shows_loaded(context, cache_keys.list_of("articles.photo", self.object.pk))
        return context


# A heading longer than this reads as a caption, not a title.
TITLE_LENGTH = 90


def photo_title(photo):
    """A heading for a photo's page: who is in it and where, else a short first sentence.

    Never the caption cut off mid-phrase.
    """
    people = [shown.person.display_name for shown in photo.people_in_photo.all()]
    if len(people) > 4:
        people = [*people[:3], "others"]
    names = " and ".join([", ".join(people[:-1]), people[-1]] if len(people) > 1 else people)
    if names and photo.event:
        return f"{names} at {photo.event.name}"
    first = photo.caption.strip().split(". ")[0].rstrip(".")
    for candidate in (first, photo.alt_text.strip().rstrip("."), names):
        if candidate and len(candidate) <= TITLE_LENGTH:
            return candidate
    if photo.event:
        return f"At {photo.event.name}"
    return "Photo"


class PageView(DetailView):
    """A standing page (About, Contact...); its text is cleaned like a story's body."""

    context_object_name = "page"
    template_name = "articles/page.html"

    def get_queryset(self):
        return Page.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            content_html=mark_safe(sanitise_body(self.object.content)), **kwargs
        )
