import itertools

import pytest

from articles import copydesk
from articles.factories import ArticleAuthorFactory, ArticleFactory, MentionFactory, QuoteFactory
from articles.models import Mention
from entities.factories import PersonFactory

pytestmark = pytest.mark.django_db


def unlinked_warnings(article):
    return [w for w in copydesk.review(article).warnings if "not linked" in w]


def test_a_known_person_named_but_not_linked_is_a_warning():
    PersonFactory(display_name="Marcus Tan Wei Ming", aliases=["Marcus Tan"])
    article = ArticleFactory(body="<p>Marcus Tan opened the summit.</p>")
    assert unlinked_warnings(article) == [
        "“Marcus Tan” matches Marcus Tan Wei Ming, who is not linked to this article."
    ]


def test_people_linked_by_mention_byline_or_quote_are_not_warned_about():
    mentioned, author, quoted = (
        PersonFactory(display_name=name) for name in ("Lena Okafor", "Priya Raman", "Ho Ka-yan")
    )
    article = ArticleFactory(body="<p>Lena Okafor, Priya Raman and Ho Ka-yan spoke.</p>")
    MentionFactory(article=article, person=mentioned, status=Mention.Status.CONFIRMED)
    ArticleAuthorFactory(article=article, person=author)
    QuoteFactory(article=article, person=quoted)
    assert unlinked_warnings(article) == []


def test_a_suggested_mention_still_counts_as_unlinked():
    person = PersonFactory(display_name="Lena Okafor")
    article = ArticleFactory(headline="Lena Okafor joins the board", body="<p>News.</p>")
    MentionFactory(article=article, person=person)
    assert len(unlinked_warnings(article)) == 1


# Copy-desk items: dates and weekdays, machine boilerplate, import warnings.

SIGNING_DAY = __import__("datetime").date(2030, 3, 7)  # a Thursday


HEADLINES = itertools.cycle(
    [
        "Port deal inked",
        "Lab robots win funding",
        "Quantum centre opens doors",
        "Drones fly the harbour",
        "Chip plant plans shelved",
        "Talent visas doubled",
        "Smart lampposts switched on",
        "Fintech week breaks records",
    ]
)


def typed_story(editor, body, **kwargs):
    import datetime

    from django.utils import timezone

    from entities.factories import EventFactory
    from tests.workflow_helpers import S, story

    # Headlines far apart, so that none reads as a duplicate of another.
    if "headline" not in kwargs:
        kwargs["headline"] = next(HEADLINES)
    article = story(editor, S.IN_REVIEW, body=body, **kwargs)
    # To go live on a Friday.
    article.published_at = timezone.make_aware(datetime.datetime(2030, 3, 8, 9, 0))
    article.save()
    article.events.add(EventFactory(name="Harbour partnership signing", start_date=SIGNING_DAY))
    return article


def test_a_relative_weekday_that_misses_the_event_date_is_an_item(editor):
    wrong = typed_story(editor, "<p>The deal was signed this Wednesday at the harbour.</p>")
    right = typed_story(editor, "<p>The deal was signed on Thursday at the harbour.</p>")

    (item,) = copydesk.review(wrong).items
    assert item.message == (
        "“this Wednesday” reads as Wednesday 6 Mar for publication on Friday 8 Mar, "
        "but Harbour partnership signing is on Thursday 7 Mar."
    )
    assert copydesk.review(right).items == []


def test_two_weekdays_for_one_happening_in_typed_copy_is_an_item(editor):
    article = typed_story(
        editor,
        "<p>The partnership was signed this Thursday.</p>"
        "<p>Wednesday's partnership opens doors.</p>",
    )

    messages = [item.message for item in copydesk.review(article).items]

    assert any("given different days" in message for message in messages)


def test_machine_boilerplate_is_an_item(editor):
    article = typed_story(
        editor, "<p>It is important to note that the harbour opened on Thursday.</p>"
    )

    (item,) = copydesk.review(article).items

    assert "text-generator boilerplate" in item.message


