"""Events a story or a caption names or describes, and the days it gives for them."""

import datetime
import re
from dataclasses import dataclass, field

from .dates import WEEKDAY, find_date, on_weekday
from .names import ORG_NAME
from .story import Event, Support

KINDS = {
    "forum": "forum",
    "seminar": "forum",
    "conference": "conference",
    "summit": "conference",
    "symposium": "conference",
    "panel": "panel",
    "festival": "festival",
    "week": "festival",
    "exhibition": "exhibition",
    "expo": "exhibition",
    "fair": "exhibition",
    "show": "exhibition",
    "launch": "report_launch",
    "signing": "signing",
}
_KIND_WORDS = "|".join(KINDS)
_PLACE = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}"

NAMED = re.compile(
    r"\b(?:during|at|attend(?:s|ed|ing)?|opened|opening of|to) the "
    rf"(?P<name>(?:[A-Z0-9][\w&'-]* ){{1,8}}(?i:{_KIND_WORDS}))\b"
    # "the Harbourfront Expo Centre" is a venue, not an expo.
    r"(?! (?:Centre|Center|Hall|Halls|Building|Park|Grounds?|Complex))"
)
DESCRIBED = re.compile(
    r"\b(?i:at|during|to|in|attended|attending) (?:an?|the) "
    rf"(?P<what>(?:[a-z][\w-]* ){{0,6}}?(?:{_KIND_WORDS}))(?:,)? "
    rf"(?:hosted|co-hosted|organised|organized|held|convened) by (?:the )?(?P<host>{ORG_NAME})"
)
SUPPORT = re.compile(
    r"\bwith (?P<nature>(?:[a-z]+ )*?(?:support|sponsorship|backing)) from (?P<org>[^,;.]+)"
)
VENUE = re.compile(rf",? at the (?P<venue>{ORG_NAME}) in (?P<place>{_PLACE})")
PLACE = re.compile(rf",? in (?P<place>{_PLACE})(?= on|[,.]|$)")
ON_WEEKDAY = re.compile(rf"\bon (?P<day>{WEEKDAY})\b")


@dataclass
class EventMention:
    name: str
    kind: str
    hosts: list[str] = field(default_factory=list)
    # (organisation phrase, nature of support); phrases resolve through the cast.
    supporters: list[tuple[str, str]] = field(default_factory=list)
    venue: str | None = None
    place: str | None = None
    described: bool = False


def _kind(words: str) -> str:
    return KINDS.get(words.split()[-1].lower(), "other")


def where(text: str, *, anywhere: bool = False) -> tuple[str | None, str | None]:
    """(venue, place) written at the start of `text`, or anywhere in it."""
    find = VENUE.search if anywhere else VENUE.match
    if match := find(text):
        return match["venue"], match["place"]
    if match := (PLACE.search if anywhere else PLACE.match)(text):
        return None, match["place"]
    return None, None


def mentions_in(paragraph: str) -> list[EventMention]:
    found = []
    for match in NAMED.finditer(paragraph):
        venue, place = where(paragraph[match.end() :])
        found.append(EventMention(match["name"], _kind(match["name"]), venue=venue, place=place))
    for match in DESCRIBED.finditer(paragraph):
        venue, place = where(paragraph[match.end() :])
        mention = EventMention(
            f"{match['host']} {match['what']}",
            _kind(match["what"]),
            hosts=[match["host"]],
            venue=venue,
            place=place,
            described=True,
        )
        for support in SUPPORT.finditer(paragraph, match.end()):
            mention.supporters.append((support["org"].strip(), support["nature"]))
        found.append(mention)
    return found


def day_written(
    paragraphs: list[str], published: datetime.date | None
) -> tuple[datetime.date | None, str | None]:
    """The date the first of `paragraphs` that gives one gives, and the weekday it used."""
    for paragraph in paragraphs:
        if date := find_date(paragraph, published):
            return date, None
        if match := ON_WEEKDAY.search(paragraph):
            if published is None:
                return None, match["day"]
            return on_weekday(match["day"], published), match["day"]
    return None, None


class Events:
    """The story's events, merged when the body and a caption show the same one."""

    def __init__(self, warnings: list[str]) -> None:
        self.events: list[Event] = []
        self._keys: dict[str, Event] = {}
        self.warnings = warnings

    @staticmethod
    def _key(mention: EventMention) -> str:
        if mention.described and mention.hosts:
            return f"{mention.kind}:{mention.hosts[0].casefold()}"
        return mention.name.casefold()

    def add(self, mention: EventMention, date: datetime.date | None) -> Event:
        key = self._key(mention)
        event = self._keys.get(key)
        if event is None:
            event = Event(mention.name, kind=mention.kind)
            self._keys[key] = event
            self.events.append(event)
        if date and event.date and date != event.date:
            self.warnings.append(
                f"{event.name} is dated both {event.date.isoformat()} and {date.isoformat()}."
            )
        event.date = event.date or date
        event.venue = event.venue or mention.venue
        event.place = event.place or mention.place
        for host in mention.hosts:
            if host not in event.hosts:
                event.hosts.append(host)
        return event

    def add_supporter(self, event: Event, organisation: str, nature: str | None) -> None:
        if organisation not in [s.organisation for s in event.supporters]:
            event.supporters.append(Support(organisation, nature))

    def rename_organisations(self, renames: dict[str, str]) -> None:
        for event in self.events:
            event.hosts = [renames.get(host, host) for host in event.hosts]
            for support in event.supporters:
                support.organisation = renames.get(support.organisation, support.organisation)


# Nouns a story may use for one and the same happening.
_SAME_HAPPENING = {
    "agreement": "agreement",
    "partnership": "agreement",
    "deal": "agreement",
    "pact": "agreement",
    "memorandum": "agreement",
    "forum": "event",
    "summit": "event",
    "conference": "event",
    "launch": "launch",
}
_NOUN = "|".join(_SAME_HAPPENING)
_POSSESSIVE_DAY = re.compile(rf"\b(?P<day>{WEEKDAY})'s (?:[a-z-]+ )?(?P<noun>{_NOUN})\b")
_DONE_ON_DAY = re.compile(
    rf"\b(?P<noun>{_NOUN})\b[^.]{{0,60}}?\b(?:signed|held|announced|reached|launched|unveiled)"
    rf" (?:on |this |last )?(?P<day>{WEEKDAY})\b"
)


def weekday_conflicts(paragraphs: list[str]) -> list[str]:
    """Warnings for one happening given two different weekdays."""
    days: dict[str, dict[str, str]] = {}
    for paragraph in paragraphs:
        for pattern in (_DONE_ON_DAY, _POSSESSIVE_DAY):
            for match in pattern.finditer(paragraph):
                group = _SAME_HAPPENING[match["noun"].lower()]
                days.setdefault(group, {}).setdefault(match["day"], match.group(0))
    return [
        "The same happening is given different days: "
        + "; ".join(f'"{phrase}"' for phrase in seen.values())
        for seen in days.values()
        if len(seen) > 1
    ]
