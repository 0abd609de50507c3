"""What the newsroom's roles may do with people, organisations and events (see newsdesk.roles)."""

from newsdesk.roles import EDITOR, MODERATOR, REPORTER, perms

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

PERMISSIONS = {
    EDITOR: perms("entities", _ENTITIES, ["view"]),
    REPORTER: perms("entities", _ENTITIES, ["view"]),
    MODERATOR: [
        *perms("entities", _ENTITIES, ["add", "change", "delete", "view"]),
        *perms("entities", ["mergerecord"], ["view"]),
    ],
}
