"""The newsroom's roles as auth groups, and the model permissions each one holds.

Each app says what its models grant each role in a `roles` module of its own
with a `PERMISSIONS` mapping ({role: [(app_label, codename), ...]}); this
gathers them. Data migrations call `sync_role_groups` so that every database
has the groups; changing an app's PERMISSIONS needs a new migration that calls
it again.
"""

from importlib import import_module

from django.apps import apps as installed_apps
from django.utils.module_loading import module_has_submodule

EDITOR, REPORTER, MODERATOR = "Editors", "Reporters", "Moderators"
ROLES = (EDITOR, REPORTER, MODERATOR)


def perms(app, models, actions):
    """[(app, "action_model"), ...] for every model and action."""
    return [(app, f"{action}_{model}") for model in models for action in actions]


def role_permissions():
    """{role: [(app_label, codename), ...]} over every installed app's `roles.PERMISSIONS`."""
    granted = {role: [] for role in ROLES}
    for app_config in installed_apps.get_app_configs():
        if app_config.name == __package__ or not module_has_submodule(app_config.module, "roles"):
            continue
        declared = getattr(import_module(f"{app_config.name}.roles"), "PERMISSIONS", {})
        for role, codenames in declared.items():
            granted[role].extend(codenames)
    return granted


def sync_role_groups(apps):
    """Create the role groups and give each exactly its listed permissions."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; create
    # them now so the groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    existing = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type")
    }
    for role, codenames in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        # An older migration runs before later models and permissions exist;
        # the migration that adds them calls this again. A test checks that
        # every listed permission exists once all migrations have run.
        group.permissions.set([existing[key] for key in codenames if key in existing])
