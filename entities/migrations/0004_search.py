from django.db import migrations

from entities.search import EVENTS, ORGANISATIONS, PEOPLE
from newsdesk.search import schema


def create_indexes(apps, schema_editor):
    schema.create(schema_editor, PEOPLE, ORGANISATIONS, EVENTS)


def drop_indexes(apps, schema_editor):
    schema.drop(schema_editor, PEOPLE, ORGANISATIONS, EVENTS)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0003_merge_record_roles"),
    ]

    # The indexes live outside the models (see entities/search.py), so
    # there is no state to change; each database gets its own kind of index.
    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
