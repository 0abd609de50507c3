"""Serving without a proxy: uploaded media under /media/, and HEAD answered without a body."""

import os

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import http_date

from articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 " + bytes(range(14))


@pytest.fixture
def media(settings):
    root = settings.MEDIA_ROOT
    (root / "renditions" / "7").mkdir(parents=True)
    (root / "photos" / "2026" / "05").mkdir(parents=True)
    (root / "renditions" / "7" / "abc-320w.webp").write_bytes(WEBP)
    (root / "renditions" / "7" / "abc-320w.jpg").write_bytes(b"\xff\xd8jpeg\xff\xd9")
    (root / "renditions" / "7" / ".hidden.webp").write_bytes(WEBP)
    (root / "renditions" / "notes.html").write_bytes(b"<script>alert(1)</script>")
    (root / "photos" / "2026" / "05" / "original.jpg").write_bytes(b"\xff\xd8gps\xff\xd9")
    (root.parent / "secret.txt").write_bytes(b"outside")
    return root


RENDITION = "/media/renditions/7/abc-320w.webp"


def test_a_rendition_is_served_with_its_type_and_a_long_cache_life(client, media):
    response = client.get(RENDITION)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == WEBP
    assert response["Content-Type"] == "image/webp"
    assert response["Content-Length"] == str(len(WEBP))
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert client.get("/media/renditions/7/abc-320w.jpg")["Content-Type"] == "image/jpeg"


def test_conditional_requests_answer_304(client, media):
    first = client.get(RENDITION)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert client.get(RENDITION, headers={"if-none-match": first["ETag"]}).status_code == 304
    since = client.get(RENDITION, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    os.utime(media / "renditions/7/abc-320w.webp", (2_000_000_000, 2_000_000_000))
    changed = client.get(RENDITION, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["Last-Modified"] == http_date(2_000_000_000)


@pytest.mark.parametrize(
    ("asked", "status", "content_range", "body"),
    [
        ("bytes=0-3", 206, f"bytes 0-3/{len(WEBP)}", WEBP[:4]),
        ("bytes=8-", 206, f"bytes 8-{len(WEBP) - 1}/{len(WEBP)}", WEBP[8:]),
        ("bytes=-5", 206, f"bytes {len(WEBP) - 5}-{len(WEBP) - 1}/{len(WEBP)}", WEBP[-5:]),
        ("bytes=4-1000", 206, f"bytes 4-{len(WEBP) - 1}/{len(WEBP)}", WEBP[4:]),
        ("bytes=0-1,4-5", 200, None, WEBP),
        ("lines=1-2", 200, None, WEBP),
    ],
)
def test_range_requests(client, media, asked, status, content_range, body):
    response = client.get(RENDITION, headers={"range": asked})
    assert response.status_code == status
    assert response.get("Content-Range") == content_range
    assert b"".join(response.streaming_content) == body
    assert response["Content-Length"] == str(len(body))


def test_a_range_past_the_end_is_416(client, media):
    response = client.get(RENDITION, headers={"range": "bytes=999-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(WEBP)}"


def test_if_range_of_another_version_gets_the_whole_file(client, media):
    response = client.get(RENDITION, headers={"range": "bytes=0-3", "if-range": '"old"'})
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == WEBP


@pytest.mark.parametrize(
    "address",
    [
        "/media/renditions/",
        "/media/renditions/7/",
        "/media/renditions/7",
        "/media/renditions/7/.hidden.webp",
        "/media/renditions/7/../../../secret.txt",
        "/media/renditions/%2e%2e/%2e%2e/secret.txt",
        "/media/renditions/7/..%2f..%2f..%2fsecret.txt",
        "/media/renditions//7/abc-320w.webp",
        "/media/renditions/7/missing.webp",
        "/media/../secret.txt",
    ],
)
def test_no_listing_no_hidden_files_nothing_outside(client, media, address):
    assert client.get(address).status_code == 404


def test_a_symlink_out_of_the_media_folder_is_not_followed(client, media):
    (media / "renditions" / "link.webp").symlink_to(media.parent / "secret.txt")
    assert client.get("/media/renditions/link.webp").status_code == 404


def test_anything_but_an_image_is_a_download_never_a_page(client, media):
    response = client.get("/media/renditions/notes.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"


def test_originals_keep_their_metadata_from_readers(client, media, editor):
    original = "/media/photos/2026/05/original.jpg"
    assert client.get(original).status_code == 404
    client.force_login(editor)
    response = client.get(original)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_media_are_served_with_debug_off(client, media, settings):
    settings.DEBUG = False
    assert client.get(RENDITION).status_code == 200


def wsgi_body(method, path):
    """The body as a WSGI server gets it (the test client drops HEAD bodies itself)."""
    environ = getattr(RequestFactory(), method.lower())(path).environ
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    # As the test client does: the handler must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(environ, start_response)
        try:
            return captured, b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("address", [reverse("articles:home"), RENDITION])
def test_head_is_answered_with_headers_only(media, address):
    ArticleFactory()
    _, body = wsgi_body("GET", address)
    head, head_body = wsgi_body("HEAD", address)
    assert head["status"].startswith("200")
    assert head_body == b""
    assert body
    assert head["headers"]["Content-Length"] == str(len(body))


def test_the_master_builds_what_each_worker_would_on_its_first_requests(
    django_assert_num_queries,
):
    """Called by gunicorn's master before it forks (newsdesk/gunicorn.conf.py), where no
    database connection may be opened: it would be shared across the fork."""
    from django.template import engines

    from newsdesk.warmup import template_names, warm

    engine = engines["django"]
    loader = engine.engine.template_loaders[0]
    loader.reset()
    names = template_names(engine)
    assert {"articles/home.html", "admin/change_form.html"} <= set(names)
    with django_assert_num_queries(0):
        assert warm() >= len(names) - 5
    cached = set(loader.get_template_cache)
    assert {"articles/home.html", "entities/person_detail.html"} <= cached
