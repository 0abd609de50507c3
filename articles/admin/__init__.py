from articles.admin import articles, mentions, photos, sections  # noqa: F401
