"""Nothing unpublished leaks: a crawl of every public page finds no trace of a hidden story.

The crawl covers the content API (every list and detail, the OpenAPI document)
and the test of webhook bodies renders every event partners could be sent. Staff
notes and the staff's email addresses carry markers too: they must show nowhere.

One story in each state a reader must not see (draft, in review, scheduled for
later, unpublished, in the trash) carries a unique marker in every text field,
its photos, quotes, blocks and links, and is the only story to name a person,
an organisation and an event. An anonymous reader then walks the whole site:
links from the home page on, sitemaps, feeds, filtered lists, every detail page.
"""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import sharing, trash
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    KeyIssueFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    ProsConsPointFactory,
    QAPairFactory,
    QuoteFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from articles.models import Article, Correction, Mention, ProsConsPoint, StaffNote
from articles.webhooks import delivery, outbox
from articles.webhooks.models import EventKind, WebhookDelivery, WebhookEndpoint
from entities.factories import (
    DocumentFactory,
    EventFactory,
    EventSeriesFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.crawling import crawl_site
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db

S = Article.Status
# Markers are lower-case letters only, so they survive slugs unchanged, and are
# matched whatever their case. Article text starts with ARTICLE_MARK, the names of
# people, organisations and events only a hidden story mentions with ENTITY_MARK.
ARTICLE_MARK = "zqxa"
ENTITY_MARK = "zqxe"
HIDDEN_STATES = ["draft", "inreview", "scheduled", "unpublished", "trashed"]


def marker(state, field):
    return f"{ARTICLE_MARK}{state}{field}"


def hidden_story(state, section, editor, published, published_report):
    now = timezone.now()
    status, published_at = {
        "draft": (S.DRAFT, None),
        "inreview": (S.IN_REVIEW, None),
        "scheduled": (S.SCHEDULED, now + datetime.timedelta(days=3)),
        "unpublished": (S.UNPUBLISHED, now - datetime.timedelta(days=2)),
        "trashed": (S.PUBLISHED, now - datetime.timedelta(hours=5)),
    }[state]
    m = lambda field: marker(state, field)  # noqa: E731
    person = PersonFactory(
        display_name=f"{ENTITY_MARK}{state}person Lau", bio=f"{ENTITY_MARK}{state}bio"
    )
    organisation = OrganisationFactory(name=f"{ENTITY_MARK}{state}organisation")
    series = EventSeriesFactory(name=f"{ENTITY_MARK}{state}series")
    event = EventFactory(
        name=f"{ENTITY_MARK}{state}event",
        description=f"{ENTITY_MARK}{state}eventtext",
        series=series,
    )
    # A report only the hidden story cites: its page must not list the story.
    document = DocumentFactory(title=f"{ENTITY_MARK}{state}document", event=event)
    lead = PhotoFactory(
        caption=m("leadcaption"),
        credit=m("leadcredit"),
        alt_text=m("leadalt"),
        place=m("leadplace"),
        event=event,
    )
    PhotoPersonFactory(photo=lead, person=person)
    lead.organisations_shown.add(organisation)
    article = ArticleFactory(
        status=status,
        published_at=published_at,
        section=section,
        kicker=m("kicker"),
        headline=f"{m('headline')} over the harbour",
        standfirst=m("standfirst"),
        body=f"<p>{m('body')} and {person.display_name} spoke.</p>",
        dateline=m("dateline"),
        contact_email=f"{m('contact')}@example.org",
        lead_photo=lead,
        created_by=editor,
    )
    article.tags.add(m("tag"))
    article.events.add(event)
    article.documents.add(document, published_report)
    ArticleAuthorFactory(article=article, person=person)
    QuoteFactory(article=article, person=person, event=event, text=m("quote"))
    QAPairFactory(article=article, question=m("question"), answer=m("answer"))
    KeyIssueFactory(article=article, title=m("issuetitle"), text=m("issuetext"))
    ProsConsPointFactory(article=article, kind=ProsConsPoint.Kind.PRO, text=m("pro"))
    ProsConsPointFactory(article=article, kind=ProsConsPoint.Kind.CON, text=m("con"))
    RelatedLinkFactory(
        article=article,
        target_article=None,
        title=m("linklabel"),
        url=f"https://example.org/{m('linkurl')}/",
    )
    RelatedLinkFactory(article=article, target_article=published, title=m("innerlink"))
    # The published story links to the hidden one: that link must go, not just its target.
    RelatedLinkFactory(article=published, target_article=article, title="")
    ArticlePhotoFactory(
        article=article,
        photo=PhotoFactory(caption=m("inlinecaption"), credit=m("inlinecredit")),
        caption_override=m("placementcaption"),
    )
    for entity in (
        {"person": person},
        {"person": None, "organisation": organisation},
        {"person": None, "event": event},
    ):
        MentionFactory(article=article, status=Mention.Status.CONFIRMED, **entity)
    StaffNote.objects.create(article=article, author=editor, text=m("staffnote"))
    Correction.objects.create(article=article, text=m("correction"))
    if state == "trashed":
        trash.trash([article], editor)
    return article


@pytest.fixture
def newsroom(editor):
    # Staff addresses are never published: the desk's, and the story's contact.
    editor.email = f"{ARTICLE_MARK}staffemail@example.org"
    editor.save()
    section = SectionFactory(name="Innovation")
    SectionFactory(name="Robotics")
    speaker = PersonFactory(display_name="Carmen Ho")
    published = ArticleFactory(
        headline="Robot arms arrive at the container port",
        section=section,
        lead_photo=PhotoFactory(caption="Cranes at dawn"),
        body="<p>Carmen Ho opened the new terminal.</p>",
        created_by=editor,
        contact_email=f"{ARTICLE_MARK}contactemail@example.org",
    )
    StaffNote.objects.create(article=published, author=editor, text=f"{ARTICLE_MARK}staffnote")
    Correction.objects.create(article=published, text="The terminal has 12 cranes.")
    published.tags.add("robotics")
    ArticleAuthorFactory(article=published, person=PersonFactory(display_name="Sam Reporter"))
    QuoteFactory(article=published, person=speaker, text="Automation keeps the port open.")
    MentionFactory(article=published, person=speaker, status=Mention.Status.CONFIRMED)
    # A report a published story cites too, at an event in a series: the positive
    # controls for the report, series and quotes pages.
    forum = EventFactory(name="Harbour forum", series=EventSeriesFactory(name="Harbour forums"))
    report = DocumentFactory(title="Ports of the future index", event=forum)
    published.documents.add(report)
    QuoteFactory(article=published, person=speaker, event=forum, text="Ports are data now.")
    hidden = {
        state: hidden_story(state, section, editor, published, report) for state in HIDDEN_STATES
    }
    return published, hidden


def may_name_entities(url):
    """Entities are public: their names may show on their own pages, feeds and filtered
    lists (any address naming them), on the lists and sitemaps of all of them, and in
    the home page's events.
    """
    if ENTITY_MARK in url or urlsplit(url).path == reverse("articles:home"):
        return True
    everyone = [
        "/api/people/",
        "/api/organisations/",
        "/api/events/",
        reverse("entities:person_list"),
        reverse("entities:organisation_list"),
        reverse("entities:event_list"),
        reverse("entities:events_ical"),
        *[
            reverse("sitemap_section", kwargs={"section": section})
            for section in ("people", "organisations", "events", "series", "reports")
        ],
    ]
    return urlsplit(url).path in everyone


@pytest.fixture
def crawl(newsroom):
    return crawl_site()


def test_markers_are_rendered_where_staff_look(newsroom, editor):
    """The hidden stories' preview shows their markers: the crawl could find them if public."""
    _, hidden = newsroom
    staff = Client()
    staff.force_login(editor)
    for state, article in hidden.items():
        text = staff.get(reverse("articles:preview", args=[article.pk])).content.decode()
        for field in (
            "kicker",
            "headline",
            "standfirst",
            "body",
            "dateline",
            "quote",
            "question",
            "answer",
            "issuetitle",
            "issuetext",
            "pro",
            "con",
            "linklabel",
            "leadcaption",
            "leadcredit",
            "placementcaption",
            "inlinecredit",
        ):
            assert marker(state, field) in text, (state, field)


def test_crawl_finds_no_hidden_story(crawl, newsroom):
    published, hidden = newsroom
    fetched = set(crawl.pages)
    # The crawl covers the site and the published story is really there, so an
    # absent marker means something.
    assert published.get_absolute_url() in fetched
    assert published.lead_photo.get_absolute_url() in fetched
    assert reverse("sitemap_section", kwargs={"section": "articles"}) in fetched
    assert reverse("articles:feed_latest_atom") in fetched
    assert reverse("articles:tag_detail", kwargs={"slug": "robotics"}) in fetched
    assert any(url.startswith(reverse("articles:archive")) for url in fetched)
    page = crawl.pages[published.get_absolute_url()]
    assert b"Robot arms arrive at the container port" in page.content
    assert b"application/ld+json" in page.content
    assert len(fetched) > 50
    # The API too: the published story in its list and detail, the OpenAPI document.
    api_detail = crawl.pages[f"/api/articles/{published.slug}/"]
    assert b"Robot arms arrive at the container port" in api_detail.content
    assert b"The terminal has 12 cranes." in api_detail.content
    assert published.slug.encode() in crawl.pages["/api/articles/"].content
    assert crawl.pages["/api/openapi.json"].status_code == 200
    assert any(url.startswith("/api/articles/?") and "cursor=" not in url for url in fetched)
    assert f"/api/photos/{published.lead_photo_id}/" in fetched
    # The forum pages were walked and show the published side.
    report_page = crawl.pages[published.documents.get().get_absolute_url()]
    assert b"Robot arms arrive at the container port" in report_page.content
    quotes_page = crawl.pages[reverse("articles:quote_list")]
    assert b"Ports are data now." in quotes_page.content
    assert b"Automation keeps the port open." in quotes_page.content
    series = published.documents.get().event.series
    assert crawl.pages[series.get_absolute_url()].status_code == 200
    assert any(url.endswith(".ics") for url in fetched)

    story_leaks = [
        (url, match)
        for url, text in crawl.texts()
        for match in set(re.findall(rf"{ARTICLE_MARK}[a-z]+", text))
    ]
    assert sorted(story_leaks) == []
    for article in hidden.values():
        assert crawl.pages[article.get_absolute_url()].status_code == 404
        assert crawl.pages[f"/api/articles/{article.slug}/"].status_code == 404
        for quote in article.quotes.all():
            assert crawl.pages[f"/api/quotes/{quote.pk}/"].status_code == 404
        for photo in [article.lead_photo, *(p.photo for p in article.placements.all())]:
            assert crawl.pages[photo.get_absolute_url()].status_code == 404
            assert crawl.pages[f"/api/photos/{photo.pk}/"].status_code == 404

    # People, organisations and events only hidden stories name keep their public
    # pages, but show nowhere else.
    entity_leaks = [
        (url, match)
        for url, text in crawl.texts()
        if not may_name_entities(url)
        for match in set(re.findall(rf"{ENTITY_MARK}[a-z]+", text))
    ]
    assert sorted(entity_leaks) == []


def test_expired_share_link_shows_nothing(newsroom, editor):
    _, hidden = newsroom
    article = hidden["draft"]
    link = sharing.create(article, editor, lifetime=datetime.timedelta(hours=2))
    url = sharing.url_for(link)
    reader = Client()
    assert marker("draft", "headline") in reader.get(url).content.decode()

    with time_machine.travel(link.expires_at + datetime.timedelta(seconds=1), tick=False):
        response = reader.get(url)

    assert response.status_code == 404
    assert ARTICLE_MARK not in response.content.decode().lower()


def test_share_link_of_a_trashed_story_shows_nothing(newsroom, editor):
    _, hidden = newsroom
    link = sharing.create(hidden["trashed"], editor)

    response = Client().get(sharing.url_for(link))

    assert response.status_code == 404
    assert ARTICLE_MARK not in response.content.decode().lower()


def test_search_finds_no_hidden_story(newsroom):
    url = reverse("articles:search")
    _, hidden = newsroom
    reader = Client()
    for state in hidden:
        for field in ("kicker", "headline", "standfirst", "body", "quote", "tag", "leadcaption"):
            response = reader.get(url, {"q": marker(state, field)})
            assert response.status_code == 200
            # The query itself is echoed back; no result may carry any other marker.
            found = set(re.findall(rf"{ARTICLE_MARK}[a-z]+", response.content.decode().lower()))
            assert found <= {marker(state, field)}, (state, field)
            assert hidden[state].get_absolute_url() not in response.content.decode()


def test_webhook_bodies_carry_no_hidden_story(newsroom, editor):
    """Every kind of event, about every story: only the published one's are sent, and
    none of them names a hidden story, a staff note or a staff address."""
    published, hidden = newsroom
    receiver = Receiver().start()
    try:
        WebhookEndpoint.objects.create(
            name="Partner", url=receiver.url, events=[kind.value for kind in EventKind]
        )
        for article in [published, *hidden.values()]:
            for kind in EventKind:
                correction = article.corrections.first() if kind == EventKind.CORRECTED else None
                outbox.record(kind, article, correction=correction)
        for item in WebhookDelivery.objects.all():
            delivery.send_due(item.pk)
    finally:
        receiver.stop()
    bodies = [item["body"].decode().lower() for item in receiver.received]
    # The published story's four events, and only "unpublished" (an id) for the others.
    kinds = sorted(json.loads(body)["type"] for body in bodies)
    assert kinds == sorted(
        ["article.published", "article.updated", "article.corrected"]
        + ["article.unpublished"] * (1 + len(hidden))
    )
    assert any("robot arms arrive at the container port" in body for body in bodies)
    leaks = sorted(
        {match for body in bodies for match in re.findall(rf"{ARTICLE_MARK}[a-z]+", body)}
    )
    assert leaks == []
    entity_leaks = sorted({m for body in bodies for m in re.findall(rf"{ENTITY_MARK}[a-z]+", body)})
    assert entity_leaks == []
