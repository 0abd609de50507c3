"""Ranked search on SQLite: FTS5's MATCH, bm25() and snippet() over the tables
that schema.py keeps current, joined to the rows a reader may see."""

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections

from newsdesk.search import MAX_CANDIDATES
from newsdesk.search.markup import ELLIPSIS, START, STOP
from newsdesk.search.terms import fts5_match

# Words either side of the best match in a passage.
SNIPPET_TOKENS = 32


def _where(queryset):
    """The WHERE clause of `queryset`, written against its own table.

    The caller's queryset (`Article.objects.published()` and the filters) stays
    the one definition of what may be shown; the search only adds its join.
    """
    query = queryset.query
    if sum(1 for count in query.alias_refcount.values() if count) > 1:
        raise ValueError("A search can only narrow a queryset on its own table's columns.")
    compiler = query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:
        return "1 = 1", []
    return sql, list(params)


def _shown(kind, fts):
    columns, params = [], []
    for name in kind.shown_columns:
        number = kind.index.column_number(name)
        if name in kind.excerpted:
            columns.append(
                f"snippet({fts}, {number}, %s, %s, %s, {SNIPPET_TOKENS}) AS {name}_marked"
            )
            params += [START, STOP, ELLIPSIS]
        else:
            columns.append(f"highlight({fts}, {number}, %s, %s) AS {name}_marked")
            params += [START, STOP]
    return columns, params


def ranked(kind, queryset, text, limit, offset):
    """Up to `limit` objects of `queryset` matching `text`, best first, with `<column>_marked`."""
    match = fts5_match(text)
    if match is None:
        return []
    try:
        where, where_params = _where(queryset)
    except EmptyResultSet:
        return []
    connection = connections[queryset.db]
    table = connection.ops.quote_name(kind.index.table)
    fts = connection.ops.quote_name(kind.index.fts_table)
    weights = ", ".join(str(weight) for weight in kind.index.bm25_weights)
    shown, shown_params = _shown(kind, fts)
    # The newest matches that may be shown (FTS5 reads its index in id order,
    # so this stops early), then the best of those, then their rows and
    # passages: SQLite computes every selected column before it sorts.
    candidates = (
        f"SELECT {fts}.rowid AS id, bm25({fts}, {weights}) AS search_rank "
        f"FROM {fts} INNER JOIN {table} ON {table}.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND ({where}) ORDER BY {fts}.rowid DESC LIMIT %s"
    )
    sql = (
        f"SELECT {table}.*, {', '.join(shown)}, ranked.search_rank FROM ("
        f"SELECT id, search_rank FROM ({candidates}) "
        "ORDER BY search_rank, id DESC LIMIT %s OFFSET %s"
        f") AS ranked INNER JOIN {fts} ON {fts}.rowid = ranked.id "
        f"INNER JOIN {table} ON {table}.id = ranked.id "
        f"WHERE {fts} MATCH %s ORDER BY ranked.search_rank, ranked.id DESC"
    )
    params = [
        *shown_params,
        *(match, *where_params, MAX_CANDIDATES),
        *(limit, offset),
        match,
    ]
    return list(queryset.model._default_manager.db_manager(queryset.db).raw(sql, params))
