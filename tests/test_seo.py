import datetime
import json
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    PhotoFactory,
    SectionFactory,
)
from articles.models import Article
from articles.renditions import share_rendition
from entities.factories import (
    AppearanceFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Event
from tests.helpers import address, get

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


class Head(HTMLParser):
    """The page's <title>, meta and link tags, and its JSON-LD blocks."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = {}, [], [], ""
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs["content"]
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in = None

    @property
    def canonical(self):
        return next((link["href"] for link in self.links if link["rel"] == "canonical"), None)


def shared_url(photo):
    return share_rendition(photo).file.url


def head(client, obj_or_url, status=200):
    return Head(get(client, obj_or_url, status))


def absolute(obj_or_path):
    return f"{HOST}{address(obj_or_path)}"


# Meta tags on every page ------------------------------------------------------

EVERY_PAGE_HAS = ["description", "og:title", "og:description", "og:type", "og:site_name"]


def every_page(client):
    photo = PhotoFactory()
    article = ArticleFactory(lead_photo=photo, headline="Labs & markets")
    return {
        "home": (reverse("articles:home"), "website"),
        "article": (article.get_absolute_url(), "article"),
        "section": (article.section.get_absolute_url(), "website"),
        "person": (PersonFactory().get_absolute_url(), "profile"),
        "organisation": (OrganisationFactory().get_absolute_url(), "website"),
        "event": (EventFactory().get_absolute_url(), "website"),
        "photo": (photo.get_absolute_url(), "website"),
    }


def test_every_page_has_title_description_canonical_open_graph_and_twitter_tags(client):
    for kind, (url, og_type) in every_page(client).items():
        page = head(client, url)
        assert page.title.strip(), kind
        assert all(page.meta.get(name) for name in EVERY_PAGE_HAS), kind
        assert page.meta["og:type"] == og_type, kind
        assert page.meta["og:site_name"] == "Newsdesk"
        assert page.canonical == absolute(url), kind
        assert page.meta["og:url"] == absolute(url), kind
        assert page.meta["twitter:card"] in {"summary", "summary_large_image"}, kind


def test_not_found_page_has_meta_tags_but_no_canonical_address(client):
    page = head(client, "/no/such/page/", status=404)
    assert page.meta["og:title"] == "Page not found"
    assert all(page.meta.get(name) for name in EVERY_PAGE_HAS)
    assert page.meta["twitter:card"] == "summary"
    assert page.canonical is None
    assert "og:url" not in page.meta


def test_canonical_address_drops_the_query_string_but_keeps_a_page_number(client):
    section = SectionFactory(name="Policy")
    ArticleFactory.create_batch(21, section=section)
    url = section.get_absolute_url()
    assert head(client, f"{url}?utm_source=mail&page=1").canonical == absolute(url)
    assert head(client, f"{url}?page=2&utm_source=mail").canonical == absolute(f"{url}?page=2")


def test_article_tags_name_the_story_and_its_lead_photo(client):
    photo = PhotoFactory(alt_text="Two speakers shake hands")
    article = ArticleFactory(
        headline="Labs & markets",
        standfirst="Money meets science.",
        lead_photo=photo,
        published_at=timezone.make_aware(datetime.datetime(2026, 1, 20, 9, 30)),
    )
    page = head(client, article)
    assert page.meta["og:title"] == page.meta["twitter:title"] == "Labs & markets"
    assert page.meta["og:description"] == "Money meets science."
    # The rendition (which carries no EXIF), never the original upload.
    assert page.meta["og:image"] == page.meta["twitter:image"] == absolute(shared_url(photo))
    assert page.meta["og:image:alt"] == "Two speakers shake hands"
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["article:published_time"] == "2026-01-20T09:30:00+08:00"


def test_pages_without_an_image_get_a_small_card(client):
    page = head(client, ArticleFactory())
    assert "og:image" not in page.meta
    assert page.meta["twitter:card"] == "summary"


def test_photo_page_shares_the_photo(client):
    photo = PhotoFactory()
    ArticleFactory(lead_photo=photo)
    page = head(client, photo)
    assert page.meta["og:image"] == absolute(shared_url(photo))
    assert page.meta["og:image:width"] == "64"


# JSON-LD ----------------------------------------------------------------------


def test_json_ld_escapes_the_end_of_its_script_element():
    person = PersonFactory(display_name="</script><script>alert(1)</script>")
    request = RequestFactory().get("/")
    html = Template("{% load seo %}{% json_ld person %}").render(
        Context({"person": person, "request": request})
    )
    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E" in html
    [data] = Head(html).json_ld
    assert data["mainEntity"]["name"] == "</script><script>alert(1)</script>"


def test_news_article(client):
    published = timezone.make_aware(datetime.datetime(2026, 1, 20, 9, 30))
    photo = PhotoFactory()
    article = ArticleFactory(
        headline="Labs & markets",
        standfirst="Money meets science.",
        lead_photo=photo,
        section=SectionFactory(name="Policy"),
        published_at=published,
    )
    Article.objects.filter(pk=article.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2026, 1, 21, 8))
    )
    article.tags.add("robotics")
    second, first = PersonFactory(display_name="Ben Ho"), PersonFactory(display_name="Ada Lau")
    ArticleAuthorFactory(article=article, person=second, order=2)
    ArticleAuthorFactory(article=article, person=first, order=1)
    [data] = head(client, article).json_ld
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Labs & markets",
        "description": "Money meets science.",
        "datePublished": "2026-01-20T09:30:00+08:00",
        "dateModified": "2026-01-21T08:00:00+08:00",
        "author": [
            {"@type": "Person", "name": "Ada Lau", "url": absolute(first)},
            {"@type": "Person", "name": "Ben Ho", "url": absolute(second)},
        ],
        "publisher": {
            "@type": "Organization",
            "name": "Newsdesk",
            "url": absolute(reverse("articles:home")),
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute(article)},
        "url": absolute(article),
        "image": [absolute(shared_url(photo))],
        "articleSection": "Policy",
        "keywords": ["robotics"],
    }


def test_previews_carry_no_structured_data(admin_client):
    article = ArticleFactory(draft=True)
    response = admin_client.get(reverse("articles:preview", args=[article.pk]))
    assert response.status_code == 200
    assert Head(response.content.decode()).json_ld == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Event.Status.SCHEDULED, "EventScheduled"),
        (Event.Status.HELD, "EventScheduled"),
        (Event.Status.POSTPONED, "EventPostponed"),
        (Event.Status.RESCHEDULED, "EventRescheduled"),
        (Event.Status.CANCELLED, "EventCancelled"),
    ],
)
def test_event_status(client, status, expected):
    [data] = head(client, EventFactory(status=status)).json_ld
    assert data["eventStatus"] == f"https://schema.org/{expected}"


def test_event(client):
    event = EventFactory(
        name="Innovation Forum",
        start_date=datetime.date(2026, 1, 22),
        end_date=datetime.date(2026, 1, 23),
        venue="Convention Centre",
        city="Hong Kong",
        description="Two days of talks.",
    )
    host = OrganisationFactory(name="HKUST")
    event.hosts.add(host)
    speaker = PersonFactory(display_name="Ada Lau")
    AppearanceFactory(event=event, person=speaker, role="speaker", order=1)
    AppearanceFactory(event=event, person=speaker, role="panellist", order=2)
    [data] = head(client, event).json_ld
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Innovation Forum",
        "url": absolute(event),
        "startDate": "2026-01-22",
        "endDate": "2026-01-23",
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": [{"@type": "Organization", "name": "HKUST", "url": absolute(host)}],
        # Once each, however many roles they had.
        "performer": [{"@type": "Person", "name": "Ada Lau", "url": absolute(speaker)}],
        "description": "Two days of talks.",
        "location": {
            "@type": "Place",
            "name": "Convention Centre",
            "address": {"@type": "PostalAddress", "addressLocality": "Hong Kong"},
        },
    }


def test_person_profile(client):
    person = PersonFactory(display_name="Ada Lau", native_name="劉", bio="Engineer.")
    university = OrganisationFactory(name="Example University")
    PositionFactory(
        person=person,
        title="dean",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    PositionFactory(
        person=person,
        organisation=university,
        title="president",
        start_date=datetime.date(2020, 1, 2),
    )
    [data] = head(client, person).json_ld
    assert data == {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "mainEntity": {
            "@type": "Person",
            "name": "Ada Lau",
            "url": absolute(person),
            "alternateName": "劉",
            "description": "Engineer.",
            "jobTitle": "president",
            "worksFor": {
                "@type": "Organization",
                "name": "Example University",
                "url": absolute(university),
            },
        },
    }


def test_organisation_profile(client):
    parent = OrganisationFactory(name="Example University")
    school = OrganisationFactory(
        name="School of Business", short_name="SBM", parent=parent, website="https://sbm.example"
    )
    [data] = head(client, school).json_ld
    assert data == {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "mainEntity": {
            "@type": "Organization",
            "name": "School of Business",
            "url": absolute(school),
            "alternateName": "SBM",
            "sameAs": ["https://sbm.example"],
            "parentOrganization": {
                "@type": "Organization",
                "name": "Example University",
                "url": absolute(parent),
            },
        },
    }


def test_image_object_credits_the_photographer(client):
    photographer = PersonFactory(display_name="Andy Chong")
    photo = PhotoFactory(
        caption="Panellists on stage.", credit="ANDY CHONG / NEWSDESK", photographer=photographer
    )
    ArticleFactory(lead_photo=photo)
    [data] = head(client, photo).json_ld
    assert data == {
        "@context": "https://schema.org",
        "@type": "ImageObject",
        "contentUrl": absolute(shared_url(photo)),
        "url": absolute(photo),
        "caption": "Panellists on stage.",
        "creditText": "ANDY CHONG / NEWSDESK",
        "width": 64,
        "height": 48,
        "creator": {"@type": "Person", "name": "Andy Chong", "url": absolute(photographer)},
    }


def test_image_object_without_a_photographer_credits_the_credit_line(client):
    photo = PhotoFactory(credit="PROVIDED TO NEWSDESK")
    ArticleFactory(lead_photo=photo)
    [data] = head(client, photo).json_ld
    assert data["creator"] == {"@type": "Organization", "name": "PROVIDED TO NEWSDESK"}
