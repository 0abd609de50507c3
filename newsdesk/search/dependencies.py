"""Which kept searches a change retires: keys per word, as the search engine reads words.

A search finds only rows holding the words it asks for, after the engine's own
stemming ("innovations" is "innov" to both engines). So a change to a row can
change only the results of searches for words it holds, as it was or as it is,
and only if what the engine holds of those words changed. Both sides ask the
engine itself, never a copy of its rules: PostgreSQL's stored vector of the row
and its `to_tsvector` of the query, or, on SQLite, the FTS5 tokenizer of the
index over the row's indexed text and over the query. A word the engine drops
(a stop word) can then match nothing, on either side.

Each word has two keys. A search for one word depends on its `term_key`,
retired when the word comes into or leaves a row, or when what the ranking
reads of it changes: the weight of each place it holds on PostgreSQL (ts_rank),
how often it is in each column on SQLite (bm25). A search for several words (or
a phrase) also weighs how near they are, and depends on their `places_key`,
retired as well when a word moves. A row coming into the searches or leaving
them (published, taken down, moved to another section or date, which the
searches' filters read) retires both keys of every word it holds.

Ranking on SQLite (bm25) also weighs the length of each row and statistics of
the whole index, which any write moves a little; that reorders nothing a reader
could tell from a change to what is shown, and retires no search. A row a
search shows is retired with the row itself, whatever changed in it.
"""

import sqlite3
import threading

from django.db import connections

from newsdesk.search.schema import VECTOR_COLUMN
from newsdesk.search.terms import parse

TERM_KEY = "search:{table}:{term}"
SCHEDULE_KEY = "search:{table}:scheduled"

_local = threading.local()


def term_key(index, term):
    return TERM_KEY.format(table=index.table, term=term)


def schedule_key(index):
    """A key no change retires, named by every scheduled row's entry in the schedule:
    searches that depend on it are kept only until the next row goes live."""
    return SCHEDULE_KEY.format(table=index.table)


def places_key(index, term):
    return f"{term_key(index, term)}:places"


def row_entries(index, pk, using="default"):
    """{term: (what the ranking reads of it, where it is)} for row `pk` as the engine
    holds it ({} if the row is not indexed)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT lexeme, positions, weights FROM unnest("
                f"(SELECT {VECTOR_COLUMN} FROM {index.table} WHERE id = %s))",
                [pk],
            )
            # Positions come in order, so the weights read in the order ts_rank reads them.
            return {
                term: (tuple(weights or ()), tuple(positions or ()))
                for term, positions, weights in cursor.fetchall()
            }
    if connection.vendor == "sqlite":
        columns = ", ".join(column.name for column in index.columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {index.fts_table} WHERE rowid = %s", [pk])
            row = cursor.fetchone()
        if row is None:
            return {}
        places = {}
        for term, column, offset in sqlite_places(index.tokenizer, row):
            places.setdefault(term, []).append((column, offset))
        return {
            term: (tuple(sorted(column for column, _ in found)), tuple(sorted(found)))
            for term, found in places.items()
        }
    return {}


def changed_keys(index, before, after):
    """The keys a change of a row from `before` to `after` (each `row_entries`, or None
    if the row was or is out of the searches) retires."""
    if before is None or after is None:
        terms = set(before or ()) | set(after or ())
        return {key for term in terms for key in (term_key(index, term), places_key(index, term))}
    keys = set()
    for term in before.keys() | after.keys():
        old, new = before.get(term), after.get(term)
        if old == new:
            continue
        keys.add(places_key(index, term))
        if old is None or new is None or old[0] != new[0]:
            keys.add(term_key(index, term))
    return keys


def query_keys(index, text, using="default"):
    """The keys of the words of the search `text` (those it asks for and those it
    excludes), as the engine reads them: the `term_key` of its one word, or the
    `places_key` of each of several."""
    words = " ".join(
        word
        for alternative in parse(text)
        for phrase in (*alternative.required, *alternative.excluded)
        for word in phrase
    )
    # The text as typed too: the engine's parser may split it otherwise than
    # into words ("cross-border" is also one term on PostgreSQL).
    texts = [text or "", words]
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s)), "
                "tsvector_to_array(to_tsvector(%s::regconfig, %s))",
                [index.config, texts[0], index.config, texts[1]],
            )
            terms = {term for found in cursor.fetchone() for term in (found or ())}
    elif connection.vendor == "sqlite":
        terms = sqlite_terms(index.tokenizer, " ".join(texts))
    else:
        terms = set()
    if len(terms) == 1:
        return {term_key(index, term) for term in terms}
    return {places_key(index, term) for term in terms}


def sqlite_terms(tokenizer, text):
    """The terms FTS5 indexes for `text` with `tokenizer`."""
    return {term for term, _, _ in sqlite_places(tokenizer, [text])}


def sqlite_places(tokenizer, texts):
    """[(term, column number, offset)] of `texts`, one per column, as FTS5 indexes them:
    written into a table of the same tokenizer in a private in-memory database, read
    back, rolled back."""
    names = ", ".join(f"c{number}" for number in range(len(texts)))
    name = f"{tokenizer}:{len(texts)}"
    database = _tokenizers().get(name)
    if database is None:
        database = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        database.execute(
            f"CREATE VIRTUAL TABLE words USING fts5({names}, tokenize = '{tokenizer}')"
        )
        database.execute("CREATE VIRTUAL TABLE places USING fts5vocab(words, 'instance')")
        _tokenizers()[name] = database
    database.execute("BEGIN")
    try:
        database.execute(
            f"INSERT INTO words(rowid, {names}) VALUES (1, {', '.join('?' * len(texts))})",
            [text or "" for text in texts],
        )
        return [
            (term, int(column[1:]), offset)
            for term, column, offset in database.execute("SELECT term, col, offset FROM places")
        ]
    finally:
        database.execute("ROLLBACK")


def _tokenizers():
    if not hasattr(_local, "tokenizers"):
        _local.tokenizers = {}
    return _local.tokenizers
