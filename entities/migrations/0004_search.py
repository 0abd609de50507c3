from django.db import migrations

from articles.search import schema


def create_indexes(apps, schema_editor):
    schema.create(schema_editor, schema.PEOPLE, schema.ORGANISATIONS, schema.EVENTS)


def drop_indexes(apps, schema_editor):
    schema.drop(schema_editor, schema.PEOPLE, schema.ORGANISATIONS, schema.EVENTS)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0003_merge_record_roles"),
    ]

    # The indexes live outside the models (see articles/search/schema.py), so
    # there is no state to change; each database gets its own kind of index.
    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
