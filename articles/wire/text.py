"""Normalising raw wire copy into clean lines."""

import unicodedata

# Every dash a wire service uses as a separator; prose keeps whichever it was given.
DASHES = "-\u2012\u2013\u2014\u2015"

_FOLD = str.maketrans(
    {
        "\u2019": "'",  # curly apostrophe, so "HKUST's" reads the same either way
        "\u02bc": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\t": " ",
        "\u2010": "-",
        "\u2011": "-",  # non-breaking hyphen inside names such as Kwang-ting
        "\ufeff": None,  # byte-order mark
        "\u200b": None,
    }
)


def _printable(char: str) -> bool:
    # Control, format, surrogate and unassigned characters cannot be published.
    return char == "\n" or unicodedata.category(char)[0] != "C"


def lines(raw: str) -> list[str]:
    """The copy as stripped lines with single spaces; blank lines kept as ""."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_FOLD)
    # Each distinct character is judged once: a megabyte of copy holds few of them.
    unprintable = {char: None for char in set(text) if not _printable(char)}
    text = text.translate(str.maketrans(unprintable)) if unprintable else text
    return [" ".join(line.split()) for line in text.split("\n")]


# Wire paragraphs run to a few hundred characters. Longer ones are read in
# pieces of at most this many, which bounds what any pattern is matched
# against: a hostile story then costs time in proportion to its length.
MAX_PARAGRAPH = 2000
_SENTENCE_ENDS = (". ", "? ", "! ")


def pieces(paragraph: str, limit: int = MAX_PARAGRAPH) -> list[str]:
    """`paragraph` cut at its last sentence end (else space) before every `limit` characters."""
    found = []
    start = 0
    while len(paragraph) - start > limit:
        end = start + limit
        cut = max(paragraph.rfind(mark, start, end) for mark in _SENTENCE_ENDS) + 1
        if cut <= start:
            cut = paragraph.rfind(" ", start, end)
        if cut <= start:
            cut = end
        found.append(paragraph[start:cut].strip())
        start = cut
    found.append(paragraph[start:].strip())
    return [piece for piece in found if piece]
