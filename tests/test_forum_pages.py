"""Reports as pages and event series: what each shows, its JSON-LD, and where it is listed."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleFactory, QuoteFactory
from articles.models import Article, Page
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    EventSeriesFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(content):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def report():
    forum = EventFactory(name="Harbour forum 2026")
    document = DocumentFactory(
        title="Ports of the future index",
        event=forum,
        released_on=datetime.date(2026, 1, 22),
        url="https://example.org/ports-index.pdf",
        summary="Ranks ports by how much of their traffic is handled by software.",
    )
    lab, consultancy = OrganisationFactory(name="Quay Lab"), OrganisationFactory(name="Berth & Co")
    DocumentPublisherFactory(document=document, organisation=lab, order=0)
    DocumentPublisherFactory(document=document, organisation=consultancy, order=1)
    citing = ArticleFactory(headline="Index puts the harbour in the top ten")
    citing.documents.add(document)
    draft = ArticleFactory(
        headline="Draft on the index", status=Article.Status.DRAFT, published_at=None
    )
    draft.documents.add(document)
    return document


def test_a_report_has_its_own_page(client, report):
    response = client.get(report.get_absolute_url())
    assert report.get_absolute_url() == reverse("entities:document_detail", args=[report.slug])
    content = response.content.decode()
    assert "<h1" in content and "Ports of the future index" in content
    for organisation in ("Quay Lab", "Berth &amp; Co"):
        assert organisation in content
    assert report.event.get_absolute_url() in content
    assert "22 January 2026" in content
    assert "https://example.org/ports-index.pdf" in content
    assert "traffic is handled by software" in content
    assert "Index puts the harbour in the top ten" in content
    assert "Draft on the index" not in content
    data = json_ld(content)
    assert data["@type"] == "Report"
    assert [p["name"] for p in data["publisher"]] == ["Quay Lab", "Berth & Co"]
    assert data["datePublished"] == "2026-01-22"


def test_a_report_is_listed_on_its_publishers_and_event_pages_and_in_the_sitemap(client, report):
    for page in (report.event, report.publishers.first()):
        assert report.get_absolute_url() in client.get(page.get_absolute_url()).content.decode()
    sitemap = client.get(reverse("sitemap_section", kwargs={"section": "reports"}))
    assert report.get_absolute_url() in sitemap.content.decode()


def test_unknown_report_is_a_404(client):
    assert (
        client.get(reverse("entities:document_detail", args=["no-such-report"])).status_code == 404
    )


@pytest.fixture
def series():
    series = EventSeriesFactory(name="Harbour innovation forum")
    host, partner, sponsor = (
        OrganisationFactory(name="Harbour Magazine"),
        OrganisationFactory(name="Quay University"),
        OrganisationFactory(name="One-off Sponsor"),
    )
    regular, once = PersonFactory(display_name="Mei Tsang"), PersonFactory(display_name="Ada Lo")
    editions = []
    for year in (2024, 2025, 2026):
        edition = EventFactory(
            name=f"Harbour forum {year}", series=series, start_date=datetime.date(year, 1, 20)
        )
        edition.hosts.add(host)
        EventSupportFactory(event=edition, organisation=partner)
        AppearanceFactory(event=edition, person=regular)
        editions.append(edition)
    EventSupportFactory(event=editions[0], organisation=sponsor)
    AppearanceFactory(event=editions[1], person=once)
    future = EventFactory(
        name="Harbour forum 2099", series=series, start_date=datetime.date(2099, 1, 20)
    )
    story = ArticleFactory(headline="Harbour forum opens its doors")
    story.events.add(editions[2])
    QuoteFactory(article=story, person=regular, event=editions[2], text="Ports run on software.")
    return series, editions, future


def test_the_series_page_lists_editions_recurring_organisers_and_regulars(client, series):
    series, editions, future = series
    content = client.get(series.get_absolute_url()).content.decode()
    for edition in [*editions, future]:
        assert edition.get_absolute_url() in content
    upcoming = content[content.index("Next edition") : content.index("Past editions")]
    assert "Harbour forum 2099" in upcoming
    assert "Harbour Magazine" in content and "3 of 4 editions" in content
    assert "One-off Sponsor" in content and "1 of 4 editions" in content
    regulars = content[content.index("Spoke at more than one edition") :]
    assert "Mei Tsang" in regulars and "Ada Lo" not in regulars[: regulars.index("</section>")]
    assert "Ports run on software." in content
    assert "Harbour forum opens its doors" in content
    data = json_ld(content)
    assert data["@type"] == "EventSeries"
    assert len(data["subEvent"]) == 4


def test_an_edition_names_its_series(client, series):
    series, editions, _ = series
    content = client.get(editions[0].get_absolute_url()).content.decode()
    assert series.get_absolute_url() in content
    assert json_ld(content)["superEvent"]["url"].endswith(series.get_absolute_url())
    sitemap = client.get(reverse("sitemap_section", kwargs={"section": "series"}))
    assert series.get_absolute_url() in sitemap.content.decode()


def test_the_page_cache_follows_every_change_these_pages_show(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    series = EventSeriesFactory()
    forum = EventFactory(series=series, start_date=datetime.date(2099, 1, 20))
    report = DocumentFactory(event=forum)
    story = ArticleFactory(draft=True, headline="Harbour index published")
    story.documents.add(report)
    story.events.add(forum)
    QuoteFactory(article=story, event=forum, text="Ports run on software.")
    page = Page.objects.get(slug="about")
    urls = {
        "quotes": reverse("articles:quote_list"),
        "report": report.get_absolute_url(),
        "series": series.get_absolute_url(),
        "calendar": reverse("entities:series_ical", args=[series.slug]),
        "about": reverse("articles:about"),
    }
    for url in urls.values():
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url

    story.status = Article.Status.PUBLISHED
    story.published_at = timezone.now() - datetime.timedelta(minutes=1)
    story.save()
    assert "Ports run on software." in client.get(urls["quotes"]).content.decode()
    assert "Harbour index published" in client.get(urls["report"]).content.decode()
    assert "Ports run on software." in client.get(urls["series"]).content.decode()

    forum.status = forum.Status.CANCELLED
    forum.save()
    assert b"STATUS:CANCELLED" in client.get(urls["calendar"]).content
    page.title = "Who we are"
    page.save()
    assert "Who we are" in client.get(urls["about"]).content.decode()
