"""Events a story or a caption names or describes, and the days it gives for them."""

import datetime
import re
from dataclasses import dataclass, field

from .dates import WEEKDAY, find_date, on_weekday
from .names import ORG_NAME
from .organisations import org_list
from .places import government_of
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
    "roundtable": "forum",
    "pitch": "other",
    "competition": "other",
    "contest": "other",
    "challenge": "other",
    "workshop": "forum",
    "webinar": "forum",
    "demo day": "other",
    "open day": "other",
    "roadshow": "other",
    "awards": "other",
    "hackathon": "other",
}
_KIND_WORDS = "|".join(KINDS)
_PLACE = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}"

NAMED = re.compile(
    r"(?:\b(?:during|at|attend(?:s|ed|ing)?|opened|opening of|to|of|told) (?:the )?"
    r"|(?:^|(?<=[.!?] ))The )"
    # "The three-day ...", "the annual ...": one describing word before the name.
    r"(?:[a-z]+(?:-[a-z]+)? )?"
    rf"(?P<name>(?:[A-Z0-9][\w&'-]* ){{1,8}}(?i:{_KIND_WORDS}))\b"
    # "the Harbourfront Expo Centre" is a venue, "the Fair Organizing Committee" a body.
    r"(?! (?:and |& )?[A-Z])"
)
# "a forum on embodied intelligence hosted by the X": a topic may come between.
_TOPIC = r"(?: (?:on|about|for) [a-z][\w-]*(?: (?:and )?[a-z][\w-]*){0,5})?"
DESCRIBED = re.compile(
    r"\b(?i:at|during|to|in|attended|attending) (?:an?|the) "
    rf"(?P<what>(?:[a-z][\w-]* ){{0,6}}?(?:{_KIND_WORDS}){_TOPIC})(?:,)? "
    r"(?:hosted|co-hosted|organised|organized|co-organised|co-organized|held|convened)"
    rf" (?:jointly )?by (?:the )?(?P<host>{ORG_NAME})"
)
# "executives said at a seminar on Thursday": an event the next sentences describe.
UNNAMED = re.compile(
    r"\b(?:at|during|attended|attending|addressed|addressing) an? "
    rf"(?P<what>(?:[a-z][\w-]* ){{0,4}}?(?:{_KIND_WORDS}){_TOPIC})\b(?! (?:hosted|organi[sz]ed|"
    r"co-hosted|co-organi[sz]ed|held|convened) by)"
)
# "The Hong Kong Polytechnic University will host a quantum technology symposium"
HOST_VERB = re.compile(
    rf"(?P<host>{ORG_NAME}) (?:will |is to |plans to |has |have )?"
    r"(?:host|hosts|hosted|organi[sz]e|organi[sz]es|organi[sz]ed|convene|convenes|convened"
    r"|co-host|co-hosts|co-hosted|hold|holds|stage|stages|staged) (?:an?|the|its) "
    rf"(?P<what>(?:[a-z][\w-]* ){{0,5}}?(?:{_KIND_WORDS}){_TOPIC})\b"
)
_HOST_VERBS = (" host", " organi", " convene", " co-host", " hold", " stage")
# Who ran an event, and who backed it; each followed by a list of organisations.
HOSTED_BY = re.compile(
    r"\b(?:jointly )?(?:hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|convened|co-convened"
    r"|held|staged|presented)(?: jointly)? by:? (?:the )?"
)
SUPPORTED_BY = re.compile(
    r"\b(?:supported|sponsored|co-sponsored|backed|funded|underwritten) by:? (?:the )?"
    r"|\bwith (?P<nature>(?:[a-z]+ ){0,3}?(?:support|sponsorship|backing|funding)) from (?:the )?"
    r"|\bwith the (?:[a-z]+ )?(?:support|sponsorship|backing|funding) of (?:the )?"
)
# "hosted by A in partnership with B": B backs the event A runs.
IN_PARTNERSHIP = re.compile(r"\bin (?:partnership|association) with (?:the )?")
_SAME_SENTENCE = 300
# "The memorandum was signed by A, B and C": the parties of the signing.
SIGNED_BY = re.compile(r"\b(?:was|were|is|are|been) (?:jointly )?signed by (?:the )?")
# A notice's fields: "Organised by: A and B", "Sponsors: C; D", "Date: Friday, 19 June 2026".
FIELD = re.compile(
    r"^(?P<field>Organi[sz]ed by|Co-organi[sz]ed by|Co-organi[sz]ers?|Organi[sz]ers?|Hosted by"
    r"|Co-hosted by|Hosts?|Supported by|Supporting organi[sz]ations?"
    r"|(?:Title |Lead |Gold |Platinum |Silver |Official )?[Ss]ponsors?|Sponsored by"
    r"|In partnership with|In association with|Partners?|Strategic partners?"
    r"|Date|Dates|Venue|Time)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|is to|are to|next|upcoming|plans to)\b")
