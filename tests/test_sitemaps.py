import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleFactory, SectionFactory
from articles.models import Article
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from tests.helpers import address, hidden_articles

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(root):
    return [url.findtext(f"{SM}loc") for url in root.iter(f"{SM}url")]


def absolute(obj_or_path):
    return f"http://testserver{address(obj_or_path)}"


def section_map(client, name):
    return xml(client, reverse("sitemap_section", kwargs={"section": name}))


SECTIONS = [
    *("articles", "sections", "tags", "people", "organisations", "events"),
    *("series", "reports"),
]


def test_index_lists_every_section(client):
    root = xml(client, reverse("sitemap_index"))
    assert root.tag == f"{SM}sitemapindex"
    assert [s.findtext(f"{SM}loc") for s in root.iter(f"{SM}sitemap")] == [
        absolute(reverse("sitemap_section", kwargs={"section": name})) for name in SECTIONS
    ]


def test_index_gives_the_latest_change_of_each_section(client):
    ArticleFactory()
    newest = ArticleFactory()
    Article.objects.filter(pk=newest.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2030, 5, 1, 12))
    )
    hidden = hidden_articles()[0]
    Article.objects.filter(pk=hidden.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2031, 1, 1))
    )
    root = xml(client, reverse("sitemap_index"))
    first = next(root.iter(f"{SM}sitemap"))
    assert first.findtext(f"{SM}lastmod") == "2030-05-01T12:00:00+08:00"


def test_articles_sitemap_lists_only_published_articles_with_their_last_change(client):
    public = ArticleFactory()
    Article.objects.filter(pk=public.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2026, 1, 21, 10))
    )
    hidden_articles()
    root = section_map(client, "articles")
    assert locations(root) == [absolute(public)]
    assert next(root.iter(f"{SM}url")).findtext(f"{SM}lastmod") == "2026-01-21"


def test_entity_and_section_sitemaps_list_their_pages(client):
    section = SectionFactory(name="Policy")
    person, organisation, event = PersonFactory(), OrganisationFactory(), EventFactory()
    assert absolute(section) in locations(section_map(client, "sections"))
    assert locations(section_map(client, "people")) == [absolute(person)]
    assert locations(section_map(client, "organisations")) == [absolute(organisation)]
    assert locations(section_map(client, "events")) == [absolute(event)]


def test_tags_sitemap_lists_only_tags_of_published_articles(client):
    ArticleFactory().tags.add("robotics")
    for article in hidden_articles():
        article.tags.add("secret merger")
    assert locations(section_map(client, "tags")) == [
        absolute(reverse("articles:tag_detail", kwargs={"slug": "robotics"}))
    ]


def test_no_sitemap_lists_hidden_or_staff_pages(client):
    ArticleFactory()
    hidden = hidden_articles()
    listed = []
    for name in SECTIONS:
        listed += locations(section_map(client, name))
    listed += locations(xml(client, reverse("sitemap_news")))
    assert listed
    for article in hidden:
        assert absolute(article) not in listed
    assert not [url for url in listed if "/admin/" in url or "/preview/" in url]


def test_unknown_sitemap_section_is_not_found(client):
    assert client.get(reverse("sitemap_section", kwargs={"section": "nothing"})).status_code == 404


def test_news_sitemap_has_the_last_two_days_with_news_fields(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "SITE_NAME": "The Innovation Desk"}
    now = timezone.now()
    recent = ArticleFactory(
        headline="Lab & market: a <new> deal", published_at=now - datetime.timedelta(hours=47)
    )
    ArticleFactory(published_at=now - datetime.timedelta(hours=49), headline="Old news")
    hidden_articles()
    root = xml(client, reverse("sitemap_news"))
    assert root.tag == f"{SM}urlset"
    [url] = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == absolute(recent)
    news = url.find(f"{NEWS}news")
    publication = news.find(f"{NEWS}publication")
    assert publication.findtext(f"{NEWS}name") == "The Innovation Desk"
    assert publication.findtext(f"{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Lab & market: a <new> deal"
    published = datetime.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == recent.published_at
    assert published.utcoffset() == datetime.timedelta(hours=8)


def test_sitemap_queries_do_not_grow_with_items(client):
    def count(name):
        with CaptureQueriesContext(connection) as queries:
            section_map(client, name)
        return len(queries)

    ArticleFactory().tags.add("one")
    PersonFactory()
    few = {name: count(name) for name in ["articles", "tags", "people"]}
    for i in range(20):
        ArticleFactory().tags.add(f"tag {i}")
        PersonFactory()
    assert {name: count(name) for name in few} == few


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Disallow: {reverse('admin:index')}" in lines
    assert "Disallow: /preview/" in lines
    assert f"Sitemap: {absolute(reverse('sitemap_index'))}" in lines
    assert f"Sitemap: {absolute(reverse('sitemap_news'))}" in lines
    # Every preview address is covered by the rule.
    for url in [
        reverse("articles:preview", args=[1]),
        reverse("articles:shared_preview", args=["t"]),
    ]:
        assert url.startswith("/preview/")
