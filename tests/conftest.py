import pytest

from tests.browser_support import CHROMIUM


@pytest.fixture(scope="session", autouse=True)
def _var_dir_per_process(tmp_path_factory):
    """Files written outside any one test go to a folder of this test process's own
    (pytest-xdist runs several), never to the checkout's var/: making the test
    database alone replaces the page cache's token file at every migration."""
    from django.test import override_settings

    folder = tmp_path_factory.mktemp("session")
    with override_settings(VAR_DIR=folder / "var", MEDIA_ROOT=folder / "media"):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files and the page cache's token file go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture(autouse=True)
def _same_filler_every_run(request):
    """The factories' random text and choices are seeded by the test's own name, so a
    test sees the same content on every run and on every worker: a word in the filler
    that trips an assertion fails every time, not one run in a hundred."""
    import zlib

    import factory.random

    factory.random.reseed_random(zlib.crc32(request.node.nodeid.encode()))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no page cached by another test is served."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Pages are rendered for every request, so that tests see and count the real work;
    tests/test_page_cache.py turns the cache on."""
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 0}


@pytest.fixture
def make_staff(db, django_user_model):
    """Creates a staff user in one of the newsroom's role groups."""
    from django.contrib.auth.models import Group

    def make(role, username=None):
        user = django_user_model.objects.create_user(
            username=username or role.lower(), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff("Editors", "editor")


@pytest.fixture
def reporter(make_staff):
    return make_staff("Reporters", "reporter")


@pytest.fixture
def moderator(make_staff):
    return make_staff("Moderators", "moderator")


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for one module of browser tests (see tests/browser_support.py)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which
    # makes Django refuse database calls from the test body without this.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            yield chromium
            chromium.close()