SUPPORT = re.compile(
    r"\bwith (?P<nature>(?:[a-z]+ ){0,4}?(?:support|sponsorship|backing)) from (?P<org>[^,;.]+)"
)
VENUE = re.compile(rf",? at the (?P<venue>{ORG_NAME}) in (?P<place>{_PLACE})")
PLACE = re.compile(rf",? in (?P<place>{_PLACE})(?= on|[,.]|$)")
# "on Thursday", and the agencies' "said Friday", "opened Thursday"; not "Thursday's deal".
ON_WEEKDAY = re.compile(rf"\b(?P<day>{WEEKDAY})\b(?!'s)")

# Signings are written as what was signed and when, not as an event with a name:
# "a supply agreement signed this Tuesday between A and B", "A and B signed a
# memorandum of understanding on Monday", "A signed a deal with B on Friday".
_AGREEMENT = (
    # Describing words only: "the announcement of a deal" names the deal, not the announcement.
    r"(?:(?:(?!(?:a|an|the|of|with|and|for|to|in|on|by|at)\b)[a-z][\w-]* ){0,4}?"
    r"(?:agreement|deal|pact|accord|contract|memorandum of understanding|memorandum)"
    r"|MoU|MOU)"
)
_ACRONYM_AFTER = r"(?: \([A-Za-z]{2,8}\))?"
_WHEN = rf"(?:on |this |last )?(?P<day>{WEEKDAY})\b"
_PARTIES = rf"between (?:the )?(?P<first>{ORG_NAME}?) and (?:the )?(?P<second>{ORG_NAME})"
SIGNED = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir) (?P<what>{_AGREEMENT}){_ACRONYM_AFTER},? "
    rf"(?:(?:was|were|to be) )?signed (?:(?:on|this|last) )?(?P<day>{WEEKDAY})\b"
    rf"(?: {_PARTIES})?"
)
# Read back from each " signed ": names run to the verb, and a pattern that looked
# for them first would try every capitalised word of a long paragraph as a start.
SIGNED_WHAT = re.compile(
    rf" signed (?:an?|the) (?P<what>{_AGREEMENT}){_ACRONYM_AFTER}"
    rf"(?: with (?:the )?(?P<partner>{ORG_NAME}))? {_WHEN}"
)
SIGNERS = re.compile(
    rf"(?:(?P<first>{ORG_NAME}?) and (?:the )?(?P<second>{ORG_NAME})|(?P<signer>{ORG_NAME}))$"
)
_SIGNERS_REACH = 200
# "The deal between A and B": the parties of a signing dated elsewhere.
AGREEMENT_BETWEEN = re.compile(
    rf"\b(?:agreement|deal|pact|accord|contract|memorandum|MoU|MOU|partnership)\b"
    rf"(?:,? [a-z][\w-]*){{0,3}}? {_PARTIES}"
)
_PLACE_ENDS = frozenset(["Province", "Region", "City", "District", "County", "Area"])
_EDITION = re.compile(r"^(?:(?:19|20)\d\d|\d{1,3}(?:st|nd|rd|th)) ")
_SENTENCE_WORDS = frozenset(["The", "On", "In", "Earlier", "Meanwhile", "Also", "And", "Then"])


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
    # The weekday the mention itself gives, as in "signed on Tuesday".
    weekday: str | None = None
    # Where in the paragraph it is named, to tie "organised by ..." to the right event.
    start: int = 0
    # "a seminar": named after its host once the story gives one.
    unnamed: bool = False


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


def _kind_of(what: str) -> str:
    words = re.split(r" (?:on|about|for) ", what)[0].split()
    return KINDS.get(words[-1].lower(), "other") if words else "other"


