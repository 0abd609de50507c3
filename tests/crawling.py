"""Walking the public site as an anonymous reader, for tests that check every page."""

import html
import re
from collections import deque
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from taggit.models import Tag

from articles.feed_urls import FEEDS
from articles.filters import ArticleFilter
from articles.models import Article, Photo, Quote, Section
from articles.quotes import QuoteFilter
from entities.filters import EventFilter, OrganisationFilter, PersonFilter
from entities.models import Document, Event, EventSeries, Organisation, Person

MAX_PAGES = 3000
SKIPPED_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")
LINK_PATTERNS = [
    re.compile(r'(?:href|src|action)="([^"]*)"'),
    re.compile(r"<loc>([^<]*)</loc>"),
    re.compile(r"<link>([^<]*)</link>"),
    # The content API's JSON: every address it gives, pages included.
    re.compile(r'"(?:url|api_url|next)":\s*"([^"]*)"'),
]


def links_in(response):
    text = response.content.decode(errors="replace")
    for pattern in LINK_PATTERNS:
        for raw in pattern.findall(text):
            parts = urlsplit(html.unescape(raw).strip())
            if parts.scheme and parts.scheme not in ("http", "https"):
                continue
            if parts.netloc and parts.netloc != "testserver":
                continue
            if not parts.path.startswith("/"):
                continue
            yield parts.path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    """Every page an anonymous reader fetched, with its status and text."""

    def __init__(self):
        self.client = Client()
        self.pages = {}

    def get(self, url):
        if url not in self.pages:
            response = self.client.get(url)
            self.pages[url] = response
        return self.pages[url]

    def walk(self, *starts):
        queue = deque(starts)
        while queue:
            url = queue.popleft()
            if url in self.pages or url.startswith(SKIPPED_PREFIXES):
                continue
            assert len(self.pages) < MAX_PAGES, "the crawl did not end; is a link looping?"
            response = self.get(url)
            if response.status_code == 200:
                queue.extend(link for link in links_in(response) if link not in self.pages)

    def texts(self):
        for url, response in self.pages.items():
            yield url, response.content.decode(errors="replace").lower()


def listing_urls():
    """Every filtered list, with each value its filter form offers."""
    urls = []
    lists = [
        ("articles:article_list", ArticleFilter),
        ("entities:person_list", PersonFilter),
        ("entities:organisation_list", OrganisationFilter),
        ("entities:event_list", EventFilter),
        ("articles:quote_list", QuoteFilter),
    ]
    for name, filterset in lists:
        base = reverse(name)
        urls.append(base)
        for field_name, field in filterset(
            queryset=filterset._meta.model.objects.none()
        ).form.fields.items():
            choices = getattr(field, "choices", None)
            if choices is None:
                continue
            for value, _ in choices:
                value = getattr(value, "value", value)
                if value not in ("", None):
                    urls.append(f"{base}?{urlencode({field_name: value})}")
    # Hidden fields carry people, organisations and events: ask for every one.
    for base in (reverse("articles:article_list"), reverse("articles:quote_list")):
        for model, field_name in (
            (Person, "person"),
            (Organisation, "organisation"),
            (Event, "event"),
        ):
            urls += [
                f"{base}?{urlencode({field_name: slug})}"
                for slug in model.objects.values_list("slug", flat=True)
            ]
    return urls


def feed_urls():
    kwargs_for = {
        "latest": [{}],
        "corrections": [{}],
        "section": [{"slug": s} for s in Section.objects.values_list("slug", flat=True)],
        "tag": [{"slug": s} for s in Tag.objects.values_list("slug", flat=True)],
        "person": [{"slug": s} for s in Person.objects.values_list("slug", flat=True)],
        "organisation": [{"slug": s} for s in Organisation.objects.values_list("slug", flat=True)],
        "event": [{"slug": s} for s in Event.objects.values_list("slug", flat=True)],
    }
    return [
        reverse(f"articles:feed_{subject}_{kind}", kwargs=kwargs)
        for subject, *_ in FEEDS
        for kind in ("rss", "atom")
        for kwargs in kwargs_for[subject]
    ]


def detail_urls():
    objects = [
        *Article.objects.all(),
        *Person.objects.all(),
        *Organisation.objects.all(),
        *Event.objects.all(),
        *Photo.objects.all(),
        *Section.objects.all(),
        *Document.objects.all(),
        *EventSeries.objects.all(),
    ]
    return [obj.get_absolute_url() for obj in objects]


API_LISTS = {
    "/api/articles/": "articles:article_list",
    "/api/people/": "entities:person_list",
    "/api/organisations/": "entities:organisation_list",
    "/api/events/": "entities:event_list",
}


def api_urls():
    """Every API list (with each filter value the site's lists offer) and every API detail,
    hidden articles' included, and the OpenAPI document with its examples."""
    urls = [
        *API_LISTS,
        "/api/photos/",
        "/api/quotes/",
        "/api/corrections/",
        "/api/sections/",
        "/api/openapi.json",
        "/api/docs/",
    ]
    site_lists = {reverse(name): api for api, name in API_LISTS.items()}
    for url in listing_urls():
        path, _, query = url.partition("?")
        if path in site_lists:
            urls.append(site_lists[path] + (f"?{query}" if query else ""))
    urls += [f"/api/articles/{slug}/" for slug in Article.objects.values_list("slug", flat=True)]
    for prefix, model in (("people", Person), ("organisations", Organisation), ("events", Event)):
        urls += [f"/api/{prefix}/{slug}/" for slug in model.objects.values_list("slug", flat=True)]
    urls += [f"/api/photos/{pk}/" for pk in Photo.objects.values_list("pk", flat=True)]
    urls += [f"/api/quotes/{pk}/" for pk in Quote.objects.values_list("pk", flat=True)]
    return urls


def every_public_url():
    """Where a crawl starts: the home page, sitemaps, lists, feeds, the API, every detail page."""
    return [
        reverse("articles:home"),
        reverse("sitemap_index"),
        reverse("sitemap_news"),
        reverse("robots_txt"),
        reverse("articles:correction_list"),
        *listing_urls(),
        *feed_urls(),
        *detail_urls(),
        *api_urls(),
    ]


def crawl_site():
    crawl = Crawl()
    # One reader asking for everything: the API's rate limit is for real clients.
    unlimited = {**settings.NEWSDESK, "API_ANONYMOUS_PER_MINUTE": 10**9}
    with override_settings(NEWSDESK=unlimited):
        crawl.walk(*every_public_url())
    return crawl
