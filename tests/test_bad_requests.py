"""Whatever a reader puts in an address gets a 4xx answer, never a server error."""

import pytest
from django.urls import reverse

from articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def story():
    return ArticleFactory(headline="Tidal turbine tested", section=SectionFactory(slug="energy"))


@pytest.mark.parametrize(
    "address",
    [
        reverse("articles:home"),
        reverse("articles:article_list"),
        reverse("articles:section_detail", kwargs={"slug": "energy"}),
        reverse("articles:archive"),
        reverse("entities:person_list"),
    ],
)
@pytest.mark.parametrize("page", [HUGE, "100001", str(2**63)])
def test_page_numbers_past_any_list_are_not_found(client, story, address, page):
    assert client.get(address, {"page": page}).status_code == 404


def test_a_huge_page_number_on_a_tag_is_not_found(client, story):
    story.tags.add("energy")
    address = reverse("articles:tag_detail", kwargs={"slug": "energy"})
    assert client.get(address).status_code == 200
    assert client.get(address, {"page": HUGE}).status_code == 404


def test_a_huge_page_number_in_the_archive_of_a_year_is_not_found(client, story):
    year = story.published_at.year
    address = reverse("articles:archive_year", kwargs={"year": year})
    assert client.get(address, {"page": HUGE}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"q": "turbine", "date_to": "9999-12-31"},
        {"q": "turbine", "date_from": "9999-12-31"},
        {"q": "turbine", "date_from": "0001-01-01"},
        {"q": "turbine", "page": HUGE},
    ],
)
def test_search_dates_off_the_calendar_are_refused(client, story, params):
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/archive/9999/12/31/",
        "/archive/9999/12/",
        "/archive/9999/",
        "/archive/0/",
        "/archive/1/1/1/",
    ],
)
def test_archive_dates_off_the_calendar_are_not_found(client, story, address):
    assert client.get(address).status_code == 404


def test_article_list_dates_at_the_calendar_edges_still_answer(client, story):
    response = client.get(
        reverse("articles:article_list"),
        {"published_after": "0001-01-01", "published_before": "9999-12-31"},
    )
    assert response.status_code == 200
    assert "Tidal turbine tested" in response.content.decode()
