"""A reader finds their way round the demo newsroom in a real browser, by clicking."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.urls import reverse

from articles.demo import content
from articles.demo.loader import load_demo
from articles.factories import ArticleFactory
from articles.models import Article, Photo
from entities.models import Event
from newsdesk.roles import sync_role_groups
from tests.browser_support import browser_tests, screenshot

pytestmark = browser_tests

DESKTOP, PHONE = 1280, 390
FOLLOW_UP = "Forum speakers take their pitch for patient capital to the legislature"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def demo_newsroom(transactional_db):
    # A transactional test flushes tables between tests, the role groups
    # created by migration among them; the demo's accounts join them.
    sync_role_groups(apps)
    # The pictures go to the throwaway MEDIA_ROOT set in conftest.py, which
    # Django's live server serves under MEDIA_URL by itself.
    load_demo()
    forum_story = Article.objects.get(slug=content.FORUM_STORY)
    # The demo has one story per event; a reader following an event to its
    # coverage needs a second one to go on to.
    follow_up = ArticleFactory(
        headline=FOLLOW_UP,
        section=forum_story.section,
        published_at=forum_story.published_at + datetime.timedelta(days=1),
        lead_photo=Photo.objects.get(image__contains=f"demo-{content.PANEL_PHOTO}"),
    )
    follow_up.events.add(Event.objects.get(slug=content.FORUM))
    return follow_up


class Reader:
    """One reader's browser tab, noting anything that went wrong on the way."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.problems = []
        self.page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.problems.append(f"console error on {self.page.url}: {message.text}")
            ),
        )
        self.page.on(
            "pageerror",
            lambda error: self.problems.append(f"script error on {self.page.url}: {error}"),
        )
        self.page.on(
            "requestfailed",
            lambda request: self.problems.append(
                f"request failed: {request.url} ({request.failure})"
            ),
        )
        self.page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.problems.append(f"HTTP {response.status}: {response.url}")
            ),
        )

    def close(self):
        self.context.close()

    def h1(self):
        return " ".join(self.page.locator("h1").inner_text().split())

    def follow(self, link):
        """Click `link` and wait for the page it leads to, with every picture on it."""
        with self.page.expect_navigation():
            link.click()
        self.load_pictures()

    def load_pictures(self):
        """Load the lazy pictures too, and fail on any that does not decode."""
        broken = self.page.evaluate(
            """() => Promise.all([...document.images].map(img => {
                img.loading = "eager";
                return img.decode().then(() => null, () => img.currentSrc || img.src);
            }))"""
        )
        assert [src for src in broken if src] == [], f"broken images on {self.page.url}"


def accessibility_problems(page, label):
    """Scan the page with axe; print every finding, return the serious ones."""
    results = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
    blocking = []
    # "incomplete" are the checks axe could not decide alone, such as text
    # over a picture: printed for a person to look at, never failing the test.
    for kind in ("violations", "incomplete"):
        for finding in results[kind]:
            targets = [
                f"{', '.join(node['target'])} ({node['failureSummary'] or ''})".strip()
                for node in finding["nodes"]
            ]
            line = f"axe {label}: {kind} [{finding['impact']}] {finding['id']}: {targets}"
            print(line)
            if kind == "violations" and finding["impact"] in BLOCKING_IMPACTS:
                blocking.append(line)
    return blocking


def record(reader, name, findings):
    """Screenshots and an axe scan of the current page at desktop and phone widths."""
    for width in (DESKTOP, PHONE):
        resize(reader, width)
        screenshot(reader.page, f"reader-{name}-{width}")
        findings += accessibility_problems(reader.page, f"{name} at {width}px")
    resize(reader, DESKTOP)


def resize(reader, width):
    """Another width can pick another picture from a srcset: wait for those too, or
    the next resize or click would cancel them half loaded (a failed request), and
    more often the busier the machine is."""
    reader.page.set_viewport_size({"width": width, "height": 900})
    reader.load_pictures()


def test_a_reader_clicks_from_the_front_page_to_a_person_in_a_photo(
    browser, live_server, demo_newsroom
):
    forum_story = Article.objects.get(slug=content.FORUM_STORY)
    forum = Event.objects.get(slug=content.FORUM)
    reader = Reader(browser)
    findings = []
    try:
        page = reader.page
        page.goto(live_server.url + reverse("articles:home"))
        reader.load_pictures()
        assert reader.h1() == "Newsdesk: latest stories"
        record(reader, "home", findings)

        reader.follow(page.get_by_role("link", name=forum_story.headline).first)
        assert reader.h1() == forum_story.headline
        record(reader, "article", findings)

        quoted = page.get_by_role("complementary", name="Who said what")
        reader.follow(quoted.get_by_role("link", name="Cui Li", exact=True))
        assert reader.h1() == "Cui Li"
        record(reader, "person", findings)

        # She spoke and sat on the panel: one event, two rows.
        reader.follow(page.get_by_role("link", name=forum.name).first)
        assert reader.h1() == forum.name
        record(reader, "event", findings)

        coverage = page.get_by_role("region", name="Coverage")
        reader.follow(coverage.get_by_role("link", name=FOLLOW_UP))
        assert reader.h1() == FOLLOW_UP

        reader.follow(page.locator(".story .figure__link").first)
        panel = demo_newsroom.lead_photo
        assert page.url.endswith(panel.get_absolute_url())
        # Headed by who is in it and where, not by the caption cut short.
        assert reader.h1() == f"He Gang, Hui Kai-Lung, Cui Li and Wu Junhua at {forum.name}"

        shown = page.get_by_role("region", name="In this photo")
        reader.follow(shown.get_by_role("link", name="He Gang", exact=True))
        assert reader.h1().startswith("He Gang")
        assert page.url.endswith(reverse("entities:person_detail", args=["he-gang"]))
    finally:
        reader.close()

    assert reader.problems == []
    assert findings == [], "\n".join(findings)


def test_the_skip_link_is_the_first_stop_and_lands_in_the_main_content(
    browser, live_server, demo_newsroom
):
    reader = Reader(browser)
    try:
        page = reader.page
        page.goto(live_server.url + reverse("articles:home"))
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text() == "Skip to content"
        # Hidden until focused, then on screen for the reader who tabbed to it.
        box = skip.bounding_box()
        assert box is not None
        assert box["y"] >= 0
        assert box["width"] > 1
        assert box["height"] > 1

        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content"
        # The next Tab carries on inside the main content, past the menus.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('main')")
    finally:
        reader.close()
    assert reader.problems == []
