"""A change retires exactly the cached pages that show what changed, and no others.

A small newsroom of two stories that share nothing: story A (section "Energy",
tag "grid", quoting one person, mentioning one organisation, covering one
event, with a lead photo) and story B (the same kinds of things, all others,
published the month before). Each test warms every page, makes one change,
and checks which pages are made afresh ("miss") and which still come from the
cache ("hit"). The sitemaps name no keys of their own and follow every change.
"""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.cache_keys import NEWEST_SHOWN, story_keys
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QuoteFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from articles.models import Article, FrontPagePin, Mention, PhotoPerson, Section
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from newsdesk.pagecache import token, versions
from newsdesk.pagecache.dependencies import collecting
from newsdesk.pagecache.invalidation import fragment_version
from tests.helpers import noon_tomorrow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings, tmp_path):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    settings.VAR_DIR = tmp_path / "var"


def story(label, section, published_at):
    person = PersonFactory(display_name=f"Person {label}")
    organisation = OrganisationFactory(name=f"Organisation {label}")
    event = EventFactory(name=f"Event {label}", start_date=timezone.localdate())
    photo = PhotoFactory(caption=f"Photo {label}")
    article = ArticleFactory(
        headline=f"Story {label}", section=section, lead_photo=photo, published_at=published_at
    )
    ArticleAuthorFactory(article=article, person=PersonFactory(display_name=f"Reporter {label}"))
    QuoteFactory(article=article, person=person)
    MentionFactory(
        article=article,
        person=None,
        organisation=organisation,
        snippet=organisation.name,
        status=Mention.Status.CONFIRMED,
    )
    article.events.add(event)
    article.tags.add(f"tag-{label.lower()}")
    return SimpleNamespace(
        article=article,
        section=section,
        person=person,
        organisation=organisation,
        event=event,
        photo=photo,
        tag=article.tags.get(),
    )


@pytest.fixture
def newsroom():
    now = timezone.now()
    a = story("A", SectionFactory(name="Energy"), now - datetime.timedelta(hours=1))
    b = story("B", SectionFactory(name="Transport"), now - datetime.timedelta(days=40))
    return SimpleNamespace(a=a, b=b)


def pages_of(label, side):
    """The pages that show one story's things, by name."""
    month = timezone.localtime(side.article.published_at)
    return {
        f"story {label}": side.article.get_absolute_url(),
        f"section {label}": side.section.get_absolute_url(),
        f"tag {label}": reverse("articles:tag_detail", kwargs={"slug": side.tag.slug}),
        f"archive {label}": reverse(
            "articles:archive_month", kwargs={"year": month.year, "month": month.month}
        ),
        f"person {label}": side.person.get_absolute_url(),
        f"organisation {label}": side.organisation.get_absolute_url(),
        f"event {label}": side.event.get_absolute_url(),
        f"photo {label}": side.photo.get_absolute_url(),
        f"section feed {label}": reverse(
            "articles:feed_section_rss", kwargs={"slug": side.section.slug}
        ),
    }


def every_page(room):
    return {
        "home": reverse("articles:home"),
        "latest feed": reverse("articles:feed_latest_rss"),
        "sitemap": reverse("sitemap_index"),
        **pages_of("A", room.a),
        **pages_of("B", room.b),
    }


def warm(client, pages):
    for name, url in pages.items():
        client.get(url)
        # A positive control: every page is cached before the change.
        assert client.get(url)["X-Cache"] == "hit", name


def made_afresh(client, pages):
    """The names of the pages not served from the cache now."""
    return {name for name, url in pages.items() if client.get(url)["X-Cache"] != "hit"}


# Everything story A is on: its own page and every list and page showing it.
# Every archive page lists the months that have public stories, so a change
# to any public story retires them all.
SHOWING_A = {
    "home",
    "latest feed",
    "sitemap",
    "story A",
    "section A",
    "tag A",
    "archive A",
    "archive B",
    "person A",
    "organisation A",
    "event A",
    "photo A",
    "section feed A",
}


# What shows story A's card (or its feed entry) besides its page; the home page
# also lists the most quoted people, retired by any person's change.
SHOWING_CARDS_OF_A = {
    "home",
    "latest feed",
    "sitemap",
    "story A",
    "section A",
    "tag A",
    "archive A",
    "section feed A",
}


