from django.db import migrations

from articles.search import schema


def create_index(apps, schema_editor):
    schema.create(schema_editor, schema.ARTICLES)


def drop_index(apps, schema_editor):
    schema.drop(schema_editor, schema.ARTICLES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_photo_person_suggestions"),
    ]

    # The index lives outside the models (see articles/search/schema.py), so
    # there is no state to change; each database gets its own kind of index.
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
