"""People introduced with their title: "NAME, TITLE of ORG," and its variants."""

import re
from dataclasses import dataclass

from .names import ORG_NAME, PERSON_NAME, TITLE, plausible_person

_CAPITALISED_TITLE = (
    r"(?:[A-Z][a-z-]+ ){0,3}(?:Secretary|Minister|Executive|President|Chairman|Chairwoman"
    r"|Chair|Director|Dean|Commissioner|Governor|Mayor|Officer|Professor|Founder|Head)"
    # "Minister for Digital Development": as few portfolio words as leave a name after them.
    r"(?: (?:for|of) [A-Z][a-z]+(?: (?:and |& )?[A-Z][a-z]+){0,5}?)?"
)
# Words of a portfolio, never the first word of the name that follows it.
_PORTFOLIO_WORDS = (
    r"(?!(?:Affairs|Commerce|Communications|Culture|Defence|Development|Digital|Economy"
    r"|Education|Environment|Finance|Health|Housing|Industry|Information|Innovation|Justice"
    r"|Labour|Manpower|Planning|Research|Science|Security|Technology|Trade|Transport"
    r"|Welfare)\b)"
)
_END = r"(?=[,;.)]|$)"

# "Liang Weibin, partner of Shanghai Healthcare Capital, a municipal-level investment fund,"
NAME_TITLE_OF_ORG = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?P<title>{TITLE}) (?:of|at) (?P<org>[^,;.()]+?)"
    rf"(?:, (?P<desc>an? [^,;()]+?))?{_END}"
)
# "Tim Cheng Kwang-ting, HKUST's vice-president for research and development,"
NAME_ORGS_TITLE = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?:the )?(?P<org>{ORG_NAME})'s (?P<title>{TITLE}){_END}"
)
# "Hong Kong's Financial Secretary Chan Mo-po"
ORGS_TITLE_NAME = re.compile(
    rf"(?P<org>{ORG_NAME})'s (?P<title>{_CAPITALISED_TITLE}|{TITLE}) "
    rf"{_PORTFOLIO_WORDS}(?P<name>{PERSON_NAME})"
)


@dataclass(frozen=True)
class Introduction:
    name: str
    title: str | None
    org_phrase: str | None
    org_description: str | None = None


# Text each pattern cannot match without. Looking for it costs far less than
# trying the pattern at every capitalised word of a paragraph that lacks it.
_NEEDS = [(NAME_TITLE_OF_ORG, ", "), (NAME_ORGS_TITLE, "'s "), (ORGS_TITLE_NAME, "'s ")]


def introductions_in(paragraph: str) -> list[Introduction]:
    found = []
    for pattern, needed in _NEEDS:
        if needed not in paragraph:
            continue
        for match in pattern.finditer(paragraph):
            if plausible_person(match["name"]):
                description = match.groupdict().get("desc")
                found.append(Introduction(match["name"], match["title"], match["org"], description))
    return found
