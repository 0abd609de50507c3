"""What a reader typed, read the way PostgreSQL's websearch_to_tsquery reads it:
words, "quoted phrases", -excluded words and OR. Nothing a reader types is
syntax to the database; the SQLite query is rebuilt from the words alone.
"""

import re
from dataclasses import dataclass, field

# More words than this say nothing more about what is wanted, and only cost time.
MAX_TERMS = 16

CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
WORD = re.compile(r"\w+")


@dataclass
class Alternative:
    required: list = field(default_factory=list)  # each a tuple of words (a phrase)
    excluded: list = field(default_factory=list)


def parse(text):
    """The alternatives (joined by OR) of a query; each needs all its required phrases."""
    alternatives, current, count = [], Alternative(), 0
    for match in CHUNK.finditer(text or ""):
        minus, phrase, bare_minus, bare = match.groups()
        if bare is not None and bare.lower() == "or" and not bare_minus:
            alternatives.append(current)
            current = Alternative()
            continue
        words = tuple(WORD.findall(phrase if phrase is not None else bare))
        if not words or count >= MAX_TERMS:
            continue
        count += len(words)
        (current.excluded if (minus or bare_minus) else current.required).append(words)
    alternatives.append(current)
    return [alternative for alternative in alternatives if alternative.required]


def has_terms(text):
    return bool(parse(text))


def _fts5_phrase(words):
    return '"' + " ".join(word.replace('"', '""') for word in words) + '"'


def fts5_match(text):
    """An FTS5 MATCH expression for `text`, or None when it asks for nothing."""
    clauses = []
    for alternative in parse(text):
        clause = " AND ".join(_fts5_phrase(words) for words in alternative.required)
        for words in alternative.excluded:
            clause = f"({clause}) NOT {_fts5_phrase(words)}"
        clauses.append(f"({clause})")
    return " OR ".join(clauses) or None
