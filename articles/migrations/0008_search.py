from django.db import migrations

from articles.search import ARTICLES
from newsdesk.search import schema


def create_index(apps, schema_editor):
    schema.create(schema_editor, ARTICLES)


def drop_index(apps, schema_editor):
    schema.drop(schema_editor, ARTICLES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_photo_person_suggestions"),
    ]

    # The index lives outside the models (see articles/search/__init__.py), so
    # there is no state to change; each database gets its own kind of index.
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
