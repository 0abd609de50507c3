from django.db import models


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


class AliasesSearchMixin:
    """Lets `search_fields` name "aliases_text": the model's aliases as plain text.

    Searching "aliases" itself would match only ASCII names on SQLite.
    """

    def get_search_results(self, request, queryset, search_term):
        queryset = queryset.alias(aliases_text=AliasesText("aliases"))
        return super().get_search_results(request, queryset, search_term)