def test_headline_length_and_missing_lead_photo_are_warnings(editor):
    article = typed_story(editor, "<p>Signed on Thursday.</p>", headline="H" * 120)

    warnings = copydesk.review(article).warnings

    assert "The headline is 120 characters long (more than 110)." in warnings
    assert "There is no lead photo." in warnings


def test_items_block_going_live_until_decided_or_published_over_with_a_reason(editor):
    from articles import workflow
    from articles.models import CopyDeskItem

    article = typed_story(editor, "<p>The deal was signed this Wednesday.</p>")
    copydesk.attach(article, ["Unreadable publication time: 'Thursday noon'"])
    assert len(copydesk.review(article).items) == 2

    when = article.published_at
    with pytest.raises(workflow.TransitionError, match="2 copy-desk item"):
        workflow.apply(article, editor, "schedule", published_at=when)
    workflow.apply(
        article, editor, "schedule", published_at=when, note="Checked the day with the organisers"
    )

    assert article.status == article.Status.SCHEDULED
    items = CopyDeskItem.objects.filter(article=article)
    assert {(i.status, i.decided_by, i.reason) for i in items} == {
        (CopyDeskItem.Status.OVERRIDDEN, editor, "Checked the day with the organisers")
    }
    assert copydesk.review(article).items == []


def test_an_editor_resolves_or_dismisses_each_item_and_it_is_recorded(editor, reporter):
    from django.urls import reverse

    from articles.models import CopyDeskItem
    from tests.workflow_helpers import change_url, client_for

    article = typed_story(editor, "<p>The deal was signed this Wednesday.</p>")
    copydesk.attach(article, ["Boilerplate left out of the body: 'links may expire'"])
    first, second = copydesk.review(article).items
    url = reverse("admin:articles_article_copydesk", args=[article.pk])
    page = client_for(editor).get(change_url(article)).content.decode()
    assert f'value="{first.key}"' in page and f'value="{second.key}"' in page

    assert (
        client_for(reporter).post(url, {"key": first.key, "decision": "dismissed"}).status_code
        == 403
    )
    client_for(editor).post(url, {"key": first.key, "decision": "dismissed"})
    client_for(editor).post(url, {"key": second.key, "decision": "resolved"})

    decided = {item.key: item for item in CopyDeskItem.objects.filter(article=article)}
    assert decided[first.key].status == CopyDeskItem.Status.DISMISSED
    assert decided[second.key].status == CopyDeskItem.Status.RESOLVED
    assert all(item.decided_by == editor and item.decided_at for item in decided.values())
    assert copydesk.review(article).items == []
    page = client_for(editor).get(change_url(article)).content.decode()
    assert "dismissed by editor" in page and "resolved by editor" in page


def test_import_warnings_stay_on_the_story_as_open_items(reporter):
    from pathlib import Path

    from articles.wire.importer import import_text

    text = (Path(__file__).parent / "fixtures" / "wire" / "macao_fintech_week.txt").read_text()
    outcome = import_text(text, "fintech.txt", user=reporter)

    items = [item.message for item in copydesk.review(outcome.article).items]
    assert outcome.story.warnings
    assert set(outcome.story.warnings) <= set(items)


def test_a_typed_story_covering_an_event_on_file_or_alike_in_headline_is_warned(editor):
    from entities.factories import EventFactory
    from tests.workflow_helpers import S, story

    signing = EventFactory(name="Harbour partnership signing")
    earlier = story(editor, S.PUBLISHED, headline="Harbour partnership signed with port operator")
    earlier.events.add(signing)
    unrelated = story(editor, S.DRAFT, headline="Robot makers look to the science park")
    typed = story(editor, S.DRAFT, headline="Harbour partnership signed with port operators")

    def duplicates(article):
        return [w for w in copydesk.review(article).warnings if w.startswith("Possible dup")]

    assert duplicates(typed) == [
        f"Possible duplicate: “{earlier.headline}” (#{earlier.pk}) has a very similar headline."
    ]
    typed.events.add(signing)
    assert (
        f"Possible duplicate: “{earlier.headline}” (#{earlier.pk}) also covers {signing.name}."
        in duplicates(typed)
    )
    assert duplicates(unrelated) == []
