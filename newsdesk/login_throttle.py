"""Refusing admin logins after repeated failures, per username and per client address.

Counts live in Django's cache (Redis in production), so every worker process
sees the same numbers. A refused attempt never reaches the password check: a
guesser learns nothing from it, and the slow password hasher is not run for them.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

PREFIX = "login-failures"


def _limits():
    return settings.NEWSDESK["LOGIN_FAILURE_LIMIT"], settings.NEWSDESK["LOGIN_FAILURE_WINDOW"]


def client_ip(request):
    header = settings.NEWSDESK.get("CLIENT_IP_HEADER")
    if header and (forwarded := request.META.get(header)):
        # The proxy appends the address it saw to whatever the client sent:
        # only the last entry can be trusted.
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _keys(username, ip):
    """The cache keys for this username and this address (hashed: any text is a valid key)."""
    keys = []
    if username:
        keys.append("user:" + username.strip().casefold())
    if ip:
        keys.append("ip:" + ip)
    return [f"{PREFIX}:{hashlib.sha256(key.encode()).hexdigest()}" for key in keys]


def _user_key(username):
    return _keys(username, None)


def seconds_locked(username, ip):
    """How long until this username and address may try again; 0 when they may now."""
    limit, window = _limits()
    remaining = 0
    for key in _keys(username, ip):
        if (cache.get(f"{key}:count") or 0) >= limit:
            started = cache.get(f"{key}:start") or time.time()
            remaining = max(remaining, window - (time.time() - started))
    return max(0, math.ceil(remaining))


def record_failure(username, ip):
    _, window = _limits()
    for key in _keys(username, ip):
        # The window runs from the first failure; both entries expire with it.
        cache.add(f"{key}:start", time.time(), timeout=window)
        cache.add(f"{key}:count", 0, timeout=window)
        try:
            cache.incr(f"{key}:count")
        except ValueError:
            # Expired between add() and incr(): this failure starts a new window.
            cache.set(f"{key}:count", 1, timeout=window)


def reset_username(username):
    cache.delete_many(
        [f"{key}:{part}" for key in _user_key(username) for part in ("count", "start")]
    )


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": "Too many failed attempts; try again in %(minutes)s minute%(plural)s.",
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request is not None else ""
        if seconds := seconds_locked(username, ip):
            minutes = math.ceil(seconds / 60)
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": minutes, "plural": "" if minutes == 1 else "s"},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(username, ip)
            raise
        reset_username(username)
        return cleaned
