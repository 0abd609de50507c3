"""Whole public pages from the cache, for readers who are not signed in.

A page is stored with the keys of what it shows and their versions (see
`dependencies`), and served while the token and those versions are unchanged.
A hit costs two cache round trips, one for the token and the page, one for the
versions (or, with a cache of one host, one read of the token file, a lookup
in the cache and reads of the mapped versions file), and no database query,
session or template. With a "pages" cache in the settings, each process also
keeps its own copy of the pages it served, and a page served again is read
from memory rather than from the shared cache.

A page is stored only if none of its keys changed after the sequence was read
before it was rendered: a page made from rows older than the versions it would
be stored with would otherwise outlive the change.
"""

import datetime
import time
from functools import cache as memoize
from hashlib import md5
from operator import itemgetter
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

from newsdesk.pagecache import token as tokens
from newsdesk.pagecache import versions
from newsdesk.pagecache.dependencies import EVERYTHING, collecting
from newsdesk.pagecache.invalidation import next_change

PAGE_KEY = "pagecache:page:{digest}"
STORED_STATUSES = {200, 301}
UNCACHEABLE = ("private", "no-cache", "no-store")


class PageCacheMiddleware:
    """Put it last in MIDDLEWARE: the others still add their headers to a hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_signed_in(request):
            return self.made(request, tokens.read()[0])[0]
        drop_unused_parameters(request)
        seconds = settings.NEWSDESK["PAGE_CACHE_SECONDS"]
        if not seconds:
            return with_validators(request, self.made(request, tokens.read()[0])[0])

        key = page_key(request)
        local = local_pages()
        copy = local.get(key) if local is not None else None
        # With this process's copy in hand, the shared cache is read only if it is stale.
        token, found = tokens.read() if copy is not None else tokens.read(key)
        now = time.time()
        if copy is not None:
            if is_fresh(copy, token, now):
                return from_entry(request, copy)
            found = {key: cache.get(key)}
        entry = found.get(key)
        if entry is not None and is_fresh(entry, token, now):
            if local is not None:
                local.set(key, entry, int(entry[1] - now) + 1)
            return from_entry(request, entry)

        # Read before rendering, like the token.
        response, shown = self.made(request, token)
        response.headers["X-Cache"] = "miss"
        if request.method != "GET" or not storable(request, response):
            return response
        response = with_validators(request, response)
        keys = shown.keys if shown.complete else {*shown.keys, EVERYTHING}
        found = versions.read(sorted(keys))
        if response.status_code != 304 and all(
            version <= shown.sequence for version in found.values()
        ):
            # A page shown past the next scheduled change to what it shows is stale.
            valid_until = min(next_change(keys, now), next_midnight(), now + seconds)
            entry = to_entry(token, valid_until, tuple(found.items()), response)
            cache.set(key, entry, int(valid_until - now) + 1)
            if local is not None:
                local.set(key, entry, int(valid_until - now) + 1)
        return response

    def made(self, request, token):
        """The response, and what it shows (`dependencies.Shown`)."""
        with collecting(token, versions.sequence()) as shown:
            return self.get_response(request), shown


def is_fresh(entry, token, now):
    """Whether a stored page may be served: same token, not past its time, and
    every key it shows still at the version it was made under."""
    if entry[0] != token or now >= entry[1]:
        return False
    shown = entry[2]
    current = versions.read([name for name, _ in shown])
    return all(current[name] == version for name, version in shown)


def local_pages():
    """This process's own copies of pages (the "pages" cache), if the settings have one.

    In front of a shared cache, a page served again is read from memory; a copy
    is checked like any stored page, so it never outlives a change.
    """
    return caches["pages"] if "pages" in settings.CACHES else None


def drop_unused_parameters(request):
    """Query parameters no public page reads are removed before the page is made.

    `?utm_source=…` or `?x=1` then give the very page (and cache entry) of the
    address without them: no new entry per made-up parameter, no bypassing the
    cache. The admin reads parameters of its own and is left alone. A public
    page that reads a new parameter must add it to PAGE_QUERY_PARAMETERS.
    """
    query = request.META.get("QUERY_STRING", "")
    if not query or request.path.startswith(admin_prefix()):
        return
    allowed = settings.NEWSDESK["PAGE_QUERY_PARAMETERS"]
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if name in allowed]
    if len(kept) != len(pairs):
        request.META["QUERY_STRING"] = urlencode(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"])


@memoize
def admin_prefix():
    return reverse("admin:index")


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


def with_validators(request, response):
    """A strong ETag and CDN-friendly Cache-Control on a page any reader may get; 304 on a match.

    No Last-Modified: a date to the second cannot tell two versions of a page
    made in the same second apart, so a client asking If-Modified-Since could
    keep a page that changed. The ETag is a digest of the page itself.
    """
    if request.method not in ("GET", "HEAD") or not storable(request, response):
        return response
    set_response_etag(response)
    del response["Last-Modified"]
    # Browsers check back every time (a 304 is cheap); a shared cache in front
    # (a CDN) may keep the page briefly and serve it a little stale while it
    # fetches a fresh one. Nothing purges a CDN: its lifetime is the bound.
    shared = settings.NEWSDESK["CDN_CACHE_SECONDS"]
    if shared:
        stale = settings.NEWSDESK["CDN_STALE_SECONDS"]
        response.headers["Cache-Control"] = (
            f"public, max-age=0, s-maxage={shared}, stale-while-revalidate={stale}"
        )
    else:
        response.headers["Cache-Control"] = "no-cache"
    # Signed-in staff get other pages at the same address.
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def to_entry(token, valid_until, shown, response):
    """A plain tuple of text and numbers: quicker to unpickle than the response
    object, and kept as it is in a process's own copies (hostcache.LocalCopies)."""
    headers = tuple((name, value) for name, value in response.items() if name != "X-Cache")
    return (token, valid_until, shown, response.status_code, headers, response.content)


def from_entry(request, entry):
    _, _, _, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
        response = get_conditional_response(request, etag=response.get("ETag"), response=response)
    response.headers["X-Cache"] = "hit"
    return response
