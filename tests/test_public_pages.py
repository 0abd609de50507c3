import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QuoteFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from articles.models import Mention
from entities.factories import (
    AppearanceFactory,
    EventFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Event
from tests.helpers import get, hidden_articles, link

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 22)


def public_photo(**kwargs):
    photo = PhotoFactory(**kwargs)
    ArticleFactory(lead_photo=photo)
    return photo


# Status codes ---------------------------------------------------------------


def test_every_page_type_is_public_for_published_content(client):
    article = ArticleFactory()
    photo = PhotoFactory()
    ArticlePhotoFactory(article=article, photo=photo)
    for obj in (article, article.section, photo, PersonFactory(), OrganisationFactory()):
        get(client, obj)
    get(client, EventFactory())
    assert link(article) in get(client, reverse("articles:home"))


def test_home_pages_through_older_stories(client):
    oldest = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    ArticleFactory.create_batch(20)
    home = reverse("articles:home")
    assert link(oldest) not in get(client, home)
    assert link(oldest) in get(client, f"{home}?page=2")
    get(client, f"{home}?page=3", status=404)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["draft", "scheduled", "unpublished"])
def test_hidden_articles_are_not_found(client, index):
    get(client, hidden_articles()[index], status=404)


@pytest.mark.parametrize(
    "placement",
    ["nowhere", "lead of a draft", "inline in an unpublished article", "lead of a scheduled"],
)
def test_photos_outside_published_articles_are_not_found(client, placement):
    photo = PhotoFactory()
    draft, scheduled, unpublished = hidden_articles()
    if placement == "lead of a draft":
        draft.lead_photo = photo
        draft.save()
    elif placement == "inline in an unpublished article":
        ArticlePhotoFactory(article=unpublished, photo=photo)
    elif placement == "lead of a scheduled":
        scheduled.lead_photo = photo
        scheduled.save()
    get(client, photo, status=404)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:article_detail", {"slug": "no-such-story"}),
        ("articles:section_detail", {"slug": "no-such-section"}),
        ("articles:photo_detail", {"pk": 999999}),
        ("entities:person_detail", {"slug": "nobody"}),
        ("entities:organisation_detail", {"slug": "nothing"}),
        ("entities:event_detail", {"slug": "never"}),
    ],
)
def test_unknown_addresses_are_not_found_and_friendly(client, name, kwargs):
    assert "find that page" in get(client, reverse(name, kwargs=kwargs), status=404)


