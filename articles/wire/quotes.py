"""Direct quotes with a named speaker; paraphrase and scare quotes are left alone."""

import re

from .names import NAME_WORD, PERSON_NAME

_SAID = r"(?:said|says|added|noted|stressed|explained|remarked|warned|argued)"
_SPEAKER = rf"(?P<speaker>{PERSON_NAME}|{NAME_WORD})"
_QUOTED = r"[\"“](?P<text>[^\"“”]+)[\"”]"

QUOTE_THEN_SPEAKER = re.compile(rf"{_QUOTED},? {_SPEAKER} {_SAID}\b")
QUOTE_THEN_SAID = re.compile(rf"{_QUOTED},? {_SAID} {_SPEAKER}\b")
SPEAKER_THEN_QUOTE = re.compile(rf"{_SPEAKER} {_SAID}: {_QUOTED}")

# Pronouns are left to the editor: "He" is also a family name (He Gang).
_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I", "You"})


def clean(text: str) -> str:
    text = text.strip()
    # A quote that ran on into its attribution ends with a comma in the copy.
    return text[:-1] + "." if text.endswith(",") else text


def quotes_in(paragraph: str) -> list[tuple[str, str]]:
    """(speaker as written, quote) in the order the paragraph gives them."""
    if '"' not in paragraph and "“" not in paragraph:
        # Every pattern needs an opening quote mark; most paragraphs have none.
        return []
    found = []
    for pattern in (QUOTE_THEN_SPEAKER, QUOTE_THEN_SAID, SPEAKER_THEN_QUOTE):
        for match in pattern.finditer(paragraph):
            if match["speaker"] not in _PRONOUNS:
                found.append((match.start(), match["speaker"], clean(match["text"])))
    return [(speaker, text) for _, speaker, text in sorted(found)]
