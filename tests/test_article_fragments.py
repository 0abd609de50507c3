"""The article page's own parts are kept under the article's version (articles/fragments.py):
a second view reads them from the cache, and any change they show is there at once."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    MentionFactory,
    QuoteFactory,
    RelatedLinkFactory,
)
from articles.models import Article, Mention
from entities.factories import EventFactory, PositionFactory

pytestmark = pytest.mark.django_db


def page(client, article, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url(), **extra)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def story():
    article = ArticleFactory(body="<p>Plain words.</p>")
    ArticleAuthorFactory(article=article)
    quote = QuoteFactory(article=article, text="We will build it.")
    PositionFactory(person=quote.person, title="chief engineer")
    MentionFactory(article=article, person=quote.person, status=Mention.Status.CONFIRMED)
    article.events.add(EventFactory())
    article.tags.add("bridges")
    return article


def test_a_second_view_reads_the_parts_from_the_cache(client, story):
    first, cold = page(client, story)
    second, warm = page(client, story)
    assert second == first
    # The article alone: its related links are kept with the parts, and the
    # related coverage is remembered too.
    assert warm == 1 < cold
    assert "chief engineer" in second and "We will build it." in second


def test_an_edit_to_the_story_shows_at_once(client, story):
    page(client, story)
    story.headline = "A new headline for the bridge"
    story.save()
    content, _ = page(client, story)
    assert "A new headline for the bridge" in content


def test_a_change_to_someone_it_quotes_shows_at_once(client, story):
    page(client, story)
    person = story.quotes.get().person
    person.display_name = "Renamed Speaker"
    person.save()
    position = person.positions.get()
    position.title = "retired engineer"
    position.save()
    content, _ = page(client, story)
    assert "Renamed Speaker" in content
    assert "retired engineer" in content and "chief engineer" not in content


def test_each_address_gets_its_own_absolute_urls(client, story):
    page(client, story)
    content, _ = page(client, story, HTTP_HOST="localhost")
    assert 'href="http://localhost/' in content
    assert "http://testserver/" not in content


def test_a_link_to_a_scheduled_story_shows_from_its_time_on(client, story):
    goes_live = timezone.now() + datetime.timedelta(hours=1)
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=goes_live, headline="The embargoed sequel"
    )
    RelatedLinkFactory(article=story, target_article=scheduled, title="")
    RelatedLinkFactory(article=story, target_article=None, url="https://example.org/r", title="Rep")
    with time_machine.travel(goes_live - datetime.timedelta(minutes=1), tick=False):
        page(client, story)
        content, warm = page(client, story)
        assert warm == 1
        assert "The embargoed sequel" not in content and scheduled.slug not in content
        assert 'href="https://example.org/r"' in content
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        content, warm = page(client, story)
        assert warm == 1
        assert "The embargoed sequel" in content


def test_a_linked_story_taken_down_leaves_at_once(client, story):
    linked = ArticleFactory(headline="A story linked to")
    RelatedLinkFactory(article=story, target_article=linked, title="")
    assert "A story linked to" in page(client, story)[0]
    linked.status = Article.Status.DRAFT
    linked.save()
    assert "A story linked to" not in page(client, story)[0]
    linked.status = Article.Status.PUBLISHED
    linked.save()
    assert "A story linked to" in page(client, story)[0]
    linked.trashed_at = timezone.now()
    linked.save()
    assert "A story linked to" not in page(client, story)[0]
