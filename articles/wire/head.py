"""The head of a story as different houses lay it out.

What comes before the body varies: a label ("PRESS RELEASE"), a topic line
("Tech | Start-ups"), a kicker, the headline, a standfirst, a byline with one
or more authors, and time stamps ("Published: 6:42pm, 5 Jun 2026", "Updated:",
"Source: Xinhua | 2026-06-05 21:14:07 | Editor: ..."), in the house's order.
The first paragraph of the body may open with a dateline: "BEIJING, June 5
(Xinhua) --" or "HONG KONG, 9 June 2026 --".
"""

import datetime
import re
from dataclasses import dataclass

from .dates import DATE, HONG_KONG, date_parts, parse_stamp, stamp_label
from .names import PERSON_NAME, strip_honorifics

# Kickers wire services put before a headline; any other "Word: rest" is a headline.
KICKERS = frozenset(
    [
        "analysis",
        "briefing",
        "comment",
        "editorial",
        "exclusive",
        "explainer",
        "feature",
        "forum",
        "interview",
        "opinion",
        "profile",
        "report",
        "review",
        "update",
        "insight",
        "q&a",
        "spotlight",
        "focus",
        # Events, as forum stories are kicked: "Summit: ...", "Expo: ..."
        "summit",
        "conference",
        "seminar",
        "symposium",
        "expo",
        "festival",
        "exhibition",
        "fair",
    ]
)
# Lines that say what kind of copy this is, never its headline.
LABELS = frozenset(
    [
        "press release",
        "news release",
        "for immediate release",
        "media release",
        "media invitation",
        "media advisory",
        "event notice",
        "notice",
        "programme",
        "program",
        "invitation",
        "advisory",
    ]
)
STANDFIRST_MAX_WORDS = 60
# Lines a head may hold before the body starts.
_HEAD_REACH = 10

_KICKER = re.compile(r"^(?P<kicker>[A-Z][A-Za-z&-]*)\s*[:|]\s*(?P<headline>.+)$")
# "Tech | Start-ups": short capitalised parts between bars.
_TOPIC_PART = r"[A-Z][\w&'/-]*(?: [\w&'/-]+){0,3}"
TOPIC = re.compile(rf"^{_TOPIC_PART}(?: \| {_TOPIC_PART}){{1,3}}$")
# The dateline is bounded: each " in " of a long line would otherwise read on to its end.
BYLINE = re.compile(r"^By (?P<authors>.+?)(?: in (?P<dateline>[A-Z][\w .'-]{0,60}))?$")
_AUTHOR_SEPARATOR = re.compile(r",? and |, | & ")
_SOURCE = re.compile(r"^Source\s*:\s*(?P<fields>.{1,200})$", re.IGNORECASE)
# "BEIJING, June 5 (Xinhua) --", "HONG KONG, 9 June 2026 /PRNewswire/ --"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]*(?: (?:[A-Z][A-Z.'-]*|and|&)){0,5}),\s+"
    r"(?P<date>[A-Za-z0-9, .]{3,30}?)\s*"
    r"(?:\((?P<agency>[^()]{1,40})\)\s*)?(?:/(?P<service>[^/]{1,40})/\s*)?"
    r"(?:--|[\u2013\u2014]-?)\s*"
)


@dataclass
class Head:
    headline: str = ""
    kicker: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    unreadable_stamps: tuple[str, ...] = ()
    # News agencies the head names as the source.
    agencies: tuple[str, ...] = ()


def is_label(line: str) -> bool:
    text = line.strip().rstrip(":").strip()
    return text.casefold() in LABELS or (text.isupper() and 0 < len(text.split()) <= 4)


def authors_in(line: str) -> tuple[list[str], str | None] | None:
    """The authors and dateline of a byline, or None when `line` is not one."""
    match = BYLINE.match(line)
    if not match:
        return None
    authors = [strip_honorifics(a.strip()) for a in _AUTHOR_SEPARATOR.split(match["authors"])]
    authors = [a for a in authors if a]
    if authors and all(re.fullmatch(PERSON_NAME, a) for a in authors):
        return authors, match["dateline"]
    return None


def _source(line: str) -> tuple[datetime.datetime | None, str | None] | None:
    match = _SOURCE.match(line)
    if not match or "|" not in match["fields"]:
        return None
    fields = [f.strip() for f in match["fields"].split("|")]
    moment = next((m for f in fields[1:] if (m := parse_stamp(f))), None)
    agency = fields[0] if fields[0] and ":" not in fields[0] else None
    return moment, agency


