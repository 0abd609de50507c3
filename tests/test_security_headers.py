"""Every response carries the Content-Security-Policy and the other protective headers."""

import pytest
from csp.constants import HEADER
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from articles.factories import ArticleFactory, PhotoFactory
from newsdesk.security import ContentSecurityPolicyMiddleware, script_hash

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response[HEADER]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


def assert_protected(response):
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def article():
    return ArticleFactory(lead_photo=PhotoFactory())


@pytest.mark.parametrize(
    "url_name",
    ["articles:home", "articles:article_list", "entities:person_list", "entities:event_list"],
)
def test_public_pages(client, url_name, article):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_protected(response)


def test_article_page(client, article):
    assert_protected(client.get(article.get_absolute_url()))


def test_not_found_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_protected(response)


@pytest.mark.parametrize("url_name", ["articles:feed_latest_rss", "articles:feed_latest_atom"])
def test_feeds(client, url_name, article):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_protected(response)


def test_sitemap(client, article):
    assert_protected(client.get(reverse("sitemap_index")))


def test_admin_login_page(client):
    assert_protected(client.get(reverse("admin:login")))


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:articles_article_add", "admin:articles_photo_changelist"]
)
def test_admin_pages(admin_client, url_name):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    assert_protected(response)


def test_the_editor_import_map_is_the_only_inline_script_allowed(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    html = response.content.decode()
    start = html.index('<script type="importmap"')
    importmap = html[start : html.index("</script>", start) + len("</script>")]
    hashes = [s for s in directives(response)["script-src"] if s.startswith("'sha256-")]
    assert hashes == [script_hash(importmap)]


def test_a_header_set_earlier_is_kept():
    def view(request):
        response = HttpResponse("x")
        response[HEADER] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response[HEADER] == "default-src 'none'"


@override_settings(
    CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'"]}}
)
def test_policy_comes_from_settings(client):
    csp = directives(client.get(reverse("articles:home")))
    assert set(csp) == {"default-src", "script-src"}
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert csp["script-src"][1].startswith("'sha256-")


def test_debug_error_pages_keep_their_inline_styles(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert HEADER not in response
    assert HEADER in client.get(reverse("articles:home"))
