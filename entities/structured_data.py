"""schema.org descriptions of people, organisations and events, as dicts ready for JSON-LD.

Each builder takes `absolute`, which turns a site path into a full address
(`request.build_absolute_uri`), and reads only what the page has already fetched.
"""

from django.utils import timezone

from entities.models import Event

SCHEMA = "https://schema.org"

# A held event went ahead as scheduled; schema.org has no separate status for it.
EVENT_STATUS = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.HELD: "https://schema.org/EventScheduled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
    Event.Status.RESCHEDULED: "https://schema.org/EventRescheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def person_ref(person, absolute):
    return {
        "@type": "Person",
        "name": person.display_name,
        "url": absolute(person.get_absolute_url()),
    }


def organisation_ref(organisation, absolute):
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute(organisation.get_absolute_url()),
    }


def person_profile(person, absolute):
    entity = person_ref(person, absolute)
    if person.native_name:
        entity["alternateName"] = person.native_name
    if person.bio:
        entity["description"] = person.bio
    position = person.position_on(timezone.localdate())
    if position:
        entity["jobTitle"] = position.title
        entity["worksFor"] = organisation_ref(position.organisation, absolute)
    return {"@context": SCHEMA, "@type": "ProfilePage", "mainEntity": entity}


def organisation_profile(organisation, absolute):
    entity = organisation_ref(organisation, absolute)
    if organisation.short_name:
        entity["alternateName"] = organisation.short_name
    if organisation.description:
        entity["description"] = organisation.description
    if organisation.website:
        entity["sameAs"] = [organisation.website]
    if organisation.parent:
        entity["parentOrganization"] = organisation_ref(organisation.parent, absolute)
    return {"@context": SCHEMA, "@type": "ProfilePage", "mainEntity": entity}


def event(event, absolute, hosts=None):
    """`hosts`, if given, are the event's hosts as its page loaded them (with its
    supporters, in one query); otherwise they are read from the event."""
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.name,
        "url": absolute(event.get_absolute_url()),
        "startDate": event.start_date.isoformat(),
        "endDate": event.last_date.isoformat(),
        "eventStatus": EVENT_STATUS[event.status],
        "organizer": [
            organisation_ref(host, absolute)
            for host in (event.hosts.all() if hosts is None else hosts)
        ],
        "performer": list(
            {
                appearance.person_id: person_ref(appearance.person, absolute)
                for appearance in event.appearances.all()
            }.values()
        ),
    }
    if event.series_id:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": event.series.name,
            "url": absolute(event.series.get_absolute_url()),
        }
    if event.description:
        data["description"] = event.description
    if event.venue or event.city:
        data["location"] = {
            "@type": "Place",
            "name": event.venue or event.city,
            "address": (
                {"@type": "PostalAddress", "addressLocality": event.city}
                if event.city
                else event.venue
            ),
        }
    return data


def series(series, absolute):
    """An event series with its editions as sub-events (the page has fetched them)."""
    data = {
        "@context": SCHEMA,
        "@type": "EventSeries",
        "name": series.name,
        "url": absolute(series.get_absolute_url()),
        "subEvent": [
            {
                "@type": "Event",
                "name": edition.name,
                "url": absolute(edition.get_absolute_url()),
                "startDate": edition.start_date.isoformat(),
                "endDate": edition.last_date.isoformat(),
                "eventStatus": EVENT_STATUS[edition.status],
            }
            for edition in series.editions.all()
        ],
    }
    if series.description:
        data["description"] = series.description
    return data


def report(document, absolute):
    """A document released at an event, as a schema.org Report."""
    data = {
        "@context": SCHEMA,
        "@type": "Report",
        "name": document.title,
        "url": absolute(document.get_absolute_url()),
        "publisher": [
            organisation_ref(publication.organisation, absolute)
            for publication in document.publications.all()
        ],
    }
    if document.released_on:
        data["datePublished"] = document.released_on.isoformat()
    if document.summary:
        data["abstract"] = document.summary
    if document.url:
        data["sameAs"] = [document.url]
    if document.event_id:
        data["releasedEvent"] = {
            "@type": "PublicationEvent",
            "name": document.event.name,
            "url": absolute(document.event.get_absolute_url()),
            "startDate": document.event.start_date.isoformat(),
        }
    return data
