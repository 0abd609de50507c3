"""iCalendar (RFC 5545) feeds of events, for readers to subscribe to in their calendar.

Each event keeps one UID for life, and its SEQUENCE goes up whenever its dates,
times, place or status change (see `Event.save`), so a subscribed calendar
replaces its copy: a postponed event turns tentative, a cancelled one is marked
CANCELLED, a rescheduled one moves. Times are the newsroom's, with its zone
described in the feed itself.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from entities.models import Event

PRODUCT_ID = "-//Newsdesk//Forum calendar//EN"
# How often a subscribed calendar should look again.
REFRESH = datetime.timedelta(hours=6)
# The "all events" feed: what is coming and the recent past, not the whole archive.
RECENT_PAST = datetime.timedelta(days=365)
MAX_EVENTS = 500

STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.RESCHEDULED: "CONFIRMED",
    Event.Status.HELD: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


def newsroom_zone():
    return ZoneInfo(settings.TIME_ZONE)


def calendar_events(queryset):
    """The events a feed lists: upcoming and the past year, soonest last-changed first."""
    since = timezone.localdate() - RECENT_PAST
    return (
        queryset.filter(start_date__gte=since)
        .select_related("series")
        .order_by("start_date", "pk")[:MAX_EVENTS]
    )


def _times(event):
    """DTSTART and DTEND: zoned datetimes when the time is known, else whole days."""
    if event.start_time:
        zone = newsroom_zone()
        start = datetime.datetime.combine(event.start_date, event.start_time, zone)
        if event.end_time:
            end = datetime.datetime.combine(event.last_date, event.end_time, zone)
        elif event.end_date:
            end = datetime.datetime.combine(
                event.end_date + datetime.timedelta(days=1), datetime.time(), zone
            )
        else:
            end = start + datetime.timedelta(hours=1)
        if end <= start:
            end = start + datetime.timedelta(hours=1)
        return start, end
    # DTEND of an all-day event is the day after its last (exclusive).
    return event.start_date, event.last_date + datetime.timedelta(days=1)


def vevent(event, absolute, host):
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{host}")
    summary = event.name
    if event.status in (Event.Status.POSTPONED, Event.Status.CANCELLED):
        summary = f"{event.get_status_display()}: {summary}"
    entry.add("summary", summary)
    start, end = _times(event)
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("dtstamp", event.updated_at or timezone.now())
    if event.updated_at:
        entry.add("last-modified", event.updated_at)
    if event.created_at:
        entry.add("created", event.created_at)
    entry.add("sequence", event.sequence)
    entry.add("status", STATUS[event.status])
    place = ", ".join(part for part in (event.venue, event.city) if part)
    if place:
        entry.add("location", place)
    url = absolute(event.get_absolute_url())
    entry.add("url", url)
    description = [event.description] if event.description else []
    if event.series_id:
        description.append(f"Part of {event.series.name}.")
    if event.status == Event.Status.POSTPONED:
        description.append("Postponed: new dates have not been announced.")
    description.append(url)
    entry.add("description", "\n\n".join(description))
    entry.add("transp", "TRANSPARENT")
    return entry


def calendar(events, name, request):
    """An iCalendar file of `events` (already fetched with their series)."""
    feed = Calendar()
    feed.add("prodid", PRODUCT_ID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT6H")
    host = request.get_host().split(":")[0]
    for event in events:
        feed.add_component(vevent(event, request.build_absolute_uri, host))
    # The zone's rules in the file, so that every client reads the times alike.
    feed.add_missing_timezones()
    return feed


def response(events, name, request, filename):
    body = calendar(events, name, request).to_ical()
    reply = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    reply["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return reply
