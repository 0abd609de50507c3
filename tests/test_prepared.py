"""A query compiled once (newsdesk/prepared.py) finds what building it each time finds."""

import datetime
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from articles.factories import ArticleFactory
from articles.models import Article, Correction
from articles.views.public import published_article_by_slug
from newsdesk.prepared import PreparedQuery

pytestmark = pytest.mark.django_db


def by_slug():
    return PreparedQuery(Article, published_article_by_slug, ["slug", "published_at"])


def found(query, slug, now):
    return [(a.pk, a.section, a.lead_photo, a.has_corrections) for a in query(slug, now)]


def test_it_finds_what_the_queryset_finds_whatever_the_values():
    now = timezone.now()
    published = ArticleFactory(lead_photo=None)
    Correction.objects.create(article=published, text="Fixed.")
    later = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=now + datetime.timedelta(hours=1)
    )
    draft = ArticleFactory(draft=True)
    trashed = ArticleFactory(trashed_at=now)
    query = by_slug()
    for moment in (now, now + datetime.timedelta(hours=2)):
        for article in (published, later, draft, trashed):
            expected = [
                (a.pk, a.section, a.lead_photo, a.has_corrections)
                for a in published_article_by_slug(article.slug, moment)
            ]
            assert found(query, article.slug, moment) == expected
    assert found(query, published.slug, now)[0][3] is True
    assert found(query, later.slug, now) == []
    assert [row[0] for row in found(query, later.slug, now + datetime.timedelta(hours=2))] == [
        later.pk
    ]
    assert found(query, "no-such-story", now) == []


def test_it_compiles_once():
    articles = ArticleFactory.create_batch(3)
    query = by_slug()
    query(articles[0].slug, timezone.now())
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as compiled:
        for article in articles:
            assert [a.pk for a in query(article.slug, timezone.now())] == [article.pk]
    assert compiled.call_count == 0


def test_a_value_it_cannot_place_is_asked_the_plain_way():
    # The slug lands in the SQL twice: no single parameter to replace.
    article = ArticleFactory()
    query = PreparedQuery(
        Article,
        lambda slug, now: Article.objects.published(now=now).filter(slug=slug, headline__gt=slug),
        ["slug", "published_at"],
    )
    assert [a.pk for a in query(article.slug, timezone.now())] == []
    other = ArticleFactory(headline="zzz", slug="aaa")
    assert [a.pk for a in query(other.slug, timezone.now())] == [other.pk]
    assert query.prepared == {"default": False}
