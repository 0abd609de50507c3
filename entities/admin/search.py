"""Admin search over names and their aliases, ranked for autocomplete.

Typing "Cheng" into a person field of a 20,000-person table must put the Cheng
the desk means on the first page: exact names and aliases come first, then
names and aliases that start with what was typed, then names with a word that
does ("Tim Cheng Kwang-ting"), then the rest. Within each tier the people
stories mention most come first, so the well-covered Cheng beats the
hundred others. All of it is one ORDER BY on the search's own query.
"""

from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat

# Shorter terms match most of the table; ranking them by use would count everyone's.
MIN_TERM_FOR_USAGE = 3


class AliasesText(models.Func):
    """An AliasesField's names as plain text, for `icontains` searches.

    SQLite stores JSON with non-ASCII characters as \\uXXXX escapes, so the raw
    column never contains a name written in Chinese characters; there the
    list is read back through json_each, which decodes them.
    """

    template = "CAST(%(expressions)s AS text)"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="(SELECT group_concat(value, char(10)) FROM json_each(%(expressions)s))",
            **extra_context,
        )


class AliasesLines(models.Func):
    """The aliases one a line, so that a whole alias is "\\n" + alias + "\\n"."""

    output_field = models.TextField()
    template = "(SELECT group_concat(value, char(10)) FROM json_each(%(expressions)s))"

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template=(
                "(SELECT string_agg(value, chr(10)) "
                "FROM jsonb_array_elements_text(%(expressions)s::jsonb))"
            ),
            **extra_context,
        )


def ranked(queryset, term, *, names, parts=(), usage=None):
    """`queryset` ordered by how well `term` matches, best first.

    `names` are the fields holding a whole name ("display_name"), `parts` those
    holding one part of it ("family_name"); `usage` a reverse relation whose
    count breaks ties.
    """
    term = " ".join(term.split())
    if not term:
        return queryset
    text = models.TextField()
    lines = Concat(
        Value("\n", output_field=text),
        Coalesce(AliasesLines("aliases"), Value("", output_field=text)),
        Value("\n", output_field=text),
        output_field=text,
    )
    queryset = queryset.alias(alias_lines=lines)
    exact = Q(alias_lines__icontains=f"\n{term}\n")
    prefix = Q(alias_lines__icontains=f"\n{term}")
    word = Q()
    for field in names:
        exact |= Q(**{f"{field}__iexact": term})
        prefix |= Q(**{f"{field}__istartswith": term})
        word |= Q(**{f"{field}__icontains": f" {term}"})
    for field in parts:
        word |= Q(**{f"{field}__iexact": term})
    queryset = queryset.alias(
        search_rank=Case(
            When(exact, then=Value(0)),
            When(prefix, then=Value(1)),
            When(word, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
    order = ["search_rank"]
    if usage and len(term) >= MIN_TERM_FOR_USAGE:
        relation = queryset.model._meta.get_field(usage)
        related = relation.related_model
        uses = (
            related._default_manager.filter(**{relation.field.name: OuterRef("pk")})
            .order_by()
            .values(relation.field.name)
            .annotate(total=Count("pk"))
            .values("total")
        )
        queryset = queryset.alias(search_uses=Coalesce(Subquery(uses), Value(0)))
        order.append("-search_uses")
    return queryset.order_by(*order, *names, "pk")


class AliasesSearchMixin:
    """Lets `search_fields` name "aliases_text": the model's aliases as plain text.

    Searching "aliases" itself would match only ASCII names on SQLite. With
    `rank_names` set, results come ranked (see `ranked`); the changelist then
    applies its own ordering, autocomplete keeps this one.
    """

    rank_names: tuple[str, ...] = ()
    rank_parts: tuple[str, ...] = ()
    rank_usage: str | None = None

    def get_search_results(self, request, queryset, search_term):
        queryset = queryset.alias(aliases_text=AliasesText("aliases"))
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if self.rank_names and search_term.strip():
            queryset = ranked(
                queryset,
                search_term,
                names=self.rank_names,
                parts=self.rank_parts,
                usage=self.rank_usage,
            )
        return queryset, may_have_duplicates