def read_head(paragraphs: list[str], is_body) -> tuple[Head, list[str]]:
    """The head, and the paragraphs after it; `is_body(p)` is False for captions, links, blocks."""
    head = Head()
    unreadable: list[str] = []
    agencies: list[str] = []
    authors_seen = False
    index = 0
    while index < len(paragraphs) and index < _HEAD_REACH:
        line = paragraphs[index]
        label = stamp_label(line)
        if label:
            moment = parse_stamp(line.split(":", 1)[1])
            if moment is None:
                unreadable.append(line)
            elif label == "published" and head.published_at is None:
                head.published_at = moment
            elif label == "updated" and head.updated_at is None:
                head.updated_at = moment
        elif (source := _source(line)) is not None:
            head.published_at = head.published_at or source[0]
            if source[1]:
                agencies.append(source[1])
        elif not head.headline and is_label(line):
            pass
        elif not head.headline:
            following = paragraphs[index + 1 : index + 2]
            if TOPIC.match(line) and following and not _is_known_kicker_line(line):
                head.kicker = line
            else:
                head.kicker, head.headline = _headline(line, head.kicker)
        elif not authors_seen and (byline := authors_in(line)):
            head.authors, head.dateline = tuple(byline[0]), byline[1]
            authors_seen = True
        elif (
            head.standfirst is None
            and not authors_seen
            and is_body(line)
            and _is_standfirst(line)
            and _head_follows(paragraphs[index + 1 : index + 4])
        ):
            head.standfirst = line
        else:
            break
        index += 1
    rest = paragraphs[index:]
    if (
        head.headline
        and head.standfirst is None
        and not authors_seen
        and len(rest) > 1
        and is_body(rest[0])
        and _is_standfirst(rest[0])
        and not DATELINE.match(rest[0])
        and not _is_field_line(rest[0])
    ):
        # A headline, then a short paragraph standing alone: the standfirst.
        head.standfirst, rest = rest[0], rest[1:]
    head.unreadable_stamps = tuple(unreadable)
    head.agencies = tuple(agencies)
    return head, rest


def _is_known_kicker_line(line: str) -> bool:
    match = _KICKER.match(line)
    return bool(match and match["kicker"].lower() in KICKERS)


def _headline(line: str, topic: str | None) -> tuple[str | None, str]:
    match = _KICKER.match(line)
    if match and match["kicker"].lower() in KICKERS:
        return match["kicker"], match["headline"]
    return topic, line


def _head_follows(paragraphs: list[str]) -> bool:
    """True when a byline or a time stamp comes next: the line before it is a standfirst."""
    return bool(paragraphs) and (
        authors_in(paragraphs[0]) is not None
        or stamp_label(paragraphs[0]) is not None
        or _source(paragraphs[0]) is not None
    )


_SENTENCE_BREAK = re.compile(r"[.!?] [A-Z]")


def _is_standfirst(paragraph: str) -> bool:
    # One sentence: a standfirst sums the story up, the body tells it.
    return (
        len(paragraph.split()) <= STANDFIRST_MAX_WORDS
        and not paragraph.startswith("By ")
        and not _SENTENCE_BREAK.search(paragraph)
    )


_FIELD_LINE = re.compile(r"^[A-Z][A-Za-z -]{1,30}:\s")


def _is_field_line(paragraph: str) -> bool:
    """ "Date: Friday, 19 June 2026": a notice's field, not prose."""
    return bool(_FIELD_LINE.match(paragraph)) and len(paragraph.split()) <= 25


def read_dateline(
    paragraph: str, published: datetime.datetime | None
) -> tuple[str, str | None, datetime.datetime | None, str | None]:
    """The paragraph without its dateline, the place, the day it gives and the agency."""
    match = DATELINE.match(paragraph)
    if not match:
        return paragraph, None, None, None
    date = None
    if found := DATE.search(match["date"]):
        month, day, year = date_parts(found)
        year = int(year) if year else (published.year if published else None)
        if month and year:
            try:
                date = datetime.datetime(year, month, day, tzinfo=HONG_KONG)
            except ValueError:
                date = None
    if date is None and not match["agency"]:
        # "HONG KONG, the city said --" is no dateline without a day or an agency.
        return paragraph, None, None, None
    place = " ".join(
        word if word in ("and", "&") else word.capitalize() for word in match["place"].split()
    )
    rest = paragraph[match.end() :].strip()
    # "/PRNewswire/" distributes the release; it is not a source named in it.
    return rest or paragraph, place, date, match["agency"]
