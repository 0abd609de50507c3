"""The newsroom's roles as auth groups, and the model permissions each one holds.

Data migrations call `sync_role_groups` so that every database has the groups;
editing ROLE_PERMISSIONS needs a new migration that calls it again.
"""

EDITOR, REPORTER, MODERATOR = "Editors", "Reporters", "Moderators"

_ARTICLE_PARTS = [
    "article",
    "articleauthor",
    "articlephoto",
    "keyissue",
    "prosconspoint",
    "qapair",
    "quote",
    "relatedlink",
]
_ENTITIES = [
    "person",
    "position",
    "organisation",
    "event",
    "eventseries",
    "eventsupport",
    "appearance",
    "document",
    "documentpublisher",
]


def _perms(app, models, actions):
    return [(app, f"{action}_{model}") for model in models for action in actions]


ROLE_PERMISSIONS = {
    EDITOR: [
        ("articles", "edit_any_article"),
        ("articles", "review_article"),
        ("articles", "publish_article"),
        ("articles", "restore_article_revision"),
        ("articles", "share_article_preview"),
        *_perms("articles", ["staffnote"], ["add", "view"]),
        *_perms("articles", ["sharelink"], ["add", "change", "view"]),
        *_perms("articles", ["transition", "historicalarticle"], ["view"]),
        *_perms(
            "articles",
            [*_ARTICLE_PARTS, "photo", "photoperson", "section", "mention"],
            ["add", "change", "delete", "view"],
        ),
        # The standing pages (About, Contact...): kept, never deleted, by the desk.
        *_perms("articles", ["page"], ["add", "change", "view"]),
        *_perms("entities", _ENTITIES, ["view"]),
        *_perms("taggit", ["tag", "taggeditem"], ["add", "change", "view"]),
    ],
    REPORTER: [
        *_perms("articles", ["staffnote"], ["add", "view"]),
        *_perms("articles", ["transition", "historicalarticle"], ["view"]),
        *_perms("articles", [*_ARTICLE_PARTS, "photo", "photoperson"], ["add", "change", "view"]),
        *_perms("articles", ["section", "mention"], ["view"]),
        *_perms("entities", _ENTITIES, ["view"]),
        *_perms("taggit", ["tag"], ["add", "view"]),
    ],
    MODERATOR: [
        *_perms("entities", _ENTITIES, ["add", "change", "delete", "view"]),
        *_perms("entities", ["mergerecord"], ["view"]),
        *_perms("articles", ["photo", "photoperson", "mention"], ["add", "change", "view"]),
        *_perms("articles", ["mention"], ["delete"]),
        *_perms("articles", ["article", "section"], ["view"]),
    ],
}


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
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        # An older migration runs before later models and permissions exist;
        # the migration that adds them calls this again. A test checks that
        # every listed permission exists once all migrations have run.
        group.permissions.set([existing[key] for key in codenames if key in existing])
