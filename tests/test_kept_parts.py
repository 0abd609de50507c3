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
    QuoteFactory,
)
from articles.models import Article, Mention
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

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings, tmp_path):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 0}
    settings.VAR_DIR = tmp_path / "var"


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
    # Noon tomorrow: both moments below on one day, so midnight retires nothing between.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    goes_live = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(12)))
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=goes_live, headline="Embargoed summit story"
    )
    scheduled.events.add(event)
    url = event.get_absolute_url()
    with time_machine.travel(goes_live - datetime.timedelta(minutes=1), tick=False):
        view(client, url)
        content, tables = view(client, url)
        assert "Embargoed summit story" not in content
        # A positive control: the coverage was kept until now.
        assert "articles_quote" not in tables
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        content, tables = view(client, url)
        assert "Embargoed summit story" in content
        assert "entities_appearance" not in tables