def test_server_error_page_renders_without_a_request_context(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


# Cross-links ----------------------------------------------------------------


def test_person_and_event_link_each_other(client):
    appearance = AppearanceFactory()
    assert link(appearance.event) in get(client, appearance.person)
    assert link(appearance.person) in get(client, appearance.event)


def test_person_and_photo_link_each_other(client):
    shown = PhotoPersonFactory(photo=public_photo())
    assert link(shown.photo) in get(client, shown.person)
    assert link(shown.person) in get(client, shown.photo)


def test_organisation_and_event_link_each_other(client):
    host, supporter = OrganisationFactory(), OrganisationFactory()
    event = EventFactory()
    event.hosts.add(host)
    EventSupportFactory(event=event, organisation=supporter, nature="media partner")
    event_page = get(client, event)
    assert link(host) in event_page
    assert link(supporter) in event_page
    assert "media partner" in event_page
    assert link(event) in get(client, host)
    assert link(event) in get(client, supporter)


def test_article_and_event_link_each_other(client):
    article, event = ArticleFactory(), EventFactory()
    article.events.add(event)
    assert link(event) in get(client, article)
    assert link(article) in get(client, event)


def test_article_and_person_link_each_other_through_byline_and_quote(client):
    author, speaker = PersonFactory(), PersonFactory()
    article = ArticleFactory()
    ArticleAuthorFactory(article=article, person=author)
    quote = QuoteFactory(article=article, person=speaker)
    article_page = get(client, article)
    assert link(author) in article_page
    assert link(speaker) in article_page
    assert f'id="quote-{quote.pk}"' in article_page
    assert link(article) in get(client, author)
    assert f'href="{quote.get_absolute_url()}"' in get(client, speaker)


def test_photo_page_lists_people_in_order_and_the_articles_using_it(client):
    photo = PhotoFactory()
    article = ArticleFactory()
    ArticlePhotoFactory(article=article, photo=photo)
    right, left = PersonFactory(), PersonFactory()
    PhotoPersonFactory(photo=photo, person=right, order=2)
    PhotoPersonFactory(photo=photo, person=left, order=1)
    content = get(client, photo)
    assert content.index(link(left)) < content.index(link(right))
    assert link(article) in content


def test_photo_page_lists_each_published_article_using_it_once(client):
    photo = PhotoFactory()
    lead_and_inline = ArticleFactory(lead_photo=photo)
    ArticlePhotoFactory(article=lead_and_inline, photo=photo)
    inline = ArticleFactory()
    ArticlePhotoFactory(article=inline, photo=photo)
    hidden = hidden_articles()
    for article in hidden:
        article.lead_photo = photo
        article.save()
        ArticlePhotoFactory(article=article, photo=photo)
    content = get(client, photo)
    assert content.count(link(lead_and_inline)) == 1
    assert link(inline) in content
    assert not any(link(article) in content for article in hidden)


# What readers may never see --------------------------------------------------


def test_hidden_headlines_never_reach_listing_and_entity_pages(client):
    person, organisation, section = PersonFactory(), OrganisationFactory(), SectionFactory()
    event = EventFactory()
    event.hosts.add(organisation)
    photo = PhotoFactory(event=event)
    PhotoPersonFactory(photo=photo, person=person)
    hidden = hidden_articles()
    for article in hidden:
        article.section = section
        article.lead_photo = photo
        article.save()
        article.events.add(event)
        ArticleAuthorFactory(article=article, person=person)
        QuoteFactory(article=article, person=person, event=event)
    pages = [
        get(client, reverse("articles:home")),
        get(client, section),
        get(client, person),
        get(client, event),
        get(client, organisation),
    ]
    for content in pages:
        for article in hidden:
            assert article.headline not in content
            assert link(article) not in content
    # The photo only led hidden stories, so it is not listed either.
    assert link(photo) not in pages[2]
    assert link(photo) not in pages[3]


def test_a_persons_page_shows_the_public_photos_of_them_and_by_them(client):
    person = PersonFactory()
    shown, taken, both = PhotoFactory(), PhotoFactory(photographer=person), PhotoFactory()
    PhotoPersonFactory(photo=both, person=person)
    PhotoPersonFactory(photo=shown, person=person)
    for photo in (shown, taken, both):
        ArticlePhotoFactory(article=ArticleFactory(), photo=photo)
    unplaced = PhotoFactory(photographer=person)
    PhotoPersonFactory(photo=unplaced, person=person)
    hidden = []
    for article in hidden_articles():
        photo = PhotoFactory(photographer=person)
        PhotoPersonFactory(photo=photo, person=person)
        ArticlePhotoFactory(article=article, photo=photo)
        hidden.append(photo)
    content = get(client, person)
    in_photos = content[
        content.index('id="photos-heading"') : content.index('id="photos-taken-heading"')
    ]
    by_them = content[content.index('id="photos-taken-heading"') :]
    assert link(shown) in in_photos and link(both) in in_photos and link(taken) not in in_photos
    assert link(taken) in by_them and link(shown) not in by_them
    for photo in (unplaced, *hidden):
        assert link(photo) not in content


def test_related_links_to_unpublished_articles_are_dropped(client):
    article = ArticleFactory()
    RelatedLinkFactory(article=article, target_article=ArticleFactory(headline="Public follow-up"))
    for target in hidden_articles():
        RelatedLinkFactory(article=article, target_article=target)
    RelatedLinkFactory(
        article=article, target_article=None, url="https://example.org/report", title="The report"
    )
    content = get(client, article)
    assert "Public follow-up" in content
    assert 'href="https://example.org/report"' in content
    for target in hidden_articles():
        assert target.headline not in content


# Titles at the time ----------------------------------------------------------


@pytest.fixture
def promoted_person():
    """A dean until the end of 2025, vice-chancellor since.

    Not "president": the factories' filler text can hold that word (it once did).
    """
    person = PersonFactory()
    PositionFactory(
        person=person,
        title="dean of engineering",
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    PositionFactory(person=person, title="vice-chancellor", start_date=datetime.date(2026, 1, 1))
    return person


def test_event_pages_give_the_title_held_on_the_day(client, promoted_person):
    old_event = EventFactory(start_date=datetime.date(2025, 6, 1), name="Old forum")
    new_event = EventFactory(start_date=TODAY, name="New forum")
    AppearanceFactory(person=promoted_person, event=old_event, session="Opening")
    AppearanceFactory(person=promoted_person, event=new_event)
    assert "dean of engineering" in get(client, old_event)
    assert "vice-chancellor" not in get(client, old_event)
    assert "vice-chancellor" in get(client, new_event)
    rows = get(client, promoted_person).split("<tr>")
    assert "dean of engineering" in next(row for row in rows if "Old forum" in row)
    assert "vice-chancellor" in next(row for row in rows if "New forum" in row)


def test_an_introduced_title_wins_over_the_one_on_record(client, promoted_person):
    guest_role = PositionFactory(person=promoted_person, title="honorary adviser")
    event = EventFactory(start_date=TODAY)
    AppearanceFactory(person=promoted_person, event=event, position=guest_role)
    assert "honorary adviser" in get(client, event)


def test_quoted_box_gives_the_title_when_the_story_ran(client, promoted_person):
    ran = timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 30))  # Hong Kong time
    article = ArticleFactory(published_at=ran)
    QuoteFactory(article=article, person=promoted_person)
    content = get(client, article)
    assert "dean of engineering" in content
    assert "vice-chancellor" not in content


