from django.db import migrations

from articles.search import schema


def create_index(apps, schema_editor):
    schema.create(schema_editor, schema.QUOTES)


def drop_index(apps, schema_editor):
    schema.drop(schema_editor, schema.QUOTES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_article_documents"),
    ]

    # Like 0008: the index lives outside the models (articles/search/schema.py).
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
