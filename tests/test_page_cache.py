"""Public pages come from the cache for readers, and no change ever leaves one stale."""

import datetime
import os
import stat
import subprocess
import sys
import time
import uuid

import pytest
import time_machine
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles import sharing
from articles.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    MentionFactory,
    PhotoFactory,
    QuoteFactory,
    SectionFactory,
)
from articles.models import Article, Mention
from entities.factories import PersonFactory, PositionFactory
from newsdesk.pagecache import invalidation, versions
from newsdesk.pagecache import token as tokens

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings, tmp_path):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    # The token file, with the local-memory cache the tests use.
    settings.VAR_DIR = tmp_path / "var"


def text(response):
    return response.content.decode()


def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(
    client, django_assert_num_queries
):
    article = ArticleFactory(headline="Harbour lab opens")
    first = client.get(article.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]


def test_the_cache_can_be_turned_off(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 0}
    url = reverse("articles:home")
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_signed_in_staff_never_get_or_leave_a_cached_page(client, editor):
    ArticleFactory(headline="Ferry app launched")
    url = reverse("articles:home")
    client.force_login(editor)
    staff_page = client.get(url)
    assert "X-Cache" not in staff_page
    assert "Ferry app launched" in text(staff_page)

    client.logout()
    # What the editor was shown was never stored for readers.
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    client.force_login(editor)
    assert "X-Cache" not in client.get(url)


def test_only_get_and_head_are_cached(client):
    url = reverse("articles:home")
    client.get(url)
    assert client.head(url)["X-Cache"] == "hit"
    assert "X-Cache" not in client.post(url)


def test_query_strings_are_cached_apart_and_in_any_order(client):
    base = reverse("articles:article_list")
    client.get(f"{base}?section=a&tag=b")
    assert client.get(f"{base}?tag=b&section=a")["X-Cache"] == "hit"
    assert client.get(f"{base}?tag=c&section=a")["X-Cache"] == "miss"
    assert client.get(base)["X-Cache"] == "miss"


def test_parameters_no_page_reads_neither_add_entries_nor_bypass_the_cache(client):
    base = reverse("articles:article_list")
    first = client.get(f"{base}?section=a")
    assert first["X-Cache"] == "miss"
    for junk in ("utm_source=mail", "x=2", "utm_source=mail&x=3&y"):
        again = client.get(f"{base}?section=a&{junk}")
        assert again["X-Cache"] == "hit", junk
        assert again.content == first.content
    home = reverse("articles:home")
    client.get(home)
    assert client.get(f"{home}?fbclid=1")["X-Cache"] == "hit"


def test_the_admin_keeps_its_parameters(client):
    response = client.get(reverse("admin:login") + "?next=/admin/articles/")
    assert 'value="/admin/articles/"' in text(response)


def test_every_parameter_a_public_form_reads_is_kept(settings):
    from articles.filters import ArticleFilter
    from articles.search.forms import SearchForm
    from entities.filters import EventFilter, OrganisationFilter, PersonFilter

    read = {"page", *SearchForm.base_fields}
    for filterset in (ArticleFilter, PersonFilter, OrganisationFilter, EventFilter):
        read |= set(filterset.base_filters)
    assert read <= settings.NEWSDESK["PAGE_QUERY_PARAMETERS"]


def test_if_modified_since_never_hides_a_change(client):
    """Pages carry no Last-Modified: to the second, it could not tell two versions apart."""
    article = ArticleFactory(headline="Tram trial starts")
    url = reverse("articles:home")
    first = client.get(url)
    assert "Last-Modified" not in first
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    later = client.get(url, headers={"If-Modified-Since": http_date(time.time() + 60)})
    assert later.status_code == 200
    assert "Tram trial starts" not in text(later)


def test_public_pages_tell_a_cdn_how_long_to_keep_them(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "CDN_CACHE_SECONDS": 45, "CDN_STALE_SECONDS": 20}
    response = client.get(reverse("articles:home"))
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=45, stale-while-revalidate=20"
    settings.NEWSDESK = {**settings.NEWSDESK, "CDN_CACHE_SECONDS": 0}
    cache.clear()
    assert client.get(reverse("articles:archive"))["Cache-Control"] == "no-cache"


def test_not_found_pages_and_shared_previews_are_not_stored(client, editor):
    missing = reverse("articles:article_detail", kwargs={"slug": "no-such-story"})
    client.get(missing)
    assert client.get(missing)["X-Cache"] == "miss"

    preview = sharing.url_for(sharing.create(ArticleFactory(draft=True), editor))
    assert client.get(preview).status_code == 200
    assert client.get(preview)["X-Cache"] == "miss"


