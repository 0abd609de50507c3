from django.db import migrations

from articles.search import ARTICLES
from newsdesk.search import schema


def rewrite_vectors(apps, schema_editor):
    """PostgreSQL: the stories' search vectors made again, kept in the row (see
    Index.pg_create). Changing the column's storage alone would leave the vectors
    already written where they are. SQLite keeps its index apart: nothing to do."""
    if schema_editor.connection.vendor == "postgresql":
        schema.drop(schema_editor, ARTICLES)
        schema.create(schema_editor, ARTICLES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_article_created_at_idx"),
    ]

    operations = [migrations.RunPython(rewrite_vectors, migrations.RunPython.noop, elidable=False)]
