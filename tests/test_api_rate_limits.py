"""Rate limits on the content API: per address for anonymous clients, raised by partner keys,
shared by every process (Redis or the host's disk cache, or the database when the cache is
per-process)."""

import re

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.api import throttling
from articles.api.models import PartnerKey, RateLimitCounter, hash_key

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/12"
# Well inside one minute's window, so that a test never straddles two.
START = timezone.datetime(2026, 3, 2, 9, 30, 5, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def limits(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "API_ANONYMOUS_PER_MINUTE": 3}


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsdesk-test-api",
        }
    }
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def disk_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "newsdesk.hostcache.HostCache", "LOCATION": str(tmp_path / "cache")}
    }


def make_key(limit=5, name="Harbour Daily"):
    key = PartnerKey(name=name, requests_per_minute=limit)
    raw = key.issue()
    key.save()
    return key, raw


def statuses(client, count, **headers):
    return [client.get("/api/articles/", **headers).status_code for _ in range(count)]


@pytest.mark.parametrize("store", ["database", "redis", "disk"])
def test_anonymous_limit_then_429_with_retry_after(request, limits, store):
    if store != "database":
        request.getfixturevalue(f"{store}_cache")
    assert throttling.shared_cache() is (store != "database")
    client = Client()
    with time_machine.travel(START, tick=False):
        assert statuses(client, 3) == [200, 200, 200]
        refused = client.get("/api/articles/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "55"
    assert refused["X-RateLimit-Remaining"] == "0"
    assert "partner key" in refused.json()["detail"]
    # The next window starts afresh.
    with time_machine.travel(START.replace(second=0).replace(minute=31), tick=False):
        assert client.get("/api/articles/").status_code == 200


@pytest.mark.parametrize("returning", [True, False], ids=["update-returning", "update-then-read"])
def test_counts_are_shared_through_the_database(limits, returning, monkeypatch):
    """Two processes are two clients here: the count lives in one row, not in memory."""
    monkeypatch.setattr(throttling, "returns_updated_rows", lambda connection: returning)
    with time_machine.travel(START, tick=False):
        assert statuses(Client(), 2) == [200, 200]
        assert RateLimitCounter.objects.get().count == 2
        caches["default"].clear()  # another process's memory would start empty
        assert statuses(Client(), 2) == [200, 429]


def test_counts_are_shared_through_redis(limits, redis_cache):
    with time_machine.travel(START, tick=False):
        assert statuses(Client(), 2) == [200, 200]
        assert not RateLimitCounter.objects.exists()
        caches.close_all()  # a new connection, as another process would have
        assert statuses(Client(), 2) == [200, 429]


def test_addresses_are_limited_separately(limits):
    with time_machine.travel(START, tick=False):
        assert statuses(Client(), 4, REMOTE_ADDR="192.0.2.1")[-1] == 429
        assert statuses(Client(), 1, REMOTE_ADDR="192.0.2.2") == [200]


def test_a_partner_key_raises_the_limit(limits):
    _, raw = make_key(limit=5)
    with time_machine.travel(START, tick=False):
        assert statuses(Client(), 5, HTTP_X_API_KEY=raw) == [200] * 5
        assert statuses(Client(), 1, HTTP_AUTHORIZATION=f"Bearer {raw}") == [429]
        # Anonymous requests from the same address are counted on their own.
        assert statuses(Client(), 1) == [200]
        response = Client().get("/api/articles/", HTTP_X_API_KEY=raw)
    assert response["X-RateLimit-Limit"] == "5"


def test_keys_are_stored_hashed_and_a_revoked_key_is_refused():
    key, raw = make_key()
    assert raw.startswith("nd_") and len(raw) > 40
    assert raw not in {key.key_hash, key.prefix} and key.key_hash == hash_key(raw)
    assert Client().get("/api/articles/", HTTP_X_API_KEY=raw).status_code == 200
    key.revoked_at = timezone.now()
    key.save()
    refused = Client().get("/api/articles/", HTTP_X_API_KEY=raw)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert Client().get("/api/articles/", HTTP_X_API_KEY="nd_made-up").status_code == 401


def test_cached_responses_count_too(limits, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    client = Client()
    with time_machine.travel(START, tick=False):
        first = client.get("/api/articles/")
        hits = [client.get("/api/articles/") for _ in range(3)]
    assert first["X-Cache"] == "miss"
    assert [r.status_code for r in hits] == [200, 200, 429]
    assert hits[0]["X-Cache"] == "hit"
    # The limit headers are the client's own, never stored with the cached page.
    assert hits[0]["X-RateLimit-Remaining"] == "1"


def test_the_site_itself_is_not_limited(limits):
    client = Client()
    assert [client.get(reverse("articles:home")).status_code for _ in range(5)] == [200] * 5


def test_admin_shows_a_new_key_once_and_revokes(admin_client):
    response = admin_client.post(
        reverse("admin:articles_partnerkey_add"),
        {"name": "Harbour Daily", "contact": "Ada", "requests_per_minute": 900},
        follow=True,
    )
    shown = re.search(r"nd_[A-Za-z0-9_-]{30,}", response.content.decode()).group(0)
    key = PartnerKey.objects.get()
    assert key.key_hash == hash_key(shown)
    page = admin_client.get(reverse("admin:articles_partnerkey_change", args=[key.pk]))
    assert shown not in page.content.decode()
    assert Client().get("/api/articles/", HTTP_X_API_KEY=shown)["X-RateLimit-Limit"] == "900"

    admin_client.post(
        reverse("admin:articles_partnerkey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    assert Client().get("/api/articles/", HTTP_X_API_KEY=shown).status_code == 401


def test_cors_preflight(limits):
    response = Client().options("/api/articles/", HTTP_ORIGIN="https://partner.example.org")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-API-Key" in response["Access-Control-Allow-Headers"]
