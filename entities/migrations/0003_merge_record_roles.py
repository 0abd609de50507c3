from django.db import migrations


def sync_roles(apps, schema_editor):
    from newsdesk.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0002_merge_record"),
        # The groups the moderators' new permission is given to.
        ("articles", "0004_workflow_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
