"""Refusing logins after repeated failures, through django-axes.

Failed attempts are rows in the database (axes' AccessAttempt), so every
worker process and every host sees the same counts, and they survive restarts.
A lock is kept per username *and* address together: a guesser elsewhere
cannot lock a colleague out, and a refused attempt never reaches the password
check (the slow hasher is not run for them). See the AXES_* settings.
"""

import datetime
import math

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def failure_limit(request, credentials):
    return settings.NEWSDESK["LOGIN_FAILURE_LIMIT"]


def cool_off(request=None):
    return datetime.timedelta(seconds=settings.NEWSDESK["LOGIN_FAILURE_WINDOW"])


def client_ip(request):
    header = settings.NEWSDESK.get("CLIENT_IP_HEADER")
    if header and (forwarded := request.META.get(header)):
        # The proxy appends the address it saw to whatever the client sent:
        # only the last entry can be trusted.
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def username(request, credentials):
    """One spelling of a username, so "Desk " and "desk" share a count."""
    if credentials:
        given = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        given = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return (given or "").strip().casefold()


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Axes' check before the password backends, for logins that come with a request.

    A login from code (the shell, a test client's login()) has no address to
    count against; it is neither counted nor refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def seconds_locked(request, credentials):
    """How long until this username may try again from this address."""
    attempt = (
        AccessAttempt.objects.filter(
            username=username(request, credentials), ip_address=client_ip(request)
        )
        .order_by("-attempt_time")
        .first()
    )
    if attempt is None:
        return 0
    ends = attempt.attempt_time + cool_off(request)
    return max(0, math.ceil((ends - timezone.now()).total_seconds()))


def locked_out(request, original_response=None, credentials=None):
    """The answer to a refused login: the admin's look, how long to wait, 429."""
    seconds = seconds_locked(request, credentials)
    minutes = max(1, math.ceil(seconds / 60))
    response = render(
        request,
        "admin/locked_out.html",
        {
            "title": "Too many failed attempts",
            "minutes": minutes,
            "plural": "" if minutes == 1 else "s",
            "site_header": "Newsdesk administration",
            "site_title": "Newsdesk administration",
        },
        status=429,
    )
    response["Retry-After"] = str(max(1, seconds))
    return response
