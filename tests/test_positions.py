import datetime

import pytest

from entities.factories import (
    AppearanceFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Position

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def career():
    person = PersonFactory(display_name="Hui Kai-Lung")
    school = OrganisationFactory(name="Business School")
    university = OrganisationFactory(name="University")
    professor = PositionFactory(
        person=person,
        organisation=school,
        title="professor",
        start_date=D(2015, 7, 1),
        end_date=D(2024, 12, 31),
    )
    dean = PositionFactory(
        person=person, organisation=school, title="acting dean", start_date=D(2025, 1, 1)
    )
    fellow = PositionFactory(
        person=person,
        organisation=university,
        title="senior fellow",
        start_date=None,
        end_date=None,
    )
    return person, school, university, professor, dean, fellow


def test_held_on_includes_open_ended_and_excludes_ended(career):
    person, *_rest, professor, dean, fellow = career
    assert set(person.positions.held_on(D(2020, 5, 1))) == {professor, fellow}
    assert set(person.positions.held_on(D(2026, 1, 22))) == {dean, fellow}


def test_held_on_counts_the_first_and_last_day(career):
    person, *_rest, professor, dean, _ = career
    assert professor in person.positions.held_on(D(2024, 12, 31))
    assert dean not in person.positions.held_on(D(2024, 12, 31))
    assert dean in person.positions.held_on(D(2025, 1, 1))


def test_position_on_prefers_the_most_recently_started(career):
    person, *_rest, professor, dean, _fellow = career
    assert person.position_on(D(2026, 1, 22)) == dean
    assert person.position_on(D(2020, 1, 1)) == professor


def test_position_on_an_organisation(career):
    person, _school, university, *_rest, fellow = career
    assert person.position_on(D(2026, 1, 22), organisation=university) == fellow


def test_position_on_before_any_dated_position(career):
    person, *_rest, fellow = career
    assert person.position_on(D(2000, 1, 1)) == fellow
    fellow.delete()
    assert person.position_on(D(2000, 1, 1)) is None


def test_held_on_accepts_an_aware_datetime_in_local_time(career):
    from zoneinfo import ZoneInfo

    person, *_rest, _professor, dean, _ = career
    # 2025-01-01 01:00 in Hong Kong is still 2024-12-31 in UTC.
    moment = datetime.datetime(2025, 1, 1, 1, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    assert person.position_on(moment) == dean


def test_appearance_title_prefers_the_position_given_at_the_event(career):
    person, *_rest, _professor, dean, fellow = career
    event = EventFactory(start_date=D(2026, 1, 22))
    introduced_as = AppearanceFactory(person=person, event=event, position=fellow)
    assert introduced_as.title_at_the_time == fellow
    introduced_as.position = None
    introduced_as.save()
    assert introduced_as.title_at_the_time == dean


def test_current_positions(career):
    person, *_rest, professor, dean, fellow = career
    assert set(Position.objects.filter(person=person).current()) == {dean, fellow}
    assert not professor.is_current
