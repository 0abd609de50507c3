"""Editors choose the front page's lead and top stories; the rest follow newest first."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleFactory, PhotoFactory
from articles.models import Article, FrontPagePin
from tests.workflow_helpers import client_for

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")
HOUR = datetime.timedelta(hours=1)


def story(headline, hours_ago, **kwargs):
    return ArticleFactory(
        headline=headline, published_at=timezone.now() - hours_ago * HOUR, **kwargs
    )


def front(client):
    context = client.get(HOME).context
    return (
        context["lead_article"].headline,
        [a.headline for a in context.get("top_articles", [])],
        [a.headline for a in context["more_articles"]],
    )


def test_without_pins_the_newest_story_leads(client):
    story("Older", 2)
    story("Newest", 1)

    assert front(client) == ("Newest", [], ["Older"])


def test_pins_choose_the_lead_and_order_the_top_stories(client, editor):
    chosen, second, third = story("Chosen lead", 5), story("Second", 4), story("Third", 3)
    story("Newest", 1)
    story("Older", 6)
    FrontPagePin.objects.create(article=third, position=3)
    FrontPagePin.objects.create(article=chosen, position=1)
    FrontPagePin.objects.create(article=second, position=2)

    assert front(client) == ("Chosen lead", ["Second", "Third"], ["Newest", "Older"])


def test_a_pin_counts_until_it_expires_and_only_while_published(client):
    pinned = story("Pinned", 5)
    hidden = story("Unpublished", 4, status=Article.Status.UNPUBLISHED)
    story("Newest", 1)
    expires = timezone.now() + HOUR
    FrontPagePin.objects.create(article=pinned, position=1, expires_at=expires)
    FrontPagePin.objects.create(article=hidden, position=2)

    with time_machine.travel(expires - datetime.timedelta(seconds=1), tick=False):
        assert front(client)[:2] == ("Pinned", [])
    with time_machine.travel(expires, tick=False):
        assert front(client) == ("Newest", [], ["Pinned"])


def test_a_lead_without_a_photo_gets_the_full_width_layout(client):
    story("No photo", 1)
    with_photo = story("With photo", 2, lead_photo=PhotoFactory())

    assert 'class="card card--lead card--lead-text"' in client.get(HOME).content.decode()
    FrontPagePin.objects.create(article=with_photo, position=1)
    page = client.get(HOME).content.decode()
    assert 'class="card card--lead"' in page and "card--lead-text" not in page


def test_pinning_and_expiry_retire_the_cached_front_page(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    pinned = story("Pinned story", 5)
    story("Newest story", 1)
    expires = timezone.now() + HOUR
    assert client.get(HOME)["X-Cache"] == "miss"
    assert client.get(HOME)["X-Cache"] == "hit"

    FrontPagePin.objects.create(article=pinned, position=1, expires_at=expires)
    page = client.get(HOME)
    assert page["X-Cache"] == "miss"
    lead = page.content.decode().split('aria-label="Top story"', 1)[1][:2000]
    assert "Pinned story" in lead
    with time_machine.travel(expires + datetime.timedelta(seconds=1), tick=False):
        page = client.get(HOME)
        assert page["X-Cache"] == "miss"
        lead = page.content.decode().split('aria-label="Top story"', 1)[1][:2000]
        assert "Newest story" in lead


def test_only_those_who_publish_arrange_the_front_page(editor, reporter):
    article = story("A story", 1)
    url = reverse("admin:articles_frontpagepin_add")

    assert client_for(reporter).get(url).status_code == 403
    response = client_for(editor).post(url, {"article": article.pk, "position": 1})

    assert response.status_code == 302
    pin = FrontPagePin.objects.get()
    assert (pin.article, pin.pinned_by) == (article, editor)
