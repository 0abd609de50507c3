"""Organisations as stories introduce them: with a description, an acronym, a parent."""

import re
from dataclasses import dataclass

from .names import ORG_NAME, TITLE_HEADS, is_acronym_of, looks_chinese, plausible_person

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
    "assessor",
    "broker",
    "charity",
    "distributor",
    "lender",
    "rater",
    "regulator",
    "retailer",
    "supplier",
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
# is one name, not a unit of "Technology", unless the parent is plainly a university.
_UNIT_OF = re.compile(
    rf"^(?P<unit>{_UNIT}(?: (?:of|for) [A-Z][a-z]+(?: (?:and |& )?[A-Z][a-z]+){{0,3}})?)"
    rf",? (?:of|at) (?P<the>the )?(?P<parent>{ORG_NAME})$"
)
_SEATS_OF_LEARNING = ("University", "College", "Polytechnic", "Academy")
_ACRONYM_BEFORE_UNIT = re.compile(rf"^(?P<parent>[A-Z]{{2,8}}) (?P<unit>{_UNIT}\b.*)$")
_ACRONYM_UNIT = re.compile(rf"^(?P<parent>[A-Z]{{2,8}})'s (?P<unit>{_UNIT}\b.*)$")
_DESCRIBED_NAME = re.compile(rf"^(?P<desc>.*\b[a-z][\w-]*) (?P<org>{ORG_NAME})$")
_WHOLE_NAME = re.compile(rf"^{ORG_NAME}$")