def test_conditional_get_answers_304_until_the_page_changes(client):
    article = ArticleFactory(headline="Chip plant gets approval")
    url = article.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert not etag.startswith("W/")
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    article.headline = "Chip plant approval delayed"
    article.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Chip plant approval delayed" in text(changed)
    assert changed["ETag"] != etag


def test_feeds_answer_conditional_gets(client):
    ArticleFactory()
    url = reverse("articles:feed_latest_atom")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


# Each change invalidates every page that shows it ------------------------------


def warm(client, urls):
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss", url
        assert client.get(url)["X-Cache"] == "hit", url


def test_publishing_reaches_every_page_that_lists_the_story(client):
    section = SectionFactory(name="Energy")
    quoted = PersonFactory()
    article = ArticleFactory(draft=True, section=section, headline="Grid battery goes live")
    QuoteFactory(article=article, person=quoted)
    urls = [
        reverse("articles:home"),
        section.get_absolute_url(),
        reverse("articles:article_list"),
        reverse("articles:feed_latest_rss"),
        quoted.get_absolute_url(),
    ]
    warm(client, urls)

    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - datetime.timedelta(minutes=1)
    article.save()
    for url in urls:
        assert "Grid battery goes live" in text(client.get(url)), url


def test_unpublishing_removes_the_story_everywhere(client):
    article = ArticleFactory(headline="Drone rules relaxed")
    urls = [reverse("articles:home"), reverse("articles:feed_latest_atom")]
    warm(client, [article.get_absolute_url(), *urls])

    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in urls:
        assert "Drone rules relaxed" not in text(client.get(url)), url


def test_a_scheduled_story_appears_at_its_time_with_no_save(client):
    goes_live = timezone.now() + datetime.timedelta(hours=1)
    ArticleFactory(headline="Already out")
    ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=goes_live, headline="Embargoed launch"
    )
    url = reverse("articles:home")
    with time_machine.travel(goes_live - datetime.timedelta(minutes=1), tick=False):
        warm(client, [url])
        assert "Embargoed launch" not in text(client.get(url))
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        page = client.get(url)
        assert page["X-Cache"] == "miss"
        assert "Embargoed launch" in text(page)


def test_editing_a_title_updates_the_person_and_the_story_quoting_them(client):
    person = PersonFactory()
    position = PositionFactory(person=person, title="chief scientist")
    article = ArticleFactory()
    QuoteFactory(article=article, person=person)
    urls = [person.get_absolute_url(), article.get_absolute_url()]
    warm(client, urls)
    assert all("chief scientist" in text(client.get(url)) for url in urls)

    position.title = "chief technology officer"
    position.save()
    for url in urls:
        assert "chief technology officer" in text(client.get(url)), url


def test_confirming_a_mention_links_the_story_and_the_person(client):
    person = PersonFactory(display_name="Mei Ling Tsang")
    article = ArticleFactory(body="<p>Mei Ling Tsang spoke first.</p>")
    mention = MentionFactory(article=article, person=person)
    urls = [article.get_absolute_url(), person.get_absolute_url()]
    warm(client, urls)

    # The moderators' bulk action, which sends no signals.
    Mention.objects.filter(pk=mention.pk).update(status=Mention.Status.CONFIRMED)
    assert f'href="{person.get_absolute_url()}"' in text(client.get(urls[0]))
    assert f'href="{article.get_absolute_url()}"' in text(client.get(urls[1]))


def test_a_new_caption_shows_on_the_photo_and_the_story(client):
    photo = PhotoFactory(caption="Visitors at the fair")
    article = ArticleFactory(lead_photo=photo)
    ArticlePhotoFactory(article=article, photo=PhotoFactory())
    urls = [photo.get_absolute_url(), article.get_absolute_url()]
    warm(client, urls)

    photo.caption = "Engineers test a robot arm"
    photo.save()
    for url in urls:
        assert "Engineers test a robot arm" in text(client.get(url)), url


def test_a_change_committed_during_a_render_retires_that_render(client, monkeypatch):
    """A page rendered from the old rows is stored under the token read before it."""
    from articles.views.public import HomeView

    url = reverse("articles:home")
    render = HomeView.get_context_data

    def change_midway(view, **kwargs):
        context = render(view, **kwargs)
        invalidation.content_changed()  # as a commit by another process would
        return context

    monkeypatch.setattr(HomeView, "get_context_data", change_midway)
    client.get(url)
    monkeypatch.setattr(HomeView, "get_context_data", render)
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


# Every model a public page shows replaces the token ----------------------------


def every_content_table():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in invalidation.CONTENT_APPS
    ]


