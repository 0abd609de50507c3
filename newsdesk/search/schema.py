"""The search indexes in the database, one per searchable table, kept current by the database.

PostgreSQL: a stored generated `search_vector` column with a GIN index. SQLite:
an FTS5 table holding each row's text under the row's id, written by triggers.
Either way every insert, update and delete is covered, including `bulk_create`
and `QuerySet.update()`, which send no signals. The vector column is not a
model field: the ORM never writes it, and SQLite has no such type.

Which rows a reader may see is decided at query time, never here, so that a
scheduled article goes live without any reindexing.
"""

import re
from dataclasses import dataclass

VECTOR_COLUMN = "search_vector"

# Inline formatting joins its text to the neighbouring words; every other tag
# (paragraphs, headings, list items, line breaks) separates words.
INLINE_TAGS = ("strong", "em", "b", "i", "a")

# The entities the sanitiser leaves in text, decoded after the tags are gone
# ("&amp;" last, so that an escaped "&amp;lt;" stays "&lt;").
ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&nbsp;", " "), ("&amp;", "&"))


def decode_entities_sql(sql):
    for entity, char in ENTITIES:
        sql = f"replace({sql}, '{entity}', '{char.replace(chr(39), chr(39) * 2)}')"
    return sql


def pg_html_text(column):
    """SQL for the text of an HTML column, without tags or attributes (PostgreSQL)."""
    inline = "|".join(INLINE_TAGS)
    sql = f"regexp_replace(coalesce({{t}}{column}, ''), '</?({inline})(\\s[^>]*)?>', '', 'gi')"
    return decode_entities_sql(f"regexp_replace({sql}, '<[^>]*>', ' ', 'g')")


def sqlite_html_text(column):
    """SQL for the text of an HTML column, without tags or attributes (SQLite).

    SQLite has no regular expressions, and a trigger may not use a recursive
    query, so the HTML is split at every "<" by reading it as a JSON array:
    each piece after the first is a tag up to its ">" followed by text. The
    sanitiser escapes "<" in text, so every "<" starts a tag. Should the
    array not parse (a control character), the raw HTML is indexed instead.
    """
    escaped = f"replace(replace(coalesce({column}, ''), '\\', '\\\\'), '\"', '\\\"')"
    for char in (10, 13, 9):
        escaped = f"replace({escaped}, char({char}), ' ')"
    array = f"""'["' || replace({escaped}, '<', '","') || '"]'"""
    inline = " OR ".join(
        f"piece.value GLOB '{slash}{tag}{end}*'"
        for tag in INLINE_TAGS
        for slash in ("", "/")
        for end in (">", " ")
    )
    text = (
        "(SELECT group_concat(CASE WHEN piece.key = 0 THEN piece.value ELSE "
        f"CASE WHEN {inline} THEN '' ELSE ' ' END "
        "|| substr(piece.value, instr(piece.value, '>') + 1) END, '') "
        f"FROM json_each({array}) AS piece)"
    )
    return f"CASE WHEN json_valid({array}) THEN {decode_entities_sql(text)} ELSE {column} END"


def sqlite_json_list(column, separator=", "):
    """SQL joining a JSON list of strings (aliases) into one text."""
    return (
        f"CASE WHEN json_valid({column}) THEN "
        f"coalesce((SELECT group_concat(item.value, '{separator}') "
        f"FROM json_each({column}) AS item), '') "
        "ELSE '' END"
    )


@dataclass(frozen=True)
class Column:
    name: str
    # SQL for the column's text, in terms of a row named `row`.
    sqlite: str
    pg: str
    weight: str  # PostgreSQL's A-D, the same order as `RANKS` below
    # What a results page shows of the column on PostgreSQL, when not `pg` (a JSON list).
    # In both, "{t}" stands for the table's alias in a query.
    pg_display: str = ""

    def pg_sql(self):
        """`pg` for the generated column, where names need no table."""
        return self.pg.replace("{t}", "")


# How much a match counts in each PostgreSQL weight class, and the same for
# SQLite's bm25(): a headline match outranks any standfirst match, which
# outranks a match in the body.
RANKS = {"A": 10.0, "B": 4.0, "C": 1.0, "D": 0.5}