# "Caijing, a Beijing-based business magazine," after a preposition.
DESCRIBED = re.compile(
    # Not after "between": "between X and Y, a ..." describes Y alone, found from "and".
    rf"\b(?:by|of|at|from|with|and) (?:the )?(?P<org>{ORG_NAME}), "
    r"(?P<desc>an? [^,;()]+?)(?=[,;.)]|$)"
)
# "Cobaltline Quantum, a quantum hardware company, and ..." opening a sentence.
DESCRIBED_FIRST = re.compile(
    rf"(?:^|(?<=[.!?] ))(?:The )?(?P<org>{ORG_NAME}), (?P<desc>an? [^,;()]+?)(?=[,;.)]|$)"
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
    if (match := _UNIT_OF.match(phrase)) and (
        match["the"] or match["parent"].split()[-1] in _SEATS_OF_LEARNING
    ):
        unit, parent = match["unit"], match["parent"]
        short = next((a for a in acronyms_in_story if is_acronym_of(a, parent)), None)
        name = f"{short} {unit}" if short else f"{unit} of {match['the'] or ''}{parent}"
        return OrgMention(name, parent=parent)
    if (match := _ACRONYM_BEFORE_UNIT.match(phrase)) and match["parent"] in acronyms_in_story:
        # "the HCU Faculty of Science"
        return OrgMention(phrase, parent=match["parent"])
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
    if ", a" in paragraph:
        described = [*described, *DESCRIBED_FIRST.finditer(paragraph)]
    for match in described:
        if is_org_description(match["desc"]):
            mention = from_phrase(match["org"], acronyms_in_story)
            if mention:
                found.append(OrgMention(mention.name, match["desc"], mention.parent))
    for match in between:
        found.extend(OrgMention(match[key]) for key in ("first", "second"))
    return found


# The last word of most organisations' names, and words a name never holds
# otherwise: "... Association", "... Bureau", "Department of ...".
ORG_HEADS = frozenset(
    """
    Academy Administration Agency Alliance Association Authority Bank Board Bureau Capital
    Chamber Club College Commission Company Consortium Corporation Council Department
    Exchange Faculty Federation Foundation Fund Government Group Holdings Inc Institute
    Institution Laboratory Limited Ltd Magazine Media Ministry Motors Network Observatory
    Office Organisation Organization Partners Pharma Polytechnic Secretariat Securities
    Society Technologies Therapeutics University Ventures Labs Consulting Advisory
    """.split()  # noqa: SIM905 - a list literal would run to many lines
)
# Words that name a field, not an organisation, when they stand alone before "and":
# "Environment and Ecology Bureau" is one name, "Cyberport and HKPC" two.
_FIELD_WORDS = frozenset(
    """
    Science Technology Innovation Environment Trade Industry Information Research Education
    Health Commerce Economic Economy Development Investment Finance Culture Arts Sports
    Tourism Youth Labour Welfare Security Transport Housing Planning Engineering Ecology
    Energy Food Agriculture Communications Media Manpower Justice Home Constitutional
    Mainland Affairs Digital Data Legal Social Public Private Civil Marine Land Water
    Exchanges Clearing Settlement
    """.split()  # noqa: SIM905 - a list literal would run to many lines
)


def _not_an_organisation(name: str) -> bool:
    """A person ("Karen Lo Sze-wing") or a title ("Editor") where a list of organisations ends."""
    words = name.split()
    if ORG_HEADS.intersection(words):
        return False
    return words[0] in TITLE_HEADS or (
        len(words) > 1 and plausible_person(name) and looks_chinese(name)
    )


def split_joined(name: str) -> list[str]:
    """ "Xingyue Motors and Nanling Auto Group" are two; "Environment and Ecology Bureau" one."""
    pieces = name.split(" and ")
    names = [pieces[0]]
    for piece in pieces[1:]:
        left, right = names[-1].split(), piece.removeprefix("the ").split()
        # "Science and Technology", "Trade and Industry": fields joined inside one name.
        joins_fields = left[-1] in _FIELD_WORDS or (right and right[0] in _FIELD_WORDS)
        if piece.startswith("the ") or (right and not joins_fields):
            names.append(piece.removeprefix("the "))
        else:
            names[-1] = f"{names[-1]} and {piece}"
    return names


_LIST_ITEM = re.compile(
    rf"(?:the )?(?P<name>{ORG_NAME})"
    r"(?:, (?P<desc>(?:an?|which|that|whose) [^,;.()]{1,80}?)(?=, |; |\.|$))?"
)
_LIST_SEPARATOR = re.compile(r"(?:,? and |, |; ?(?:and )?| & )(?:the )?(?=[A-Z])")
_LIST_MAX = 12
_GOVERNMENTS_PART = re.compile(rf" [Gg]overnment's (?P<part>{ORG_NAME})")


def org_list(text: str) -> list[OrgMention]:
    """The organisations a list at the start of `text` names, with their descriptions.

    "Lion Rock Angels, an angel network, and Tidewater Partners, which invests in ..."
    """
    found: list[OrgMention] = []
    position = 0
    while len(found) < _LIST_MAX:
        match = _LIST_ITEM.match(text, position)
        if not match or _not_an_organisation(match["name"]):
            break
        description = match["desc"] if match["desc"] and match["desc"][:1] == "a" else None
        names = split_joined(match["name"])
        position, parent_name = match.end(), None
        if (owned := _GOVERNMENTS_PART.match(text, position)) and not match["desc"]:
            # "the Hong Kong SAR government's Development Bureau"
            names[-1], parent_name = owned["part"], f"{names[-1]} Government"
            position = owned.end()
        elif (
            (parent := _PARENT_AFTER.match(text, position))
            and _UNIT_START.match(names[-1].split()[0])
            and not match["desc"]
        ):
            # "Faculty of Law, Lingnan Harbour University": a unit, then its university.
            names[-1], parent_name = f"{names[-1]} of {parent['parent']}", parent["parent"]
            position = parent.end()
        for name in names:
            last = name == names[-1]
            found.append(
                OrgMention(name, description if last else None, parent_name if last else None)
            )
        separator = _LIST_SEPARATOR.match(text, position)
        if not separator:
            break
        position = separator.end()
    return found


# Words after which a list of organisations follows. Each needs a literal that
# costs little to look for first.
_BY = (
    r"(?:hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|convened|held|run|staged|presented"
    r"|supported|sponsored|co-sponsored|backed|funded|led|founded|owned|acquired|developed"
    r"|operated|managed|prepared|published|released|commissioned|supplied|built)"
)
LIST_AFTER = re.compile(
    rf"\b(?:{_BY}(?: jointly)? by:?"
    r"|(?:partnership|collaboration|together|jointly|partnered|teamed up|working|works"
    r"|prepared|produced|written|conducted|compiled|developed) with"
    r"|(?:agreements?|deals?|contracts?|partnerships?|MoUs?|memorand[a-z]+)(?: [a-z]+){0,3} with"
    r"|(?:support|sponsorship|backing|funding) from"
    r"|(?:representatives|officials|executives|delegates|researchers) (?:of|from)"
    r"|(?i:investors|partners|backers|members|shareholders|sponsors|companies|firms|banks"
    r"|operators|institutions|universities|lenders|funds|start-ups|organisations"
    r"|organizations)(?: [\w-]+){0,5},? (?:including|such as|like|namely):?)"
    r" (?:the )?"
)
_HEADED = re.compile(ORG_NAME)
_UNIT_START = re.compile(r"^(?:School|Faculty|Department|Institute|Centre|Center|College)$")
_PARENT_AFTER = re.compile(
    rf", (?:the )?(?P<parent>{ORG_NAME} (?:University|College|Polytechnic))(?=[,;.]|$)"
)
# "InvestHK", "SiliconHarbour": one word with capitals inside is a brand, not a person.
_CAMEL = re.compile(r"^(?!Mc|Mac)[A-Z][a-z]+[A-Z][A-Za-z]*$")
_LEADING_WORDS = frozenset(
    ["The", "In", "At", "On", "By", "For", "From", "During", "With", "And", "But", "As"]
)
# "Meituan's drone unit": the company, named only through its part.
_POSSESSIVE_UNIT = re.compile(
    r"(?<![\w-])(?P<org>[A-Z][\w&-]*)'s (?:[a-z-]+ )?(?:unit|arm|subsidiary|division|affiliate)\b"
)


def listed_in(paragraph: str) -> list[OrgMention]:
    """Organisations named in lists after "hosted by", "investors including" and the like."""
    found = []
    for match in LIST_AFTER.finditer(paragraph):
        found.extend(org_list(paragraph[match.end() : match.end() + 600]))
    return found


def headed_in(paragraph: str, acronyms_in_story: set[str]) -> list[OrgMention]:
    """Capitalised names that say they are organisations: "Development Bureau", "Faculty of Law"."""
    found = []
    for match in _HEADED.finditer(paragraph):
        words = match.group(0).split()
        while words and words[0] in _LEADING_WORDS:
            words = words[1:]
        if " of " in " ".join(words):
            # "Wendy Tse of Harbour City University": the person is not part of the name.
            first, _, rest = " ".join(words).partition(" of ")
            if plausible_person(first) and not ORG_HEADS.intersection(first.split()):
                words = rest.removeprefix("the ").split()
        if words and words[0] in TITLE_HEADS:
            # "Chairman of the Climate Tech Alliance": the organisation is after the title.
            text = " ".join(words)
            words = re.sub(r"^.*? (?:of|at) (?:the )?", "", text, count=1).split()
            if " ".join(words) == text:
                continue
        if words and _UNIT_START.match(words[0]):
            # "Faculty of Medicine, Kowloon Medical University"
            parent = _PARENT_AFTER.match(paragraph, match.end())
            if parent:
                words = [*words, "of", *parent["parent"].split()]
        if len(words) < 2:
            if words and _CAMEL.match(words[0]):
                found.append(OrgMention(words[0]))
            continue
        heads = ORG_HEADS.intersection(words)
        if not heads:
            continue
        for name in split_joined(" ".join(words)):
            mention = from_phrase(name, acronyms_in_story)
            if mention is not None and (ORG_HEADS.intersection(name.split()) or _CAMEL.match(name)):
                found.append(mention)
    for match in _POSSESSIVE_UNIT.finditer(paragraph):
        if match["org"] not in _LEADING_WORDS:
            found.append(OrgMention(match["org"]))
    return found
