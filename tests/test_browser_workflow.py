"""The whole editorial flow in a real browser, as a reporter and an editor would do it."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.factories import SectionFactory
from articles.models import Article, Transition
from entities.factories import PersonFactory
from newsdesk.roles import EDITOR, REPORTER, sync_role_groups
from tests.browser_support import browser_tests, close_context, screenshot

PASSWORD = "a-long-test-password"

pytestmark = browser_tests


@pytest.fixture
def newsroom(transactional_db):
    # A transactional test flushes tables between tests, the role groups
    # created by migration among them.
    sync_role_groups(apps)
    users = {}
    for username, role in [("reporter", REPORTER), ("editor", EDITOR)]:
        user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    SectionFactory(name="Innovation")
    PersonFactory(display_name="Mei Ling Chan")
    return users


class Desk:
    """One person's browser window on the admin."""

    def __init__(self, browser, live_server, username, request):
        self.base = live_server.url
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.name = f"{request.node.name}-{username}"
        request.addfinalizer(self.close)
        self.page.goto(self.base + reverse("admin:login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(self.base + reverse("admin:index"))

    def close(self):
        screenshot(self.page, self.name)
        close_context(self.context)

    def open(self, url_name, *args):
        self.page.goto(self.base + reverse(url_name, args=args))

    def choose(self, select_id, text):
        """Pick `text` in one of the admin's autocomplete (select2) widgets."""
        self.page.click(f"#{select_id} + .select2")
        self.page.fill(".select2-container--open .select2-search__field", text)
        self.page.click(f".select2-results__option:has-text('{text}')")

    def act(self, action, note=""):
        # On an editable form the panel's fields belong to the article's form,
        # under a prefix; on a read-only one they are a form of their own.
        if note:
            self.page.fill(".workflow-panel textarea[name$=note]", note)
        self.page.click(f".workflow-panel button[name$=action][value={action}]")
        self.page.wait_for_selector(".messagelist")


def status_of(headline):
    return Article.objects.get(headline=headline).status


def test_reporter_to_editor_to_scheduled_on_the_home_page(
    browser, live_server, newsroom, request, tmp_path
):
    image = tmp_path / "panel.jpg"
    Image.new("RGB", (640, 400), "teal").save(image)

    reporter = Desk(browser, live_server, "reporter", request)
    reporter.open("admin:articles_photo_add")
    reporter.page.set_input_files("#id_image", image)
    reporter.page.fill("#id_caption", "Speakers on the robotics panel at the science park.")
    reporter.page.fill("#id_credit", "NEWSDESK STAFF")
    reporter.page.fill("#id_alt_text", "Four speakers seated on a stage")
    reporter.page.click("input[name=_save]")
    reporter.page.wait_for_selector(".messagelist .success")

    reporter.open("admin:articles_article_add")
    reporter.page.fill("#id_headline", "Robot makers look to the science park")
    reporter.page.fill(
        "#id_standfirst", "Start-ups say space and capital are finally in one place."
    )
    reporter.page.click(".field-body .ProseMirror >> visible=true")
    reporter.page.keyboard.type("Three robotics start-ups moved into new laboratories this week.")
    reporter.page.select_option("#id_section", label="Innovation")
    reporter.choose("id_lead_photo", "robotics panel")
    reporter.page.click("text=Add another author")
    reporter.choose("id_bylines-0-person", "Mei Ling Chan")
    reporter.page.click("input[name=_continue]")
    reporter.page.wait_for_selector(".messagelist .success")
    headline = "Robot makers look to the science park"
    article = Article.objects.get(headline=headline)
    assert article.created_by == newsroom["reporter"]
    assert article.lead_photo.caption.startswith("Speakers on the robotics panel")

    reporter.act("submit")
    assert status_of(headline) == Article.Status.IN_REVIEW

    editor = Desk(browser, live_server, "editor", request)
    editor.open("admin:articles_article_change", article.pk)
    # The reporter let go of the story by submitting it.
    assert "is editing since" not in editor.page.content()
    editor.act("return", note="Name the three start-ups in the first paragraph.")
    assert status_of(headline) == Article.Status.DRAFT

    reporter.open("admin:articles_article_change", article.pk)
    assert "Name the three start-ups" in reporter.page.content()
    reporter.page.click(".field-body .ProseMirror >> visible=true")
    reporter.page.keyboard.press("End")
    reporter.page.keyboard.type(" They are Axon Motion, Kowloon Grip and Tidal Arm.")
    reporter.page.click("input[name=_continue]")
    reporter.page.wait_for_selector(".messagelist .success")
    reporter.act("submit")
    assert status_of(headline) == Article.Status.IN_REVIEW

    goes_live = timezone.localtime() + datetime.timedelta(hours=3)
    editor.open("admin:articles_article_change", article.pk)
    editor.page.fill(".workflow-panel input[name$=published_at]", f"{goes_live:%Y-%m-%dT%H:%M}")
    editor.act("schedule")
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert "Tidal Arm" in article.body
    assert list(
        Transition.objects.filter(article=article).order_by("pk").values_list("action", flat=True)
    ) == ["submit", "return", "submit", "schedule"]

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + reverse("articles:home"))
    assert headline not in reader.content()

    # Nothing runs at the scheduled time: the clock moves on, and that is all.
    with time_machine.travel(article.published_at + datetime.timedelta(seconds=1), tick=False):
        reader.goto(live_server.url + reverse("articles:home"))
        assert headline in reader.content()
        reader.click(f"text={headline}")
        assert "Tidal Arm" in reader.content()
    close_context(reader.context)
