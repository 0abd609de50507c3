"""The pages the benchmarks request, picked from the database: the heaviest of each kind.

An article with the most quotes, the person quoted most, the event with the most
speakers and so on, so the figures are for the pages that cost most to build.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from environment import url_or_none
from taggit.models import TaggedItem

from articles.models import Article, ArticlePhoto, Quote, Section
from entities.models import Appearance, Event, Organisation, Person, Position

PUBLIC_TARGET_MS = 50
ADMIN_TARGET_MS = 300


@dataclass(frozen=True)
class Page:
    label: str
    url: str | None  # None: the page does not exist in this version of the site
    target_ms: int = PUBLIC_TARGET_MS
    admin: bool = False


def _most(queryset, field):
    """The value of `field` that occurs most often in `queryset`."""
    row = queryset.values(field).annotate(n=Count("pk")).order_by("-n", field).first()
    return row[field] if row else None


def _articles_url(**params):
    return f"{reverse('articles:article_list')}?{urlencode(params)}"


def search_term():
    """A word that occurs in many headlines, as readers search for topics."""
    headline = Article.objects.published().values_list("headline", flat=True).first() or ""
    words = sorted((w.strip(".,:;'\"") for w in headline.split()), key=len, reverse=True)
    return words[0].lower() if words else "innovation"


def heavy_objects():
    published = Article.objects.published()
    article = Article.objects.get(
        pk=_most(Quote.objects.filter(article__in=published), "article")
        or published.values_list("pk", flat=True).first()
    )
    person = Person.objects.get(pk=_most(Quote.objects.all(), "person"))
    organisation = Organisation.objects.get(pk=_most(Position.objects.all(), "organisation"))
    event = Event.objects.get(pk=_most(Appearance.objects.all(), "event"))
    photo_pk = _most(ArticlePhoto.objects.filter(article__in=published), "photo")
    section = Section.objects.get(pk=_most(published, "section"))
    tag_pk = _most(TaggedItem.objects.filter(content_type__model="article"), "tag")
    return {
        "article": article,
        "person": person,
        "organisation": organisation,
        "event": event,
        "photo_pk": photo_pk,
        "section": section,
        "tag": TaggedItem.tag_model().objects.get(pk=tag_pk),
    }


def public_pages(objects):
    o = objects
    latest = Article.objects.published().order_by("-published_at").first().published_at
    search = url_or_none("articles:search")
    term = search_term()
    return [
        Page("home", reverse("articles:home")),
        Page("article", o["article"].get_absolute_url()),
        Page("person", o["person"].get_absolute_url()),
        Page("organisation", o["organisation"].get_absolute_url()),
        Page("event", o["event"].get_absolute_url()),
        Page("photo", reverse("articles:photo_detail", kwargs={"pk": o["photo_pk"]})),
        Page("section", o["section"].get_absolute_url()),
        Page("tag", reverse("articles:tag_detail", kwargs={"slug": o["tag"].slug})),
        Page("search", f"{search}?{urlencode({'q': term})}" if search else None),
        Page("articles", reverse("articles:article_list")),
        Page("articles, page 50", _articles_url(page=50)),
        Page("articles by section", _articles_url(section=o["section"].slug)),
        Page("articles by tag", _articles_url(tag=o["tag"].slug)),
        Page("articles by person", _articles_url(person=o["person"].slug)),
        Page("articles by organisation", _articles_url(organisation=o["organisation"].slug)),
        Page("articles by event", _articles_url(event=o["event"].slug)),
        Page(
            "articles by date",
            _articles_url(
                published_after=f"{latest:%Y-%m}-01", published_before=f"{latest:%Y-%m-%d}"
            ),
        ),
        Page("archive, month", reverse("articles:archive_month", args=[latest.year, latest.month])),
        Page("people", reverse("entities:person_list")),
        Page(
            "people by organisation",
            f"{reverse('entities:person_list')}?organisation={o['organisation'].slug}",
        ),
        Page("organisations", reverse("entities:organisation_list")),
        Page(
            "organisations by kind",
            f"{reverse('entities:organisation_list')}?kind={Organisation.Kind.UNIVERSITY.value}",
        ),
        Page("events", reverse("entities:event_list")),
        Page("events, upcoming", f"{reverse('entities:event_list')}?when=upcoming"),
        Page("events by year", f"{reverse('entities:event_list')}?year={latest.year}"),
        Page(
            "events by organisation",
            f"{reverse('entities:event_list')}?organisation={o['organisation'].slug}",
        ),
        Page("feed, latest", reverse("articles:feed_latest_rss")),
        *api_pages(o),
    ]


def api_pages(objects):
    """The content API's heaviest reads, grouped as "api:" (none before the API existed)."""
    o = objects

    def api(label, name, query="", **kwargs):
        url = url_or_none(name, **kwargs)
        return Page(f"api: {label}", f"{url}{query}" if url else None)

    return [
        api("articles", "api:article_list"),
        api("articles, limit 100", "api:article_list", "?limit=100"),
        api("articles by tag", "api:article_list", f"?tag={o['tag'].slug}"),
        api("articles by person", "api:article_list", f"?person={o['person'].slug}"),
        api("article", "api:article_detail", slug=o["article"].slug),
        api("person", "api:person_detail", slug=o["person"].slug),
        api("event", "api:event_detail", slug=o["event"].slug),
        api("people", "api:person_list"),
        api("photos", "api:photo_list"),
        api("quotes", "api:quote_list"),
        api("corrections", "api:correction_list"),
    ]


