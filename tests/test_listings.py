import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    MentionFactory,
    QuoteFactory,
    SectionFactory,
)
from articles.models import Article, Mention
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from tests.helpers import get, hidden_articles

pytestmark = pytest.mark.django_db

HK = zoneinfo.ZoneInfo("Asia/Hong_Kong")
LIST = reverse("articles:article_list")


def at(*args):
    return datetime.datetime(*args, tzinfo=HK)


def assert_no_secrets(content):
    assert "Secret" not in content


# The article list ------------------------------------------------------------


def test_article_list_shows_published_stories_with_a_filter_form(client):
    article = ArticleFactory()
    content = get(client, LIST)
    assert article.headline in content
    assert content.count("<h1") == 1
    for name in ("section", "tag", "published_after", "published_before"):
        assert f'<label for="id_{name}"' in content


def test_each_filter_alone(client):
    section = SectionFactory(name="Science")
    in_section = ArticleFactory(section=section, headline="In the science section")
    tagged = ArticleFactory(headline="Tagged with robots")
    tagged.tags.add("Robots")
    by = ArticleAuthorFactory(article=ArticleFactory(headline="Written by her")).person
    QuoteFactory(person=by, article=ArticleFactory(headline="Quoting her"))
    MentionFactory(
        person=by,
        article=ArticleFactory(headline="Confirmed mention of her"),
        status=Mention.Status.CONFIRMED,
    )
    MentionFactory(person=by, article=ArticleFactory(headline="Only suggested for her"))
    organisation = OrganisationFactory()
    MentionFactory(
        person=None,
        organisation=organisation,
        article=ArticleFactory(headline="Confirmed mention of the institute"),
        status=Mention.Status.CONFIRMED,
    )
    MentionFactory(
        person=None,
        organisation=organisation,
        article=ArticleFactory(headline="Suggested for the institute"),
    )
    hosted = EventFactory()
    hosted.hosts.add(organisation)
    ArticleFactory(headline="Covering the hosted forum").events.add(hosted)
    event = EventFactory()
    ArticleFactory(headline="Covering the other forum").events.add(event)
    ArticleFactory(headline="Old news", published_at=at(2020, 5, 1, 9))

    def shown(query):
        content = get(client, f"{LIST}?{query}")
        return {a.headline for a in Article.objects.all() if f">{a.headline}</a>" in content}

    assert shown(f"section={section.slug}") == {in_section.headline}
    assert shown("tag=robots") == {tagged.headline}
    assert shown(f"person={by.slug}") == {
        "Written by her",
        "Quoting her",
        "Confirmed mention of her",
    }
    assert shown(f"organisation={organisation.slug}") == {
        "Confirmed mention of the institute",
        "Covering the hosted forum",
    }
    assert shown(f"event={event.slug}") == {"Covering the other forum"}
    assert shown("published_before=2020-05-01") == {"Old news"}
    assert shown("published_after=2020-05-01&published_before=2020-05-01") == {"Old news"}
    assert "Old news" not in shown("published_after=2020-05-02")


def test_filters_combine(client):
    section = SectionFactory(name="Science")
    person = ArticleAuthorFactory(
        article=ArticleFactory(section=section, headline="Hers in science")
    ).person
    ArticleAuthorFactory(person=person, article=ArticleFactory(headline="Hers elsewhere"))
    ArticleFactory(section=section, headline="Someone else in science")
    content = get(client, f"{LIST}?section={section.slug}&person={person.slug}")
    assert "Hers in science" in content
    assert "Hers elsewhere" not in content
    assert "Someone else in science" not in content
    # The chosen person is named, with a way to drop that filter alone.
    assert person.display_name in content
    assert f'href="?section={section.slug}"' in content


def test_published_dates_follow_the_local_calendar(client):
    # 23:30 in Hong Kong is still the day before in UTC.
    ArticleFactory(headline="Late at night", published_at=at(2024, 3, 15, 23, 30))
    assert "Late at night" in get(client, f"{LIST}?published_after=2024-03-15")
    assert "Late at night" not in get(client, f"{LIST}?published_before=2024-03-14")
    assert "Late at night" not in get(client, f"{LIST}?published_after=2024-03-16")


