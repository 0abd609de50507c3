"""Helpers the test modules share: reading a page, and stories no reader may see.

Fixtures live in conftest.py; these are plain functions, imported where used.
"""

import datetime

from django.utils import timezone

from articles.factories import ArticleFactory
from articles.models import Article


def noon_tomorrow():
    """A moment for a story to go live: noon tomorrow, so that a minute either side
    falls on one day and midnight retires nothing in between."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(12)))


def address(obj_or_url):
    """A URL as given, or an object's own address."""
    return obj_or_url if isinstance(obj_or_url, str) else obj_or_url.get_absolute_url()


def get(client, obj_or_url, status=200):
    """The page's HTML as text, once its status code is checked."""
    url = address(obj_or_url)
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def link(obj):
    """How a page links to `obj`."""
    return f'href="{obj.get_absolute_url()}"'


def hidden_articles(**kwargs):
    """One article of each kind a reader must never see, each like a published one:
    a draft, one scheduled for later, and one taken down after it was out. Every
    headline has the word "Secret" in it, to look for on a page; `kwargs` go to
    every one of them."""
    now = timezone.now()
    return [
        ArticleFactory(draft=True, headline="Secret draft: not for readers", **kwargs),
        ArticleFactory(
            status=Article.Status.SCHEDULED,
            published_at=now + datetime.timedelta(days=2),
            headline="Secret scheduled story: embargoed until Friday",
            **kwargs,
        ),
        ArticleFactory(
            status=Article.Status.UNPUBLISHED,
            published_at=now - datetime.timedelta(days=2),
            headline="Secret unpublished story: withdrawn",
            **kwargs,
        ),
    ]
