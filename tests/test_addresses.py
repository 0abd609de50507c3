"""Objects' addresses come from memory after the first reverse (newsdesk/addresses.py),
and still follow the script prefix the site is mounted under."""

from django.urls import reverse, set_script_prefix

from newsdesk.addresses import _reversed, object_address


def test_the_same_address_as_reverse_and_reversed_once():
    _reversed.cache_clear()
    expected = reverse("entities:person_detail", kwargs={"slug": "jane-doe"})
    assert object_address("entities:person_detail", slug="jane-doe") == expected
    assert object_address("entities:person_detail", slug="jane-doe") == expected
    assert _reversed.cache_info().hits == 1


def test_a_site_mounted_under_a_prefix_gets_prefixed_addresses():
    plain = object_address("articles:article_detail", slug="a-story")
    set_script_prefix("/news/")
    try:
        assert object_address("articles:article_detail", slug="a-story") == "/news" + plain
    finally:
        set_script_prefix("/")
