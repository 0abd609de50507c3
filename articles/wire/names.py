"""Forms of people's and organisations' names in Hong Kong and mainland copy.

Alias policy: a person's stored aliases are only full forms that identify them
across stories ("Tim Cheng", "Cheng Kwang-ting"). The bare family name ("Cheng",
"Cui") is how a story refers back to someone it has introduced, so it resolves
speakers within one story but is never stored: across the archive it would
name hundreds of people.
"""

from dataclasses import dataclass, field

# One word of a person's name: Cheng, Kwang-ting, Kai-Lung, McKinsey.
NAME_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Za-z][a-z]+)?"
PERSON_NAME = rf"(?<![\w'-]){NAME_WORD}(?: {NAME_WORD}){{1,3}}(?![\w-])"

# A word of an organisation's name: ZTE, Caijing, iFlytek, Ernst & Young.
# Possessive: whatever follows a name never starts inside one of its words, and
# giving back letters one at a time would only multiply the failed attempts.
_ORG_WORD = r"(?:People's|[A-Z][\w&-]*+|[a-z]++[A-Z][\w-]*+)"
# "on" joins "Council on Climate" but not "Caijing on Thursday" or "on Jan 22".
_ON = r"on(?! (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day| [A-Z][a-z]+\.? \d)"
# Bounded so that a run of capitalised words costs each start a few words, not
# the rest of the run: "of the", "and the" are the most joining words a real
# name puts between two of its words, and a dozen words the longest real name.
ORG_NAME_MAX_WORDS = 12
ORG_NAME = (
    rf"(?<![\w-]){_ORG_WORD}"
    rf"(?:(?: (?:of|and|for|{_ON}|the|&)){{0,2}} {_ORG_WORD}){{0,{ORG_NAME_MAX_WORDS - 1}}}"
)

# A job title as stories write it after a name: lower-case words.
TITLE = r"[a-z][a-z-]*(?: (?:[a-z][a-z-]*|&)){0,7}"

# Words that start a sentence or a place, never a person.
_NOT_GIVEN_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "By",
        "For",
        "From",
        "During",
        "Speaking",
        "While",
        "Taking",
        "With",
        "Hong",
        "Kong",
        "Macao",
        "Macau",
        "Shenzhen",
        "Shanghai",
        "Beijing",
        "Singapore",
        "China",
        "Greater",
        "Bay",
    ]
)

# Words of place and organisation names that a capitalised run may hold.
_PLACE_WORDS = frozenset(
    [
        "Area",
        "Bay",
        "City",
        "District",
        "Region",
        "Limited",
        "University",
        "Group",
        "Province",
        "County",
        "Municipality",
    ]
)

# Words that never belong to a person's name, only to an organisation, an event,
# a place or an office.
NOT_NAME_WORDS = frozenset(
    """
    Academy Affairs Agency Alliance Association Authority Awards Bank Bureau Capital Centre
    Center Commerce Commission Conference Council Culture Department Development Digital
    Economy Education Environment Expo Faculty Festival Finance Forum Foundation Fund Group
    Health Holdings Industry Information Innovation Institute Laboratory Limited Media
    Ministry Motors Office Partners Research School Science Secretary Security Summit
    Technologies Technology Therapeutics Trade Transport Minister Commissioner Director
    Chairman President Ventures Week Governance Symposium Seminar Exhibition Hall Room
    Theatre Ballroom Auditorium Hotel Stadium Arena Gallery Museum Library Tower Plaza
    """.split()  # noqa: SIM905 - a list literal would run to many lines
)

# Words that head a job title: "Chief Information Officer", "Founding Partner".
TITLE_HEADS = frozenset(
    """
    President Vice-President Officer Chairman Chairwoman Chairperson Chair Partner Editor
    Head Director Founder Co-founder Professor Manager Secretary Dean Principal Chief
    Executive Commissioner Governor Adviser Advisor Economist Scientist Engineer Lead
    Convenor Ambassador Consul Treasurer Fellow Researcher Analyst CEO CTO CFO COO
    Co-Founder Vice-Chancellor Provost Superintendent Controller Curator Publisher Founding
    Deputy Senior General Managing Vice Presenter Host Anchor Lecturer Reporter
    Correspondent Lawmaker Legislator Councillor
    """.split()  # noqa: SIM905 - a list literal would run to many lines
)

