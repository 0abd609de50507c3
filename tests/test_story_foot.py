"""The foot of a story: related coverage from the graph, share links, each quote once;
and the site's standing pages."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleFactory, MentionFactory, QuoteFactory, SectionFactory
from articles.models import Article, Mention, Page
from entities.factories import EventFactory, EventSeriesFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
CONFIRMED = Mention.Status.CONFIRMED


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def coverage_of(client, article):
    content = client.get(article.get_absolute_url()).content.decode()
    if "Related coverage" not in content:
        return []
    block = content[content.index("Related coverage") :]
    block = block[: block.index("</section>")]
    found = []
    for item in block.split('class="related-coverage__reason">')[1:]:
        reason = item[: item.index("<")]
        headline = item.split('class="related-coverage__headline"')[1]
        headline = headline[headline.index(">") + 1 : headline.index("</a>")]
        found.append((headline, reason))
    return found


@pytest.fixture
def graph():
    cui = PersonFactory(display_name="Cui Li")
    zte = OrganisationFactory(name="ZTE")
    series = EventSeriesFactory(name="Harbour forum")
    forum = EventFactory(name="Harbour forum 2026", series=series)
    earlier = EventFactory(name="Harbour forum 2025", series=series)
    story = ArticleFactory(headline="The story", published_at=ago(1))
    story.events.add(forum)
    MentionFactory(article=story, person=cui, status=CONFIRMED)
    MentionFactory(article=story, person=None, organisation=zte, status=CONFIRMED)

    def other(headline, days, person=None, organisation=None, event=None):
        article = ArticleFactory(headline=headline, published_at=ago(days))
        if person:
            MentionFactory(article=article, person=person, status=CONFIRMED)
        if organisation:
            MentionFactory(
                article=article, person=None, organisation=organisation, status=CONFIRMED
            )
        if event:
            article.events.add(event)
        return article

    other("Person and company", 9, person=cui, organisation=zte)
    other("Same forum", 3, event=forum)
    other("Only the company, newest", 2, organisation=zte)
    other("Only the company, older", 8, organisation=zte)
    other("Earlier edition", 1, event=earlier)
    other("Unrelated", 1)
    hidden = other("Hidden draft", 1, person=cui, organisation=zte)
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.DRAFT)
    # Suggested, not confirmed: shares nothing yet.
    MentionFactory(article=ArticleFactory(headline="Only suggested"), person=cui)
    return story


def test_related_coverage_is_weighted_by_what_is_shared_newest_first_on_ties(client, graph):
    assert coverage_of(client, graph) == [
        ("Person and company", "Also about Cui Li"),
        ("Same forum", "Also from Harbour forum 2026"),
        ("Only the company, newest", "Also about ZTE"),
        ("Only the company, older", "Also about ZTE"),
    ]


def test_series_counts_when_nothing_weightier_is_shared(client, graph):
    Article.objects.exclude(headline__in=["The story", "Earlier edition"]).delete()
    assert coverage_of(client, graph) == [("Earlier edition", "Also from Harbour forum")]


def test_a_story_sharing_nothing_has_no_related_heading(client):
    story = ArticleFactory()
    ArticleFactory()
    assert "Related coverage" not in client.get(story.get_absolute_url()).content.decode()


def test_share_links_are_plain_links_without_scripts(client, graph):
    content = client.get(graph.get_absolute_url()).content.decode()
    share = content[content.index('aria-label="Share this story"') :]
    share = share[: share.index("</nav>")]
    for name in ("Email", "X", "Facebook", "LinkedIn", "WhatsApp"):
        assert f">{name}</a>" in share
    assert "mailto:?subject=The%20story" in share
    assert "http%3A%2F%2Ftestserver%2Farticles%2F" in share
    assert "<script" not in content.split("</head>", 1)[1]


def test_a_quote_printed_in_the_story_is_not_printed_again(client):
    speaker = PersonFactory(display_name="Mei Tsang")
    story = ArticleFactory(
        body="<p>She put it plainly.</p>"
        "<blockquote><p>“Ports run on software now.”</p></blockquote>"
    )
    in_body = QuoteFactory(article=story, person=speaker, text="Ports run on software now.")
    extra = QuoteFactory(article=story, person=speaker, text="Data is the new cargo.")
    content = client.get(story.get_absolute_url()).content.decode()
    assert content.count("Ports run on software now.") == 1
    assert content.count("Data is the new cargo.") == 1
    assert "Also quoted in the story above." in content
    # Its address still leads somewhere on the page.
    assert f'id="quote-{in_body.pk}"' in content and f'id="quote-{extra.pk}"' in content


def test_who_said_what_names_the_event(client):
    forum = EventFactory(name="Harbour forum 2026")
    story = ArticleFactory()
    QuoteFactory(article=story, event=forum)
    content = client.get(story.get_absolute_url()).content.decode()
    aside = content[content.index("Who said what") :]
    assert forum.get_absolute_url() in aside[: aside.index("</aside>")]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("articles:about", "About us"),
        ("articles:contact", "Contact"),
        ("articles:corrections_policy", "Corrections policy"),
        ("articles:privacy", "Privacy"),
    ],
)
def test_standing_pages_exist_are_linked_from_the_footer_and_editable(client, name, title):
    url = reverse(name)
    content = client.get(url).content.decode()
    assert "<h1" in content and title in content
    assert f'href="{url}"' in client.get(reverse("articles:home")).content.decode()
    page = Page.objects.get(title=title)
    page.content = '<p>Rewritten.</p><script>alert(1)</script><p onclick="x()">Hi</p>'
    page.save()
    content = client.get(url).content.decode()
    assert "Rewritten." in content
    assert "alert(1)" not in content and "onclick" not in content


def test_the_footer_links_the_feeds(client):
    content = client.get(reverse("articles:home")).content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    for name in ("articles:feed_latest_rss", "articles:feed_latest_atom", "entities:events_ical"):
        assert reverse(name) in footer


def test_the_footer_follows_the_sections_and_the_year(client):
    def footer():
        content = client.get(reverse("articles:home")).content.decode()
        return content[content.index('<footer class="site-footer">') :]

    section = SectionFactory(name="Harbour")
    assert ">Harbour<" in footer()
    section.name = "Waterfront"
    section.save()
    assert ">Waterfront<" in footer() and ">Harbour<" not in footer()
    new_year = timezone.make_aware(datetime.datetime(2031, 1, 1))
    with time_machine.travel(new_year - datetime.timedelta(minutes=1), tick=False):
        assert "&copy; 2030 " in footer()
    with time_machine.travel(new_year + datetime.timedelta(minutes=1), tick=False):
        assert "&copy; 2031 " in footer()
