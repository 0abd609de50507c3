from django.db import migrations


def sync_roles(apps, schema_editor):
    from newsdesk.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    """Moderators keep the event series; editors the standing pages."""

    dependencies = [
        ("articles", "0017_standing_pages"),
        ("entities", "0008_event_series_calendar_documents"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
