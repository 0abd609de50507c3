"""Every page type of the public site in Chromium, at a phone's width and a desktop's.

Each page is photographed at 390 and 1280 px into test-artifacts/public-pages/
(for a person to look at), scanned with axe (no serious or critical finding),
and checked for what makes a page look unfinished on a phone: a masthead that
pushes the news down, anything wider than the screen.
"""

import pytest
from django.urls import reverse

from articles.demo import content
from articles.models import Article, Photo
from entities.models import Document, Event, EventSeries, Organisation, Person
from tests.browser_support import ARTIFACTS, browser_tests
from tests.test_browser_reader import DESKTOP, PHONE, Reader, accessibility_problems

pytestmark = browser_tests

FOLDER = ARTIFACTS / "public-pages"
# The masthead and the navigation, on a phone, before any news.
MAX_PHONE_MASTHEAD = 120


def page_addresses():
    forum = Event.objects.get(slug=content.FORUM)
    story = Article.objects.get(slug=content.FORUM_STORY)
    photo = Photo.objects.get(image__contains=f"demo-{content.PANEL_PHOTO}")
    return {
        "home": reverse("articles:home"),
        "article": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag_detail", args=[story.tags.first().slug]),
        "stories": reverse("articles:article_list"),
        "archive": reverse("articles:archive"),
        "search": reverse("articles:search") + "?q=capital",
        "photo": photo.get_absolute_url(),
        "person": Person.objects.get(slug="cui-li").get_absolute_url(),
        "people": reverse("entities:person_list"),
        "organisation": Organisation.objects.get(slug="caijing").get_absolute_url(),
        "organisations": reverse("entities:organisation_list"),
        "event": forum.get_absolute_url(),
        "events": reverse("entities:event_list"),
        "series": EventSeries.objects.get(slug=content.FORUM_SERIES).get_absolute_url(),
        "report": Document.objects.get().get_absolute_url(),
        "quotes": reverse("articles:quote_list"),
        "about": "/about/",
        "privacy": "/privacy/",
    }


@pytest.fixture
def demo(transactional_db):
    from django.apps import apps

    from articles.demo.loader import load_demo
    from newsdesk.roles import sync_role_groups

    sync_role_groups(apps)
    load_demo()


def test_every_page_type_at_phone_and_desktop_widths(browser, live_server, demo):
    FOLDER.mkdir(parents=True, exist_ok=True)
    reader = Reader(browser)
    findings, too_tall, too_wide = [], {}, {}
    try:
        page = reader.page
        for name, url in page_addresses().items():
            page.set_viewport_size({"width": DESKTOP, "height": 900})
            page.goto(live_server.url + url)
            reader.load_pictures()
            for width in (PHONE, DESKTOP):
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=FOLDER / f"{name}-{width}.png", full_page=True)
                findings += accessibility_problems(page, f"{name} at {width}px")
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                if overflow > 0:
                    too_wide[f"{name} at {width}px"] = overflow
            page.set_viewport_size({"width": PHONE, "height": 900})
            masthead = page.locator("header.masthead").bounding_box()
            if masthead["height"] > MAX_PHONE_MASTHEAD:
                too_tall[name] = masthead["height"]
    finally:
        reader.close()
    assert reader.problems == []
    assert too_wide == {}
    assert too_tall == {}
    assert findings == [], "\n".join(findings)


def test_the_phone_menu_opens_the_sections_and_search_is_one_tap_away(browser, live_server, demo):
    reader = Reader(browser)
    try:
        page = reader.page
        page.set_viewport_size({"width": PHONE, "height": 800})
        page.goto(live_server.url + reverse("articles:home"))
        sections = page.get_by_role("navigation", name="Sections", exact=True)
        assert not sections.is_visible()
        button = page.get_by_role("button", name="Menu")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert sections.is_visible()
        page.screenshot(path=FOLDER / "menu-open-390.png")
        reader.follow(
            page.get_by_role("navigation", name="Explore").get_by_role("link", name="Quotes")
        )
        assert reader.h1() == "Who said what"
        reader.follow(page.get_by_role("link", name="Search"))
        assert page.get_by_role("searchbox").is_visible()
    finally:
        reader.close()
    assert reader.problems == []
