"""A scheduled article goes live at its time by itself: no command, no job, no cache to clear."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles import dashboard
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    PhotoFactory,
    QuoteFactory,
    SectionFactory,
)
from articles.models import Article
from entities.factories import EventFactory

pytestmark = pytest.mark.django_db

GOES_LIVE = datetime.datetime(2031, 5, 4, 2, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)
HEADLINE = "Airport city opens its innovation hub"


@pytest.fixture
def travel():
    """Stops the process's clock at a moment: Django, the ORM and the views all read it."""
    travellers = []

    def to(moment):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield to
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def scheduled():
    section = SectionFactory(name="Transport")
    event = EventFactory()
    article = ArticleFactory(
        status=Article.Status.SCHEDULED,
        published_at=GOES_LIVE,
        headline=HEADLINE,
        section=section,
        lead_photo=PhotoFactory(),
    )
    article.events.add(event)
    author = ArticleAuthorFactory(article=article).person
    quoted = QuoteFactory(article=article, text="The hub opens to start-ups first.").person
    return article, {
        "home": reverse("articles:home"),
        "section": section.get_absolute_url(),
        "author": author.get_absolute_url(),
        "quoted person": quoted.get_absolute_url(),
        "event": event.get_absolute_url(),
        "all stories": reverse("articles:article_list"),
        "latest feed": reverse("articles:feed_latest_rss"),
        "section feed": reverse("articles:feed_section_atom", args=[section.slug]),
        "event feed": reverse("articles:feed_event_rss", args=[event.slug]),
        "person feed": reverse("articles:feed_person_rss", args=[author.slug]),
        "news sitemap": reverse("sitemap_news"),
    }


def articles_sitemap(client):
    return client.get(reverse("sitemap_section", args=["articles"])).content.decode()


def test_a_scheduled_article_is_nowhere_public_a_second_before_its_time(client, travel, scheduled):
    article, pages = scheduled
    travel(GOES_LIVE - SECOND)
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert HEADLINE not in response.content.decode(), name
    assert client.get(article.get_absolute_url()).status_code == 404
    photo_url = reverse("articles:photo_detail", args=[article.lead_photo_id])
    assert client.get(photo_url).status_code == 404
    assert article.slug not in articles_sitemap(client)


def test_it_is_everywhere_a_second_after_with_nothing_run_in_between(client, travel, scheduled):
    article, pages = scheduled
    travel(GOES_LIVE - SECOND)
    assert client.get(article.get_absolute_url()).status_code == 404

    travel(GOES_LIVE + SECOND)
    for name, url in pages.items():
        assert HEADLINE in client.get(url).content.decode(), name
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert HEADLINE in response.content.decode()
    photo_url = reverse("articles:photo_detail", args=[article.lead_photo_id])
    assert HEADLINE in client.get(photo_url).content.decode()
    assert article.slug in articles_sitemap(client)


def test_it_leaves_the_dashboards_scheduled_list_when_it_goes_live(travel, scheduled):
    def scheduled_next():
        return [item.label for item in dashboard.scheduled_next().items]

    def recently_published():
        return [item.label for item in dashboard.recently_published().items]

    travel(GOES_LIVE - SECOND)
    assert scheduled_next() == [HEADLINE]
    assert HEADLINE not in recently_published()

    travel(GOES_LIVE + SECOND)
    assert scheduled_next() == []
    assert recently_published() == [HEADLINE]
