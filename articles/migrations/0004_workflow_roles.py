from django.db import migrations


def sync_roles(apps, schema_editor):
    from newsdesk.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_workflow")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
