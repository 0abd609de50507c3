from articles.admin import articles, corrections, frontpage, mentions, photos, sections  # noqa: F401
from articles.api import admin as api_admin  # noqa: F401
from articles.webhooks import admin as webhooks_admin  # noqa: F401