def test_prefetched_positions_give_the_same_answer_as_the_query():
    """Pages rely on `position_on` reading prefetched positions; it must match the query."""
    from django.db.models import prefetch_related_objects

    person = PersonFactory()
    PositionFactory(person=person, title="undated")
    PositionFactory(person=person, title="first", start_date=datetime.date(2020, 1, 1))
    PositionFactory(person=person, title="tie", start_date=datetime.date(2020, 1, 1))
    PositionFactory(
        person=person,
        title="ended",
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2022, 6, 30),
    )
    prefetched = type(person).objects.get(pk=person.pk)
    prefetch_related_objects([prefetched], "positions")
    for day in ["2019-05-01", "2020-01-01", "2021-03-01", "2022-06-30", "2022-07-01"]:
        date = datetime.date.fromisoformat(day)
        assert prefetched.position_on(date) == person.position_on(date), day


def test_disrupted_events_say_so(client):
    content = get(client, EventFactory(status=Event.Status.POSTPONED))
    assert 'class="notice notice--postponed"' in content


# Query budgets are in test_query_budgets.py.


def test_card_and_figure_images_carry_size_and_alt_text():
    photo = PhotoFactory(alt_text="Two speakers shake hands")
    html = render_to_string("includes/photo_figure.html", {"photo": photo, "lazy": True})
    assert 'width="64" height="48"' in html
    assert 'alt="Two speakers shake hands"' in html
    assert 'loading="lazy"' in html


@pytest.mark.parametrize(
    ("status", "wording"),
    [
        ("postponed", "has been postponed"),
        ("cancelled", "will not take place"),
        ("rescheduled", "has new dates"),
    ],
)
def test_articles_covering_a_disrupted_event_say_so(client, status, wording):
    article = ArticleFactory()
    event = EventFactory(name="Harbour Robotics Week", status=status)
    article.events.add(event)
    content = get(client, article)
    assert wording in content
    assert f'class="status status--{status}"' in content


def test_articles_covering_a_held_event_show_no_notice(client):
    article = ArticleFactory()
    article.events.add(EventFactory(status="held"))
    assert 'class="notice' not in get(client, article)


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_pages_list_published_articles_with_a_confirmed_mention(client, kind):
    entity = PersonFactory() if kind == "person" else OrganisationFactory()
    target = {"person": None, kind: entity}
    confirmed = MentionFactory(
        article=ArticleFactory(headline="Confirmed mention story"),
        status=Mention.Status.CONFIRMED,
        **target,
    )
    MentionFactory(article=ArticleFactory(headline="Suggested mention story"), **target)
    MentionFactory(
        article=ArticleFactory(headline="Draft mention story", draft=True),
        status=Mention.Status.CONFIRMED,
        **target,
    )
    content = get(client, entity)
    assert "Mentioned in" in content
    assert f'href="{confirmed.article.get_absolute_url()}"' in content
    assert "Suggested mention story" not in content
    assert "Draft mention story" not in content


def test_a_long_list_of_stories_is_marked_up_like_a_short_one(settings):
    """The entity pages' lists (articles/templatetags/story_lists.py) write in Python
    what includes/article_link.html writes for one story."""
    settings.TIME_ZONE = "Asia/Hong_Kong"
    stories = [
        # Late in the evening UTC: the next day where the newsroom is.
        ArticleFactory(
            headline="Chips & <b>tariffs</b>",
            published_at=datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC),
        ),
        ArticleFactory(section=None),
    ]
    written = render_to_string(
        "includes/article_list_section.html",
        {"articles": stories, "section_id": "s", "heading": "Stories"},
    )
    included = "".join(
        "<li>" + render_to_string("includes/article_link.html", {"article": story}) + "</li>"
        for story in stories
    )
    assert "".join(included.split()) in "".join(written.split())
    assert "2 Mar 2026" in written and "&amp; &lt;b&gt;tariffs" in written
