import datetime
import re

import pytest
import time_machine
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
from entities.factories import EventFactory, PersonFactory, PositionFactory
from tests.helpers import get, hidden_articles, link

pytestmark = pytest.mark.django_db


HOME = reverse("articles:home")


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def block(content, heading_id):
    """The HTML of the <section> labelled by `heading_id`."""
    start = content.index(f'aria-labelledby="{heading_id}"')
    return content[start : content.index("</section>", start)]


# By section -------------------------------------------------------------------


def test_each_section_shows_its_three_latest_published_stories(client):
    world, business = SectionFactory(name="World", order=1), SectionFactory(name="Business")
    world_stories = [ArticleFactory(section=world, published_at=ago(hours=h)) for h in range(1, 5)]
    business_story = ArticleFactory(section=business, published_at=ago(days=3))
    hidden = hidden_articles(section=world)
    SectionFactory(name="Empty")
    only_drafts = SectionFactory(name="Drafts only")
    ArticleFactory(section=only_drafts, draft=True)

    content = get(client, HOME)

    world_block = block(content, f"section-{world.slug}-heading")
    shown = [link(article) for article in world_stories[:3]]
    assert all(href in world_block for href in shown)
    assert [world_block.index(href) for href in shown] == sorted(
        world_block.index(href) for href in shown
    )
    assert link(world_stories[3]) not in world_block
    assert link(business_story) in block(content, f"section-{business.slug}-heading")
    # Navigation order: "Business" (order 0) before "World" (order 1).
    assert content.index(f"section-{business.slug}-heading") < content.index(
        f"section-{world.slug}-heading"
    )
    assert 'id="section-empty-heading"' not in content
    assert f'id="section-{only_drafts.slug}-heading"' not in content
    for article in hidden:
        assert link(article) not in content
        assert article.headline not in content


def test_older_pages_are_plain_lists(client):
    ArticleFactory.create_batch(21)
    content = get(client, HOME + "?page=2")
    assert "section-innovation-heading" not in content
    assert "Most quoted" not in content


# Events -------------------------------------------------------------------------


def test_upcoming_and_recent_events(client):
    today = timezone.localdate()
    upcoming = EventFactory(name="Next week's forum", start_date=today + datetime.timedelta(7))
    recent = EventFactory(name="Last week's forum", start_date=today - datetime.timedelta(7))
    content = get(client, HOME)
    assert link(upcoming) in block(content, "upcoming-heading")
    assert link(recent) not in block(content, "upcoming-heading")
    assert link(recent) in block(content, "recent-events-heading")
    assert link(upcoming) not in block(content, "recent-events-heading")


def test_remembered_blocks_follow_the_clock(client):
    # The section blocks, events and most quoted are kept until the content
    # changes; a story going live at its time and a new day must still show.
    section = SectionFactory(name="Markets")
    ArticleFactory(section=section, headline="Already out")
    goes_live = timezone.now() + datetime.timedelta(hours=2)
    ArticleFactory(
        section=section,
        headline="Out at its time",
        status=Article.Status.SCHEDULED,
        published_at=goes_live,
    )
    forum = EventFactory(
        name="Tomorrow's forum", start_date=timezone.localdate() + datetime.timedelta(1)
    )
    content = get(client, HOME)
    assert "Out at its time" not in block(content, "section-markets-heading")
    assert link(forum) in block(content, "upcoming-heading")
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1), tick=False):
        assert "Out at its time" in block(get(client, HOME), "section-markets-heading")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3), tick=False):
        content = get(client, HOME)
        # Nothing is coming up any more, so that box is gone.
        assert 'id="upcoming-heading"' not in content
        assert link(forum) in block(content, "recent-events-heading")


# Most quoted ----------------------------------------------------------------------


def quoted(person, times, **article_kwargs):
    article = ArticleFactory(**article_kwargs)
    QuoteFactory.create_batch(times, article=article, person=person)


def test_most_quoted_people_count_only_this_months_published_stories(client):
    often, sometimes = PersonFactory(display_name="Often"), PersonFactory(display_name="Sometimes")
    in_drafts, long_ago = PersonFactory(display_name="Drafted"), PersonFactory(display_name="Old")
    quoted(often, 2)
    quoted(often, 1, published_at=ago(days=29))
    quoted(sometimes, 2)
    quoted(in_drafts, 5, draft=True)
    quoted(in_drafts, 5, status=Article.Status.SCHEDULED, published_at=ago(days=-1))
    quoted(long_ago, 5, published_at=ago(days=31))
    quoted(sometimes, 4, published_at=ago(days=40))

    quoted_block = block(get(client, HOME), "quoted-heading")

    assert quoted_block.index(link(often)) < quoted_block.index(link(sometimes))
    assert "3 quotes" in quoted_block
    assert "2 quotes" in quoted_block
    assert link(in_drafts) not in quoted_block
    assert link(long_ago) not in quoted_block


def test_most_quoted_gives_the_current_title_and_stops_at_five(client):
    people = [PersonFactory() for _ in range(6)]
    for times, person in enumerate(people, start=1):
        quoted(person, times)
    top = people[-1]
    PositionFactory(person=top, title="former minister", end_date=ago(days=400).date())
    PositionFactory(person=top, title="university president")

    quoted_block = block(get(client, HOME), "quoted-heading")

    assert quoted_block.count('class="quoted-list__item"') == 5
    assert link(people[0]) not in quoted_block
    assert "university president" in quoted_block
    assert "former minister" not in quoted_block


# Pictures -------------------------------------------------------------------------


def test_only_the_lead_story_picture_loads_eagerly(client):
    for hours in range(3, 0, -1):
        ArticleFactory(lead_photo=PhotoFactory(), published_at=ago(hours=hours))
    images = re.findall(r"<img [^>]+>", get(client, HOME))
    assert len(images) >= 3
    assert 'loading="eager"' in images[0]
    assert all('loading="lazy"' in img for img in images[1:])
    assert all(re.search(r'width="\d+" height="\d+"', img) for img in images)


# Query budget ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 30])
def test_home_queries_do_not_grow_with_content(client, django_assert_max_num_queries, n):
    today = timezone.localdate()
    for i in range(n):
        article = ArticleFactory(section=SectionFactory(), lead_photo=PhotoFactory())
        ArticleAuthorFactory(article=article)
        quote = QuoteFactory(article=article)
        PositionFactory(person=quote.person)
        EventFactory(start_date=today + datetime.timedelta(days=i + 1))
        EventFactory(start_date=today - datetime.timedelta(days=i + 1))
    # Ten, and one for the editors' pins.
    with django_assert_max_num_queries(11):
        content = get(client, HOME)
    assert content.count('class="front-section"') == n
    assert content.count('class="quoted-list__item"') == min(n, 5)
    assert content.count('class="position"') == min(n, 5)
    assert content.count("<picture") == min(n, 20) + n