# Romanised Chinese family names common in Hong Kong, Macao, Singapore and mainland copy.
CHINESE_FAMILY_NAMES = frozenset(
    """
    Au Bai Cai Cao Chan Chang Chau Chen Cheng Cheung Chiu Choi Chong Chow Chu Chung Cui
    Deng Ding Dong Du Fan Fang Feng Fok Fu Fung Gao Gu Guo Han Hao He Ho Hon Hu Huang Hui
    Ip Jiang Jin Kong Kwan Kwok Lai Lam Lau Law Lee Leung Li Liang Liao Lin Ling Liu Lo
    Lu Luk Luo Lui Ma Mak Man Mo Ng Ngai Pan Peng Poon Qian Qin Shen Shi Siu Song Su Sun
    Szeto Tam Tan Tang Tao Teo Tian To Tong Tsang Tse Tsui Wan Wang Wei Wen Wong Woo Wu
    Chua Goh Koh Lim Ong Quek Seah Tay Toh Yap
    Xia Xiao Xie Xu Xue Yan Yang Yao Ye Yeung Yip Yu Yuan Yuen Yung Zeng Zhang Zhao Zheng
    Zhong Zhou Zhu
    """.split()  # noqa: SIM905 - a list literal would run to a hundred lines
)


# Courtesy and professional titles written before a name: "Dr Evelyn Chiu",
# "Professor Martin Yuen Ka-fai", "Ir Dr Edwin Tang". Never part of the name.
HONORIFICS = frozenset(
    ["Dr", "Prof", "Professor", "Ir", "Mr", "Mrs", "Ms", "Miss", "Madam", "Sir", "Dame", "Hon"]
)
HONORIFIC = r"(?:(?:Dr|Prof|Professor|Ir|Mr|Mrs|Ms|Miss|Madam|Sir|Dame|Hon)\.? )"


def strip_honorifics(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class NameParts:
    family_name: str | None
    given_names: str | None
    english_name: str | None = None
    aliases: tuple[str, ...] = field(default=())


def plausible_person(name: str) -> bool:
    words = strip_honorifics(name).split()
    return (
        2 <= len(words) <= 4
        and words[0] not in _NOT_GIVEN_NAMES
        and not _PLACE_WORDS.intersection(words)
        and not NOT_NAME_WORDS.intersection(words)
    )


def looks_chinese(name: str) -> bool:
    """A name with a Chinese family name or a hyphenated Cantonese given name in it."""
    words = name.split()
    return "-" in words[-1] or any(word in CHINESE_FAMILY_NAMES for word in words)


def split_name(name: str) -> NameParts:
    """Family, given and English names, from the order the name is written in.

    "Tim Cheng Kwang-ting": a hyphenated Cantonese given name comes last, the
    family name before it and an English name, if any, first. "Cui Li": a known
    Chinese family name written first is the family name. Otherwise the name is
    read in Western order, family name last.
    """
    words = name.split()
    if len(words) < 2:
        return NameParts(family_name=name or None, given_names=None)
    if "-" in words[-1]:
        family, given = words[-2], words[-1]
        english = " ".join(words[:-2]) or None
        aliases = (f"{english} {family}", f"{family} {given}") if english else ()
        # "Kwang-ting" is also written "Kwang Ting": the same person, spelt without the hyphen.
        spaced = " ".join(part.capitalize() for part in given.split("-"))
        unhyphenated = (f"{english} {family} {spaced}",) if english else ()
        aliases += (*unhyphenated, f"{family} {spaced}")
        return NameParts(family, given, english, aliases)
    if words[0] in CHINESE_FAMILY_NAMES:
        return NameParts(words[0], " ".join(words[1:]))
    if len(words) >= 3 and words[1] in CHINESE_FAMILY_NAMES:
        # Singapore and Malaysian order: "Marcus Tan Wei Ming".
        english, family, given = words[0], words[1], " ".join(words[2:])
        return NameParts(family, given, english, (f"{english} {family}", f"{family} {given}"))
    return NameParts(words[-1], " ".join(words[:-1]))


def initials(name: str) -> str:
    """The acronym a name's capitalised words make: HKUST for the university."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def is_acronym_of(acronym: str, name: str) -> bool:
    return len(acronym) >= 2 and acronym.upper() == initials(name).upper()


def looks_like_acronym(word: str) -> bool:
    return 2 <= len(word) <= 8 and word.isalpha() and word.isupper()