def admin_pages(objects):
    def admin(label, name, *args):
        return Page(label, reverse(name, args=args), target_ms=ADMIN_TARGET_MS, admin=True)

    return [
        admin("admin: article list", "admin:articles_article_changelist"),
        admin("admin: article change", "admin:articles_article_change", objects["article"].pk),
        admin("admin: person list", "admin:entities_person_changelist"),
    ]


def load_mix(objects, rng, articles=200, people=100, events=50):
    """URLs for the load test: mostly articles, some of everything readers ask for."""
    published = Article.objects.published().order_by("-published_at")
    slugs = list(published.values_list("slug", flat=True)[:5000])
    urls = [
        reverse("articles:article_detail", kwargs={"slug": slug})
        for slug in rng.sample(slugs, min(articles, len(slugs)))
    ]
    person_slugs = list(Person.objects.values_list("slug", flat=True)[:5000])
    urls += [
        reverse("entities:person_detail", kwargs={"slug": slug})
        for slug in rng.sample(person_slugs, min(people, len(person_slugs)))
    ]
    event_slugs = list(Event.objects.values_list("slug", flat=True)[:5000])
    urls += [
        reverse("entities:event_detail", kwargs={"slug": slug})
        for slug in rng.sample(event_slugs, min(events, len(event_slugs)))
    ]
    urls += [reverse("articles:home")] * 40
    urls += [reverse("entities:person_list"), reverse("entities:event_list")] * 10
    urls += [
        reverse("articles:feed_latest_rss"),
        reverse("articles:feed_latest_atom"),
        reverse("articles:feed_section_rss", kwargs={"slug": objects["section"].slug}),
        reverse("articles:feed_person_rss", kwargs={"slug": objects["person"].slug}),
        reverse("articles:feed_event_atom", kwargs={"slug": objects["event"].slug}),
    ] * 4
    search = url_or_none("articles:search")
    if search:
        headlines = published.values_list("headline", flat=True)[:200]
        words = {w.strip(".,:;'\"").lower() for h in headlines for w in h.split() if len(w) > 5}
        urls += [f"{search}?{urlencode({'q': word})}" for word in sorted(words)[:30]]
    rng.shuffle(urls)
    return urls
