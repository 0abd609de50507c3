import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    PhotoFactory,
    QuoteFactory,
    SectionFactory,
)
from articles.models import Article
from entities.factories import EventFactory, PersonFactory
from tests.helpers import hidden_articles

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(client, name, status=200, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs or None))
    assert response.status_code == status
    return response


def rss_items(client, name, **kwargs):
    response = fetch(client, name, **kwargs)
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title")
    return channel, channel.findall("item")


def atom_entries(client, name, **kwargs):
    response = fetch(client, name, **kwargs)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def rss_links(items):
    return [item.findtext("link") for item in items]


def atom_links(entries):
    return [entry.find(f"{ATOM}link").get("href") for entry in entries]


def absolute(obj):
    return f"http://testserver{obj.get_absolute_url()}"


@pytest.fixture
def subjects():
    """A section, tag, person and event, each with one public story and every hidden kind."""
    section, person, event = SectionFactory(name="Policy"), PersonFactory(), EventFactory()
    public = ArticleFactory(section=section)
    for article in [public, *hidden_articles()]:
        article.section = section
        article.save()
        article.tags.add("robotics")
        article.events.add(event)
        ArticleAuthorFactory(article=article, person=person)
    return {
        "public": public,
        "feeds": [
            ("latest", {}),
            ("section", {"slug": section.slug}),
            ("tag", {"slug": "robotics"}),
            ("person", {"slug": person.slug}),
            ("event", {"slug": event.slug}),
        ],
    }


def test_every_feed_lists_only_published_articles_in_rss_and_atom(client, subjects):
    expected = [absolute(subjects["public"])]
    for subject, kwargs in subjects["feeds"]:
        _, items = rss_items(client, f"articles:feed_{subject}_rss", **kwargs)
        assert rss_links(items) == expected, subject
        _, entries = atom_entries(client, f"articles:feed_{subject}_atom", **kwargs)
        assert atom_links(entries) == expected, subject


@pytest.mark.parametrize("subject", ["section", "tag", "person", "event"])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feeds_of_unknown_subjects_are_not_found(client, subject, fmt):
    fetch(client, f"articles:feed_{subject}_{fmt}", status=404, slug="no-such-thing")


def test_a_tag_only_hidden_articles_carry_has_no_feed(client):
    for article in hidden_articles():
        article.tags.add("secret merger")
    fetch(client, "articles:feed_tag_rss", status=404, slug="secret-merger")


def test_person_feed_has_stories_by_and_quoting_them_once_each(client):
    person = PersonFactory()
    written = ArticleAuthorFactory(person=person).article
    quoted = QuoteFactory(person=person).article
    both = ArticleFactory(published_at=timezone.now() - datetime.timedelta(minutes=5))
    ArticleAuthorFactory(article=both, person=person)
    QuoteFactory(article=both, person=person)
    QuoteFactory(article=both, person=person)
    ArticleFactory()  # someone else's
    _, items = rss_items(client, "articles:feed_person_rss", slug=person.slug)
    assert sorted(rss_links(items)) == sorted(absolute(a) for a in (written, quoted, both))


def test_rss_item_fields(client):
    first, second = PersonFactory(display_name="Ada Lau"), PersonFactory(display_name="Ben Ho")
    article = ArticleFactory(
        headline="Chips & <b>bold</b> plans",
        standfirst="Fabs <i>grow</i> & spread",
        published_at=timezone.make_aware(datetime.datetime(2026, 1, 20, 9, 30)),
    )
    article.tags.add("semiconductors")
    ArticleAuthorFactory(article=article, person=second, order=2)
    ArticleAuthorFactory(article=article, person=first, order=1)
    channel, [item] = rss_items(client, "articles:feed_latest_rss")
    assert channel.findtext("link") == "http://testserver" + reverse("articles:home")
    # The headline comes back exactly, as text: never as markup.
    assert item.findtext("title") == "Chips & <b>bold</b> plans"
    assert list(item.find("title")) == []
    # The description is HTML, so the plain-text standfirst arrives escaped.
    assert item.findtext("description") == "Fabs &lt;i&gt;grow&lt;/i&gt; &amp; spread"
    assert item.findtext("link") == absolute(article)
    assert item.findtext("pubDate") == "Tue, 20 Jan 2026 09:30:00 +0800"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ada Lau and Ben Ho"
    assert [c.text for c in item.findall("category")] == ["Innovation", "semiconductors"]


