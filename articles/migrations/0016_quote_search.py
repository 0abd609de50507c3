from django.db import migrations

from articles.search import QUOTES
from newsdesk.search import schema


def create_index(apps, schema_editor):
    schema.create(schema_editor, QUOTES)


def drop_index(apps, schema_editor):
    schema.drop(schema_editor, QUOTES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_article_documents"),
    ]

    # Like 0008: the index lives outside the models (articles/search/__init__.py).
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
