"""Photo captions: the credit, the day and place, the event and the people shown."""

import datetime
import re

from .dates import find_date
from .events import mentions_in as events_in
from .events import where
from .names import PERSON_NAME, TITLE, plausible_person
from .story import Photo

# "... on Dec 19, 2025. (ANDY CHONG / CHINA DAILY)"
CAPTION = re.compile(r"^(?P<text>.+[.!?])\s*\((?P<credit>[^()]+)\)$")
_LEFT_TO_RIGHT = re.compile(r"^\(?From left(?: to right)?\)?[:,]?\s*(?P<list>.+)$", re.IGNORECASE)
_LEADING_PERSON = re.compile(rf"^(?P<name>{PERSON_NAME})(?=, | [a-z])")
_TITLE_AT = re.compile(rf"^(?P<title>{TITLE}) (?:of|at) (?P<org>.+)$")


def is_credit(text: str) -> bool:
    # Upper case, and more than an acronym: "(HKUST)" closing a sentence is not a credit.
    return (
        text == text.upper()
        and any(char.isalpha() for char in text)
        and (" " in text or "/" in text or len(text) > 5)
    )


def is_caption(paragraph: str) -> bool:
    match = CAPTION.match(paragraph)
    return bool(match and is_credit(match["credit"].strip()))


def people_listed(text: str) -> list[tuple[str, str | None, str | None]]:
    """(name, title, organisation phrase) for each person a "From left to right" list names."""
    match = _LEFT_TO_RIGHT.match(text)
    if not match:
        return []
    shown = []
    for segment in match["list"].split(";"):
        segment = segment.strip()
        if segment.startswith("and "):
            segment = segment[4:]
        name, _, rest = segment.partition(",")
        name = name.strip()
        if not plausible_person(name) or not re.fullmatch(PERSON_NAME, name):
            continue
        described = _TITLE_AT.match(rest.strip().split(",")[0])
        if described:
            shown.append((name, described["title"], described["org"].strip()))
        else:
            shown.append((name, None, None))
    return shown


def read_caption(
    paragraph: str, position: int, published: datetime.date | None
) -> tuple[Photo, list[tuple[str, str | None, str | None]]]:
    match = CAPTION.match(paragraph)
    text, credit = (match["text"].strip(), match["credit"].strip()) if match else (paragraph, None)
    photo = Photo(caption=text, credit=credit, position=position)
    photo.taken_on = find_date(text, published)
    shown = people_listed(text)
    leading = _LEADING_PERSON.match(text)
    if not shown and leading and plausible_person(leading["name"]):
        shown = [(leading["name"], None, None)]
    events = events_in(text)
    if events:
        photo.event = events[0].name
    photo.venue, photo.place = where(text, anywhere=True)
    return photo, shown