def mentions_in(paragraph: str) -> list[EventMention]:
    found = []
    for match in NAMED.finditer(paragraph):
        lead_in = paragraph[match.start() : match.start("name")].lower().split()
        if match["name"].split()[-1].islower() and "the" not in lead_in:
            # "at Hong Kong FinTech Week" names an event, "at a Hong Kong summit" none.
            continue
        venue, place = where(paragraph[match.end() :])
        found.append(
            EventMention(
                match["name"],
                _kind(match["name"]),
                venue=venue,
                place=place,
                start=match.start("name"),
            )
        )
    described = list(DESCRIBED.finditer(paragraph))
    for match in described:
        venue, place = where(paragraph[match.end() :])
        mention = EventMention(
            f"{match['host']} {match['what']}",
            _kind_of(match["what"]),
            hosts=[match["host"]],
            venue=venue,
            place=place,
            described=True,
            start=match.start("what"),
        )
        for support in SUPPORT.finditer(paragraph, match.end()):
            mention.supporters.append((support["org"].strip(), support["nature"]))
        found.append(mention)
    if any(verb in paragraph for verb in _HOST_VERBS):
        for match in HOST_VERB.finditer(paragraph):
            host = _party(match["host"])
            if host:
                found.append(
                    EventMention(
                        f"{host} {match['what']}",
                        _kind_of(match["what"]),
                        hosts=[host],
                        described=True,
                        start=match.start("what"),
                    )
                )
    taken = [(m.start, m.start + len(m.name)) for m in found]
    for match in UNNAMED.finditer(paragraph):
        if _PRESS.search(match["what"]):
            # A press conference is how news is given, not an event to file.
            continue
        if not any(a <= match.start("what") < b for a, b in taken):
            found.append(
                EventMention(
                    match["what"],
                    _kind_of(match["what"]),
                    described=True,
                    start=match.start("what"),
                    unnamed=True,
                )
            )
    return sorted(found, key=lambda m: m.start)


@dataclass
class Role:
    """Organisations a paragraph says hosted or backed an event."""

    start: int
    role: str  # "host" or "supporter"
    phrases: list[str]
    nature: str | None = None
    # Said of an event by its kind ("The summit was organised by"), or in a notice field.
    refers_back: bool = False
    # Given in a notice's field ("Organised by: ..."): the notice's own event.
    in_field: bool = False


_PRESS = re.compile(r"\b(?:press|news|media)\b")
_KIND_BEFORE = re.compile(rf"\b(?i:{_KIND_WORDS}|event|ceremony)s?\b")


def roles_in(paragraph: str) -> list[Role]:
    found = []
    if field_match := FIELD.match(paragraph):
        name = field_match["field"].lower()
        if not name.startswith(("date", "venue", "time")):
            backs = ("support", "sponsor", "in partnership", "in association", "partner", "title")
            role = "supporter" if name.startswith((*backs, "strategic")) else "host"
            value = field_match["value"]
            if ";" in value:
                # "Organisers: Women in Tech Hong Kong; Hong Kong Science Park": whole names.
                items = [re.sub(r"^(?:and|&) ", "", i.strip()) for i in value.split(";")]
                phrases = [i for i in items if i[:1].isupper() and len(i.split()) <= 12]
            else:
                phrases = [m.name for m in org_list(value)]
            return [Role(0, role, phrases, None, True, True)]
        return []
    hosted = [m.start() for m in HOSTED_BY.finditer(paragraph)]
    for pattern, role in (
        (HOSTED_BY, "host"),
        (SUPPORTED_BY, "supporter"),
        (SIGNED_BY, "host"),
        (IN_PARTNERSHIP, "supporter"),
    ):
        for match in pattern.finditer(paragraph):
            phrases = [m.name for m in org_list(paragraph[match.end() : match.end() + 600])]
            if not phrases:
                continue
            if pattern is IN_PARTNERSHIP and not any(
                0 <= match.start() - start < _SAME_SENTENCE
                and ". " not in paragraph[start : match.start()]
                for start in hosted
            ):
                # A partner of the event only right after its hosts, not of a report.
                continue
            sentence_start = max(paragraph.rfind(". ", 0, match.start()), 0)
            refers_back = pattern is SIGNED_BY or bool(
                _KIND_BEFORE.search(paragraph, sentence_start, match.start())
            )
            nature = match.groupdict().get("nature")
            found.append(Role(match.start(), role, phrases, nature, refers_back))
    return sorted(found, key=lambda r: r.start)


def field_of(paragraph: str) -> tuple[str, str] | None:
    """(field, value) of a notice's "Date: ..." or "Venue: ..." line."""
    match = FIELD.match(paragraph)
    return (match["field"].lower(), match["value"]) if match else None