def test_with_no_change_every_page_stays_cached(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    assert made_afresh(client, pages) == set()


def test_editing_a_live_story_retires_its_page_and_every_list_it_is_on(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    article = Article.objects.get(pk=newsroom.a.article.pk)
    article.standfirst = "A new standfirst."
    article.save()
    assert made_afresh(client, pages) == SHOWING_A
    assert "A new standfirst." in client.get(pages["story A"]).content.decode()


def test_unpublishing_and_publishing_retire_what_the_story_is_on(client, newsroom, editor):
    pages = every_page(newsroom)
    warm(client, pages)
    workflow.apply(newsroom.a.article, editor, "unpublish", note="A correction.")
    assert made_afresh(client, pages) == SHOWING_A
    assert client.get(pages["story A"]).status_code == 404

    for action in ("redraft", "submit", "publish"):
        workflow.apply(newsroom.a.article, editor, action)
    # The story is back on a page of its new month (now), like its first month's.
    assert made_afresh(client, pages) >= SHOWING_A - {"archive A"}
    assert made_afresh(client, pages) == set()
    assert "Story A" in client.get(pages["home"]).content.decode()


def test_a_story_moved_to_another_section_leaves_one_and_reaches_the_other(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    article = Article.objects.get(pk=newsroom.a.article.pk)
    article.section = newsroom.b.section
    article.save()
    assert made_afresh(client, pages) == SHOWING_A | {"section B", "section feed B"}
    assert "Story A" in client.get(pages["section B"]).content.decode()
    assert "Story A" not in client.get(pages["section A"]).content.decode()


def test_a_draft_changes_no_public_page(client, newsroom):
    draft = ArticleFactory(draft=True, section=newsroom.a.section, headline="Not yet")
    pages = every_page(newsroom)
    warm(client, pages)
    draft.headline = "Still not yet"
    draft.save()
    # Only what depends on everything.
    assert made_afresh(client, pages) == {"sitemap"}


def test_suggestions_from_a_story_text_retire_only_that_story(client, newsroom):
    """Snippets and suggested mentions show only in the admin: saving a text that
    names people refreshes them in bulk, and that must not retire every page."""
    pages = every_page(newsroom)
    warm(client, pages)
    draft = ArticleFactory(draft=True, section=newsroom.b.section, headline="Not yet")
    draft.body = f"<p>{newsroom.b.person.display_name} spoke to Organisation B.</p>"
    draft.save()
    # A positive control: the save did write suggestions, in bulk.
    assert draft.mentions.filter(status=Mention.Status.SUGGESTED).exists()
    assert made_afresh(client, pages) == {"sitemap"}

    article = Article.objects.get(pk=newsroom.a.article.pk)
    article.body = f"<p>Organisation A met {newsroom.b.person.display_name} again.</p>"
    article.save()
    assert article.mentions.filter(
        status=Mention.Status.SUGGESTED, person=newsroom.b.person
    ).exists()
    assert made_afresh(client, pages) == SHOWING_A


def test_publishing_a_new_story_retires_the_lists_it_joins(client, newsroom, editor):
    pages = every_page(newsroom)
    warm(client, pages)
    draft = ArticleFactory(draft=True, section=newsroom.b.section, headline="Fresh story")
    ArticleAuthorFactory(article=draft)
    QuoteFactory(article=draft, person=newsroom.b.person)
    # A new reporter joins the people (the home page lists the most quoted).
    assert made_afresh(client, pages) == {"home", "sitemap"}

    for action in ("submit", "publish"):
        workflow.apply(draft, editor, action)
    assert made_afresh(client, pages) == {
        "home",
        "latest feed",
        "sitemap",
        "section B",
        "section feed B",
        "person B",
        # Story B names person B: its related coverage may now list the new story.
        "story B",
        "archive A",
        "archive B",
    }
    assert "Fresh story" in client.get(pages["person B"]).content.decode()


def test_a_quote_retires_its_story_and_both_people(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    QuoteFactory(article=newsroom.a.article, person=newsroom.b.person, text="Fares will fall.")
    # Story B names person B too: its related coverage may now list story A.
    assert made_afresh(client, pages) == SHOWING_A | {"person B", "story B"}
    assert "Story A" in client.get(pages["person B"]).content.decode()


def test_a_byline_retires_its_story_and_what_shows_it(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    ArticleAuthorFactory(
        article=newsroom.b.article, person=PersonFactory(display_name="Second Reporter")
    )
    expected = {name.replace(" A", " B") for name in SHOWING_A} | {"archive A"}
    assert made_afresh(client, pages) == expected
    assert "Second Reporter" in client.get(pages["story B"]).content.decode()


def test_a_person_change_retires_their_page_and_the_stories_showing_them(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    person = newsroom.a.person
    person.display_name = "Renamed Person"
    person.save()
    # The home page lists the most quoted people.
    assert made_afresh(client, pages) == {"person A", "story A", "home", "sitemap"}
    assert "Renamed Person" in client.get(pages["story A"]).content.decode()


def test_a_reporter_change_reaches_the_cards_of_their_stories(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    reporter = newsroom.a.article.bylines.get().person
    reporter.display_name = "Renamed Reporter"
    reporter.save()
    # The story's page, and every list with its card or its feed entry.
    assert made_afresh(client, pages) == SHOWING_CARDS_OF_A
    assert "Renamed Reporter" in client.get(pages["home"]).content.decode()


def test_an_organisation_change_retires_its_page_and_the_stories_naming_it(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    organisation = newsroom.b.organisation
    organisation.name = "Renamed Organisation"
    organisation.save()
    assert made_afresh(client, pages) == {"organisation B", "story B", "sitemap"}
    assert "Renamed Organisation" in client.get(pages["organisation B"]).content.decode()


def test_an_event_change_retires_its_page_the_stories_and_the_home_page(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    event = newsroom.a.event
    event.name = "Renamed Event"
    event.save()
    # The home page lists the coming events.
    assert made_afresh(client, pages) == {"event A", "story A", "home", "sitemap"}
    assert "Renamed Event" in client.get(pages["story A"]).content.decode()


def test_a_photo_change_retires_its_page_and_those_showing_it(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    photo = newsroom.b.photo
    photo.caption = "A new caption"
    photo.save()
    # Its own page, its story's, and every card of the story (the lead photo).
    assert made_afresh(client, pages) == {
        "photo B",
        "story B",
        "home",
        "section B",
        "tag B",
        "archive B",
        "sitemap",
    }
    assert "A new caption" in client.get(pages["story B"]).content.decode()


def test_a_photo_moved_to_an_event_reaches_the_event_page(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    photo = newsroom.a.photo
    photo.event = newsroom.b.event
    photo.save()
    assert {"photo A", "story A", "event B"} <= made_afresh(client, pages)
    assert "Photo A" in client.get(pages["event B"]).content.decode()


def test_a_story_going_public_shows_its_photo_on_the_pages_of_its_event_and_people(
    client, newsroom, editor
):
    photo = PhotoFactory(caption="Harbour at dusk", event=newsroom.b.event)
    PhotoPersonFactory(photo=photo, person=newsroom.b.person, status=PhotoPerson.Status.CONFIRMED)
    draft = ArticleFactory(draft=True, section=newsroom.b.section, lead_photo=photo)
    ArticleAuthorFactory(article=draft)
    pages = every_page(newsroom)
    warm(client, pages)
    # A positive control: not public yet, so not shown.
    assert "Harbour at dusk" not in client.get(pages["event B"]).content.decode()
    for action in ("submit", "publish"):
        workflow.apply(draft, editor, action)
    assert {"event B", "person B"} <= made_afresh(client, pages)
    assert "Harbour at dusk" in client.get(pages["event B"]).content.decode()
    assert "Harbour at dusk" in client.get(pages["person B"]).content.decode()


def test_publishing_over_the_copy_desk_retires_only_what_the_story_is_on(client, newsroom, editor):
    """The desk's items are for staff: writing them must not retire every page."""
    headline = "Harbour authority signs green shipping accord"
    ArticleFactory(headline=headline, section=newsroom.b.section)
    draft = ArticleFactory(draft=True, headline=headline, section=newsroom.b.section)
    ArticleAuthorFactory(article=draft)
    pages = every_page(newsroom)
    warm(client, pages)
    workflow.apply(draft, editor, "submit")
    # A positive control: the desk holds what looks like a duplicate.
    with pytest.raises(workflow.TransitionError):
        workflow.apply(draft, editor, "publish")
    workflow.apply(draft, editor, "publish", note="A follow-up, not a duplicate.")
    assert draft.copydesk_items.exists()
    assert made_afresh(client, pages) == {
        "home",
        "latest feed",
        "sitemap",
        "section B",
        "section feed B",
        "archive A",
        "archive B",
    }


def test_a_search_follows_the_kinds_it_shows(client, newsroom, editor):
    url = reverse("articles:search") + "?q=story"
    search = {"search": url}
    warm(client, search)
    # Nothing it shows: a draft.
    ArticleFactory(draft=True, headline="Story in draft", section=newsroom.a.section)
    assert made_afresh(client, search) == set()
    # A story taken down leaves it at once.
    workflow.apply(newsroom.a.article, editor, "unpublish", note="A correction.")
    assert made_afresh(client, search) == {"search"}
    content = client.get(url).content.decode()
    assert "</mark> A" not in content and "</mark> B" in content
    # Any person may now match, or no longer.
    warm(client, search)
    person = newsroom.b.person
    person.display_name = "Story Teller"
    person.save()
    assert made_afresh(client, search) == {"search"}
    assert "</mark> Teller" in client.get(url).content.decode()


def test_only_the_newest_stories_are_on_the_front_page_and_the_latest_feed(client, editor):
    now = timezone.now()
    busy, quiet = SectionFactory(name="Busy"), SectionFactory(name="Quiet")
    stories = [
        ArticleFactory(
            section=busy, published_at=now - datetime.timedelta(hours=i + 1), headline=f"Busy {i}"
        )
        for i in range(NEWEST_SHOWN + 4)
    ]
    # The only story of its section: a teaser on the front page, but not in the feed.
    teaser = ArticleFactory(section=quiet, published_at=now - datetime.timedelta(days=60))
    oldest = stories[-1]
    pages = {
        "home": reverse("articles:home"),
        "home, page 2": reverse("articles:home") + "?page=2",
        "latest feed": reverse("articles:feed_latest_rss"),
        "oldest": oldest.get_absolute_url(),
    }
    warm(client, pages)
    # Below the newest and its section's newest few: on the older pages only.
    oldest.standfirst = "Updated below the fold."
    oldest.save()
    assert made_afresh(client, pages) == {"oldest", "home, page 2"}
    warm(client, pages)
    teaser.standfirst = "Updated teaser."
    teaser.save()
    assert made_afresh(client, pages) == {"home", "home, page 2"}
    # Taken down from among the newest, the next story moves up into the feed.
    warm(client, pages)
    assert f"Busy {NEWEST_SHOWN}" not in client.get(pages["latest feed"]).content.decode()
    workflow.apply(stories[0], editor, "unpublish", note="A correction.")
    assert made_afresh(client, pages) == {"home", "home, page 2", "latest feed"}
    feed = client.get(pages["latest feed"]).content.decode()
    assert f"Busy {NEWEST_SHOWN}<" in feed and "Busy 0<" not in feed


def test_the_most_quoted_people_follow_the_quoted_stories_of_their_window(client):
    now = timezone.now()
    for i in range(NEWEST_SHOWN):
        ArticleFactory(published_at=now - datetime.timedelta(minutes=i + 1))
    recent = ArticleFactory(published_at=now - datetime.timedelta(days=2))
    QuoteFactory(article=recent, person=PersonFactory(display_name="Recent Speaker"))
    old = ArticleFactory(published_at=now - datetime.timedelta(days=45))
    QuoteFactory(article=old, person=PersonFactory(display_name="Old Speaker"))
    home = {"home": reverse("articles:home")}
    warm(client, home)
    assert "Recent Speaker" in client.get(home["home"]).content.decode()
    # Quoted before the window: counted nowhere on the page.
    old.standfirst = "Updated."
    old.save()
    assert made_afresh(client, home) == set()
    # Quoted within it, but edited in place: the same quotes count as before.
    recent.standfirst = "Updated."
    recent.save()
    assert made_afresh(client, home) == set()
    # A quote more, or the story taken down: the ranking may change.
    QuoteFactory(article=recent, person=PersonFactory(display_name="Second Speaker"))
    assert made_afresh(client, home) == {"home"}
    assert "Second Speaker" in client.get(home["home"]).content.decode()
    recent.status = Article.Status.UNPUBLISHED
    recent.save()
    assert made_afresh(client, home) == {"home"}
    assert "Recent Speaker" not in client.get(home["home"]).content.decode()


def test_a_search_for_stories_is_retired_only_by_stories_holding_its_words(client, editor):
    ArticleFactory(headline="Battery plant opens")
    # The engine's stemming on both sides: "batteries" finds "Battery".
    search = {"search": reverse("articles:search") + "?q=batteries"}
    warm(client, search)
    # Published, edited or taken down: a story about something else keeps it.
    other = ArticleFactory(headline="Ferry timetable changes", body="<p>Boats run later.</p>")
    assert made_afresh(client, search) == set()
    other.body = "<p>Boats run later on Sundays.</p>"
    other.save()
    workflow.apply(other, editor, "unpublish", note="A correction.")
    assert made_afresh(client, search) == set()
    # A story holding one of its words is found at once...
    later = ArticleFactory(headline="Recycling plan", body="<p>Old batteries go back.</p>")
    assert made_afresh(client, search) == {"search"}
    assert "Recycling plan" in client.get(search["search"]).content.decode()
    # ...and is gone at once when the word leaves its text.
    later.body = "<p>Old phones go back.</p>"
    later.save()
    assert made_afresh(client, search) == {"search"}
    assert "Recycling plan" not in client.get(search["search"]).content.decode()
    # A word gained by an edit finds the story too.
    other = ArticleFactory(headline="Ferry timetable changes")
    assert made_afresh(client, search) == set()
    other.standfirst = "Ferries will carry battery buses."
    other.save()
    assert made_afresh(client, search) == {"search"}
    assert "Ferry timetable changes" in client.get(search["search"]).content.decode()


def test_an_edit_that_leaves_a_word_as_it_was_keeps_the_searches_for_it(client, monkeypatch):
    # One story a page, so that the story edited is found but not shown: a
    # story shown is retired with the story itself, whatever the change.
    monkeypatch.setattr("newsdesk.search.PAGE_SIZE", 1)
    ArticleFactory(headline="Battery plant opens", standfirst="", body="<p>Battery plant.</p>")
    story = ArticleFactory(
        headline="Harbour news", standfirst="Boats.", body="<p>The battery plant opens.</p>"
    )
    searches = {
        "one word": reverse("articles:search") + "?q=battery",
        "two words": reverse("articles:search") + "?q=battery+plant",
    }
    warm(client, searches)
    for name, url in searches.items():
        assert "Harbour news" not in client.get(url).content.decode(), name
    # Words after it: the word is where it was.
    story.body = "<p>The battery plant opens in spring.</p>"
    story.save()
    assert made_afresh(client, searches) == set()
    # A word before it in its column: the ranking of one word reads only where the
    # word is weighed, but two words are ranked by how near they are.
    story.body = "<p>The new battery plant opens in spring.</p>"
    story.save()
    assert made_afresh(client, searches) == {"two words"}
    # Into the headline, where it weighs more: both.
    warm(client, searches)
    story.headline = "Harbour battery news"
    story.save()
    assert made_afresh(client, searches) == {"one word", "two words"}


def test_a_scheduled_story_reaches_the_searches_for_its_words_at_its_time(client):
    goes_live = noon_tomorrow()
    ArticleFactory(headline="Battery plant opens")
    url = reverse("articles:search") + "?q=battery"
    with time_machine.travel(goes_live - datetime.timedelta(hours=1), tick=False):
        warm(client, {"search": url})
        ArticleFactory(
            status=Article.Status.SCHEDULED,
            published_at=goes_live,
            headline="Embargoed battery story",
        )
        content = client.get(url).content.decode()
        assert "Embargoed" not in content
        assert client.get(url)["X-Cache"] == "hit"
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "Embargoed <mark>battery</mark> story" in response.content.decode()


def test_a_tag_change_retires_its_page_and_what_names_it(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    tag = newsroom.b.tag
    tag.name = "renamed tag"
    tag.save()
    # The story shows its tags, and the feeds list them.
    assert made_afresh(client, pages) == {
        "tag B",
        "story B",
        "latest feed",
        "section feed B",
        "sitemap",
    }


def test_a_section_change_retires_every_page_with_the_masthead(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    Section.objects.get(pk=newsroom.b.section.pk).save()
    # Every page lists the sections in its masthead; of the feeds, only those
    # with a story of the section name it.
    assert made_afresh(client, pages) == set(pages) - {"section feed A"}


def test_pinning_a_story_retires_the_home_page_only(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    pin = FrontPagePin.objects.create(article=newsroom.b.article, position=1)
    assert made_afresh(client, pages) == {"home", "sitemap"}
    home = client.get(pages["home"]).content.decode()
    assert home.index("Story B") < home.index("Story A")

    pin.delete()
    assert made_afresh(client, pages) == {"home", "sitemap"}


def test_a_pin_running_out_retires_the_home_page_only(client, newsroom):
    expires = timezone.now() + datetime.timedelta(hours=1)
    FrontPagePin.objects.create(article=newsroom.b.article, position=1, expires_at=expires)
    pages = every_page(newsroom)
    with time_machine.travel(expires - datetime.timedelta(minutes=1), tick=False):
        warm(client, pages)
    with time_machine.travel(expires + datetime.timedelta(seconds=1), tick=False):
        assert made_afresh(client, pages) == {"home", "sitemap"}


def test_a_scheduled_story_going_live_retires_what_its_publish_would(client, newsroom):
    goes_live = timezone.now() + datetime.timedelta(hours=1)
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED,
        published_at=goes_live,
        section=newsroom.b.section,
        headline="Embargoed story",
    )
    QuoteFactory(article=scheduled, person=newsroom.b.person)
    pages = every_page(newsroom)
    with time_machine.travel(goes_live - datetime.timedelta(minutes=1), tick=False):
        warm(client, pages)
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        assert made_afresh(client, pages) == {
            "home",
            "latest feed",
            "sitemap",
            "section B",
            "section feed B",
            "person B",
            "story B",
            "archive A",
            "archive B",
        }
        assert "Embargoed story" in client.get(pages["person B"]).content.decode()


def test_a_story_rescheduled_earlier_goes_live_at_its_new_time(client, newsroom):
    now = timezone.now()
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED,
        published_at=now + datetime.timedelta(hours=3),
        section=newsroom.b.section,
        headline="Embargoed story",
    )
    home = reverse("articles:home")
    with time_machine.travel(now, tick=False):
        warm(client, {"home": home})
        scheduled.published_at = now + datetime.timedelta(hours=1)
        scheduled.save()
        warm(client, {"home": home})
    with time_machine.travel(now + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert "Embargoed story" in client.get(home).content.decode()


def test_a_write_no_signal_covers_still_retires_every_page(client, newsroom):
    pages = every_page(newsroom)
    warm(client, pages)
    Article.objects.filter(pk=newsroom.b.article.pk).update(headline="Changed in bulk")
    assert made_afresh(client, pages) == set(pages)
    assert "Changed in bulk" in client.get(pages["story B"]).content.decode()


def test_a_page_made_while_what_it_shows_changed_is_not_kept(client, newsroom, monkeypatch):
    """Its rows may be older than the versions it would be kept under."""
    from articles.views.public import ArticleDetailView

    url = newsroom.a.article.get_absolute_url()
    render = ArticleDetailView.get_context_data

    def change_midway(view, **kwargs):
        context = render(view, **kwargs)
        versions.bump([f"articles.article:{newsroom.a.article.pk}"])  # as another process would
        return context

    monkeypatch.setattr(ArticleDetailView, "get_context_data", change_midway)
    client.get(url)
    monkeypatch.setattr(ArticleDetailView, "get_context_data", render)
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


# Fragments of one story -----------------------------------------------------------


def story_fragment_version(article):
    """As a request would read it: inside one, after the token and the sequence."""
    with collecting(token.read()[0], versions.sequence()):
        return fragment_version(*story_keys(article))


def test_a_story_fragment_follows_what_the_story_shows_and_nothing_else(newsroom):
    story = newsroom.a.article
    target = ArticleFactory(headline="A story linked to")
    RelatedLinkFactory(article=story, target_article=target)
    kept = story_fragment_version(story)
    assert story_fragment_version(story) == kept

    for unrelated in (newsroom.b.person, newsroom.b.organisation, newsroom.b.event):
        unrelated.save()
    newsroom.b.article.save()
    assert story_fragment_version(story) == kept

    changes = [
        newsroom.a.person,
        newsroom.a.organisation,
        newsroom.a.event,
        newsroom.a.photo,
        newsroom.a.section,
        target,
        Article.objects.get(pk=story.pk),
    ]
    for changed in changes:
        changed.save()
        assert story_fragment_version(story) != kept, changed
        kept = story_fragment_version(story)


def test_a_fragment_read_after_its_rows_changed_is_not_reused(newsroom):
    story = newsroom.a.article
    with collecting(token.read()[0], versions.sequence()):
        story.save()  # committed by another process after the rows were read
        version = fragment_version(*story_keys(story))
        assert version.startswith("changing.")
        assert fragment_version(*story_keys(story)) != version
