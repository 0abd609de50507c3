"""Organisations as stories introduce them: with a description, an acronym, a parent."""

import re
from dataclasses import dataclass

from .names import ORG_NAME, is_acronym_of

_UNIT = (
    r"(?:[A-Z][a-z]+ ){0,6}"
    r"(?:School|Faculty|Department|Institute|Centre|Center|College|Laboratory|Lab|Academy)"
)

# A description's head noun says the phrase is about an organisation, not a place.
_ORG_NOUNS = [
    "academy",
    "agency",
    "association",
    "bank",
    "body",
    "broker",
    "business",
    "centre",
    "center",
    "college",
    "company",
    "consultancy",
    "council",
    "developer",
    "firm",
    "foundation",
    "fund",
    "giant",
    "group",
    "institute",
    "insurer",
    "investor",
    "lab",
    "laboratory",
    "magazine",
    "maker",
    "manufacturer",
    "multinational",
    "newspaper",
    "operator",
    "outlet",
    "platform",
    "producer",
    "provider",
    "publisher",
    "school",
    "start-up",
    "startup",
    "unicorn",
    "university",
]

# "the Business School of the X"; without the second "the", "Institute of Technology"
# is one name, not a unit of "Technology".
_UNIT_OF = re.compile(rf"^(?P<unit>{_UNIT}) of the (?P<parent>{ORG_NAME})$")
_ACRONYM_UNIT = re.compile(rf"^(?P<parent>[A-Z]{{2,8}})'s (?P<unit>{_UNIT}\b.*)$")
_DESCRIBED_NAME = re.compile(rf"^(?P<desc>.*\b[a-z][\w-]*) (?P<org>{ORG_NAME})$")
_WHOLE_NAME = re.compile(rf"^{ORG_NAME}$")

# "Caijing, a Beijing-based business magazine," after a preposition.
DESCRIBED = re.compile(
    # Not after "between": "between X and Y, a ..." describes Y alone, found from "and".
    rf"\b(?:by|of|at|from|with|and) (?:the )?(?P<org>{ORG_NAME}), "
    r"(?P<desc>an? [^,;()]+?)(?=[,;.)]|$)"
)
ACRONYM_DEFINITION = re.compile(rf"(?P<org>{ORG_NAME}) \((?P<acronym>[A-Z][A-Za-z&]{{1,9}})\)")
BETWEEN = re.compile(
    rf"\bbetween (?:the )?(?P<first>{ORG_NAME}?) and (?:the )?(?P<second>{ORG_NAME})"
)


@dataclass(frozen=True)
class OrgMention:
    name: str
    description: str | None = None
    parent: str | None = None
    acronym: str | None = None


def is_org_description(description: str) -> bool:
    return any(word.strip(".,").lower() in _ORG_NOUNS for word in description.split())


def from_phrase(phrase: str, acronyms_in_story: set[str]) -> OrgMention | None:
    """The organisation a phrase such as "ZTE" or "China's speech giant iFlytek" names."""
    phrase = phrase.strip()
    if phrase[:4].lower() == "the ":
        phrase = phrase[4:]
    if match := _UNIT_OF.match(phrase):
        unit, parent = match["unit"], match["parent"]
        short = next((a for a in acronyms_in_story if is_acronym_of(a, parent)), None)
        name = f"{short} {unit}" if short else f"{unit} of {parent}"
        return OrgMention(name, parent=parent)
    if (match := _ACRONYM_UNIT.match(phrase)) and _WHOLE_NAME.match(match["unit"]):
        return OrgMention(f"{match['parent']} {match['unit']}", parent=match["parent"])
    if _WHOLE_NAME.match(phrase):
        return OrgMention(phrase)
    if match := _DESCRIBED_NAME.match(phrase):
        return OrgMention(match["org"], description=match["desc"])
    return None


def mentions_in(paragraph: str, acronyms_in_story: set[str]) -> list[OrgMention]:
    """Organisations a paragraph introduces on its own, outside people's titles."""
    found = []
    # Each pattern needs a literal that most paragraphs lack and that costs far
    # less to look for than trying the pattern at every capitalised word.
    acronyms = ACRONYM_DEFINITION.finditer(paragraph) if " (" in paragraph else ()
    described = DESCRIBED.finditer(paragraph) if ", a" in paragraph else ()
    between = BETWEEN.finditer(paragraph) if "between " in paragraph else ()
    for match in acronyms:
        if is_acronym_of(match["acronym"], match["org"]):
            found.append(OrgMention(match["org"], acronym=match["acronym"]))
    for match in described:
        if is_org_description(match["desc"]):
            mention = from_phrase(match["org"], acronyms_in_story)
            if mention:
                found.append(OrgMention(mention.name, match["desc"], mention.parent))
    for match in between:
        found.extend(OrgMention(match[key]) for key in ("first", "second"))
    return found
