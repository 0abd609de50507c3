"""Pages made of kept parts (`newsdesk.pagecache.kept`), with the page cache off.

A part is served while nothing it shows has changed: a second view of a page
costs the object's own row and the parts' cache read, a change remakes only
the parts showing what changed, and a story going live on schedule reaches
the part listing it at its time.
"""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QuoteFactory,
)
from articles.models import Article, Mention, PhotoPerson
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from newsdesk.pagecache.dependencies import collecting
from newsdesk.pagecache.kept import kept, shows
from tests.helpers import noon_tomorrow

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


# Organisation and event pages ------------------------------------------------------


def scheduled_story(headline):
    return ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=noon_tomorrow(), headline=headline
    )


def around_going_live(client, story, page):
    """`view` of `page` a minute before `story` goes live (the second of two views,
    from the kept parts) and a second after."""
    url = page.get_absolute_url()
    with time_machine.travel(story.published_at - datetime.timedelta(minutes=1), tick=False):
        view(client, url)
        before = view(client, url)
    with time_machine.travel(story.published_at + datetime.timedelta(seconds=1), tick=False):
        return before, view(client, url)


def view(client, url):
    """(HTML, the tables the queries read) of one view of `url`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    tables = set()
    for query in queries.captured_queries:
        tables.update(re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]))
    return response.content.decode(), tables


def publish(draft, editor):
    ArticleAuthorFactory(article=draft)
    for action in ("submit", "publish"):
        workflow.apply(draft, editor, action)


# Organisation and event pages ---------------------------------------------------------


@pytest.fixture
def organisation():
    """An organisation with something in every part of its page."""
    organisation = OrganisationFactory(
        name="Harbour Institute", parent=OrganisationFactory(name="Harbour Group")
    )
    OrganisationFactory(name="Harbour Lab", parent=organisation)
    PositionFactory(organisation=organisation, person=PersonFactory(display_name="Ada Wong"))
    EventFactory(name="Harbour Forum").hosts.add(organisation)
    EventSupportFactory(organisation=organisation, nature="venue")
    DocumentPublisherFactory(
        organisation=organisation, document=DocumentFactory(title="Harbour Report", event=None)
    )
    MentionFactory(
        article=ArticleFactory(headline="An older story"),
        person=None,
        organisation=organisation,
        status=Mention.Status.CONFIRMED,
    )
    return organisation


def test_a_second_view_of_an_organisation_page_reads_one_or_two_queries(
    client, organisation, django_assert_max_num_queries
):
    url = organisation.get_absolute_url()
    first, _ = view(client, url)
    for shown in ("Harbour Group", "Harbour Lab", "Ada Wong", "Harbour Forum", "venue"):
        assert shown in first
    assert "Harbour Report" in first and "An older story" in first
    with django_assert_max_num_queries(2):
        second = client.get(url).content.decode()
    assert second == first


def test_a_new_story_mentioning_an_organisation_remakes_its_coverage_alone(
    client, organisation, editor
):
    url = organisation.get_absolute_url()
    view(client, url)
    draft = ArticleFactory(draft=True, headline="Harbour Institute opens a lab")
    MentionFactory(
        article=draft, person=None, organisation=organisation, status=Mention.Status.CONFIRMED
    )
    unpublished, _ = view(client, url)
    assert "Harbour Institute opens a lab" not in unpublished

    publish(draft, editor)
    content, tables = view(client, url)
    assert "Harbour Institute opens a lab" in content
    assert "articles_mention" in tables
    # The profile and the publications were kept.
    assert not tables & {"entities_position", "entities_eventsupport", "entities_document"}


def test_a_scheduled_story_mentioning_an_organisation_shows_when_it_goes_live(client, organisation):
    scheduled = scheduled_story("Embargoed lab story")
    MentionFactory(
        article=scheduled, person=None, organisation=organisation, status=Mention.Status.CONFIRMED
    )
    (content, tables), (after, after_tables) = around_going_live(client, scheduled, organisation)
    assert "Embargoed lab story" not in content
    # A positive control: the coverage was kept until now.
    assert "articles_mention" not in tables
    assert "Embargoed lab story" in after
    # The profile was kept.
    assert "entities_position" not in after_tables


def test_renaming_what_only_the_profile_shows_remakes_the_profile_alone(client, organisation):
    url = organisation.get_absolute_url()
    view(client, url)
    child = organisation.children.get()
    child.name = "Harbour Robotics Lab"
    child.save()
    content, tables = view(client, url)
    assert "Harbour Robotics Lab" in content and "Harbour Lab<" not in content
    assert "entities_position" in tables
    assert not tables & {"articles_mention", "entities_document"}


@pytest.fixture
def event():
    """An event with something in every part of its page."""
    event = EventFactory(name="Harbour Summit", start_date=timezone.localdate())
    event.hosts.add(OrganisationFactory(name="Harbour Council"))
    EventSupportFactory(event=event, organisation=OrganisationFactory(name="Pier Trust"))
    speaker = PersonFactory(display_name="Ada Wong")
    AppearanceFactory(event=event, person=speaker, session="Opening")
    AppearanceFactory(event=event, person=PersonFactory(display_name="Ben Lau"), order=1)
    DocumentFactory(event=event, title="Summit Declaration")
    story = ArticleFactory(headline="The summit opens")
    story.events.add(event)
    QuoteFactory(article=story, event=event, person=speaker, text="We are ready.")
    PhotoFactory(event=event, caption="The hall")
    return event


def test_a_second_view_of_an_event_page_reads_one_or_two_queries(
    client, event, django_assert_max_num_queries
):
    url = event.get_absolute_url()
    first, _ = view(client, url)
    for shown in ("Harbour Council", "Pier Trust", "Ada Wong", "Opening", "Summit Declaration"):
        assert shown in first
    assert "We are ready." in first and "The summit opens" in first
    with django_assert_max_num_queries(2):
        second = client.get(url).content.decode()
    assert second == first


def test_a_new_story_about_an_event_remakes_its_coverage_alone(client, event):
    url = event.get_absolute_url()
    view(client, url)
    story = ArticleFactory(headline="What the summit agreed")
    story.events.add(event)
    content, tables = view(client, url)
    assert "What the summit agreed" in content
    assert "articles_quote" in tables
    # The profile and the programme were kept.
    assert not tables & {"entities_eventsupport", "entities_appearance", "entities_document"}


def test_renaming_a_host_remakes_the_profile_not_the_programme_or_coverage(client, event):
    url = event.get_absolute_url()
    view(client, url)
    host = event.hosts.get()
    host.name = "Harbour City Council"
    host.save()
    content, tables = view(client, url)
    assert "Harbour City Council" in content
    assert "entities_eventsupport" in tables
    assert not tables & {"entities_document", "articles_quote"}


def test_renaming_a_speaker_remakes_the_programme_not_the_coverage(client, event):
    url = event.get_absolute_url()
    view(client, url)
    # On the programme only; the other speaker is quoted in the coverage too.
    speaker = event.appearances.get(person__display_name="Ben Lau").person
    speaker.display_name = "Benjamin Lau"
    speaker.save()
    content, tables = view(client, url)
    assert "Benjamin Lau" in content and "Ben Lau<" not in content
    assert "entities_document" in tables
    assert not tables & {"articles_quote", "articles_photo"}


def test_a_scheduled_story_about_an_event_shows_on_it_when_it_goes_live(client, event):
    scheduled = scheduled_story("Embargoed summit story")
    scheduled.events.add(event)
    (content, tables), (after, after_tables) = around_going_live(client, scheduled, event)
    assert "Embargoed summit story" not in content
    # A positive control: the coverage was kept until now.
    assert "articles_quote" not in tables
    assert "Embargoed summit story" in after
    assert "entities_appearance" not in after_tables


# The search page ----------------------------------------------------------------------


def test_a_new_story_runs_the_stories_search_again_and_keeps_the_other_kinds(client):
    PersonFactory(display_name="Dolomite Chan")
    ArticleFactory(headline="Dolomite shipment arrives")
    url = "/search/?q=dolomite"
    first, _ = view(client, url)
    # Matches come marked: "<mark>Dolomite</mark> Chan".
    assert "</mark> Chan" in first and "</mark> shipment arrives" in first
    second, tables = view(client, url)
    assert second == first
    assert not tables & {"articles_article", "entities_person"}
    ArticleFactory(headline="Second dolomite shipment")
    content, tables = view(client, url)
    assert "Second <mark>dolomite</mark> shipment" in content
    assert "articles_article" in tables
    # The people found were kept.
    assert "entities_person" not in tables
    assert "</mark> Chan" in content


def test_a_story_taken_down_leaves_the_search_at_once(client, editor):
    story = ArticleFactory(headline="Dolomite shipment arrives")
    url = "/search/?q=dolomite"
    assert "</mark> shipment arrives" in view(client, url)[0]
    workflow.apply(story, editor, "unpublish", note="Withdrawn.")
    assert "shipment arrives" not in view(client, url)[0]
