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
    text = "".join(char for char in text if _printable(char))
    return [" ".join(line.split()) for line in text.split("\n")]
