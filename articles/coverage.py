"""What entity pages may show of the coverage: registered with `entities.coverage`.

The entities layer cannot import this app; it asks for these by name. Every one
starts from `Article.objects.published()`, the one rule of what a reader may see.
"""

from django.db.models import Exists, OuterRef

from entities import coverage


def published_articles():
    from articles.models import Article

    return Article.objects.published()


def in_published_article():
    """For rows with an `article`: theirs is published, checked row by row."""
    return Exists(published_articles().filter(pk=OuterRef("article")))


def published_quotes():
    from articles import quotes

    return quotes.published_quotes()


def quotes_with_title_held():
    from articles import quotes

    return quotes.for_listing()


def register():
    coverage.provide("published_articles", published_articles)
    coverage.provide("in_published_article", in_published_article)
    coverage.provide("published_quotes", published_quotes)
    coverage.provide("quotes_with_title_held", quotes_with_title_held)
