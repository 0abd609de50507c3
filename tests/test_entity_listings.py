import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entities.factories import (
    EventFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Event, Organisation
from tests.helpers import get

pytestmark = pytest.mark.django_db

PEOPLE = reverse("entities:person_list")
ORGANISATIONS = reverse("entities:organisation_list")
EVENTS = reverse("entities:event_list")


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# People ----------------------------------------------------------------------


def test_people_are_listed_by_family_name_with_their_current_title(client):
    PersonFactory(display_name="Zoe Adams", given_names="Zoe", family_name="Adams")
    PersonFactory(display_name="Tim Cheng", given_names="Tim", family_name="Cheng")
    PersonFactory(display_name="Amy Zhou", given_names="Amy", family_name="Zhou")
    PersonFactory(display_name="Bono", given_names="", family_name="")
    cheng = PositionFactory(
        person__display_name="Kwok Ling", person__family_name="Kwok", title="dean"
    ).person
    PositionFactory(person=cheng, title="lecturer", end_date=days_from_today(-400))
    content = get(client, PEOPLE)
    order = [content.index(name) for name in ("Zoe Adams", "Bono", "Tim Cheng", "Kwok Ling")]
    assert order == sorted(order)
    assert content.index("Kwok Ling") < content.index("Amy Zhou")
    assert "dean" in content
    assert "lecturer" not in content
    assert content.count("<h1") == 1
    # Organisations are reached from their pages, not picked from thousands of options.
    assert 'id="id_organisation"' not in content


def test_people_filter_by_current_or_past_organisation(client):
    organisation = OrganisationFactory()
    current = PositionFactory(organisation=organisation).person
    former = PositionFactory(organisation=organisation, end_date=days_from_today(-30)).person
    elsewhere = PositionFactory().person
    content = get(client, f"{PEOPLE}?organisation={organisation.slug}")
    assert current.display_name in content
    assert former.display_name in content
    assert elsewhere.display_name not in content


def test_people_pages_keep_the_filter(client):
    organisation = OrganisationFactory()
    PositionFactory.create_batch(51, organisation=organisation)
    content = get(client, f"{PEOPLE}?organisation={organisation.slug}")
    assert f'href="?organisation={organisation.slug}&amp;page=2"' in content
    assert "Page 2 of 2" in get(client, f"{PEOPLE}?organisation={organisation.slug}&page=2")


# Organisations ---------------------------------------------------------------


def test_organisations_by_name_with_kind_filter_and_parent(client):
    university = OrganisationFactory(name="Beta University", kind=Organisation.Kind.UNIVERSITY)
    school = OrganisationFactory(
        name="Alpha School", kind=Organisation.Kind.FACULTY, parent=university
    )
    company = OrganisationFactory(name="Gamma Ltd", kind=Organisation.Kind.COMPANY)
    content = get(client, ORGANISATIONS)
    assert content.index(school.name) < content.index(company.name)
    assert f'part of <a href="{university.get_absolute_url()}"' in content
    filtered = get(client, f"{ORGANISATIONS}?kind=faculty")
    assert school.name in filtered
    assert company.name not in filtered


# Events ----------------------------------------------------------------------


def test_events_in_upcoming_and_past_sections(client):
    soon = EventFactory(name="Coming forum", start_date=days_from_today(3))
    running = EventFactory(
        name="Running festival",
        kind=Event.Kind.FESTIVAL,
        start_date=days_from_today(-2),
        end_date=days_from_today(2),
    )
    over = EventFactory(name="Finished forum", start_date=days_from_today(-30))
    content = get(client, EVENTS)
    upcoming, past = content.split('id="past-heading"')
    assert soon.name in upcoming and running.name in upcoming
    assert over.name in past and soon.name not in past
    assert over.name not in get(client, f"{EVENTS}?when=upcoming")
    assert soon.name not in get(client, f"{EVENTS}?when=past")
    assert running.name in get(client, f"{EVENTS}?kind=festival")
    assert soon.name not in get(client, f"{EVENTS}?kind=festival")


def test_events_filter_by_year_and_by_host_or_supporter(client):
    host = OrganisationFactory()
    hosted = EventFactory(name="Hosted forum", start_date=datetime.date(2023, 5, 1))
    hosted.hosts.add(host)
    supported = EventSupportFactory(
        organisation=host, event__name="Supported forum", event__start_date=days_from_today(5)
    ).event
    other = EventFactory(name="Unrelated forum", start_date=datetime.date(2023, 6, 1))
    content = get(client, f"{EVENTS}?organisation={host.slug}")
    assert hosted.name in content and supported.name in content and other.name not in content
    content = get(client, f"{EVENTS}?year=2023")
    assert hosted.name in content and other.name in content and supported.name not in content
    content = get(client, f"{EVENTS}?year=2023&organisation={host.slug}&when=past")
    assert hosted.name in content and other.name not in content


def test_many_events_link_to_the_full_list_which_pages_with_its_filters(client):
    for i in range(25):
        EventFactory(start_date=days_from_today(-i - 1))
    content = get(client, f"{EVENTS}?kind=forum")
    assert 'href="?kind=forum&amp;when=past"' in content
    full = get(client, f"{EVENTS}?kind=forum&when=past")
    assert 'href="?kind=forum&amp;when=past&amp;page=2"' in full


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (PEOPLE, "organisation=%00"),
        (PEOPLE, "organisation=nothing"),
        (ORGANISATIONS, "kind=%00"),
        (ORGANISATIONS, "kind=spaceship"),
        (EVENTS, "when=tomorrow"),
        (EVENTS, "year=99999999999999999999"),
        (EVENTS, "year=abc"),
        (EVENTS, "kind=%00&when=past"),
        (EVENTS, "organisation=%E2%80%AE"),
    ],
)
def test_bad_filter_values_show_an_error_and_no_results(client, url, query):
    PositionFactory(person__display_name="Somebody Known", organisation__name="Known Org")
    EventFactory(name="Known event", start_date=days_from_today(-3))
    content = get(client, f"{url}?{query}")
    assert "could not be used" in content
    for name in ("Somebody Known", "Known event"):
        assert name not in content


