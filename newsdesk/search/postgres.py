"""Ranked search on PostgreSQL: the stored, weighted `search_vector` column that
schema.py defines, websearch_to_tsquery(), ts_rank() and ts_headline()."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db.models import Expression, TextField

from newsdesk.search import MAX_CANDIDATES, schema
from newsdesk.search.markup import START, STOP
from newsdesk.search.terms import has_terms

# ts_rank()'s weights for classes D, C, B and A, in that order.
RANK_WEIGHTS = [schema.RANKS[weight] / schema.RANKS["A"] for weight in "DCBA"]


class OnTable(Expression):
    """SQL over the query's own table, whatever alias it has (a subquery renames it)."""

    def __init__(self, sql, output_field):
        super().__init__(output_field=output_field)
        self.sql = sql

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.sql.replace("{t}", f"{alias}."), []


def ranked(kind, queryset, text, limit, offset):
    """Up to `limit` objects of `queryset` matching `text`, best first, with `<column>_marked`."""
    if not has_terms(text):
        return []
    index = kind.index
    vector = OnTable(f"{{t}}{schema.VECTOR_COLUMN}", SearchVectorField())
    query = SearchQuery(text, config=index.config, search_type="websearch")
    shown = {}
    for name in kind.shown_columns:
        column = index.columns[index.column_number(name)]
        options = (
            {"max_words": 35, "min_words": 15}
            if name in kind.excerpted
            else {"highlight_all": True}
        )
        shown[f"{name}_marked"] = SearchHeadline(
            OnTable(column.pg_display or column.pg, TextField()),
            query,
            config=index.config,
            start_sel=START,
            stop_sel=STOP,
            **options,
        )
    # The newest matches that may be shown, then the best of those.
    candidates = (
        queryset.alias(search_vector_=vector)
        .filter(search_vector_=query)
        .order_by("-pk")
        .values("pk")[:MAX_CANDIDATES]
    )
    results = (
        queryset.filter(pk__in=candidates)
        .annotate(search_rank=SearchRank(vector, query, weights=RANK_WEIGHTS), **shown)
        .order_by("-search_rank", "-pk")
    )
    return list(results[offset : offset + limit])
