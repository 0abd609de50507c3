"""Parts of a page kept with the versions of what they show (newsdesk/pagecache/kept.py).

With the page cache off, so that every request makes its page: a part that
nothing it shows has changed is served without a query, and a change to what
one part shows remakes that part and keeps the others.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.factories import ArticleFactory, PhotoFactory, PhotoPersonFactory, QuoteFactory
from articles.models import Article, PhotoPerson
from entities.factories import (
    AppearanceFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from newsdesk.pagecache.dependencies import collecting
from newsdesk.pagecache.kept import kept, shows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings, tmp_path):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 0}
    settings.VAR_DIR = tmp_path / "var"


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


def touching(sqls, table):
    return [sql for sql in sqls if f'"{table}"' in sql]


# The mechanism -------------------------------------------------------------------


def test_a_part_is_made_once_and_kept_until_what_it_showed_changes():
    person = PersonFactory(display_name="Grace Lam")
    made = []

    def render():
        made.append(1)
        row = shows(type(person).objects.get(pk=person.pk))
        return row.display_name

    def view():
        from newsdesk.pagecache import versions

        with collecting("token", versions.sequence()):
            return kept({"name": render})["name"]

    assert view() == "Grace Lam"
    assert view() == "Grace Lam"
    assert len(made) == 1
    person.display_name = "Grace Lam Wing-yan"
    person.save()
    assert view() == "Grace Lam Wing-yan"
    assert len(made) == 2


def test_a_part_naming_nothing_follows_every_change():
    made = []

    def render():
        made.append(1)
        return "static"

    def view():
        from newsdesk.pagecache import versions

        with collecting("token", versions.sequence()):
            return kept({"nothing": render})["nothing"]

    view()
    view()
    assert len(made) == 1
    # An unrelated change: a part that did not say what it shows cannot know.
    OrganisationFactory()
    view()
    assert len(made) == 2


def test_outside_a_request_parts_are_always_made():
    made = []
    kept({"a": lambda: made.append(1) or "x"})
    kept({"a": lambda: made.append(1) or "x"})
    assert len(made) == 2


# The person page --------------------------------------------------------------------


@pytest.fixture
def person():
    person = PersonFactory(display_name="Helen Moreau")
    PositionFactory(person=person, title="Vice-chancellor", end_date=None)
    event = EventFactory(name="Harbour Innovation Forum")
    AppearanceFactory(person=person, event=event)
    story = ArticleFactory(headline="Harbour lab opens its doors")
    QuoteFactory(article=story, person=person, event=event)
    PhotoPersonFactory(
        photo=PhotoFactory(caption="On stage"), person=person, status=PhotoPerson.Status.CONFIRMED
    )
    return person


def test_a_second_view_of_a_person_runs_one_query(client, person):
    url = person.get_absolute_url()
    first, _ = queries_of(client, url)
    second, sqls = queries_of(client, url)
    assert second == first
    assert len(sqls) == 1
    assert "Harbour Innovation Forum" in second and "Harbour lab opens its doors" in second


def test_a_new_story_remakes_the_coverage_and_keeps_the_profile(client, person):
    url = person.get_absolute_url()
    queries_of(client, url)
    QuoteFactory(article=ArticleFactory(headline="A second lab for the harbour"), person=person)
    content, sqls = queries_of(client, url)
    assert "A second lab for the harbour" in content
    assert touching(sqls, "articles_quote")
    # The profile (positions, events) was kept.
    assert not touching(sqls, "entities_appearance")


def test_an_event_renamed_shows_on_the_page_of_who_spoke_there(client, person):
    url = person.get_absolute_url()
    queries_of(client, url)
    event = person.appearances.get().event
    event.name = "Harbour Innovation Forum 2026"
    event.save()
    content, sqls = queries_of(client, url)
    assert "Harbour Innovation Forum 2026" in content
    assert touching(sqls, "entities_appearance")


def test_a_new_position_shows_at_once(client, person):
    url = person.get_absolute_url()
    queries_of(client, url)
    PositionFactory(person=person, title="Chair of the harbour board", end_date=None)
    content, _ = queries_of(client, url)
    assert "Chair of the harbour board" in content


def test_a_scheduled_story_shows_on_the_person_page_when_it_goes_live(client, person):
    goes_live = timezone.now() + datetime.timedelta(hours=1)
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=goes_live, headline="Embargoed harbour story"
    )
    QuoteFactory(article=scheduled, person=person)
    url = person.get_absolute_url()
    with time_machine.travel(goes_live - datetime.timedelta(minutes=1), tick=False):
        queries_of(client, url)
        content, sqls = queries_of(client, url)
        assert "Embargoed harbour story" not in content
        assert len(sqls) == 1
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        content, _ = queries_of(client, url)
        assert "Embargoed harbour story" in content


# The front page ---------------------------------------------------------------------


def test_a_new_story_remakes_the_front_page_stories_and_keeps_what_is_beside_them(client):
    EventFactory(name="Harbour Innovation Forum", start_date=timezone.localdate())
    ArticleFactory(headline="Harbour lab opens its doors")
    url = "/"
    first, _ = queries_of(client, url)
    second, sqls = queries_of(client, url)
    assert second == first
    assert sqls == []
    ArticleFactory(headline="A second lab for the harbour")
    content, sqls = queries_of(client, url)
    assert "A second lab for the harbour" in content
    assert "Harbour Innovation Forum" in content
    assert touching(sqls, "articles_article")
    # The events beside the stories were kept.
    assert not touching(sqls, "entities_event")


def test_an_event_renamed_remakes_what_is_beside_the_front_page_stories(client):
    event = EventFactory(name="Harbour Innovation Forum", start_date=timezone.localdate())
    ArticleFactory(headline="Harbour lab opens its doors")
    queries_of(client, "/")
    event.name = "Harbour Innovation Forum 2026"
    event.save()
    content, sqls = queries_of(client, "/")
    assert "Harbour Innovation Forum 2026" in content
    assert "Harbour lab opens its doors" in content
    assert touching(sqls, "entities_event")
