"""Rate limits for the content API, shared by every process that serves it.

Counted per fixed one-minute window: per client address for anonymous
clients, per key for partners. The counts live in the cache when it is shared
(Redis in production) and in the database otherwise, so that every worker
process counts against the same limit. This runs before the page cache, so a
response served from the cache counts too; the headers it adds are never
stored with the cached page.
"""

import datetime
import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from articles.api.models import PartnerKey, RateLimitCounter, hash_key
from newsdesk.logins import client_ip

WINDOW = 60
PREFIX = "/api/"
EXPOSED = "ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"


def presented_key(request):
    """The partner key the request carries, if any: `X-API-Key`, or a Bearer token."""
    if key := request.headers.get("X-API-Key", "").strip():
        return key
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def shared_cache():
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def count_in_cache(bucket, window_end):
    cache.add(bucket, 0, timeout=int(window_end - time.time()) + 5)
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between the two calls
        cache.add(bucket, 1, timeout=WINDOW + 5)
        return 1


def returns_updated_rows(connection):
    # Django knows it for INSERT; the same versions have it for UPDATE.
    return connection.features.can_return_columns_from_insert


def add_one(bucket):
    """The bucket's count after adding one, or None when it has no row yet.

    One statement where the database can return what it updated (SQLite 3.35,
    PostgreSQL): the API's pages have a budget of ten queries, this included.
    """
    connection = connections[router.db_for_write(RateLimitCounter)]
    if not returns_updated_rows(connection):
        counters = RateLimitCounter.objects.filter(bucket=bucket)
        if not counters.update(count=F("count") + 1):
            return None
        return counters.values_list("count", flat=True).get()
    name = connection.ops.quote_name
    meta = RateLimitCounter._meta
    count = name(meta.get_field("count").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {name(meta.db_table)} SET {count} = {count} + 1 "
            f"WHERE {name(meta.get_field('bucket').column)} = %s RETURNING {count}",
            [bucket],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def count_in_database(bucket, window_end):
    counted = add_one(bucket)
    if counted is None:
        try:
            with transaction.atomic():
                # A new window: the ended ones go first, so the table stays small.
                RateLimitCounter.objects.filter(expires_at__lt=timezone.now()).delete()
                RateLimitCounter.objects.create(
                    bucket=bucket,
                    count=1,
                    expires_at=datetime.datetime.fromtimestamp(window_end, tz=datetime.UTC),
                )
            return 1
        except IntegrityError:  # another process created it meanwhile
            counted = add_one(bucket)
    return counted


def hit(identity, now=None):
    """Counts one request for `identity`; returns (count so far, seconds until the window ends)."""
    now = time.time() if now is None else now
    start = math.floor(now / WINDOW) * WINDOW
    bucket = f"api-rate:{hashlib.sha256(identity.encode()).hexdigest()[:32]}:{start}"
    count = (count_in_cache if shared_cache() else count_in_database)(bucket, start + WINDOW)
    return count, max(1, math.ceil(start + WINDOW - now))


def error(status, detail, **headers):
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = str(value)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return self.with_cors(HttpResponse(status=204))
        raw_key = presented_key(request)
        if raw_key:
            key = PartnerKey.objects.filter(key_hash=hash_key(raw_key)).first()
            if key is None or not key.is_active:
                return self.with_cors(error(401, "This API key is not valid, or has been revoked."))
            identity, limit = f"key:{key.pk}", key.requests_per_minute
        else:
            identity = f"ip:{client_ip(request)}"
            limit = settings.NEWSDESK["API_ANONYMOUS_PER_MINUTE"]
        count, reset = hit(identity)
        if count > limit:
            response = error(
                429,
                f"Too many requests: the limit is {limit} a minute. "
                + ("" if raw_key else "A partner key raises it. ")
                + f"Try again in {reset} seconds.",
                Retry_After=reset,
            )
        else:
            response = self.get_response(request)
        response.headers["X-RateLimit-Limit"] = str(limit)
        response.headers["X-RateLimit-Remaining"] = str(max(0, limit - count))
        return self.with_cors(response)

    @staticmethod
    def with_cors(response):
        # Read-only public data: any site's scripts may read it.
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Headers"] = "X-API-Key, Authorization, If-None-Match"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
        return response
