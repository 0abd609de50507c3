"""People introduced with their title: "NAME, TITLE of ORG," and its variants."""

import re
from dataclasses import dataclass

from .names import HONORIFIC, ORG_NAME, PERSON_NAME, TITLE, plausible_person, strip_honorifics
from .names import TITLE_HEADS as _TITLE_HEADS
from .organisations import ORG_HEADS, split_joined

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
    r"|Labour|Manpower|Planning|Policy|Research|Science|Security|Technology|Trade|Transport"
    r"|Welfare|Industry|Aviation|Services|Tourism|Constitutional|Mainland|Home|Youth)\b)"
)
# A public office written with capitals: "Secretary for Innovation, Technology and
# Industry", "Deputy Director-General of Civil Aviation", "Commissioner for Digital
# Policy". The office is the whole title; no organisation is named in it.
_OFFICE = (
    r"(?:(?:Deputy|Under|Permanent|Acting|Assistant|Principal|Chief|Financial) )?"
    r"(?:Secretary|Minister|Commissioner|Director-General|Governor|Mayor|Vice-Governor"
    r"|Vice-Mayor|Undersecretary|Under Secretary)"
    r" (?:for|of) [A-Z][a-z]+(?:(?:,| and| &)? [A-Z][a-z]+){0,5}?"
)
# A capitalised job title as programmes and press releases write it: "Chief
# Information Officer", "Founding Partner", "Head of Start-up Banking".
_CAP_TITLE = r"[A-Z][\w-]*(?: (?:[A-Z][\w-]*|of|for|and|&)){0,6}?"
_UNIT_WORDS = r"(?:School|Faculty|Department|Institute|Centre|Center|College|Laboratory|Lab)"
_END = r"(?=[,;.)]|$)"

