import datetime

import pytest
from django.utils import timezone

from articles.factories import ArticleFactory, ArticlePhotoFactory, PhotoFactory
from articles.models import Article, Photo

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def published_ids():
    return set(Article.objects.published().values_list("pk", flat=True))


def test_published_in_the_past_is_visible():
    article = ArticleFactory(published_at=timezone.now() - HOUR)
    assert published_ids() == {article.pk}
    assert article.is_public


@pytest.mark.parametrize(
    "status",
    [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.UNPUBLISHED],
)
def test_not_live_statuses_are_hidden_even_with_a_past_time(status):
    article = ArticleFactory(status=status, published_at=timezone.now() - HOUR)
    assert published_ids() == set()
    assert not article.is_public


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.SCHEDULED])
def test_future_publication_time_is_hidden_until_it_comes(status):
    article = ArticleFactory(status=status, published_at=timezone.now() + HOUR)
    assert published_ids() == set()
    article.published_at = timezone.now() - datetime.timedelta(seconds=1)
    article.save()
    assert published_ids() == {article.pk}


def test_scheduled_article_goes_live_with_no_status_change(monkeypatch):
    at = timezone.now() + HOUR
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=at)
    monkeypatch.setattr(timezone, "now", lambda: at - datetime.timedelta(seconds=1))
    assert published_ids() == set()
    monkeypatch.setattr(timezone, "now", lambda: at + datetime.timedelta(seconds=1))
    assert published_ids() == {article.pk}


def test_first_published_at_follows_the_schedule_then_stays():
    now = timezone.now()
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=now + HOUR)
    assert article.first_published_at == now + HOUR
    article.published_at = now + 2 * HOUR
    article.save()
    assert article.first_published_at == now + 2 * HOUR

    live = ArticleFactory(published_at=now - HOUR)
    live.published_at = now
    live.save()
    assert live.first_published_at == now - HOUR


def test_photos_are_public_only_through_a_published_article():
    lead, inline, orphan, in_draft = PhotoFactory.create_batch(4)
    ArticleFactory(lead_photo=lead)
    ArticlePhotoFactory(photo=inline)
    draft = ArticleFactory(draft=True, lead_photo=in_draft)
    ArticlePhotoFactory(article=draft, photo=in_draft)
    assert set(Photo.objects.public()) == {lead, inline}
    assert orphan not in Photo.objects.public()
