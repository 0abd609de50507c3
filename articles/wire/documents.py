"""Documents a story says were released, with the organisations behind them."""

import re
from dataclasses import dataclass

from .names import ORG_NAME

_KINDS = {"report": "report", "white paper": "white_paper", "index": "index", "survey": "survey"}
RELEASED = re.compile(
    rf"(?P<lead>(?:[A-Z]{{2,8}}'s )?{ORG_NAME})"
    r"(?:, (?:in collaboration|in partnership|together|jointly) with (?P<with>[^,]+),)?"
    r" (?:has |have |jointly )?(?:released|published|launched|unveiled) an?"
    rf" (?P<kind>{'|'.join(_KINDS)})"
    r" (?:titled|entitled|called|named) (?P<title>.+?)(?:\.(?=\s+[A-Z])|\.?$)"
)
# What RELEASED cannot match without, looked for first because it costs far less.
_RELEASE_VERB = re.compile(r"\b(?:released|published|launched|unveiled) an? ")
_DURING = re.compile(r"\b(?:during|at) the (?:forum|event|summit|conference|festival)\b", re.I)


@dataclass(frozen=True)
class Release:
    title: str
    kind: str
    organisation_phrases: tuple[str, ...]
    at_event: bool


def releases_in(paragraph: str) -> list[Release]:
    if not _RELEASE_VERB.search(paragraph):
        return []
    return [
        Release(
            match["title"].strip(),
            _KINDS[match["kind"]],
            tuple(p.strip() for p in (match["lead"], match["with"]) if p),
            bool(_DURING.search(paragraph)),
        )
        for match in RELEASED.finditer(paragraph)
    ]
