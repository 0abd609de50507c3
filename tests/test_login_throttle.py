"""The admin login refuses further attempts after repeated failures (django-axes).

Counts are rows in the database, per username and address together.
"""

import datetime
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-42"
REFUSED = "Too many failed attempts; try again in"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("desk", password=PASSWORD, is_staff=True)


def login(client, username, password, ip="10.0.0.1", **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        **extra,
    )


def logged_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def fail(client, times, username="desk", ip="10.0.0.1"):
    for _ in range(times):
        # The failure that reaches the limit is already answered with the lock.
        login(client, username, "wrong", ip=ip)


def test_five_failures_lock_the_username_even_with_the_right_password(client, staff):
    fail(client, 5)
    response = login(client, "desk", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts; try again in 15 minutes." in response.content.decode()
    assert int(response["Retry-After"]) > 14 * 60
    assert not logged_in(client)


def test_a_refused_attempt_never_checks_the_password(client, staff):
    fail(client, 5)
    with mock.patch("django.contrib.auth.backends.ModelBackend.authenticate") as authenticate:
        login(client, "desk", PASSWORD)
    authenticate.assert_not_called()


def test_counts_are_rows_in_the_database_so_every_process_shares_them(client, staff):
    """Not a per-process cache: a restarted or different worker sees the same count."""
    from axes.models import AccessAttempt
    from django.core.cache import cache

    fail(client, 3)
    [attempt] = AccessAttempt.objects.all()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "desk",
        "10.0.0.1",
        3,
    )
    cache.clear()  # What a restart of every process would lose.
    fail(client, 2)
    assert REFUSED in login(client, "desk", PASSWORD).content.decode()


def test_four_failures_still_let_the_right_password_in(client, staff):
    fail(client, 4)
    response = login(client, "desk", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_username_is_locked_however_it_is_spelled(client, staff):
    fail(client, 5, username="desk", ip="10.0.0.1")
    response = login(client, "DESK ", PASSWORD, ip="10.0.0.1")
    assert REFUSED in response.content.decode()


def test_a_stranger_cannot_lock_a_colleague_out(client, staff):
    """Keyed on username and address together: failures from elsewhere lock only elsewhere."""
    fail(client, 5, username="desk", ip="198.51.100.9")
    assert REFUSED in login(client, "desk", PASSWORD, ip="198.51.100.9").content.decode()
    assert login(client, "desk", PASSWORD, ip="203.0.113.5").status_code == 302


def test_a_success_resets_the_username_count(client, staff):
    fail(client, 4, ip="10.0.0.1")
    assert login(client, "desk", PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    fail(client, 4, ip="10.0.0.3")
    assert login(client, "desk", PASSWORD, ip="10.0.0.4").status_code == 302


def test_the_lock_ends_with_the_window(client, staff):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        fail(client, 5)
        clock.shift(datetime.timedelta(minutes=10))
        response = login(client, "desk", PASSWORD)
        assert "try again in 5 minutes." in response.content.decode()
        clock.shift(datetime.timedelta(minutes=5, seconds=1))
        assert login(client, "desk", PASSWORD).status_code == 302


def test_limit_and_window_come_from_settings(client, staff, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "LOGIN_FAILURE_LIMIT": 2, "LOGIN_FAILURE_WINDOW": 60}
    fail(client, 2)
    assert "try again in 1 minute." in login(client, "desk", PASSWORD).content.decode()


def test_behind_a_proxy_the_address_it_reports_counts(client, staff, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR"}
    for number in range(5):
        # A client cannot dodge the count by sending its own X-Forwarded-For.
        login(
            client,
            "desk",
            "wrong",
            ip="10.0.0.254",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 198.51.100.9",
        )
    response = login(client, "desk", PASSWORD, ip="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert REFUSED in response.content.decode()
    other = login(client, "desk", PASSWORD, ip="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert other.status_code == 302


def test_an_unsafe_next_lands_on_the_admin_index(client, staff):
    response = client.post(
        reverse("admin:login"),
        {"username": "desk", "password": PASSWORD, "next": "https://evil.example/"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
