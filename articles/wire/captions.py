"""Photo captions: the credit, the day and place, the event and the people shown.

Houses credit photos differently: "(ANDY CHONG / CHINA DAILY)" or "(Xinhua/Cheong
Kam Ka)" closing the caption, "(PHOTO: VOLTARIS)", or "Photo: Handout" after
it. The people shown come as a list ("(From left to right) A, title; B; and C",
"From left: A, B and C") or as names in the sentence with their place marked:
"A (centre) receives the award from B (left) and C".
"""

import datetime
import re
from dataclasses import dataclass

from .dates import find_date
from .events import mentions_in as events_in
from .events import where
from .names import (
    HONORIFIC,
    NAME_WORD,
    PERSON_NAME,
    TITLE,
    plausible_person,
    strip_honorifics,
)
from .names import (
    NOT_NAME_WORDS as _NOT_NAME_WORDS,
)
from .story import Photo

# "... on Dec 19, 2025. (ANDY CHONG / CHINA DAILY)"
CAPTION = re.compile(r"^(?P<text>.+[.!?])\s*\((?P<credit>[^()]+)\)$")
# "... at the summit on Thursday. Photo: Edmond So"
CREDIT_AFTER = re.compile(
    r"^(?P<text>.+[.!?])\s+(?:Photos?|Photograph|Picture|Image)\s*:\s*(?P<credit>[^.:()]{1,80})\.?$",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(r"^(?:photos?|photograph|picture|image)\s*:\s*", re.IGNORECASE)
# "(Xinhua/Cheong Kam Ka)": an agency and its photographer.
_AGENCY_CREDIT = re.compile(rf"^[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){{0,3}}\s*/\s*{PERSON_NAME}$")
_LEFT_TO_RIGHT = re.compile(r"^\(?From left(?: to right)?\)?[:,]?\s*(?P<list>.+)$", re.IGNORECASE)
_TITLE_AT = re.compile(rf"^(?P<title>{TITLE}) (?:of|at) (?P<org>.+)$")
_PERSON = re.compile(rf"{HONORIFIC}{{0,2}}(?P<name>{PERSON_NAME})")
_MARKER = re.compile(
    r"^ \((?P<marker>(?:second |third )?(?:from )?(?:left|right|centre|center|middle))\)",
    re.IGNORECASE,
)
# Words before a capitalised pair that make it a place or a name of something.
_NOT_BEFORE_A_PERSON = re.compile(r"\b(?:in|at|of|near|for|the|on|by)\s$", re.IGNORECASE)
_HANDOUT = frozenset(["handout", "file", "courtesy", "supplied", "provided", "screengrab"])


@dataclass(frozen=True)
class Shown:
    """A person a caption shows, with what it says of them."""

    name: str
    title: str | None = None
    org_phrase: str | None = None


def is_credit(text: str) -> bool:
    # Upper case, and more than an acronym: "(HKUST)" closing a sentence is not a credit.
    text = text.strip()
    if _AGENCY_CREDIT.match(text):
        return True
    return (
        text == text.upper()
        and any(char.isalpha() for char in text)
        and (" " in text or "/" in text or len(text) > 5)
    )


def split_caption(paragraph: str) -> tuple[str, str | None] | None:
    """(caption text, credit) when `paragraph` is a captioned photo, else None."""
    match = CAPTION.match(paragraph)
    if match and is_credit(match["credit"]):
        return match["text"].strip(), _CREDIT_LABEL.sub("", match["credit"].strip())
    match = CREDIT_AFTER.match(paragraph)
    if match and len(match["credit"].split()) <= 6:
        return match["text"].strip(), match["credit"].strip()
    return None


def is_caption(paragraph: str) -> bool:
    return split_caption(paragraph) is not None


def _title_cased(text: str) -> str:
    if text != text.upper():
        return text
    return " ".join(
        w if len(w) <= 3 and w.isalpha() and w != "OF" else w.title() for w in text.split()
    )


def _looks_like_person(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 3
        and plausible_person(text)
        and not _NOT_NAME_WORDS.intersection(words)
        and all(re.fullmatch(NAME_WORD, word) for word in words)
    )


def credit_outlet(credit: str | None) -> str | None:
    """The news organisation a credit names, not its photographer: "CHINA DAILY", "Xinhua"."""
    if not credit:
        return None
    text = re.sub(
        r"^(?:provided to|courtesy of|supplied to|for)\s+", "", credit.strip(), flags=re.I
    )
    parts = [_title_cased(part.strip()) for part in text.split("/") if part.strip()]
    outlets = [
        part
        for part in parts
        if part.casefold() not in _HANDOUT
        and not _looks_like_person(part)
        and any(char.isalpha() for char in part)
    ]
    return outlets[-1] if outlets else None


def people_listed(text: str) -> list[Shown]:
    """Each person a "From left to right" list names, in its order."""
    match = _LEFT_TO_RIGHT.match(text)
    if not match:
        return []
    listed = match["list"]
    if ";" in listed:
        segments = listed.split(";")
    else:
        segments = [piece for part in listed.split(", ") for piece in re.split(r" and ", part)]
    shown = []
    for segment in segments:
        segment = re.sub(r"^(?:and|&)\s+", "", segment.strip())
        # "Quantlake founder Leo Sun": the person may follow what they are.
        person = _PERSON.match(segment) or _PERSON.search(segment)
        if not person or not plausible_person(person["name"]):
            continue
        name = strip_honorifics(person["name"])
        rest = segment[person.end() :]
        described = _TITLE_AT.match(rest.removeprefix(",").strip().split(",")[0])
        if rest.startswith(",") and described:
            shown.append(Shown(name, described["title"], described["org"].strip()))
        else:
            shown.append(Shown(name))
    return shown


def _marked_position(marker: str | None, count: int) -> int | None:
    if not marker:
        return None
    marker = marker.lower()
    step = 2 if marker.startswith("third") else 1 if marker.startswith("second") else 0
    if "left" in marker:
        return min(step, count - 1)
    if "right" in marker:
        return max(count - 1 - step, 0)
    return count // 2


def _order(marker: str) -> int:
    marker = marker.lower()
    step = 2 if marker.startswith("third") else 1 if marker.startswith("second") else 0
    if "left" in marker:
        return step
    if "right" in marker:
        return 100 - step
    return 50


def people_named(text: str, known) -> list[Shown]:
    """People a caption names in its sentence, left to right where it marks places.

    `known(name)` gives the story's name for a person it has introduced, else None.
    """
    found: list[tuple[str, str | None]] = []
    for match in _PERSON.finditer(text):
        name = strip_honorifics(match["name"])
        words = name.split()
        resolved = known(name)
        # "Secretary for Innovation, Technology and Industry Sun Dong": the office is not the name.
        stripped = False
        while resolved is None and len(words) > 2 and words[0] in _NOT_NAME_WORDS:
            words, stripped = words[1:], True
            resolved = known(" ".join(words))
        name = resolved or " ".join(words)
        if resolved is None:
            if not stripped and _NOT_BEFORE_A_PERSON.search(text[: match.start()][-6:]):
                continue
            if not _looks_like_person(name) and not (len(name.split()) == 4 and "-" in name):
                continue
        if name in [f[0] for f in found]:
            continue
        marker = _MARKER.match(text[match.end() :])
        found.append((name, marker["marker"] if marker else None))
    count = len(found)
    if count > 1 and all(marker for _, marker in found):
        # Every place is marked, perhaps as "second from left" in a larger group.
        return [Shown(name) for name, marker in sorted(found, key=lambda f: _order(f[1]))]
    slots: list[str | None] = [None] * count
    for name, marker in found:
        place = _marked_position(marker, count)
        if place is not None and slots[place] is None:
            slots[place] = name
    unplaced = iter(name for name, _ in found if name not in slots)
    ordered = [slot if slot is not None else next(unplaced, None) for slot in slots]
    return [Shown(name) for name in ordered if name]


def read_caption(
    paragraph: str, position: int, published: datetime.date | None
) -> tuple[Photo, str | None]:
    """The photo a caption describes, and the caption's text for finding people in."""
    parts = split_caption(paragraph)
    text, credit = parts if parts else (paragraph, None)
    photo = Photo(caption=text, credit=credit, position=position)
    photo.taken_on = find_date(text, published)
    events = events_in(text)
    if events:
        photo.event = events[0].name
    photo.venue, photo.place = where(text, anywhere=True)
    return photo, text


def people_shown(text: str, known) -> list[Shown]:
    return people_listed(text) or people_named(text, known)
