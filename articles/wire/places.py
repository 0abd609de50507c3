"""Places whose offices stories name: "Hong Kong's Financial Secretary", "Shenzhen's mayor".

A place followed by a title is a public office, not an organisation named after
the place. The person is recorded with the title as written and the place's
government as the organisation: a people page lists positions as title and
organisation and links the organisation, so "Financial Secretary, Hong Kong SAR
Government" reads as a newsroom writes it and gathers every office holder on
the government's page. An organisation called just "Hong Kong" would instead
collect every "Hong Kong's ..." as its staff, and a title "Financial Secretary
of Hong Kong" with no organisation would tie the office to nothing.

The names are those the governments use for themselves in English, so that an
import finds the record a moderator already made.
"""

import re

# Place as stories write it, the government's name.
GOVERNMENTS = {
    "Hong Kong": "Hong Kong SAR Government",
    "Hong Kong SAR": "Hong Kong SAR Government",
    "Macao": "Macao SAR Government",
    "Macau": "Macao SAR Government",
    "Macao SAR": "Macao SAR Government",
    "China": "Central People's Government",
    "Beijing": "Beijing Municipal Government",
    "Shanghai": "Shanghai Municipal Government",
    "Tianjin": "Tianjin Municipal Government",
    "Chongqing": "Chongqing Municipal Government",
    "Shenzhen": "Shenzhen Municipal Government",
    "Guangzhou": "Guangzhou Municipal Government",
    "Hangzhou": "Hangzhou Municipal Government",
    "Zhuhai": "Zhuhai Municipal Government",
    "Dongguan": "Dongguan Municipal Government",
    "Guangdong": "Guangdong Provincial Government",
    "Hainan": "Hainan Provincial Government",
    "Singapore": "Singapore Government",
    "Malaysia": "Government of Malaysia",
    "Indonesia": "Government of Indonesia",
    "Thailand": "Government of Thailand",
    "Vietnam": "Government of Vietnam",
    "the Philippines": "Government of the Philippines",
    "Japan": "Government of Japan",
    "South Korea": "Government of the Republic of Korea",
    "India": "Government of India",
    "Australia": "Australian Government",
    "New Zealand": "New Zealand Government",
    "Britain": "UK Government",
    "the UK": "UK Government",
    "the United Kingdom": "UK Government",
    "the United States": "United States Government",
    "the US": "United States Government",
    "France": "Government of France",
    "Germany": "Federal Government of Germany",
    "the United Arab Emirates": "UAE Government",
    "the UAE": "UAE Government",
    "Saudi Arabia": "Government of Saudi Arabia",
}
_BY_KEY = {place.casefold().removeprefix("the "): name for place, name in GOVERNMENTS.items()}
# Longer and shorter forms of a place as governments' names use them.
_PLACE_FORMS = {
    "hong kong special administrative region": "hong kong",
    "hksar": "hong kong",
    "hong kong sar": "hong kong",
    "macao special administrative region": "macao",
    "macau special administrative region": "macao",
    "macao sar": "macao",
    "msar": "macao",
    "people's republic of china": "china",
    "prc": "china",
}
_PLACE_SUFFIXES = (" province", " municipality", " city", " special administrative region")

# Words a match may carry in from the start of its sentence: "In Hong Kong's ...".
_LEADING_WORDS = frozenset(["the", "in", "at", "for", "from", "by", "on", "as", "with", "while"])


def government_of(phrase: str | None) -> str | None:
    """The government a phrase such as "Hong Kong" or "In Singapore" names, else None."""
    if not phrase:
        return None
    words = phrase.split()
    while words and words[0].casefold() in _LEADING_WORDS:
        words = words[1:]
    return _BY_KEY.get(_place_key(" ".join(words)))


def _place_key(place: str) -> str:
    key = place.casefold().removeprefix("the ")
    key = _PLACE_FORMS.get(key, key)
    for suffix in _PLACE_SUFFIXES:
        if key.endswith(suffix) and key.removesuffix(suffix) in _BY_KEY:
            return key.removesuffix(suffix)
    return key


_GOVERNMENT_FORMS = (
    # "HKSAR Government", "Hong Kong SAR Government", "Shenzhen Municipal Government"
    re.compile(
        r"^(?:the )?(?P<place>.+?)(?: SAR| Municipal| Provincial| Central)?(?: People's)?"
        r" Government$",
        re.I,
    ),
    # "Government of the Hong Kong Special Administrative Region"
    re.compile(r"^(?:the )?Government of (?:the )?(?P<place>.+)$", re.I),
)


def government_name(name: str) -> str | None:
    """The one name on file for a government a story names in one of its forms."""
    for pattern in _GOVERNMENT_FORMS:
        if (match := pattern.match(name.strip())) and (
            found := _BY_KEY.get(_place_key(match["place"]))
        ):
            return found
    return None
