"""Every public page in at most ten queries, however many rows it shows.

Each test builds a newsroom in which every relation a page shows has one row,
counts the queries of each page, grows every relation to thirty rows, and counts
again: the counts must be the same, and within the budget. Each page is counted
twice: cold, with nothing cached (as right after any change, when even the
section navigation is not), and warm, when what many pages share is cached. The
page cache is off (tests/conftest.py), so that pages are really rendered.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

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
from articles.models import Mention, ProsConsPoint
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    EventSeriesFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.merging import merge

pytestmark = pytest.mark.django_db

BUDGET = 10
# The front page also reads the editors' pins (articles/frontpage.py): one query more.
EXTRA = {"/": 1}
CONFIRMED = Mention.Status.CONFIRMED


class Newsroom:
    """One article, person, organisation, event, photo, section and tag, each with
    `size` rows of everything its page shows."""

    def __init__(self):
        self.size = 0
        self.ran_on = timezone.now() - datetime.timedelta(hours=2)
        self.section = SectionFactory(name="Budgets")
        self.tag = "smart cities"
        self.person = PersonFactory()
        self.organisation = OrganisationFactory()
        self.series = EventSeriesFactory()
        self.event = EventFactory(series=self.series)
        self.document = DocumentFactory(event=self.event)
        self.article = self.story(lead_photo=PhotoFactory())
        self.photo = PhotoFactory(event=self.event, photographer=self.person)
        ArticlePhotoFactory(article=self.article, photo=self.photo)
        # More than a page of stories, so that the second page of each list exists.
        for _ in range(21):
            self.story()
        # A merged person's old address redirects to the survivor.
        self.merged = PersonFactory()
        self.merged_url = self.merged.get_absolute_url()
        merge(self.merged, self.person)

    def story(self, **kwargs):
        article = ArticleFactory(section=self.section, published_at=self.ran_on, **kwargs)
        article.tags.add(self.tag)
        article.events.add(self.event)
        return article

    def grow(self, count):
        for _ in range(count):
            self.size += 1
            self.grow_article(self.size)
            self.grow_person(self.size)
            self.grow_organisation(self.size)
            self.grow_event(self.size)
            self.grow_forum(self.size)
            PhotoPersonFactory(photo=self.photo, order=self.size)
            ArticlePhotoFactory(photo=self.photo, article=self.story())

    def grow_article(self, i):
        article = self.article
        ArticleAuthorFactory(article=article, order=i)
        PositionFactory(person=QuoteFactory(article=article).person)
        ArticlePhotoFactory(article=article, photo=PhotoFactory())
        RelatedLinkFactory(article=article, target_article=self.story())
        article.events.add(EventFactory())
        article.tags.add(f"topic {i}")
        QAPairFactory(article=article)
        KeyIssueFactory(article=article)
        ProsConsPointFactory(article=article, kind=ProsConsPoint.Kind.PRO)
        ProsConsPointFactory(article=article, kind=ProsConsPoint.Kind.CON)
        MentionFactory(article=article, status=CONFIRMED)
        MentionFactory(
            article=article, person=None, organisation=OrganisationFactory(), status=CONFIRMED
        )
        MentionFactory(article=article, person=None, event=EventFactory(), status=CONFIRMED)

    def grow_person(self, i):
        person = self.person
        start = datetime.date(2000 + i % 20, 1, 1)
        position = PositionFactory(
            person=person, organisation=OrganisationFactory(), start_date=start
        )
        # Half the appearances name their title, half fall back to the record.
        AppearanceFactory(
            person=person,
            event=EventFactory(start_date=start + datetime.timedelta(days=10)),
            position=position if i % 2 else None,
        )
        story = self.story(lead_photo=PhotoFactory())
        QuoteFactory(person=person, article=story)
        ArticleAuthorFactory(person=person, article=story)
        MentionFactory(person=person, article=story, status=CONFIRMED)
        photo = PhotoFactory()
        ArticlePhotoFactory(article=story, photo=photo)
        PhotoPersonFactory(person=person, photo=photo)

    def grow_organisation(self, i):
        organisation = self.organisation
        OrganisationFactory(parent=organisation)
        PositionFactory(
            organisation=organisation, end_date=datetime.date(2001, 1, 1) if i % 2 else None
        )
        EventFactory().hosts.add(organisation)
        EventSupportFactory(organisation=organisation)
        DocumentPublisherFactory(organisation=organisation, document=DocumentFactory(event=None))
        MentionFactory(
            person=None, organisation=organisation, article=self.story(), status=CONFIRMED
        )

    def grow_forum(self, i):
        """Editions of the series, quotes said at them, stories citing the report."""
        edition = EventFactory(series=self.series, start_date=datetime.date(1980 + i, 1, 1))
        edition.hosts.add(self.organisation, OrganisationFactory())
        EventSupportFactory(event=edition)
        AppearanceFactory(event=edition, person=self.person)
        AppearanceFactory(event=edition)
        quote = QuoteFactory(person=self.person, event=edition, article=self.story())
        PositionFactory(person=quote.person, start_date=edition.start_date)
        QuoteFactory(event=self.event, article=self.story())
        self.story().documents.add(self.document)
        DocumentPublisherFactory(document=self.document)

    def grow_event(self, i):
        event = self.event
        appearance = AppearanceFactory(event=event, session=f"Panel {i % 3}", order=i)
        PositionFactory(person=appearance.person)
        event.hosts.add(OrganisationFactory())
        EventSupportFactory(event=event)
        DocumentPublisherFactory.create_batch(2, document=DocumentFactory(event=event))
        ArticlePhotoFactory(article=self.story(), photo=PhotoFactory(event=event))
        MentionFactory(person=None, event=event, article=self.story(), status=CONFIRMED)
        # Upcoming ones too, for the home page and the event list.
        EventFactory(start_date=timezone.localdate() + datetime.timedelta(days=i))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 301), url
    return len(queries)


def query_counts(client, urls):
    """{url: (cold, warm)}."""
    counts = {}
    for url in urls:
        cache.clear()
        cold = count_queries(client, url)
        counts[url] = (cold, count_queries(client, url))
    return counts


def over_budget(counts):
    over = {}
    for url, (cold, warm) in counts.items():
        budget = BUDGET + EXTRA.get(url, 0)
        if cold > budget or warm > budget:
            over[url] = (cold, warm)
    return over


def assert_budget(client, urls):
    newsroom = Newsroom()
    newsroom.grow(1)
    addresses = urls(newsroom)
    one = query_counts(client, addresses)
    newsroom.grow(29)
    many = query_counts(client, addresses)
    assert {url: (one[url], many[url]) for url in addresses if one[url] != many[url]} == {}
    assert over_budget(many) == {}
    return newsroom


def test_article_photo_and_home_pages(client):
    def urls(newsroom):
        return [
            newsroom.article.get_absolute_url(),
            newsroom.photo.get_absolute_url(),
            reverse("articles:home"),
            reverse("articles:home") + "?page=2",
        ]

    newsroom = assert_budget(client, urls)
    content = client.get(newsroom.article.get_absolute_url()).content.decode()
    assert content.count('class="quoted__person"') == 30
    assert content.count('class="position"') == 30


def test_listing_and_archive_pages(client):
    def urls(newsroom):
        day = timezone.localtime(newsroom.ran_on)
        article_list = reverse("articles:article_list")
        return [
            newsroom.section.get_absolute_url(),
            newsroom.section.get_absolute_url() + "?page=2",
            reverse("articles:tag_detail", kwargs={"slug": "smart-cities"}),
            article_list,
            article_list + "?page=2",
            f"{article_list}?section={newsroom.section.slug}",
            f"{article_list}?tag=smart-cities",
            f"{article_list}?person={newsroom.person.slug}",
            f"{article_list}?organisation={newsroom.organisation.slug}",
            f"{article_list}?event={newsroom.event.slug}",
            f"{article_list}?published_after={day:%Y-%m-%d}&published_before={day:%Y-%m-%d}",
            reverse("articles:archive"),
            reverse("articles:archive_year", kwargs={"year": day.year}),
            reverse("articles:archive_month", kwargs={"year": day.year, "month": day.month}),
            reverse(
                "articles:archive_day",
                kwargs={"year": day.year, "month": day.month, "day": day.day},
            ),
        ]

    assert_budget(client, urls)


def test_entity_pages_and_lists(client):
    def urls(newsroom):
        people = reverse("entities:person_list")
        organisations = reverse("entities:organisation_list")
        events = reverse("entities:event_list")
        slug = newsroom.organisation.slug
        return [
            newsroom.person.get_absolute_url(),
            newsroom.merged_url,
            newsroom.organisation.get_absolute_url(),
            newsroom.event.get_absolute_url(),
            people,
            f"{people}?organisation={slug}",
            f"{people}?sort=appearances",
            organisations,
            f"{organisations}?kind=company",
            events,
            f"{events}?when=upcoming",
            f"{events}?when=past",
            f"{events}?kind=forum",
            f"{events}?year={newsroom.event.start_date.year}",
            f"{events}?organisation={slug}",
        ]

    newsroom = assert_budget(client, urls)
    content = client.get(newsroom.person.get_absolute_url()).content.decode()
    # Thirty quoted in stories, thirty more said at the series' editions.
    assert content.count('class="quote-list__text"') == 60
    content = client.get(newsroom.event.get_absolute_url()).content.decode()
    assert content.count('class="speakers__item"') == 30


def test_feeds(client):
    def urls(newsroom):
        slugs = {
            "latest": {},
            "section": {"slug": newsroom.section.slug},
            "tag": {"slug": "smart-cities"},
            "person": {"slug": newsroom.person.slug},
            "event": {"slug": newsroom.event.slug},
        }
        return [
            reverse(f"articles:feed_{subject}_{kind}", kwargs=kwargs)
            for subject, kwargs in slugs.items()
            for kind in ("rss", "atom")
        ]

    assert_budget(client, urls)


def test_sitemaps_and_robots(client):
    def urls(newsroom):
        sections = ["articles", "sections", "tags", "people", "organisations", "events"]
        return [
            reverse("sitemap_index"),
            reverse("sitemap_news"),
            reverse("robots_txt"),
            *(reverse("sitemap_section", kwargs={"section": name}) for name in sections),
        ]

    assert_budget(client, urls)


def test_forum_pages(client):
    def urls(newsroom):
        quotes = reverse("articles:quote_list")
        person, event, organisation = newsroom.person, newsroom.event, newsroom.organisation
        # More than a page of quotes, so that the second page exists.
        for _ in range(21):
            QuoteFactory(article=newsroom.story())
        return [
            quotes,
            quotes + "?page=2",
            f"{quotes}?person={person.slug}",
            f"{quotes}?organisation={organisation.slug}",
            f"{quotes}?event={event.slug}",
            f"{quotes}?series={newsroom.series.slug}",
            f"{quotes}?tag=smart-cities",
            f"{quotes}?said_after=1981-01-01&said_before=2030-01-01",
            f"{quotes}?q=science",
            newsroom.document.get_absolute_url(),
            newsroom.series.get_absolute_url(),
            reverse("entities:events_ical"),
            reverse("entities:event_ical", args=[event.slug]),
            reverse("entities:series_ical", args=[newsroom.series.slug]),
            reverse("entities:organisation_ical", args=[organisation.slug]),
            reverse("entities:person_ical", args=[person.slug]),
            reverse("articles:about"),
        ]

    newsroom = assert_budget(client, urls)
    content = client.get(newsroom.series.get_absolute_url()).content.decode()
    assert content.count('class="event-list__item"') == 31
    content = client.get(newsroom.document.get_absolute_url()).content.decode()
    assert content.count("<li>") >= 30
    content = client.get(reverse("articles:quote_list")).content.decode()
    assert content.count('class="quote-list__item"') == 20