def _party(phrase: str | None) -> str | None:
    # "The Hong Kong Science Park signed ...": the sentence's first word is not the name's.
    words = (phrase or "").split()
    while words and words[0] in _SENTENCE_WORDS:
        words = words[1:]
    if words and (words[-1] in _PLACE_ENDS or government_of(" ".join(words))):
        # "carmakers in Guangdong Province signed": a place is not a party.
        return None
    return " ".join(words) or None


def signing_name(what: str, parties: list[str]) -> str:
    what = re.sub(r"^(?:MoU|MOU|memorandum)$", "memorandum of understanding", what)
    name = f"Signing of the {what}"
    return f"{name} between {parties[0]} and {parties[1]}" if len(parties) == 2 else name


def signings_in(paragraph: str) -> list[EventMention]:
    """Agreements the paragraph says were signed on a weekday, as signing events."""
    found = []
    for match in SIGNED.finditer(paragraph):
        parties = [p for p in (_party(match["first"]), _party(match["second"])) if p]
        found.append(_signing(match["what"], parties, match["day"]))
    for match in SIGNED_WHAT.finditer(paragraph):
        before = paragraph[max(0, match.start() - _SIGNERS_REACH) : match.start()]
        signers = SIGNERS.search(before)
        if signers is None:
            continue
        names = [signers["first"], signers["second"], signers["signer"], match["partner"]]
        parties = [party for name in names if (party := _party(name))]
        found.append(_signing(match["what"], parties, match["day"]))
    return found


def _signing(what: str, parties: list[str], day: str) -> EventMention:
    return EventMention(
        signing_name(what, parties), "signing", hosts=parties, described=True, weekday=day
    )


# "Cobaltline Quantum, a quantum hardware company, and Harbour City University (HCU)
# today announced": two organisations acting together open a press release.
JOINT_SUBJECT = re.compile(
    rf"^(?:The )?(?P<first>{ORG_NAME}?)(?:, an? [^,;.]{{1,60}},)? and (?:the )?"
    rf"(?P<second>{ORG_NAME})(?: \([A-Z][A-Za-z]{{1,8}}\))? (?:today |jointly |have |has )?"
    r"(?:announced|announce|launched|launch|signed|sign|agreed|agree|formed|form|unveiled"
    r"|unveil|set up|established|establish|opened|open|partnered|partner)\b"
)


def parties_named(paragraphs: list[str], opening: list[str] = ()) -> list[str]:
    """The two parties of the first "agreement between A and B" in `paragraphs`.

    Failing that, two organisations the `opening` (headline, first paragraph) has act together.
    """
    for paragraph in paragraphs:
        if match := AGREEMENT_BETWEEN.search(paragraph):
            return [p for p in (_party(match["first"]), _party(match["second"])) if p]
    for paragraph in opening:
        if match := JOINT_SUBJECT.search(paragraph):
            return [p for p in (_party(match["first"]), _party(match["second"])) if p]
    return []


def day_written(
    paragraphs: list[str], published: datetime.date | None
) -> tuple[datetime.date | None, str | None]:
    """The date the first of `paragraphs` that gives one gives, and the weekday it used."""
    for paragraph in paragraphs:
        if date := find_date(paragraph, published, ahead=bool(_FUTURE.search(paragraph))):
            return date, None
        if match := ON_WEEKDAY.search(paragraph):
            if published is None:
                return None, match["day"]
            # "will demonstrate the app on Wednesday": the next one, not the last.
            ahead = bool(_FUTURE.search(paragraph, 0, match.start()))
            return on_weekday(match["day"], published, ahead=ahead), match["day"]
    return None, None


class Events:
    """The story's events, merged when the body and a caption show the same one."""

    def __init__(self, warnings: list[str]) -> None:
        self.events: list[Event] = []
        self._keys: dict[str, Event] = {}
        self.warnings = warnings

    @staticmethod
    def _key(mention: EventMention) -> str:
        if mention.kind == "signing":
            # One signing a story comes back to, with or without naming its parties.
            return f"signing:{mention.weekday}"
        if mention.described and mention.hosts:
            return f"{mention.kind}:{mention.hosts[0].casefold()}"
        # "the 2026 Digital Economy Summit" and "the Digital Economy Summit" are one.
        return _EDITION.sub("", mention.name).casefold()

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

    def register(self, mention: EventMention, event: Event) -> None:
        """Makes `mention` name `event` from now on."""
        self._keys.setdefault(self._key(mention), event)

    def add_host(self, event: Event, organisation: str) -> None:
        if organisation not in event.hosts:
            event.hosts.append(organisation)

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