def test_hidden_articles_never_appear_under_any_filter(client):
    section = SectionFactory(name="Science")
    organisation = OrganisationFactory()
    event = EventFactory()
    event.hosts.add(organisation)
    public = ArticleFactory(section=section)
    public.tags.add("Robots")
    public.events.add(event)
    person = ArticleAuthorFactory(article=public).person
    for hidden in hidden_articles(section=section):
        hidden.tags.add("Robots", "Embargoed topic")
        hidden.events.add(event)
        ArticleAuthorFactory(article=hidden, person=person)
        QuoteFactory(article=hidden, person=person)
        MentionFactory(article=hidden, person=person, status=Mention.Status.CONFIRMED)
        MentionFactory(
            article=hidden,
            person=None,
            organisation=organisation,
            status=Mention.Status.CONFIRMED,
        )
    today = timezone.localdate()
    queries = [
        "",
        f"section={section.slug}",
        "tag=robots",
        f"person={person.slug}",
        f"organisation={organisation.slug}",
        f"event={event.slug}",
        f"published_after={today - datetime.timedelta(days=5)}",
        f"published_before={today + datetime.timedelta(days=5)}",
        f"section={section.slug}&tag=robots&person={person.slug}&event={event.slug}",
    ]
    for query in queries:
        content = get(client, f"{LIST}?{query}")
        assert public.headline in content, query
        assert_no_secrets(content)
    # A tag used only on unpublished stories is not even offered.
    assert "Embargoed topic" not in get(client, LIST)
    get(client, reverse("articles:tag_detail", args=["embargoed-topic"]), status=404)
    assert_no_secrets(get(client, reverse("articles:tag_detail", args=["robots"])))
    year = timezone.localdate().year
    assert_no_secrets(get(client, reverse("articles:archive")))
    assert_no_secrets(get(client, reverse("articles:archive_year", args=[year])))


@pytest.mark.parametrize(
    "query",
    [
        "section=%00",
        "section=no-such-section",
        "tag=%00",
        "person=%00",
        "person=nobody",
        "organisation=%27%3B--",
        "event=%F0%9F%92%A5",
        "published_after=notadate",
        "published_before=2024-02-30",
        "published_after=9999-12-31&published_before=0001-01-01",
        "published_after=%00",
    ],
)
def test_bad_filter_values_show_an_error_and_no_results(client, query):
    ArticleFactory(headline="A perfectly good story")
    content = get(client, f"{LIST}?{query}")
    assert "could not be used" in content
    assert "A perfectly good story" not in content


def test_a_refused_value_is_described_next_to_its_control(client):
    content = get(client, f"{LIST}?tag=no-such-tag")
    assert 'aria-describedby="id_tag_error"' in content
    assert 'id="id_tag_error"' in content


@pytest.mark.parametrize("query", ["page=999", "page=abc", "page=%00", "page=-1"])
def test_bad_page_numbers_are_not_found(client, query):
    ArticleFactory()
    get(client, f"{LIST}?{query}", status=404)


def test_extreme_dates_are_valid_and_harmless(client):
    ArticleFactory(headline="A story of today")
    content = get(client, f"{LIST}?published_after=0001-01-01&published_before=9999-12-31")
    assert "A story of today" in content


def test_pagination_keeps_the_filters(client):
    section = SectionFactory(name="Science")
    oldest = ArticleFactory(section=section, published_at=timezone.now() - datetime.timedelta(30))
    ArticleFactory.create_batch(20, section=section)
    ArticleFactory.create_batch(5)
    first = get(client, f"{LIST}?section={section.slug}")
    assert f'href="?section={section.slug}&amp;page=2"' in first
    second = get(client, f"{LIST}?section={section.slug}&page=2")
    assert oldest.headline in second
    assert f'href="?section={section.slug}&amp;page=1"' in second
    assert "Page 2" in second
    # The last page knows it is the last without counting the list.
    assert 'rel="next"' not in second


def test_lists_are_paged_without_counting_every_story(client):
    ArticleFactory.create_batch(21)
    with CaptureQueriesContext(connection) as queries:
        first = get(client, LIST)
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert 'rel="next"' in first and "Page 1" in first
    get(client, f"{LIST}?page=2")
    get(client, f"{LIST}?page=3", status=404)
    # "last" would need the count that is never taken.
    get(client, f"{LIST}?page=last", status=404)


