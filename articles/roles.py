"""What the newsroom's roles may do with stories, photos and tags (see newsdesk.roles)."""

from newsdesk.roles import EDITOR, MODERATOR, REPORTER, perms

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

PERMISSIONS = {
    EDITOR: [
        ("articles", "edit_any_article"),
        ("articles", "review_article"),
        ("articles", "publish_article"),
        ("articles", "restore_article_revision"),
        ("articles", "share_article_preview"),
        *perms("articles", ["staffnote"], ["add", "view"]),
        *perms("articles", ["sharelink"], ["add", "change", "view"]),
        *perms("articles", ["transition", "historicalarticle"], ["view"]),
        *perms(
            "articles",
            [*_ARTICLE_PARTS, "photo", "photoperson", "section", "mention"],
            ["add", "change", "delete", "view"],
        ),
        # The standing pages (About, Contact...): kept, never deleted, by the desk.
        *perms("articles", ["page"], ["add", "change", "view"]),
        *perms("taggit", ["tag", "taggeditem"], ["add", "change", "view"]),
    ],
    REPORTER: [
        *perms("articles", ["staffnote"], ["add", "view"]),
        *perms("articles", ["transition", "historicalarticle"], ["view"]),
        *perms("articles", [*_ARTICLE_PARTS, "photo", "photoperson"], ["add", "change", "view"]),
        *perms("articles", ["section", "mention"], ["view"]),
        *perms("taggit", ["tag"], ["add", "view"]),
    ],
    MODERATOR: [
        *perms("articles", ["photo", "photoperson", "mention"], ["add", "change", "view"]),
        *perms("articles", ["mention"], ["delete"]),
        *perms("articles", ["article", "section"], ["view"]),
    ],
}
