"""An editor's whole day in a real browser, with a screenshot of each step at 1280 px.

Import a wire story; the reporter fixes it and submits in one click; an editor
decides on the copy-desk items and schedules it; time passes and it is live
and shown as published; a second editor's stale save is refused with the
conflict at the top; an edit after publication, a restore, and unpublishing.
The screenshots go to test-artifacts/editor-day/, numbered in order.
"""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.factories import SectionFactory
from articles.models import Article, CopyDeskItem, Transition
from entities.factories import PersonFactory
from newsdesk.roles import EDITOR, REPORTER, sync_role_groups
from tests.browser_support import ARTIFACTS, browser_tests, close_context

pytestmark = browser_tests

PASSWORD = "a-long-test-password"
COPY = Path(__file__).parent / "fixtures" / "wire" / "macao_fintech_week.txt"
SHOTS = ARTIFACTS / "editor-day"
HEADLINE = "Record crowd of start-ups at Macao fintech week"


@pytest.fixture
def newsroom(transactional_db):
    sync_role_groups(apps)
    users = {}
    for username, role in [("reporter", REPORTER), ("editor", EDITOR), ("deputy", EDITOR)]:
        user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    SectionFactory(name="Innovation")
    PersonFactory(display_name="Mei Ling Chan")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    return users


