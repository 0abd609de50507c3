"""The parts people play at events, in the words copy uses for them.

Each cue maps onto one of entities.Appearance's roles. Prose gives the person
before the cue ("X, chief executive of Y, delivered the keynote address") or
after it ("Opening the summit, X said", "a panel moderated by X"); a programme
gives a time, the part, then the people ("09:20 Keynote address: Dr X, ...").
"""

import re
from dataclasses import dataclass

KEYNOTE, OPENING, SPEAKER, PANELLIST, MODERATOR, HOST = (
    "keynote",
    "opening_remarks",
    "speaker",
    "panellist",
    "moderator",
    "host",
)

_REMARKS = r"(?:remarks|address|speech|words)"
_DELIVER = (
    r"\b(?:deliver(?:s|ed|ing)?|g[ai]ve|gives|giving|made|makes|make)"
    r" (?:the |a |an |his |her )?"
)
# The person comes before these: "X delivered the keynote address".
_BEFORE = [
    (
        re.compile(
            rf"{_DELIVER}(?:(?:opening|welcome|welcoming|introductory) {_REMARKS}|opening)\b",
            re.IGNORECASE,
        ),
        OPENING,
    ),
    (
        re.compile(
            rf"{_DELIVER}keynote\b",
            re.IGNORECASE,
        ),
        KEYNOTE,
    ),
    (re.compile(r"\bmoderat(?:ed|es|ing) (?:a|the) (?:panel|discussion|session)\b"), MODERATOR),
    (re.compile(r"\b(?:speak|speaks|spoke|sit|sits|sat) (?:on|in) (?:a|the) panel\b"), PANELLIST),
]
# The person comes after these: "Opening the summit, X said".
_AFTER = [
    (
        re.compile(
            r"(?:^|(?<=[.!?] ))(?:Opening|Declaring open) the (?:[a-z]+ ){0,3}?"
            r"(?:[a-z]+|[A-Z][\w-]*(?: [A-Z][\w-]*){0,6})\b"
        ),
        OPENING,
    ),
    (
        re.compile(
            r"(?:^|(?<=[.!?] ))(?:Also speaking|Also addressing|Speaking|Addressing"
            r"|Delivering a speech|In a speech)"
            r"(?: (?:at|to|during|before))? (?:an?|the) "
        ),
        SPEAKER,
    ),
    (
        re.compile(r"\b(?:panel|discussion|session|chat|debate)(?: [a-z-]+){0,3},? moderated by "),
        MODERATOR,
    ),
]
# "with Daniel Poon, founder of Ledgerly, and Irene Sze": the panel's other members.
PANEL_WITH = re.compile(r"\bmoderat(?:ed|es|ing) (?:a|the) (?:panel|discussion)[^.]*? with ")

# A programme's parts, each followed by the people who play them.
_PROGRAMME_CUES = [
    (
        r"(?:welcome and )?(?:opening|welcome|welcoming|introductory) "
        r"(?:remarks|address|speech)(?: by)?|welcome(?: by)?",
        OPENING,
    ),
    (r"keynote(?: (?:address|speech|talk|presentation|speaker))?(?: by)?", KEYNOTE),
    (r"moderators?|moderated by|chaired by|chair|in conversation with|interviewed by", MODERATOR),
    (r"panell?ists?|panel discussion|panel|fireside chat|roundtable discussion", PANELLIST),
    (r"hosted by|hosts?|emcee|master of ceremonies|mc", HOST),
    (r"speakers?|(?:guest )?(?:speech|talk|presentation|address)(?: by)?|remarks by", SPEAKER),
]
PROGRAMME_CUE = re.compile(
    r"(?:^|(?<=[\s:,;.-]))(?i:"
    + "|".join(f"(?P<c{n}>{cue})" for n, (cue, _) in enumerate(_PROGRAMME_CUES))
    + r")(?=[\s:,]|$)"
)
_PROGRAMME_LINE = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[-\u2013]\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s+"
    r"|(?i:moderators?|panell?ists?|speakers?|keynote speakers?|hosts?|emcee|mc)\s*:)"
)


@dataclass(frozen=True)
class Cue:
    role: str
    start: int
    end: int
    # Where the person is: "before" the cue, "after" it, or "within" (programme segments).
    side: str


def is_programme_line(paragraph: str) -> bool:
    return bool(_PROGRAMME_LINE.match(paragraph))


_SPEAKERS_FIELD = re.compile(r"^(?i:speakers?)\s*:")


def cues_in(paragraph: str, previous: str = "") -> list[Cue]:
    if is_programme_line(paragraph):
        cues = _programme_cues(paragraph)
        if _SPEAKERS_FIELD.match(paragraph) and any(
            cue.role in (PANELLIST, MODERATOR) for cue in _programme_cues(previous)
        ):
            # "Speakers:" under a panel and its moderator: the panel's members.
            cues = [Cue(PANELLIST, c.start, c.end, c.side) for c in cues]
        return cues
    found = []
    for pattern, role in _BEFORE:
        found.extend(Cue(role, m.start(), m.end(), "before") for m in pattern.finditer(paragraph))
    for pattern, role in _AFTER:
        found.extend(Cue(role, m.start(), m.end(), "after") for m in pattern.finditer(paragraph))
    return sorted(found, key=lambda cue: cue.start)


def _programme_cues(line: str) -> list[Cue]:
    matches = list(PROGRAMME_CUE.finditer(line))
    cues = []
    for index, match in enumerate(matches):
        number = int(next(name for name, value in match.groupdict().items() if value)[1:])
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        cues.append(Cue(_PROGRAMME_CUES[number][1], match.end(), end, "within"))
    return cues