def test_cached_cards_masthead_and_filters_follow_every_edit(client):
    # Cards, the masthead and the filter form are kept until the content changes.
    section = SectionFactory(name="Science")
    article = ArticleFactory(headline="Old headline", section=section)
    author = ArticleAuthorFactory(article=article).person
    article.tags.add("Old tag")
    before = get(client, LIST)
    assert "Old headline" in before and author.display_name in before
    assert ">Science<" in before and "Old tag" in before
    Article.objects.filter(pk=article.pk).update(headline="New headline")
    type(author).objects.filter(pk=author.pk).update(display_name="Renamed Reporter")
    type(section).objects.filter(pk=section.pk).update(name="Discovery")
    article.tags.set(["New tag"])
    after = get(client, LIST)
    assert "New headline" in after and "Old headline" not in after
    assert "Renamed Reporter" in after
    assert ">Discovery<" in after and ">Science<" not in after
    assert "New tag" in after and "Old tag" not in after


def test_date_filters_include_both_days_whole(client):
    ArticleFactory(headline="First minute", published_at=at(2024, 3, 15, 0, 0))
    ArticleFactory(headline="Last minute", published_at=at(2024, 3, 16, 23, 59, 59))
    ArticleFactory(headline="Day before", published_at=at(2024, 3, 14, 23, 59, 59))
    ArticleFactory(headline="Day after", published_at=at(2024, 3, 17, 0, 0))
    content = get(client, f"{LIST}?published_after=2024-03-15&published_before=2024-03-16")
    assert "First minute" in content and "Last minute" in content
    assert "Day before" not in content and "Day after" not in content


# Tag pages -------------------------------------------------------------------


def test_tag_page_lists_its_published_stories_and_pages(client):
    oldest = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    oldest.tags.add("Robots")
    for article in ArticleFactory.create_batch(20):
        article.tags.add("Robots")
    untagged = ArticleFactory()
    url = reverse("articles:tag_detail", args=["robots"])
    content = get(client, url)
    assert "<h1" in content and "Robots" in content
    assert untagged.headline not in content
    assert oldest.headline not in content
    assert oldest.headline in get(client, f"{url}?page=2")


@pytest.mark.parametrize("rare_limit", [1, 1000])
def test_common_and_rare_tags_list_the_same_stories(client, monkeypatch, rare_limit):
    # A common tag is checked story by story, a rare one read from its taggings.
    monkeypatch.setattr("articles.managers.RARE_TAG_ARTICLES", rare_limit)
    tagged = ArticleFactory.create_batch(3)
    for article in tagged:
        article.tags.add("Drones")
    hidden = hidden_articles()
    for article in hidden:
        article.tags.add("Drones")
    ArticleFactory(headline="Untagged story")
    for url in (reverse("articles:tag_detail", args=["drones"]), f"{LIST}?tag=drones"):
        content = get(client, url)
        assert all(article.headline in content for article in tagged)
        assert "Untagged story" not in content
        assert_no_secrets(content)


def test_a_tag_of_a_scheduled_story_appears_when_it_goes_live(client, settings):
    goes_live = timezone.now() + datetime.timedelta(hours=1)
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=goes_live).tags.add("Quantum")
    url = reverse("articles:tag_detail", args=["quantum"])
    # The tags in use are remembered until the content changes, or a story goes live.
    get(client, url, status=404)
    assert 'value="quantum"' not in get(client, LIST)
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        get(client, url)
        assert 'value="quantum"' in get(client, LIST)


def test_unknown_tag_is_not_found(client):
    get(client, reverse("articles:tag_detail", args=["nothing"]), status=404)


def test_article_page_links_its_tags(client):
    article = ArticleFactory()
    article.tags.add("Robots")
    content = get(client, article.get_absolute_url())
    assert f'href="{reverse("articles:tag_detail", args=["robots"])}"' in content


# Date archive -----------------------------------------------------------------


