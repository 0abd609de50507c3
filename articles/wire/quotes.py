"""Direct quotes with a named speaker; paraphrase and scare quotes are left alone."""

import re

from .names import HONORIFIC, NAME_WORD, PERSON_NAME, strip_honorifics

_SAID = r"(?:said|says|added|adds|noted|notes|stressed|explained|remarked|warned|argued|told)"
_SPEAKER = rf"{HONORIFIC}{{0,2}}(?P<speaker>{PERSON_NAME}|{NAME_WORD})"
_QUOTED = r"[\"“](?P<text>[^\"“”]+)[\"”]"

QUOTE_THEN_SPEAKER = re.compile(rf"{_QUOTED},? {_SPEAKER} {_SAID}\b")
QUOTE_THEN_SAID = re.compile(rf"{_QUOTED},? {_SAID} {_SPEAKER}\b")
SPEAKER_THEN_QUOTE = re.compile(rf"{_SPEAKER} {_SAID}: {_QUOTED}")
# "According to Peter Barnes, head of ... at Meridian, "The shortage is ...""
ACCORDING_TO = re.compile(rf"\b[Aa]ccording to {_SPEAKER}(?:, [^\"“”]{{1,200}}?)?,? {_QUOTED}")
# "... compliance teams. "If the rules are written for banks ...," he said."
QUOTE_THEN_PRONOUN = re.compile(rf"{_QUOTED},? (?:(?:he|she) {_SAID}|{_SAID} (?:he|she))\b")

# Pronouns are left to the editor: "He" is also a family name (He Gang).
_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I", "You"})


def clean(text: str) -> str:
    text = text.strip()
    # A quote that ran on into its attribution ends with a comma in the copy.
    return text[:-1] + "." if text.endswith(",") else text


def quotes_in(paragraph: str) -> list[tuple[str, str]]:
    """(speaker as written, quote) in the order the paragraph gives them."""
    return [(speaker, text) for _, speaker, text in placed_quotes(paragraph) if speaker]


def placed_quotes(paragraph: str) -> list[tuple[int, str | None, str]]:
    """(where, speaker as written or None for "he said", quote), in the paragraph's order."""
    if '"' not in paragraph and "“" not in paragraph:
        # Every pattern needs an opening quote mark; most paragraphs have none.
        return []
    found: dict[int, tuple[int, str | None, str]] = {}
    for pattern in (QUOTE_THEN_SPEAKER, QUOTE_THEN_SAID, SPEAKER_THEN_QUOTE, ACCORDING_TO):
        for match in pattern.finditer(paragraph):
            if match["speaker"] not in _PRONOUNS:
                speaker = strip_honorifics(match["speaker"])
                found.setdefault(
                    match.start("text"), (match.start(), speaker, clean(match["text"]))
                )
    for match in QUOTE_THEN_PRONOUN.finditer(paragraph):
        found.setdefault(match.start("text"), (match.start(), None, clean(match["text"])))
    return sorted(found.values(), key=lambda item: item[0])
