"""Hostile text in every field a reader can see runs no script in a real browser.

Each field holds markup and script in the forms that break out of an element,
an attribute or a <script> block. The pages must show it as text: escaping
alone has to stop it, so any Content-Security-Policy violation (an injected
script the policy had to block) fails the test as well.
"""

import xml.dom.minidom

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    PhotoFactory,
    QuoteFactory,
    RelatedLinkFactory,
)
from articles.models import Article, Mention
from entities.factories import AppearanceFactory, EventFactory, PersonFactory
from tests.browser_support import browser_tests, close_context

pytestmark = browser_tests

SCRIPT = "<script>window.__xss=1</script>"
PAYLOAD = (
    f'{SCRIPT}<img src=x onerror="window.__xss=1;alert(1)">"><svg onload="window.__xss=1">'
    "'><img src=x onerror=window.__xss=1></script><script>window.__xss=1</script>{{7*7}}"
)
JAVASCRIPT_URL = "javascript:window.__xss=1"
PASSWORD = "a-long-test-password"


def hostile(field):
    """The payload, told apart by field so each page shows whose text it is."""
    return f"{field} {PAYLOAD}"


@pytest.fixture
def newsroom(transactional_db):
    # An earlier transactional test's flush emptied the content types the
    # cache still names; tags need their article's to exist.
    ContentType.objects.clear_cache()
    person = PersonFactory(
        display_name=hostile("name")[:200],
        aliases=[hostile("alias")[:200]],
        bio=hostile("bio"),
    )
    event = EventFactory(name=hostile("event"), description=hostile("event description"))
    photo = PhotoFactory(caption=hostile("caption"), credit=hostile("credit")[:200])
    photo.people_in_photo.create(person=person)
    article = ArticleFactory(
        headline=hostile("headline"),
        standfirst=hostile("standfirst"),
        lead_photo=photo,
        body="<p>Body text survives.</p>",
    )
    # As a row written without the editor's cleaning would hold it.
    Article.objects.filter(pk=article.pk).update(
        body=f"<p>Body text survives.</p>{PAYLOAD}<a href='{JAVASCRIPT_URL}'>body link</a>"
    )
    article.tags.add(hostile("tag")[:100])
    article.events.add(event)
    ArticleAuthorFactory(article=article, person=person)
    QuoteFactory(article=article, person=person, text=hostile("quote"))
    RelatedLinkFactory(article=article, target_article=None, url=JAVASCRIPT_URL, title=SCRIPT)
    RelatedLinkFactory(
        article=article, target_article=None, url="https://example.org/", label=SCRIPT[:20]
    )
    AppearanceFactory(person=person, event=event)
    Mention.objects.create(article=article, person=person, status=Mention.Status.CONFIRMED)
    article.refresh_from_db()
    return {"article": article, "person": person, "event": event, "photo": photo}


class Tab:
    """A browser tab that notes every sign of script running or being blocked."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + [e.violatedDirective, e.sourceFile, e.lineNumber, e.sample]"
            ".join(' ')))"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs, self.violations = [], []
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)

    def _console(self, message):
        if message.text.startswith("CSP violation"):
            self.violations.append(message.text)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("load")
        self.assert_nothing_ran(url)
        return response

    def assert_nothing_ran(self, where):
        assert self.page.evaluate("typeof window.__xss") == "undefined", where
        assert self.dialogs == [], where
        assert self.violations == [], where

    def text(self, selector="body"):
        return self.page.locator(selector).first.inner_text()


@pytest.fixture
def tab(browser):
    tab = Tab(browser)
    yield tab
    close_context(tab.context)


def test_public_pages_show_hostile_text_as_text(tab, live_server, newsroom):
    article, person = newsroom["article"], newsroom["person"]
    event, photo = newsroom["event"], newsroom["photo"]
    tag = article.tags.get()

    tab.visit(live_server.url + article.get_absolute_url())
    assert tab.text("h1") == hostile("headline")
    page_text = tab.text()
    for field in ("standfirst", "quote", "caption"):
        assert hostile(field) in page_text, field
    assert "Body text survives." in page_text
    assert hostile("credit")[:200].upper() in page_text.upper()  # set in capitals by CSS
    # The body's script is gone entirely, not shown: it is rich text.
    assert "body link" in page_text
    assert tab.page.locator("a[href^='javascript']").count() == 0
    assert SCRIPT in page_text  # the related link's title, as text
    tab.page.get_by_text(SCRIPT).first.click()
    tab.assert_nothing_ran("after clicking the related link")

    tab.visit(live_server.url + person.get_absolute_url())
    assert tab.text("h1") == person.display_name
    assert hostile("bio") in tab.text()

    tab.visit(live_server.url + event.get_absolute_url())
    assert tab.text("h1") == hostile("event")

    tab.visit(live_server.url + photo.get_absolute_url())
    assert hostile("caption") in tab.text()

    tab.visit(live_server.url + reverse("articles:home"))
    assert hostile("headline") in tab.text()

    tab.visit(live_server.url + reverse("articles:tag_detail", args=[tag.slug]))
    assert tag.name in tab.text()

    for url in (reverse("entities:person_list"), reverse("entities:event_list")):
        tab.visit(live_server.url + url)


@pytest.mark.parametrize(
    ("url_name", "subject"),
    [
        ("articles:feed_latest_rss", None),
        ("articles:feed_latest_atom", None),
        ("articles:feed_person_rss", "person"),
        ("articles:feed_event_atom", "event"),
    ],
)
def test_feeds_carry_hostile_text_escaped(tab, live_server, newsroom, url_name, subject):
    args = [newsroom[subject].slug] if subject else []
    response = tab.page.request.get(live_server.url + reverse(url_name, args=args))
    assert response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    text = response.text()
    xml.dom.minidom.parseString(text.encode())  # well-formed: nothing broke out
    assert SCRIPT not in text
    assert "<img" not in text
    assert "&lt;script&gt;window.__xss=1" in text


def test_the_admin_edits_hostile_text_without_running_it(tab, live_server, newsroom):
    get_user_model().objects.create_superuser("boss", password=PASSWORD)
    tab.visit(live_server.url + reverse("admin:login"))
    tab.page.fill("#id_username", "boss")
    tab.page.fill("#id_password", PASSWORD)
    tab.page.click("input[type=submit]")
    tab.page.wait_for_url(live_server.url + reverse("admin:index"))
    article, person = newsroom["article"], newsroom["person"]
    pages = [
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_photo_change", args=[newsroom["photo"].pk]),
        reverse("admin:entities_person_change", args=[person.pk]),
        reverse("admin:entities_event_change", args=[newsroom["event"].pk]),
        reverse("admin:articles_mention_changelist"),
    ]
    for url in pages:
        tab.visit(live_server.url + url)
    # The rich-text editor still starts under the policy, with the body in it.
    tab.visit(live_server.url + pages[0])
    editor = tab.page.locator(".field-body .ProseMirror[contenteditable=true]")
    editor.wait_for()
    assert "Body text survives." in editor.inner_text()
    tab.assert_nothing_ran("the article editor")