@dataclass(frozen=True)
class Index:
    table: str
    # PostgreSQL text-search configuration; the SQLite tokenizer does the same job.
    config: str
    tokenizer: str
    columns: tuple

    @property
    def fts_table(self):
        return f"{self.table}_fts"

    @property
    def gin_index(self):
        return f"{self.table}_search_idx"

    @property
    def bm25_weights(self):
        return tuple(RANKS[column.weight] for column in self.columns)

    def column_number(self, name):
        return [column.name for column in self.columns].index(name)

    # PostgreSQL

    def pg_vector(self):
        return " || ".join(
            f"setweight(to_tsvector('{self.config}'::regconfig, {column.pg_sql()}), "
            f"'{column.weight}')"
            for column in self.columns
        )

    def pg_create(self):
        return [
            # Kept in the row (MAIN): by default PostgreSQL moved a story's vector
            # out to its TOAST table, and a search read it from there for every
            # row it looked at, ~8 times the pages. A rare word's search for the
            # newest 1,000 matches went from 62-82 ms to 22-28 ms (100,000 stories,
            # EXPLAIN ANALYZE); the body is moved out in its place. In one
            # statement, so that the rows are written once, already so.
            f"ALTER TABLE {self.table} ADD COLUMN {VECTOR_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({self.pg_vector()}) STORED, "
            f"ALTER COLUMN {VECTOR_COLUMN} SET STORAGE MAIN",
            f"CREATE INDEX {self.gin_index} ON {self.table} USING gin ({VECTOR_COLUMN})",
        ]

    def pg_drop(self):
        return [f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS {VECTOR_COLUMN}"]

    # SQLite

    def _sqlite_values(self, row):
        return ", ".join(column.sqlite.replace("row.", f"{row}.") for column in self.columns)

    def _sqlite_insert(self, row):
        names = ", ".join(column.name for column in self.columns)
        return (
            f"INSERT INTO {self.fts_table}(rowid, {names}) "
            f"VALUES ({row}.id, {self._sqlite_values(row)});"
        )

    def sqlite_triggers(self):
        watched = ", ".join(self.watched_columns)
        delete = f"DELETE FROM {self.fts_table} WHERE rowid = OLD.id;"
        return [
            f"CREATE TRIGGER {self.fts_table}_insert AFTER INSERT ON {self.table} "
            f"BEGIN {self._sqlite_insert('NEW')} END",
            # Only the indexed columns: the newsroom generator's later
            # timestamp update of every article need not rewrite the index.
            f"CREATE TRIGGER {self.fts_table}_update AFTER UPDATE OF id, {watched} ON {self.table} "
            f"BEGIN {delete} {self._sqlite_insert('NEW')} END",
            f"CREATE TRIGGER {self.fts_table}_delete AFTER DELETE ON {self.table} "
            f"BEGIN {delete} END",
        ]

    @property
    def trigger_names(self):
        return [f"{self.fts_table}_{event}" for event in ("insert", "update", "delete")]

    @property
    def watched_columns(self):
        return sorted({name for column in self.columns for name in _row_columns(column.sqlite)})

    def sqlite_create(self, fill=True):
        names = ", ".join(column.name for column in self.columns)
        return [
            f"CREATE VIRTUAL TABLE {self.fts_table} "
            f"USING fts5({names}, tokenize = '{self.tokenizer}')",
            *self.sqlite_triggers(),
            *([self.sqlite_fill()] if fill else []),
        ]

    def sqlite_fill(self, id_range=False):
        """Index the existing rows; with `id_range`, those with first < id <= last (two params)."""
        names = ", ".join(column.name for column in self.columns)
        where = " WHERE row.id > %s AND row.id <= %s" if id_range else ""
        return (
            f"INSERT INTO {self.fts_table}(rowid, {names}) "
            f"SELECT row.id, {self._sqlite_values('row')} FROM {self.table} AS row{where}"
        )

    def sqlite_drop(self):
        return [
            *(f"DROP TRIGGER IF EXISTS {name}" for name in self.trigger_names),
            f"DROP TABLE IF EXISTS {self.fts_table}",
        ]


def _row_columns(sql):
    return set(re.findall(r"\brow\.(\w+)", sql))


def text(column):
    return f"coalesce(row.{column}, '')"


def pg_text(column):
    return f"coalesce({{t}}{column}, '')"


def pg_list(column):
    return f"array_to_string(ARRAY(SELECT jsonb_array_elements_text({{t}}{column})), ', ')"


ENGLISH = ("english", "porter unicode61 remove_diacritics 2")
# Names are not English words: no stemming, no stop words.
SIMPLE = ("simple", "unicode61 remove_diacritics 2")


def create_sql(vendor, index, fill=True):
    if vendor == "postgresql":
        return index.pg_create()
    return index.sqlite_create(fill=fill) if vendor == "sqlite" else []


def drop_sql(vendor, index):
    if vendor == "postgresql":
        return index.pg_drop()
    return index.sqlite_drop() if vendor == "sqlite" else []


def create(schema_editor, *indexes):
    """For migrations: the indexes on PostgreSQL or SQLite; nothing elsewhere."""
    for index in indexes:
        for sql in create_sql(schema_editor.connection.vendor, index):
            schema_editor.execute(sql, params=None)


def drop(schema_editor, *indexes):
    for index in indexes:
        for sql in drop_sql(schema_editor.connection.vendor, index):
            schema_editor.execute(sql, params=None)


# Every registered kind's index (see kinds.register), for restore_sqlite_triggers.
INDEXES = []


def register(index):
    if index not in INDEXES:
        INDEXES.append(index)


def restore_sqlite_triggers(connection):
    """Re-create the triggers a table rebuild dropped, and reindex that table.

    SQLite cannot alter most columns in place, so a migration that changes one
    copies the table into a new one, and triggers on the old table go with it.
    Run after every `migrate`, this puts them back; the table is reindexed
    because the rows written in between were not. Returns the tables repaired.
    """
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for (name,) in cursor.fetchall()}
        repaired = []
        for index in INDEXES:
            # Before the search migrations have run there is nothing to keep current.
            if index.fts_table not in present:
                continue
            if all(name in present for name in index.trigger_names):
                continue
            for name in index.trigger_names:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for sql in index.sqlite_triggers():
                cursor.execute(sql)
            cursor.execute(f"DELETE FROM {index.fts_table}")
            cursor.execute(index.sqlite_fill())
            repaired.append(index.table)
    return repaired
