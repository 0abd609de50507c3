import importlib

import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse

import newsdesk.urls


@pytest.fixture
def reload_urls(monkeypatch):
    """Re-reads the root URLconf under the given environment; restores it afterwards."""

    def reload(value):
        if value is None:
            monkeypatch.delenv("NEWSDESK_BENCH_VIEWS", raising=False)
        else:
            monkeypatch.setenv("NEWSDESK_BENCH_VIEWS", value)
        importlib.reload(newsdesk.urls)
        clear_url_caches()

    yield reload
    monkeypatch.delenv("NEWSDESK_BENCH_VIEWS", raising=False)
    importlib.reload(newsdesk.urls)
    clear_url_caches()


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "0", "yes"])
def test_bare_view_is_not_routed_unless_asked_for(client, reload_urls, value):
    reload_urls(value)
    with pytest.raises(NoReverseMatch):
        reverse("bench_bare")
    assert client.get("/bench/bare/").status_code == 404


@pytest.mark.django_db
def test_bare_view_answers_without_touching_the_database(
    client, reload_urls, django_assert_num_queries
):
    reload_urls("1")
    with django_assert_num_queries(0):
        response = client.get(reverse("bench_bare"))
    assert response.status_code == 200
    assert response.content == b"Hello"
