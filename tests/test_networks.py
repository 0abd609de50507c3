"""Speakers and networks: who appears most, in which roles and alongside whom, and the
organisations an organisation works with and the people who moved to or from it."""

import datetime

import pytest
from django.urls import reverse

from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Appearance

pytestmark = pytest.mark.django_db
D = datetime.date


def section(content, heading):
    part = content[content.index(heading) :]
    return part[: part.index("</section>")]


@pytest.fixture
def forums():
    cui, wu, he, loner = (
        PersonFactory(display_name=name, family_name=name.split()[0])
        for name in ("Cui Li", "Wu Junhua", "He Gang", "Lone Speaker")
    )
    events = [
        EventFactory(name=f"Forum {year}", start_date=D(year, 1, 20)) for year in (2024, 2025, 2026)
    ]
    for event in events:
        AppearanceFactory(event=event, person=cui, role=Appearance.Role.PANELLIST)
        AppearanceFactory(event=event, person=wu)
    AppearanceFactory(event=events[2], person=cui, role=Appearance.Role.KEYNOTE)
    AppearanceFactory(event=events[2], person=he, role=Appearance.Role.MODERATOR)
    AppearanceFactory(event=EventFactory(), person=loner)
    PersonFactory(display_name="Never Spoke")
    return cui, wu, he


def test_people_can_be_sorted_by_appearances(client, forums):
    content = client.get(reverse("entities:person_list"), {"sort": "appearances"}).content.decode()
    order = [content.index(name) for name in ("Cui Li", "Wu Junhua", "He Gang")]
    assert order == sorted(order)
    assert "Never Spoke" not in content
    assert "3 events" in content
    by_name = client.get(reverse("entities:person_list")).content.decode()
    assert "Never Spoke" in by_name
    # The people list's form has something to choose now.
    assert 'name="sort"' in by_name


def test_a_person_page_counts_roles_and_shows_who_they_appeared_alongside(client, forums):
    cui, _, _ = forums
    content = client.get(cui.get_absolute_url()).content.decode()
    assert "3 events: panellist &times;3, keynote" in content
    alongside = section(content, "Appeared alongside")
    assert alongside.index("Wu Junhua") < alongside.index("He Gang")
    assert "3 events" in alongside and "1 event<" in alongside
    assert "Lone Speaker" not in alongside
    assert (
        "Appeared alongside" not in client.get(PersonFactory().get_absolute_url()).content.decode()
    )


def test_an_organisation_shows_its_network(client):
    magazine, school, consultancy, rival = (
        OrganisationFactory(name=name)
        for name in ("Harbour Magazine", "Quay School", "Berth & Co", "Other Press")
    )
    for year in (2025, 2026):
        event = EventFactory(start_date=D(year, 1, 1))
        event.hosts.add(magazine, school)
    EventFactory().hosts.add(rival)
    report = DocumentFactory()
    DocumentPublisherFactory(document=report, organisation=magazine)
    DocumentPublisherFactory(document=report, organisation=consultancy)
    mover, leaver, steady = (
        PersonFactory(display_name="Ann Mover"),
        PersonFactory(display_name="Lee Leaver"),
        PersonFactory(display_name="Sam Steady"),
    )
    PositionFactory(
        person=mover, organisation=school, start_date=D(2015, 1, 1), end_date=D(2019, 12, 31)
    )
    PositionFactory(person=mover, organisation=magazine, start_date=D(2020, 1, 1))
    PositionFactory(
        person=leaver, organisation=magazine, start_date=D(2010, 1, 1), end_date=D(2021, 6, 30)
    )
    PositionFactory(person=leaver, organisation=consultancy, start_date=D(2021, 7, 1))
    PositionFactory(person=steady, organisation=magazine)

    content = client.get(magazine.get_absolute_url()).content.decode()
    network = section(content, "Network")
    assert "Quay School" in network and "2 events" in network
    assert "Berth &amp; Co" in network and "1 report" in network
    assert "Other Press" not in network
    came = network[network.index("Came here from") :]
    assert (
        "Ann Mover" in came[: came.index("</ul>")] and "Quay School" in came[: came.index("</ul>")]
    )
    left = network[network.index("Moved on to") :]
    assert "Lee Leaver" in left and "Berth &amp; Co" in left
    assert "Sam Steady" not in network
    assert "Sam Steady" in content
    assert f"{reverse('articles:quote_list')}?organisation={magazine.slug}" in content