# "Liang Weibin, partner of Shanghai Healthcare Capital, a municipal-level investment fund,"
# "said at a briefing" is no title.
_NOT_A_TITLE = (
    r"(?!(?:said|says|told|added|adds|noted|warned|spoke|speaks|explained|who|which|in|on|at"
    r"|for|with|and|together|along|jointly|as|to|from)\b)"
)
NAME_TITLE_OF_ORG = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?:an? )?{_NOT_A_TITLE}(?P<title>{TITLE}) (?:of|at|with) "
    r"(?P<org>[^,;.()]+?)"
    rf"(?:, (?P<desc>an? [^,;()]+?))?{_END}"
)
# "Its chief executive, Dr Vivian Lau Chui-ying, said": the organisation just named.
ITS_TITLE_NAME = re.compile(
    rf"\b(?:Its|Their|its|their) (?P<title>{TITLE}), {HONORIFIC}{{0,2}}"
    rf"(?P<name>{PERSON_NAME}){_END}"
)
# "Tony Wan Chi-keung, Commissioner for Digital Policy, said"
NAME_OFFICE = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?:the )?(?P<title>{_OFFICE})"
    rf"(?: of (?:the )?(?P<org>{ORG_NAME}(?: government)?))?{_END}"
)
# "Secretary for Innovation, Technology and Industry Sun Dong said"
OFFICE_NAME = re.compile(
    rf"(?<![\w'-])(?P<title>{_OFFICE}) {_PORTFOLIO_WORDS}(?P<name>{PERSON_NAME})"
)
# "Samuel Ho Kin-wah, Chairman of the Climate Tech Alliance Hong Kong,"
NAME_CAP_TITLE_OF_ORG = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?P<title>{_CAP_TITLE}) (?:of|at) (?:the )?"
    rf"(?P<org>{ORG_NAME}){_END}"
)
# "hosted by Kit Chan, presenter, Radio Harbour"
NAME_TITLE_COMMA_ORG = re.compile(
    rf"(?P<name>{PERSON_NAME}), {_NOT_A_TITLE}(?P<title>{TITLE}), (?:the )?(?P<org>{ORG_NAME})"
    r"(?=[,;.)]|$| and )"
)
# "Quantlake founder Leo Sun": a company's role before the name.
ORG_ROLE_NAME = re.compile(
    rf"(?P<org>{ORG_NAME}) (?P<title>founder|co-founder|chairman|chairwoman|chief executive"
    rf"|president|boss|CEO|managing director) (?P<name>{PERSON_NAME})"
)
# "moderated by Wendy Tse of Harbour City University"
NAME_OF_ORG = re.compile(rf"(?P<name>{PERSON_NAME}) (?:of|from) (?:the )?(?P<org>{ORG_NAME})")
# "Victor Lam, deputy government chief information officer, at ...": a title alone.
NAME_TITLE_ALONE = re.compile(rf"(?P<name>{PERSON_NAME}), {_NOT_A_TITLE}(?P<title>{TITLE})(?=, )")
# "Moderator: Eva Lok, Kingsway Securities": a programme's name and organisation alone.
NAME_ORG = re.compile(
    rf"(?:^|(?<=: )|(?<=; )|(?<=and ))(?P<name>{PERSON_NAME}), (?:the )?(?P<org>{ORG_NAME})(?=;|$)"
)
# "Lawmaker Karen Siu said", "analyst Mei Tanaka": an occupation before the name.
OCCUPATION_NAME = re.compile(
    r"\b(?P<title>(?i:lawmaker|legislator|councillor|analyst|economist|entrepreneur|investor"
    r"|scientist|engineer|commentator|researcher|academic|architect|designer|lawyer"
    r"|founder|co-founder)) "
    rf"(?P<name>{PERSON_NAME})"
)
# "Raymond Sit, Chief Information Officer, Hong Kong Hospital Authority;"
NAME_CAP_TITLE_ORG = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?P<title>{_CAP_TITLE}), (?:the )?(?P<org>{ORG_NAME})"
    # "Dean, Faculty of Law, Lingnan Harbour University": a unit, then its university.
    rf"(?:, (?P<parent>{ORG_NAME} (?:University|College|Polytechnic)))?"
    r"(?=[,;.)]|$| and )"
)
# "Professor Daniel Ko, Faculty of Medicine, Kowloon Medical University"
NAME_UNIT_ORG = re.compile(
    rf"(?P<name>{PERSON_NAME}), (?P<unit>(?:[A-Z][a-z]+ ){{0,3}}{_UNIT_WORDS}"
    rf"(?: (?:of|for) [A-Z][\w-]*(?: (?:and |& )?[A-Z][\w-]*){{0,4}})?), (?:the )?"
    rf"(?P<org>{ORG_NAME})(?=[,;.)]|$| and )"
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


# An introduction's organisation that is the one the story named last.
BACK_REFERENCE = "\x00its"


@dataclass(frozen=True)
class Introduction:
    name: str
    title: str | None
    org_phrase: str | None
    org_description: str | None = None


# Text each pattern cannot match without. Looking for it costs far less than
# trying the pattern at every capitalised word of a paragraph that lacks it.
_OCCUPATIONS = (
    "lawmaker",
    "legislator",
    "councillor",
    "analyst",
    "economist",
    "entrepreneur",
    "investor",
    "scientist",
    "engineer",
    "commentator",
    "researcher",
    "academic",
    "architect",
    "designer",
    "lawyer",
    "founder",
)
# Text each pattern cannot match without (any of them, in lower case). Looking
# for it costs far less than trying the pattern at every capitalised word of a
# paragraph that lacks it.
_NEEDS = [
    (NAME_TITLE_OF_ORG, (", ",)),
    (NAME_ORGS_TITLE, ("'s ",)),
    (ORGS_TITLE_NAME, ("'s ",)),
    (NAME_OFFICE, (", ",)),
    (
        OFFICE_NAME,
        ("secretary", "minister", "commissioner", "director-general", "governor", "mayor"),
    ),
    (NAME_CAP_TITLE_ORG, (", ",)),
    (NAME_CAP_TITLE_OF_ORG, (", ",)),
    (NAME_UNIT_ORG, (", ",)),
    (NAME_TITLE_COMMA_ORG, (", ",)),
    (
        ORG_ROLE_NAME,
        (
            "founder",
            "chairman",
            "chairwoman",
            "chief executive",
            "president",
            "boss",
            "ceo",
            "managing director",
        ),
    ),
    (OCCUPATION_NAME, _OCCUPATIONS),
    (NAME_ORG, (", ",)),
    (NAME_OF_ORG, (" of ", " from ")),
    (NAME_TITLE_ALONE, (", ",)),
    (ITS_TITLE_NAME, ("its ", "their ")),
]
# "(left)", "(centre)" after a name in a caption stand between it and its title.
_PLACE_MARK = re.compile(
    r" \((?:second |third )?(?:from )?(?:left|right|centre|center|middle)\)", re.IGNORECASE
)
_HONORIFIC_START = re.compile(rf"^{HONORIFIC}+")
# "Ms Hannah Lo SC", "Stanley Ip JP": honours after a name stand between it and its title.
_POSTNOMINALS = re.compile(r"(?<=[a-z]) (?:SC|JP|MH|BBS|SBS|GBS|OBE|MBE|CBE|KC|QC|PhD)\b")
_VENUE_LINE = re.compile(r"^(?i:venue|location|address|place)\s*:")
_COMPANY_ROLES = frozenset(["founder", "co-founder"])


def _is_title(title: str) -> bool:
    return any(word in _TITLE_HEADS for word in title.replace(",", "").split())


def introductions_in(paragraph: str) -> list[Introduction]:
    found: list[tuple[int, Introduction]] = []
    taken: set[str] = set()
    paragraph = _POSTNOMINALS.sub("", _PLACE_MARK.sub("", paragraph))
    is_venue = bool(_VENUE_LINE.match(paragraph))
    lowered = paragraph.lower()
    for pattern, needed in _NEEDS:
        if not any(literal in lowered for literal in needed):
            continue
        for match in pattern.finditer(paragraph):
            name = strip_honorifics(match["name"])
            if not plausible_person(name) or name in taken:
                continue
            groups = match.groupdict()
            title, org = groups.get("title"), groups.get("org")
            if pattern in (
                NAME_CAP_TITLE_OF_ORG,
                NAME_CAP_TITLE_ORG,
                NAME_TITLE_COMMA_ORG,
            ) and not _is_title(title.title()):
                continue
            if pattern is OCCUPATION_NAME:
                title = title.lower()
            if pattern is NAME_UNIT_ORG:
                title, org = None, f"{groups['unit']} of {org}"
            if pattern in (OFFICE_NAME, OCCUPATION_NAME):
                org = None
            if pattern is OCCUPATION_NAME and title in _COMPANY_ROLES:
                # "Founder Iris Chow said": of the company the story was just about.
                org = BACK_REFERENCE
            if pattern is NAME_ORG and (_is_title(org) or _is_title(name) or is_venue):
                continue
            if pattern is NAME_OF_ORG and (
                not ORG_HEADS.intersection(org.split()) or _is_title(name)
            ):
                continue
            if pattern is ORG_ROLE_NAME:
                # "Martin Fong and Quantlake founder Leo Sun"
                org = split_joined(org)[-1]
            if pattern is NAME_TITLE_ALONE:
                if not _is_title(title.title()):
                    continue
                org = None
            if pattern is NAME_CAP_TITLE_ORG and groups.get("parent"):
                org = f"{org} of {groups['parent']}"
            if pattern is ITS_TITLE_NAME:
                org = BACK_REFERENCE
            taken.add(name)
            found.append((match.start(), Introduction(name, title, org, groups.get("desc"))))
    return [intro for _, intro in sorted(found, key=lambda item: item[0])]
