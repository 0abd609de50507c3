"""The admin login refuses further attempts after repeated failures."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-42"
REFUSED = "Too many failed attempts; try again in"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


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
        response = login(client, username, "wrong", ip=ip)
        assert REFUSED not in response.content.decode()


def test_five_failures_lock_the_username_even_with_the_right_password(client, staff):
    fail(client, 5)
    response = login(client, "desk", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed attempts; try again in 15 minutes." in response.content.decode()
    assert not logged_in(client)


def test_a_refused_attempt_never_checks_the_password(client, staff):
    fail(client, 5)
    with mock.patch("django.contrib.auth.forms.authenticate") as authenticate:
        login(client, "desk", PASSWORD)
    authenticate.assert_not_called()


def test_four_failures_still_let_the_right_password_in(client, staff):
    fail(client, 4)
    response = login(client, "desk", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_username_is_locked_from_every_address(client, staff):
    fail(client, 5, ip="10.0.0.1")
    response = login(client, "DESK ", PASSWORD, ip="192.0.2.7")
    assert REFUSED in response.content.decode()


def test_one_address_trying_many_usernames_is_locked(client, staff):
    for number in range(5):
        fail(client, 1, username=f"guess{number}", ip="198.51.100.9")
    assert REFUSED in login(client, "desk", PASSWORD, ip="198.51.100.9").content.decode()
    # Someone else, elsewhere, is not affected.
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
            f"guess{number}",
            "wrong",
            ip="10.0.0.254",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 198.51.100.9",
        )
    response = login(client, "desk", PASSWORD, ip="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert REFUSED in response.content.decode()
    other = login(client, "desk", PASSWORD, ip="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert other.status_code == 302