@pytest.mark.parametrize("url", [PEOPLE, ORGANISATIONS, EVENTS, reverse("articles:article_list")])
def test_every_filter_control_has_a_real_label(client, url):
    content = get(client, url)
    assert "invalid name" not in content
    assert content.count("<label for=") == content.count("<select") + content.count('type="date"')


@pytest.mark.parametrize("url", [PEOPLE, ORGANISATIONS, f"{EVENTS}?when=past"])
@pytest.mark.parametrize("page", ["999", "abc"])
def test_bad_page_numbers_are_not_found(client, url, page):
    EventFactory(start_date=days_from_today(-3))
    OrganisationFactory()
    separator = "&" if "?" in url else "?"
    get(client, f"{url}{separator}page={page}", status=404)


# Query budgets ---------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 30])
def test_index_queries(client, django_assert_max_num_queries, n):
    organisation = OrganisationFactory(parent=OrganisationFactory())
    for i in range(n):
        person = PositionFactory(organisation=organisation).person
        PositionFactory(person=person, end_date=days_from_today(-100))
        OrganisationFactory(parent=organisation)
        EventFactory(start_date=days_from_today(i - 15)).hosts.add(organisation)
        EventSupportFactory(organisation=organisation)
    for url, budget in [
        (PEOPLE, 5),
        (f"{PEOPLE}?organisation={organisation.slug}", 6),
        (ORGANISATIONS, 3),
        (f"{ORGANISATIONS}?kind=company", 3),
        (EVENTS, 7),
        (f"{EVENTS}?when=past&organisation={organisation.slug}&kind=forum", 7),
    ]:
        with django_assert_max_num_queries(budget):
            content = get(client, url)
        assert "could not be used" not in content, url
    assert get(client, PEOPLE).count('class="position"') == min(n, 50)
