"""Documents a story says were released, with the organisations behind them.

Copy names a report in many shapes: "X, in collaboration with Y, released a
report titled T", "The report, titled T, was released by X in partnership with
Y", "A white paper titled T was released at the conference by X and Y", "X will
release its T Report 2026", "Launch of the report T, published by X". The
title is read first; the publishers are the organisations the rest of the
sentence makes its subject or names after "by" and "with".
"""

import re
from dataclasses import dataclass

from .dates import WEEKDAY
from .events import KINDS as EVENT_KINDS
from .names import ORG_NAME
from .organisations import org_list

_KINDS = {
    "report": "report",
    "white paper": "white_paper",
    "index": "index",
    "survey": "survey",
    "blue book": "report",
    "study": "report",
    "policy paper": "policy",
}
_KIND = r"(?:report|white paper|index|survey|blue book|study|policy paper)"
RELEASED = re.compile(
    rf"(?P<lead>(?:[A-Z]{{2,8}}'s )?{ORG_NAME})"
    r"(?:, (?:in collaboration|in partnership|together|jointly) with (?P<with>[^,]+),)?"
    r" (?:has |have |jointly )?(?:released|published|launched|unveiled) an?"
    rf" (?P<kind>{'|'.join(k for k in _KINDS if ' ' in k or k in ('report', 'index', 'survey'))})"
    r" (?:titled|entitled|called|named) (?P<title>.+?)(?:\.(?=\s+[A-Z])|\.?$)"
)
# What any reading needs, looked for first because it costs far less.
_RELEASE_VERB = re.compile(
    r"\b(?:release[sd]?|releasing|publish(?:es|ed)?|launch(?:es|ed)?|unveil(?:s|ed)?|issue[sd]?)\b",
    re.IGNORECASE,
)
_DURING = re.compile(
    rf"\b(?:during|at) the (?:{'|'.join(EVENT_KINDS)}|event|ceremony)\b", re.IGNORECASE
)
_TITLED = re.compile(rf"\b(?P<kind>{_KIND}),? (?:titled|entitled|called|named) ", re.IGNORECASE)
# "its Hong Kong Climate Tech Investment Report 2026"
_NAMED_TITLE = re.compile(
    r"\b(?:its|their|the|a new|an annual|the annual|this year's) "
    r"(?P<title>(?:[A-Z0-9][\w'&:-]* ){1,10}(?P<kind>Report|Index|Survey|White Paper|"
    r"Blue Book|Study)(?: \d{4})?)\b"
)
# "the report Safe Deployment of Clinical AI in Hong Kong Hospitals, published by ..."
_KIND_THEN_TITLE = re.compile(rf"\b(?i:the|a|its|new) (?P<kind>(?i:{_KIND})) (?=[A-Z])")
# Where a title ends: at a comma before a lower-case word, a verb, a place or a day.
_TITLE_END = re.compile(
    r",? (?:was|were|is|are|has been|have been|will be) (?:also |jointly |formally |officially )?"
    r"(?:released|published|launched|unveiled)\b"
    r"|,? (?:at|during) the\b|,? on " + WEEKDAY + r"\b|, (?=[a-z])|\.(?=\s+[A-Z])|\.?$"
)
_BY_OR_WITH = re.compile(r"\b(?:by|with):? (?:the )?")
# "The association", "the council": an organisation the story has already named.
_BACK_REFERENCE = re.compile(
    r"\b[Tt]he (?P<noun>association|council|alliance|company|firm|university|bureau|"
    r"institute|centre|center|consortium|commission|foundation|group|bank|agency|network)\b"
)
_LEADING_WORDS = frozenset(["The", "During", "At", "In", "On", "A", "An", "Also", "Earlier"])


@dataclass(frozen=True)
class Release:
    title: str
    kind: str
    organisation_phrases: tuple[str, ...]
    at_event: bool


def _title(sentence: str) -> tuple[str, str, int, int] | None:
    """(title, kind, start, end) of the document a sentence names, if it names one."""
    if match := _TITLED.search(sentence):
        start = match.end()
        end = _TITLE_END.search(sentence, start)
        return sentence[start : end.start()].strip(), match["kind"].lower(), start, end.start()
    if match := _NAMED_TITLE.search(sentence):
        return match["title"], match["kind"].lower(), match.start("title"), match.end("title")
    if match := _KIND_THEN_TITLE.search(sentence):
        start = match.end()
        end = _TITLE_END.search(sentence, start)
        return sentence[start : end.start()].strip(), match["kind"].lower(), start, end.start()
    return None


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", paragraph) if s]


def releases_in(paragraph: str, back_reference=None) -> list[Release]:
    """Documents the paragraph says were released.

    `back_reference(noun)` names the organisation "the association" means, if any.
    """
    if not _RELEASE_VERB.search(paragraph):
        return []
    at_event = bool(_DURING.search(paragraph))
    found = [
        Release(
            match["title"].strip(),
            _KINDS[match["kind"]],
            tuple(p.strip() for p in (match["lead"], match["with"]) if p),
            at_event,
        )
        for match in RELEASED.finditer(paragraph)
    ]
    if found:
        return found
    for sentence in _sentences(paragraph):
        verb = _RELEASE_VERB.search(sentence)
        titled = _title(sentence) if verb else None
        if titled is None:
            continue
        title, kind, start, end = titled
        if not title or len(title) > 300:
            continue
        rest = f"{sentence[:start]} {sentence[end:]}"
        phrases = _publishers(rest, back_reference)
        if phrases:
            found.append(
                Release(title.rstrip(".,"), _KINDS.get(kind, "report"), tuple(phrases), at_event)
            )
    return found


def _publishers(text: str, back_reference) -> list[str]:
    """Organisations a sentence, less its title, gives as the document's publishers."""
    verb = _RELEASE_VERB.search(text)
    before = text[: verb.start()] if verb else text
    phrases: list[str] = []
    for match in re.finditer(ORG_NAME, before):
        words = match.group(0).split()
        while words and words[0] in _LEADING_WORDS:
            words = words[1:]
        if words and words[-1].lower() not in EVENT_KINDS and not words[-1].isdigit():
            phrases.append(" ".join(words))
    if back_reference is not None:
        for match in _BACK_REFERENCE.finditer(before):
            if name := back_reference(match["noun"]):
                phrases.append(name)
    for match in _BY_OR_WITH.finditer(text):
        phrases.extend(mention.name for mention in org_list(text[match.end() : match.end() + 300]))
    unique = []
    for phrase in phrases:
        if phrase not in unique and not phrase.lower().startswith(("during", "at the")):
            unique.append(phrase)
    return unique