class Desk:
    """One person's browser window on the admin, noting dialogs and CSP violations."""

    shots = 0

    def __init__(self, browser, live_server, username, request):
        self.base = live_server.url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.sourceFile))"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs, self.violations = [], []
        self.page.on("dialog", self._dialog)
        self.page.on(
            "console",
            lambda m: m.text.startswith("CSP violation") and self.violations.append(m.text),
        )
        request.addfinalizer(self.context.close)
        self.page.goto(self.base + reverse("admin:login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(self.base + reverse("admin:index"))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.type)
        dialog.dismiss()

    def open(self, url_name, *args, query=""):
        self.page.goto(self.base + reverse(url_name, args=args) + query)

    def shot(self, name):
        Desk.shots += 1
        self.page.screenshot(path=SHOTS / f"{Desk.shots:02d}-{name}.png", full_page=True)

    def choose(self, select_id, text):
        self.page.click(f"#{select_id} + .select2")
        self.page.fill(".select2-container--open .select2-search__field", text)
        self.page.click(f".select2-results__option:has-text('{text}')")

    def act(self, action, note=""):
        if note:
            self.page.fill(".workflow-panel textarea[name$=note]", note)
        self.page.click(f".workflow-panel button[name$=action][value={action}]")
        self.page.wait_for_selector(".messagelist")


def test_an_editors_whole_day(browser, live_server, newsroom, request):
    Desk.shots = 0
    reporter = Desk(browser, live_server, "reporter", request)

    # 1. Import the wire copy.
    reporter.open("admin:articles_article_import")
    reporter.page.fill("textarea[name=text]", COPY.read_text())
    reporter.page.click("input[name=preview]")
    reporter.page.wait_for_selector("input[name=create]")
    reporter.shot("import-preview")
    reporter.page.click("input[name=create]")
    reporter.page.wait_for_selector(".messagelist")
    article = Article.objects.get()
    assert CopyDeskItem.objects.filter(article=article).exists()

    # 2. The reporter fixes the story and submits it in one click, no Save first.
    reporter.page.fill("#id_headline", HEADLINE)
    reporter.page.select_option("#id_section", label="Innovation")
    reporter.page.click("text=Add another author")
    reporter.choose("id_bylines-0-person", "Mei Ling Chan")
    # Leaving now would lose the edits: the page asks first.
    reporter.page.click("#site-name a")
    assert reporter.dialogs == ["beforeunload"]
    assert reporter.page.url.endswith(reverse("admin:articles_article_change", args=[article.pk]))
    reporter.shot("reporter-fixed-before-submitting")
    reporter.act("submit")
    article.refresh_from_db()
    assert (article.headline, article.status) == (HEADLINE, Article.Status.IN_REVIEW)
    assert article.bylines.get().person.display_name == "Mei Ling Chan"
    assert reporter.dialogs == ["beforeunload"]  # submitting the form itself did not ask
    reporter.shot("reporter-submitted")

    # 3. The editor decides on each copy-desk item, then schedules.
    editor = Desk(browser, live_server, "editor", request)
    editor.open("admin:articles_article_change", article.pk)
    assert editor.page.locator(".copydesk-items li").count() >= 1
    editor.shot("editor-sees-copy-desk-items")
    while editor.page.locator(".copydesk-items button[value=dismissed]").count():
        editor.page.locator(".copydesk-items button[value=dismissed]").first.click()
        editor.page.wait_for_selector(".messagelist .success")
    assert not CopyDeskItem.objects.filter(article=article, status=CopyDeskItem.Status.OPEN)
    goes_live = timezone.localtime() + datetime.timedelta(hours=2)
    editor.page.fill(".workflow-panel input[name$=published_at]", f"{goes_live:%Y-%m-%dT%H:%M}")
    editor.act("schedule")
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED, editor.page.inner_text(".messagelist")
    editor.shot("editor-scheduled")

    # 4. Time passes; nothing runs. The story is live, and listed as published.
    with time_machine.travel(article.published_at + datetime.timedelta(minutes=1), tick=False):
        editor.open("admin:articles_article_changelist", query="?status=published")
        row = editor.page.locator("#result_list tbody tr", has_text=HEADLINE)
        assert row.locator("td.field-current_status").inner_text() == "Published"
        editor.shot("list-filtered-published")
        reader = browser.new_context().new_page()
        assert reader.goto(live_server.url + article.get_absolute_url()).status == 200
        close_context(reader.context)

        # 5. Two editors at once: the second, stale save is refused, conflict first.
        deputy = Desk(browser, live_server, "deputy", request)
        editor.open("admin:articles_article_change", article.pk)
        deputy.open("admin:articles_article_change", article.pk)
        assert "Published" in editor.page.inner_text("#workflow h2")
        editor.page.fill("#id_standfirst", "Pitches on cross-border payments drew the most.")
        editor.page.click("input[name=_continue]")
        editor.page.wait_for_selector(".messagelist .success")
        deputy.page.fill("#id_headline", "A stale headline from the deputy")
        deputy.page.click("input[name=_continue]")
        deputy.page.wait_for_selector("#edit-conflict")
        first = deputy.page.evaluate("document.querySelector('#content-main').firstElementChild.id")
        assert first == "edit-conflict"
        assert deputy.page.locator("#edit-conflict").bounding_box()["y"] < 300
        assert deputy.page.input_value("#id_headline") == "A stale headline from the deputy"
        deputy.shot("deputy-conflict-at-the-top")
        article.refresh_from_db()
        assert article.headline == HEADLINE

        # 6. An edit after publication (above), then a restore of the one before.
        editor.open("admin:articles_article_revisions", article.pk)
        editor.shot("revisions")
        editor.page.locator("#revision-list button", has_text="Restore").first.click()
        editor.page.wait_for_selector("text=Yes, restore it on the live story")
        editor.shot("restore-asks-on-a-live-story")
        editor.page.click("text=Yes, restore it on the live story")
        editor.page.wait_for_selector(".messagelist .success")
        article.refresh_from_db()
        assert article.standfirst != "Pitches on cross-border payments drew the most."
        editor.shot("restored")

        # 7. Unpublish.
        editor.open("admin:articles_article_change", article.pk)
        editor.act("unpublish", note="Pulled while the organisers check the figures.")
        article.refresh_from_db()
        assert article.status == Article.Status.UNPUBLISHED
        editor.shot("unpublished")
        reader = browser.new_context().new_page()
        assert reader.goto(live_server.url + article.get_absolute_url()).status == 404
        close_context(reader.context)

    assert list(
        Transition.objects.filter(article=article).order_by("pk").values_list("action", flat=True)
    ) == ["submit", "schedule", "unpublish"]
    for desk in (reporter, editor, deputy):
        assert desk.violations == []
    assert len(list(SHOTS.glob("*.png"))) == Desk.shots >= 10
