from articles.admin import articles, frontpage, mentions, photos, sections  # noqa: F401
