"""Finding the people, organisations and events a text names.

Every known name goes into one Aho-Corasick automaton, so a story is scanned
once whatever the number of names; a name is never a query or a regex of its own.
"""

import threading
import unicodedata
import uuid
from dataclasses import dataclass

import ahocorasick
from django.core.cache import cache

PERSON, ORGANISATION, EVENT = "person", "organisation", "event"

# Shorter names ("Li", "Wu") would match all over a story; acronyms are exempt.
MIN_NAME_LENGTH = 3
MAX_ACRONYM_LENGTH = 5

VERSION_CACHE_KEY = "entities:matcher-version"

# Typographic variants folded onto one form; each maps one character to one,
# so offsets in the folded text are offsets in the original.
_EQUIVALENTS = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual curly apostrophe
        "\u2018": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u00a0": " ",
        "\u202f": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
    }
)


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    pk: int
    text: str  # as written in the scanned text
    start: int
    end: int


def is_acronym(name):
    return len(name) <= MAX_ACRONYM_LENGTH and " " not in name and name.isupper()


def _normalise(name):
    return " ".join(name.translate(_EQUIVALENTS).split())


def _fold(text):
    """The text as the automaton sees it, and the original offset of each folded character.

    The offsets are None when folding kept every character in place, which is
    nearly always; "ß" becoming "ss" or a run of spaces collapsing shifts them.
    """
    text = text.translate(_EQUIVALENTS)
    folded = text.casefold()
    if len(folded) == len(text) and "  " not in text:
        return folded, None
    pieces, origins = [], []
    for index, char in enumerate(text):
        if char == " " and pieces and pieces[-1] == " ":
            continue
        piece = char.casefold()
        pieces.append(piece)
        origins.extend([index] * len(piece))
    origins.append(len(text))
    return "".join(pieces), origins


def _is_word_char(char):
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _is_unspaced(char):
    # Chinese and Japanese run words together, so a name in those scripts
    # cannot ask for spaces around it.
    return unicodedata.east_asian_width(char) in ("W", "F")


def _at_boundary(text, inner, outer):
    if outer < 0 or outer >= len(text):
        return True
    return _is_unspaced(text[inner]) or not _is_word_char(text[outer])


class EntityMatcher:
    def __init__(self, names):
        """`names` is an iterable of (kind, pk, name), one for every form of every name."""
        entries = {}
        for kind, pk, name in names:
            name = _normalise(name or "")
            acronym = is_acronym(name)
            if len(name) < MIN_NAME_LENGTH and not acronym:
                continue
            key = name.casefold()
            # An acronym only matches as written: "ZTE", never "zte".
            exact = name if acronym else None
            targets = entries.setdefault(key, {})
            # Known by any form that matches in any case, the entity does.
            if (kind, pk) not in targets or exact is None:
                targets[(kind, pk)] = exact
        self.automaton = ahocorasick.Automaton()
        for key, targets in entries.items():
            self.automaton.add_word(
                key,
                (len(key), tuple((kind, pk, exact) for (kind, pk), exact in targets.items())),
            )
        self.size = len(entries)
        if self.size:
            self.automaton.make_automaton()

    @classmethod
    def from_database(cls, chunk_size=2000):
        return cls(database_names(chunk_size))

    def find(self, text):
        """Every name in `text`; where names overlap, the longest wins.

        A name shared by several entities gives a match for each of them.
        """
        if not self.size or not text:
            return []
        folded, origins = _fold(text)
        spans = []
        for last, (length, targets) in self.automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            if not (_at_boundary(folded, start, start - 1) and _at_boundary(folded, last, end)):
                continue
            if origins is not None:
                start, end = origins[start], origins[end - 1] + 1
            written = text[start:end]
            found = [(kind, pk) for kind, pk, exact in targets if exact is None or exact == written]
            if found:
                spans.append((start, end, found))
        return _longest(text, spans)


def _longest(text, spans):
    taken = bytearray(len(text))
    matches = []
    for start, end, found in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        matches.extend(Match(kind, pk, text[start:end], start, end) for kind, pk in found)
    matches.sort(key=lambda match: match.start)
    return matches


def database_names(chunk_size=2000):
    """(kind, pk, name) for every form of every entity's name, without model instances."""
    from entities.models import Event, Organisation, Person

    people = Person.objects.order_by().values_list("pk", "display_name", "aliases")
    for pk, display_name, aliases in people.iterator(chunk_size=chunk_size):
        yield PERSON, pk, display_name
        yield from ((PERSON, pk, alias) for alias in _strings(aliases))
    organisations = Organisation.objects.order_by().values_list(
        "pk", "name", "short_name", "aliases"
    )
    for pk, name, short_name, aliases in organisations.iterator(chunk_size=chunk_size):
        yield ORGANISATION, pk, name
        if short_name:
            yield ORGANISATION, pk, short_name
        yield from ((ORGANISATION, pk, alias) for alias in _strings(aliases))
    events = Event.objects.order_by().values_list("pk", "name")
    for pk, name in events.iterator(chunk_size=chunk_size):
        yield EVENT, pk, name


def _strings(aliases):
    # Aliases are a JSON list; anything else in the column is ignored, not fatal.
    return (
        [alias for alias in aliases if isinstance(alias, str)] if isinstance(aliases, list) else []
    )


# The matcher built by this process and the names version it was built from.
_built = (None, None)
_build_lock = threading.Lock()


def names_changed():
    """Tell every process that its matcher is out of date.

    The version is a fresh random token rather than a counter: should the cache
    lose the key, a counter would start again and could land on a number some
    process had already built from.
    """
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)


def _current_version():
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        # First use, or the cache lost the key: agree on one token, then read it back.
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_CACHE_KEY)
    return version


def get_matcher():
    """This process's matcher, rebuilt first if any name changed since it was built."""
    global _built
    version = _current_version()
    built_version, matcher = _built
    if matcher is not None and built_version == version:
        return matcher
    with _build_lock:
        built_version, matcher = _built
        if matcher is None or built_version != version:
            # The version is read before the names are: a change made during the
            # build leaves a newer version behind, and the next call builds again.
            matcher = EntityMatcher.from_database()
            _built = (version, matcher)
    return matcher
