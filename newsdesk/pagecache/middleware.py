"""Whole public pages from the cache, for readers who are not signed in.

A hit costs one cache round trip for the token and the page together (or, with
a process-local cache, one read of the token file and a lookup in memory), and
no database query, session or template. A page is stored with the token read
before it was rendered, so a change committed while it rendered retires it.
"""

import datetime
import time
from hashlib import md5
from operator import itemgetter
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from newsdesk.pagecache import token as tokens
from newsdesk.pagecache.invalidation import next_publication

PAGE_KEY = "pagecache:page:{digest}"
STORED_STATUSES = {200, 301}
UNCACHEABLE = ("private", "no-cache", "no-store")


class PageCacheMiddleware:
    """Put it last in MIDDLEWARE: the others still add their headers to a hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_signed_in(request):
            return self.get_response(request)
        seconds = settings.NEWSDESK["PAGE_CACHE_SECONDS"]
        if not seconds:
            return with_validators(request, self.get_response(request))

        key = page_key(request)
        token, found = tokens.read(key)
        now = time.time()
        entry = found.get(key)
        if entry is not None and entry[0] == token and now < entry[1]:
            return from_entry(request, entry)

        # Read before rendering, like the token: a page shown past either moment is stale.
        valid_until = min(next_publication(token, now), next_midnight(), now + seconds)
        response = self.get_response(request)
        response.headers["X-Cache"] = "miss"
        if request.method != "GET" or not storable(request, response):
            return response
        response = with_validators(request, response, last_modified=now)
        if response.status_code != 304:
            cache.set(key, to_entry(token, valid_until, response), int(valid_until - now) + 1)
        return response


def is_signed_in(request):
    # Readers carry no session cookie, so for them this is decided without the
    # database; staff always get pages fresh and never store theirs.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def page_key(request):
    """One page per scheme, host, path and query, whatever the order of the parameters."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = urlencode(sorted(parse_qsl(query, keep_blank_values=True), key=itemgetter(0)))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return PAGE_KEY.format(digest=md5(address.encode(), usedforsecurity=False).hexdigest())


def next_midnight():
    # Pages show today's date and which events are still to come.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time(), timezone.get_current_timezone())
    return midnight.timestamp()


def storable(request, response):
    """Whether the response is the same for every reader who asks for this address."""
    cache_control = response.get("Cache-Control", "").lower()
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        response.status_code in STORED_STATUSES
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not any(word in cache_control for word in UNCACHEABLE)
        # The CSRF token, the session and messages each end up in a cookie of
        # this reader's, set by middleware after this one has seen the response.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


def with_validators(request, response, last_modified=None):
    """ETag and Last-Modified on a page any reader may get, and 304 when they match."""
    if request.method not in ("GET", "HEAD") or not storable(request, response):
        return response
    set_response_etag(response)
    # The time it was rendered, not the newest story's: an unpublished or edited
    # story changes a page without making anything on it newer.
    last_modified = int(last_modified or time.time())
    response.headers["Last-Modified"] = http_date(last_modified)
    # Signed-in staff get other pages at the same address.
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def to_entry(token, valid_until, response):
    """A plain tuple: quicker to unpickle than the response object."""
    headers = [(name, value) for name, value in response.items() if name != "X-Cache"]
    return (token, valid_until, response.status_code, headers, response.content)


def from_entry(request, entry):
    _, _, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
        response = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
    response.headers["X-Cache"] = "hit"
    return response