@pytest.mark.parametrize("model", every_content_table(), ids=lambda model: model._meta.label)
def test_a_write_to_any_public_table_replaces_the_token(model):
    before = invalidation.current_token()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        # Matches no row: the statement alone must count, as bulk paths send no signals.
        cursor.execute(f"DELETE FROM {table} WHERE 1 = 0")
    changed = invalidation.current_token() != before
    assert changed is (model._meta.label not in invalidation.PRIVATE_MODELS)


def test_the_private_models_all_exist():
    labels = {model._meta.label for model in every_content_table()}
    assert labels >= invalidation.PRIVATE_MODELS


def test_the_token_is_replaced_again_on_commit(client, django_capture_on_commit_callbacks):
    url = reverse("articles:home")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # A write no model signal covers.
        Article.objects.filter(pk=ArticleFactory().pk).update(headline="Committed story")
    assert invalidation.content_changed in callbacks
    assert "Committed story" in text(client.get(url))


def test_the_versions_are_changed_again_on_commit(client, django_capture_on_commit_callbacks):
    url = reverse("articles:home")
    client.get(url)
    before = versions.read(["list:home"])["list:home"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticleFactory(headline="Committed story")
    at_once = versions.read(["list:home"])["list:home"]
    assert at_once > before
    for callback in callbacks:
        callback()
    assert versions.read(["list:home"])["list:home"] > at_once
    assert "Committed story" in text(client.get(url))


# Every worker process sees every change -----------------------------------------


def as_worker(settings, name):
    """Serve the next requests as another process would: its own local-memory cache."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    }


def test_a_change_made_in_one_worker_reaches_the_pages_of_every_other(client, settings):
    article = ArticleFactory(headline="Drone rules relaxed")
    urls = [article.get_absolute_url(), reverse("articles:home")]
    for worker in ("worker-a", "worker-b"):
        as_worker(settings, worker)
        cache.clear()
        warm(client, urls)

    as_worker(settings, "worker-a")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    as_worker(settings, "worker-b")
    assert client.get(urls[0]).status_code == 404
    home = client.get(urls[1])
    assert home["X-Cache"] == "miss"
    assert "Drone rules relaxed" not in text(home)


def test_a_token_replaced_by_another_process_retires_this_ones_pages(client, settings):
    url = reverse("articles:home")
    warm(client, [url])
    another_process = (
        "import django; django.setup(); "
        "from newsdesk.pagecache.invalidation import content_changed; content_changed()"
    )
    subprocess.run(
        [sys.executable, "-c", another_process],
        cwd=django_settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.test_settings",
            "NEWSDESK_VAR_DIR": str(settings.VAR_DIR),
        },
        check=True,
    )
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_a_hit_reads_the_token_file_once_and_queries_nothing(
    client, monkeypatch, django_assert_num_queries
):
    url = reverse("articles:home")
    warm(client, [url])
    reads = []
    read_file = tokens.read_file
    monkeypatch.setattr(tokens, "read_file", lambda: reads.append(1) or read_file())
    with django_assert_num_queries(0):
        assert client.get(url)["X-Cache"] == "hit"
    assert len(reads) == 1


def test_a_versions_table_of_another_size_is_replaced_and_retires_every_page(client, settings):
    article = ArticleFactory()
    url = article.get_absolute_url()
    warm(client, [url])
    path = settings.VAR_DIR / versions.VERSIONS_FILE
    # What an older release left: a smaller table, written whole elsewhere.
    smaller = path.with_name("smaller")
    smaller.write_bytes(path.read_bytes()[: versions.WORD.size * (versions.HEADER + 1024)])
    os.replace(smaller, path)
    assert client.get(url)["X-Cache"] == "miss"
    assert os.path.getsize(path) == versions.WORD.size * (versions.HEADER + versions.SLOTS)
    assert client.get(url)["X-Cache"] == "hit"
    assert sorted(os.listdir(settings.VAR_DIR)) == sorted(
        [tokens.TOKEN_FILE, versions.VERSIONS_FILE]
    )


def test_the_token_file_is_replaced_whole_and_readable_by_every_worker(settings):
    for _ in range(3):
        invalidation.content_changed()
    # The folder is made when missing, and no temporary file is left behind.
    assert os.listdir(settings.VAR_DIR) == [tokens.TOKEN_FILE]
    versions.bump(["list:home"])
    assert sorted(os.listdir(settings.VAR_DIR)) == sorted(
        [tokens.TOKEN_FILE, versions.VERSIONS_FILE]
    )
    assert stat.S_IMODE(os.stat(settings.VAR_DIR / versions.VERSIONS_FILE).st_mode) == 0o644
    mode = os.stat(tokens.token_path()).st_mode
    assert stat.S_IMODE(mode) == 0o644
    assert tokens.token_path().read_text() == invalidation.current_token()


# One host: the disk cache every worker shares, each with its own copies in front


def as_host_worker(settings, tmp_path, name):
    """Serve the next requests as a worker of a site on one host (the settings'
    default without Redis): the host's disk cache, and this worker's own copies."""
    settings.CACHES = {
        "default": {"BACKEND": "newsdesk.hostcache.HostCache", "LOCATION": str(tmp_path / "cache")},
        "pages": {"BACKEND": "newsdesk.hostcache.LocalCopies", "LOCATION": name},
    }


def test_on_one_host_a_page_made_by_one_worker_is_served_by_the_others(client, settings, tmp_path):
    article = ArticleFactory(headline="Drone rules relaxed")
    urls = [article.get_absolute_url(), reverse("articles:home")]
    as_host_worker(settings, tmp_path, "worker-a")
    warm(client, urls)
    # The token and the versions stay in files beside the disk cache.
    assert tokens.in_file()
    assert (settings.VAR_DIR / versions.VERSIONS_FILE).exists()

    as_host_worker(settings, tmp_path, "worker-b")
    for url in urls:
        assert client.get(url)["X-Cache"] == "hit"

    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    as_host_worker(settings, tmp_path, "worker-a")
    assert client.get(urls[0]).status_code == 404
    home = client.get(urls[1])
    assert home["X-Cache"] == "miss"
    assert "Drone rules relaxed" not in text(home)
    # Made again by worker A, the page is worker B's too.
    as_host_worker(settings, tmp_path, "worker-b")
    again = client.get(urls[1])
    assert again["X-Cache"] == "hit"
    assert again.content == home.content


def test_a_page_served_again_comes_from_the_workers_own_copy(
    client, settings, tmp_path, monkeypatch
):
    article = ArticleFactory(headline="Harbour lab opens")
    url = article.get_absolute_url()
    as_host_worker(settings, tmp_path, "worker-a")
    warm(client, [url])
    shared_reads = []
    shared = caches["default"]
    for name in ("get", "get_many"):
        method = getattr(shared, name)
        monkeypatch.setattr(
            shared,
            name,
            lambda *args, _method=method, **kwargs: (
                shared_reads.append(args) or _method(*args, **kwargs)
            ),
        )
    assert client.get(url)["X-Cache"] == "hit"
    assert shared_reads == []

    # The copy carries the versions it was made under: a change retires it.
    article.headline = "Harbour lab opens its doors"
    article.save()
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"
    assert "Harbour lab opens its doors" in text(fresh)


REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """Django's Redis cache, shared by every process and host.

    The keys carry a prefix of this test's own, and are deleted afterwards, rather
    than the database flushed: other test processes (the suite runs in parallel)
    may be using it at the same time.
    """
    import redis

    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis does not answer at {REDIS_URL} ({error})")
    prefix = f"newsdesk-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield cache
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
    server.close()


def test_with_redis_the_token_is_kept_in_the_shared_cache(client, redis_cache, settings):
    article = ArticleFactory(headline="Drone rules relaxed")
    urls = [article.get_absolute_url(), reverse("articles:home")]
    warm(client, urls)
    token = redis_cache.get(tokens.TOKEN_KEY)
    assert token == invalidation.current_token()

    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert redis_cache.get(tokens.TOKEN_KEY) != token
    assert client.get(urls[0]).status_code == 404
    assert "Drone rules relaxed" not in text(client.get(urls[1]))
    assert not tokens.token_path().exists()


def test_with_redis_a_change_retires_only_the_pages_showing_it(client, redis_cache):
    changed, other = ArticleFactory(headline="Drone rules relaxed"), ArticleFactory()
    urls = [changed.get_absolute_url(), other.get_absolute_url()]
    warm(client, urls)
    assert redis_cache.get(versions.SEQUENCE_KEY) is not None

    changed.headline = "Drone rules tightened"
    changed.save()
    first = client.get(urls[0])
    assert first["X-Cache"] == "miss"
    assert "Drone rules tightened" in text(first)
    assert client.get(urls[1])["X-Cache"] == "hit"
    assert not (django_settings.VAR_DIR / versions.VERSIONS_FILE).exists()


def test_a_version_lost_from_the_cache_never_matches_an_old_page(client, redis_cache):
    article = ArticleFactory()
    url = article.get_absolute_url()
    warm(client, [url])
    key = versions.VERSION_KEY.format(key=f"articles.article:{article.pk}")
    assert redis_cache.get(key) is not None
    # Any change since, then the version is lost (evicted, say): it is read back
    # as the sequence's current number, which no page stored before holds.
    versions.bump(["list:elsewhere"])
    redis_cache.delete(key)
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