def test_atom_entry_fields(client):
    article = ArticleFactory(published_at=timezone.make_aware(datetime.datetime(2026, 1, 20, 9)))
    ArticleAuthorFactory(article=article, person=PersonFactory(display_name="Ada Lau"))
    Article.objects.filter(pk=article.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2026, 1, 21, 10))
    )
    feed, [entry] = atom_entries(client, "articles:feed_latest_atom")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver" + reverse(
        "articles:feed_latest_atom"
    )
    assert entry.findtext(f"{ATOM}title") == article.headline
    assert entry.findtext(f"{ATOM}published") == "2026-01-20T09:00:00+08:00"
    assert entry.findtext(f"{ATOM}updated") == "2026-01-21T10:00:00+08:00"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Ada Lau"


def test_feeds_are_advertised_on_their_pages(client, subjects):
    public = subjects["public"]
    person = public.bylines.get().person
    event = public.events.get()
    pages = {
        reverse("articles:home"): "latest",
        public.section.get_absolute_url(): "section",
        person.get_absolute_url(): "person",
        event.get_absolute_url(): "event",
    }
    kwargs = dict(subjects["feeds"])
    for url, subject in pages.items():
        content = client.get(url).content.decode()
        for fmt in ("rss", "atom"):
            href = reverse(f"articles:feed_{subject}_{fmt}", kwargs=kwargs[subject] or None)
            assert f'type="application/{fmt}+xml" title="Newsdesk: ' in content
            assert f'href="{href}"' in content, (url, fmt)


@pytest.mark.parametrize("n", [1, 20])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feed_queries_do_not_grow_with_items(client, django_assert_num_queries, n, fmt):
    section = SectionFactory(name="Policy")
    for i in range(n):
        article = ArticleFactory(section=section, lead_photo=PhotoFactory())
        ArticleAuthorFactory.create_batch(2, article=article)
        article.tags.add(f"tag {i}", "shared")
    # The section, its articles, their bylines, their tags.
    with django_assert_num_queries(4):
        response = fetch(client, f"articles:feed_section_{fmt}", slug=section.slug)
    assert response.content.count(b"<item>" if fmt == "rss" else b"<entry>") == n


@pytest.mark.parametrize("subject", ["person", "organisation", "event"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_merged_records_feed_redirects_to_the_survivors(client, subject, kind):
    from entities.factories import OrganisationFactory
    from entities.merging import merge

    factory = {"person": PersonFactory, "organisation": OrganisationFactory, "event": EventFactory}
    keep, dupe = factory[subject](), factory[subject]()
    name = f"articles:feed_{subject}_{kind}"
    old_url = reverse(name, kwargs={"slug": dupe.slug})

    merge(dupe, keep)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == reverse(name, kwargs={"slug": keep.slug})
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse(name, kwargs={"slug": "nobody"})).status_code == 404


def test_organisation_feed_lists_published_stories_confirmed_to_mention_it(client):
    from articles.factories import MentionFactory
    from articles.models import Mention
    from entities.factories import OrganisationFactory

    organisation = OrganisationFactory()
    confirmed = ArticleFactory(headline="Confirmed mention")
    MentionFactory(
        article=confirmed, organisation=organisation, person=None, status=Mention.Status.CONFIRMED
    )
    suggested = ArticleFactory(headline="Only suggested")
    MentionFactory(
        article=suggested, organisation=organisation, person=None, status=Mention.Status.SUGGESTED
    )

    titles = [
        item.findtext("title")
        for item in rss_items(client, "articles:feed_organisation_rss", slug=organisation.slug)[1]
    ]

    assert titles == ["Confirmed mention"]
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert reverse("articles:feed_organisation_atom", kwargs={"slug": organisation.slug}) in page
