"""iCalendar feeds: what a subscribed calendar gets, and how it follows a changed event."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from entities.factories import (
    AppearanceFactory,
    EventFactory,
    EventSeriesFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
)
from entities.models import Event

pytestmark = pytest.mark.django_db


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    return {str(entry["summary"]): entry for entry in feed.walk("VEVENT")}, feed


def soon(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_timed_event_carries_the_newsroom_zone_and_a_day_event_whole_days(client):
    EventFactory(
        name="Harbour forum",
        start_date=soon(10),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
        status=Event.Status.SCHEDULED,
    )
    EventFactory(name="Port open day", start_date=soon(20), end_date=soon(21))
    found, feed = entries(client, reverse("entities:events_ical"))
    start = found["Harbour forum"].decoded("dtstart")
    assert str(start.tzinfo) == "Asia/Hong_Kong"
    assert (start.hour, start.minute) == (9, 30)
    assert found["Harbour forum"].decoded("dtend").hour == 17
    assert [c["tzid"] for c in feed.walk("VTIMEZONE")] == ["Asia/Hong_Kong"]
    assert found["Port open day"].decoded("dtstart") == soon(20)
    # An all-day DTEND is the day after the last one.
    assert found["Port open day"].decoded("dtend") == soon(22)
    assert found["Harbour forum"]["status"] == "CONFIRMED"


def test_a_postponed_then_cancelled_event_updates_the_subscribed_entry(client):
    event = EventFactory(name="Harbour forum", start_date=soon(10), status=Event.Status.SCHEDULED)
    url = reverse("entities:event_ical", args=[event.slug])
    first, _ = entries(client, url)
    (entry,) = first.values()
    uid = str(entry["uid"])
    assert entry.decoded("sequence") == 0

    event.status = Event.Status.POSTPONED
    event.save()
    (entry,) = entries(client, url)[0].values()
    assert str(entry["uid"]) == uid
    assert entry["status"] == "TENTATIVE"
    assert entry.decoded("sequence") == 1

    event.status = Event.Status.RESCHEDULED
    event.start_date = soon(40)
    event.save()
    (entry,) = entries(client, url)[0].values()
    assert entry["status"] == "CONFIRMED"
    assert entry.decoded("dtstart") == soon(40)
    assert entry.decoded("sequence") == 2

    event.status = Event.Status.CANCELLED
    event.save()
    (entry,) = entries(client, url)[0].values()
    assert entry["status"] == "CANCELLED"
    assert entry.decoded("sequence") == 3

    # Saving with nothing the calendar shows changed leaves the sequence alone.
    event.description = "Called off for the typhoon season."
    event.save()
    assert entries(client, url)[0].popitem()[1].decoded("sequence") == 3


def test_feeds_of_an_organisation_a_series_and_a_person(client):
    host, supporter = OrganisationFactory(), OrganisationFactory()
    series = EventSeriesFactory()
    speaker = PersonFactory()
    hosted = EventFactory(name="Hosted", start_date=soon(5), series=series)
    hosted.hosts.add(host)
    supported = EventFactory(name="Supported", start_date=soon(6))
    EventSupportFactory(event=supported, organisation=host)
    EventSupportFactory(event=supported, organisation=supporter)
    AppearanceFactory(event=supported, person=speaker)
    EventFactory(name="Unrelated", start_date=soon(7))

    def names(name, slug):
        return set(entries(client, reverse(f"entities:{name}_ical", args=[slug]))[0])

    assert names("organisation", host.slug) == {"Hosted", "Supported"}
    assert names("organisation", supporter.slug) == {"Supported"}
    assert names("series", series.slug) == {"Hosted"}
    assert names("person", speaker.slug) == {"Supported"}
    assert set(entries(client, reverse("entities:events_ical"))[0]) == {
        "Hosted",
        "Supported",
        "Unrelated",
    }
    assert client.get(reverse("entities:person_ical", args=["nobody"])).status_code == 404


def test_pages_link_their_feeds(client):
    organisation, person, series = OrganisationFactory(), PersonFactory(), EventSeriesFactory()
    event = EventFactory(series=series)
    event.hosts.add(organisation)
    AppearanceFactory(event=event, person=person)
    for page, feed in (
        (reverse("entities:event_list"), reverse("entities:events_ical")),
        (event.get_absolute_url(), reverse("entities:event_ical", args=[event.slug])),
        (
            organisation.get_absolute_url(),
            reverse("entities:organisation_ical", args=[organisation.slug]),
        ),
        (person.get_absolute_url(), reverse("entities:person_ical", args=[person.slug])),
        (series.get_absolute_url(), reverse("entities:series_ical", args=[series.slug])),
    ):
        assert f'href="{feed}"' in client.get(page).content.decode(), page
