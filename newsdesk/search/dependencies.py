"""Which kept searches a change retires: one key per word, as the search engine reads words.

A search finds only rows holding the words it asks for, after the engine's own
stemming ("innovations" is "innov" to both engines). So a change to a row can
change only the results of searches for words the row holds, as it was or as
it is. A search's kept results depend on the keys of its words (`query_keys`);
a change to a row retires the keys of the words it holds (`row_keys`) before
and after. Both sides ask the engine itself, never a copy of its rules:
PostgreSQL's stored vector of the row and its `to_tsvector` of the query, or,
on SQLite, the FTS5 tokenizer of the index over the row's indexed text and over
the query. A word the engine drops (a stop word) can then match nothing, on
either side.

Ranking on SQLite (bm25) also weighs statistics of the whole index, which any
write moves a little; that reorders nothing a reader could tell from a change
to what is shown, and retires no search.
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


def row_keys(index, pk, using="default"):
    """The keys of the words row `pk` holds in `index` now (none if it is not indexed)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT tsvector_to_array({VECTOR_COLUMN}) FROM {index.table} WHERE id = %s",
                [pk],
            )
            row = cursor.fetchone()
        terms = set(row[0]) if row and row[0] else set()
    elif connection.vendor == "sqlite":
        columns = ", ".join(column.name for column in index.columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {index.fts_table} WHERE rowid = %s", [pk])
            row = cursor.fetchone()
        terms = (
            sqlite_terms(index.tokenizer, " ".join(text or "" for text in row)) if row else set()
        )
    else:
        terms = set()
    return {term_key(index, term) for term in terms}


def query_keys(index, text, using="default"):
    """The keys of every word of the search `text` (the words it asks for and those it
    excludes), as the engine reads them."""
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
    return {term_key(index, term) for term in terms}


def sqlite_terms(tokenizer, text):
    """The terms FTS5 indexes for `text` with `tokenizer`: written into a table of
    the same tokenizer in a private in-memory database, read back, rolled back."""
    database = _tokenizers().get(tokenizer)
    if database is None:
        database = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        database.execute(f"CREATE VIRTUAL TABLE words USING fts5(text, tokenize = '{tokenizer}')")
        database.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(words, 'row')")
        _tokenizers()[tokenizer] = database
    database.execute("BEGIN")
    try:
        database.execute("INSERT INTO words(rowid, text) VALUES (1, ?)", [text])
        return {term for (term,) in database.execute("SELECT term FROM terms")}
    finally:
        database.execute("ROLLBACK")


def _tokenizers():
    if not hasattr(_local, "tokenizers"):
        _local.tokenizers = {}
    return _local.tokenizers
