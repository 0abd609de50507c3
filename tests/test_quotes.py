"""Who said what, where: the quotes page, its filters and its full-text search."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleFactory, QuoteFactory
from articles.models import Article
from entities.factories import (
    EventFactory,
    EventSeriesFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("articles:quote_list")


def shown(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def forum_quotes():
    series = EventSeriesFactory(name="Harbour innovation forum")
    forum = EventFactory(
        name="Harbour forum 2026", series=series, start_date=datetime.date(2026, 1, 22)
    )
    earlier = EventFactory(
        name="Harbour forum 2025", series=series, start_date=datetime.date(2025, 1, 16)
    )
    lab, fund = OrganisationFactory(name="Quayside Lab"), OrganisationFactory(name="Tidal Fund")
    speaker = PersonFactory(display_name="Mei Tsang")
    # She moved from the lab to the fund between the two editions.
    PositionFactory(
        person=speaker,
        organisation=lab,
        title="research director",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2025, 6, 30),
    )
    PositionFactory(
        person=speaker, organisation=fund, title="partner", start_date=datetime.date(2025, 7, 1)
    )
    story = ArticleFactory(headline="Forum hears the case for patient money")
    story.tags.add("venture capital")
    old_story = ArticleFactory(
        headline="Labs told to look for buyers early",
        published_at=timezone.now() - datetime.timedelta(days=300),
    )
    said_2026 = QuoteFactory(
        article=story,
        person=speaker,
        event=forum,
        text="Patient money builds lasting laboratories.",
    )
    said_2025 = QuoteFactory(
        article=old_story,
        person=speaker,
        event=earlier,
        text="Find your first customer before your second grant.",
    )
    hidden = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Draft")
    QuoteFactory(
        article=hidden, person=speaker, event=forum, text="Nobody may read this sentence yet."
    )
    return {
        "series": series,
        "forum": forum,
        "earlier": earlier,
        "lab": lab,
        "fund": fund,
        "speaker": speaker,
        "said_2026": said_2026,
        "said_2025": said_2025,
        "story": story,
    }


def test_every_published_quote_with_speaker_title_on_the_day_event_and_story(client, forum_quotes):
    page = shown(client)
    assert "Patient money builds lasting laboratories." in page
    assert "Find your first customer before your second grant." in page
    assert "Nobody may read this sentence yet." not in page
    # The title held on the day each was said, not today's.
    newer = page[page.index("Patient money") :]
    assert newer.index("partner") < newer.index("Tidal Fund") < newer.index("Harbour forum 2026")
    older = page[page.index("Find your first customer") :]
    assert "research director" in older[: older.index("</li>")]
    assert forum_quotes["forum"].get_absolute_url() in page
    assert forum_quotes["story"].get_absolute_url() in page


@pytest.mark.parametrize(
    ("params", "found", "absent"),
    [
        ({"organisation": "lab"}, ["Find your first"], ["Patient money"]),
        ({"organisation": "fund"}, ["Patient money"], ["Find your first"]),
        ({"event": "forum"}, ["Patient money"], ["Find your first"]),
        ({"series": "series"}, ["Patient money", "Find your first"], []),
        ({"tag": "venture-capital"}, ["Patient money"], ["Find your first"]),
        ({"said_after": "2026-01-01"}, ["Patient money"], ["Find your first"]),
        ({"said_before": "2025-12-31"}, ["Find your first"], ["Patient money"]),
        ({"q": "laboratories"}, ["Patient money"], ["Find your first"]),
        ({"q": "customer grant"}, ["Find your first"], ["Patient money"]),
        ({"q": '"second grant"'}, ["Find your first"], ["Patient money"]),
        ({"q": "sentence"}, [], ["Nobody may read", "Patient money"]),
    ],
)
def test_filters_and_search(client, forum_quotes, params, found, absent):
    values = {
        name: getattr(forum_quotes[value], "slug", None) if value in forum_quotes else value
        for name, value in params.items()
    }
    page = shown(client, **values)
    for text in found:
        assert text in page, (params, text)
    for text in absent:
        assert text not in page, (params, text)


def test_person_filter_and_bad_input_get_clear_errors(client, forum_quotes):
    assert "Patient money" in shown(client, person=forum_quotes["speaker"].slug)
    for params in (
        {"person": "nobody-of-that-name"},
        {"said_after": "2026-13-45"},
        {"said_after": "2026-02-01", "said_before": "2026-01-01"},
        {"q": "x" * 500},
        {"person": "bad\x00slug"},
    ):
        page = shown(client, **params)
        assert "could not be used" in page
        assert "Patient money" not in page


@pytest.mark.parametrize("text", ["", "   ", '"', "-", "OR", "*", "NEAR(", "a:b"])
def test_search_syntax_is_never_an_error(client, forum_quotes, text):
    shown(client, q=text)


def test_person_and_event_pages_show_their_quotes_with_the_other_side(client, forum_quotes):
    person_page = client.get(forum_quotes["speaker"].get_absolute_url()).content.decode()
    assert "Patient money builds" in person_page
    assert forum_quotes["forum"].get_absolute_url() in person_page
    assert "Nobody may read" not in person_page
    event_page = client.get(forum_quotes["forum"].get_absolute_url()).content.decode()
    section = event_page[event_page.index("Who said what here") :]
    assert "Patient money builds" in section
    assert forum_quotes["speaker"].get_absolute_url() in section
    assert "partner" in section
    assert "Nobody may read" not in event_page


def test_quotes_are_searched_as_they_are_edited(client, forum_quotes):
    quote = forum_quotes["said_2026"]
    quote.text = "Harbours need venture money."
    quote.save()
    assert "Harbours need" in shown(client, q="harbours")
    assert "Harbours need" not in shown(client, q="laboratories")
    quote.delete()
    assert "Harbours need" not in shown(client, q="harbours")