def test_archive_by_year_month_and_day(client):
    march = ArticleFactory(headline="Spring story", published_at=at(2024, 3, 15, 10))
    ArticleFactory(headline="Summer story", published_at=at(2024, 7, 1, 10))
    ArticleFactory(headline="Older story", published_at=at(2023, 3, 15, 10))
    year = get(client, reverse("articles:archive_year", args=[2024]))
    assert "Spring story" in year and "Summer story" in year and "Older story" not in year
    month = get(client, reverse("articles:archive_month", args=[2024, 3]))
    assert "Spring story" in month and "Summer story" not in month
    day = get(client, reverse("articles:archive_day", args=[2024, 3, 15]))
    assert march.headline in day and "Summer story" not in day
    # The navigation offers the years and that year's months that have stories.
    assert f'href="{reverse("articles:archive_year", args=[2023])}"' in day
    assert f'href="{reverse("articles:archive_month", args=[2024, 7])}"' in day
    assert f'href="{reverse("articles:archive_month", args=[2024, 5])}"' not in day
    assert "Spring story" in get(client, reverse("articles:archive"))


@pytest.mark.parametrize(
    "args",
    [[2024], [2024, 4], [2024, 3, 16], [2024, 13], [2024, 2, 30], [9999], [0], [2024, 0, 1]],
)
def test_empty_or_impossible_periods_are_not_found(client, args):
    ArticleFactory(published_at=at(2024, 3, 15, 10)) if args != [2024] else None
    name = {1: "archive_year", 2: "archive_month", 3: "archive_day"}[len(args)]
    get(client, reverse(f"articles:{name}", args=args), status=404)


def test_archive_never_shows_the_future_or_the_unpublished(client):
    for hidden in hidden_articles():
        hidden.published_at = hidden.published_at or timezone.now()
        hidden.save()
    # Published now, not the factory's hour ago: just after midnight that is yesterday.
    visible = ArticleFactory(headline="Visible today", published_at=timezone.now())
    today = timezone.localdate(visible.published_at)
    for name, args in [
        ("archive_year", [today.year]),
        ("archive_month", [today.year, today.month]),
        ("archive_day", [today.year, today.month, today.day]),
    ]:
        content = get(client, reverse(f"articles:{name}", args=args))
        assert "Visible today" in content
        assert_no_secrets(content)
    scheduled = Article.objects.get(status=Article.Status.SCHEDULED)
    local = timezone.localtime(scheduled.published_at)
    get(
        client,
        reverse("articles:archive_day", args=[local.year, local.month, local.day]),
        status=404,
    )


def test_masthead_links_the_indexes(client):
    content = get(client, reverse("articles:home"))
    for name in (
        "entities:person_list",
        "entities:organisation_list",
        "entities:event_list",
        "articles:archive",
    ):
        assert f'href="{reverse(name)}"' in content


# Query budgets ---------------------------------------------------------------


def _articles(n, **kwargs):
    articles = ArticleFactory.create_batch(n, **kwargs)
    for article in articles:
        ArticleAuthorFactory(article=article)
        article.tags.add("Robots")
    return articles


@pytest.mark.parametrize("n", [1, 30])
def test_article_list_queries(client, django_assert_max_num_queries, n):
    section = SectionFactory(name="Science")
    articles = _articles(n, section=section)
    person = PersonFactory()
    for article in articles:
        ArticleAuthorFactory(article=article, person=person)
    # One of them asks when the next scheduled story goes live: the filter form,
    # whose tags are those published by now, is kept until then.
    with django_assert_max_num_queries(7):
        content = get(client, LIST)
    assert content.count('class="byline__author"') == 2 * min(n, 20)
    with django_assert_max_num_queries(9):
        get(client, f"{LIST}?section={section.slug}&tag=robots&person={person.slug}")


@pytest.mark.parametrize("n", [1, 30])
def test_tag_and_archive_queries(client, django_assert_max_num_queries, n):
    _articles(n, published_at=at(2024, 3, 15, 10))
    for name, args, budget in [
        # One to know whether the tag is common or rare (ArticleQuerySet.tagged).
        ("tag_detail", ["robots"], 6),
        ("archive", [], 6),
        ("archive_year", [2024], 9),
        ("archive_month", [2024, 3], 10),
        ("archive_day", [2024, 3, 15], 11),
    ]:
        with django_assert_max_num_queries(budget):
            content = get(client, reverse(f"articles:{name}", args=args))
        assert content.count('class="byline__author"') == min(n, 20), name
