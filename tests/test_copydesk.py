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


def typed_story(editor, body, event_name="Harbour partnership signing", **kwargs):
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
    article.events.add(EventFactory(name=event_name, start_date=SIGNING_DAY))
    return article


def test_a_relative_weekday_that_misses_the_event_date_is_an_item(editor):
    wrong = typed_story(editor, "<p>The deal was signed this Wednesday at the harbour.</p>")
    right = typed_story(
        editor, "<p>The deal was signed on Thursday at the harbour.</p>", event_name="Lab signing"
    )

    (item,) = copydesk.review(wrong).items
    assert item.message == (
        "“this Wednesday” reads as Wednesday 6 Mar for publication on Friday 8 Mar, "
        "but Harbour partnership signing is on Thursday 7 Mar."
    )
    assert copydesk.review(right).items == []


def test_a_weekday_given_with_a_date_of_another_day_is_an_item(editor):
    wrong = typed_story(editor, "<p>The deal was signed on Wednesday, 7 March.</p>")
    right = typed_story(
        editor, "<p>The deal was signed on Thursday (March 7, 2030).</p>", event_name="Lab signing"
    )

    messages = [item.message for item in copydesk.review(wrong).items]
    assert "“Wednesday, 7 March” does not add up: 7 Mar 2030 is a Thursday." in messages
    assert copydesk.review(right).items == []


def test_yesterday_or_tomorrow_about_the_event_is_read_against_its_date(editor):
    # Published on Friday 8 March; the signing was on Thursday 7 March.
    right = typed_story(editor, "<p>The partnership signed yesterday links two ports.</p>")
    wrong = typed_story(
        editor, "<p>Tomorrow's signing ceremony links two ports.</p>", event_name="Port signing"
    )
    unrelated = typed_story(
        editor, "<p>The minister said yesterday that ports matter.</p>", event_name="Bay signing"
    )

    assert copydesk.review(right).items == []
    (item,) = copydesk.review(wrong).items
    assert item.message == (
        "“Tomorrow's signing ceremony” reads as Saturday 9 Mar for publication on Friday 8 Mar, "
        "but Port signing is on Thursday 7 Mar."
    )
    assert copydesk.review(unrelated).items == []


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


# Possible duplicates: one item per story (or uncovered event) on file, typed or imported.


def duplicate_items(article):
    return {
        item.key: item.message
        for item in copydesk.review(article).items
        if item.key.startswith("duplicate:")
    }


def on_day(article, day, hour=9):
    import datetime

    from django.utils import timezone

    article.published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    article.save()
    return article


def test_a_typed_story_with_a_much_alike_headline_is_an_item_naming_the_story(editor):
    from tests.workflow_helpers import S, story

    earlier = story(editor, S.PUBLISHED, headline="Harbour partnership signed with port operator")
    typed = story(editor, S.DRAFT, headline="Port operators sign harbour partnership")
    # Three words in common, but most of each headline is its own.
    other_news = story(editor, S.DRAFT, headline="Harbour tunnel tolls rise for port operators")
    unrelated = story(editor, S.DRAFT, headline="Robot makers look to the science park")

    assert duplicate_items(typed) == {
        f"duplicate:article:{earlier.pk}": f"Possible duplicate of “{earlier.headline}” "
        f"(story #{earlier.pk}): its headline is much alike."
    }
    assert duplicate_items(other_news) == {}
    assert duplicate_items(unrelated) == {}


def test_headlines_are_compared_by_their_words_not_their_letters():
    from articles.copydesk_duplicates import headline_words, headlines_alike

    assert headline_words("The Signing of Ports' Partnerships") == {"sign", "port", "partnership"}
    assert headlines_alike("Café owners sign rent pact", "Cafe owner signs rent pact")
    assert not headlines_alike("Rent pact", "Rent pact")  # too few words to tell
    assert not headlines_alike("Budget boosts science parks", "Budget cuts science prizes")


def test_a_story_covering_the_same_event_is_an_item_however_it_covers_it(editor):
    from articles.models import Mention
    from entities.factories import EventFactory
    from tests.workflow_helpers import S, story

    summit = EventFactory(name="Greater Bay Area fintech summit")
    linked = story(editor, S.PUBLISHED, headline="Banks trial shared ledgers")
    linked.events.add(summit)
    quoted = story(editor, S.PUBLISHED, headline="Regulator warns on crypto custody")
    QuoteFactory(article=quoted, event=summit)
    rejected = story(editor, S.PUBLISHED, headline="Payment apps cut fees")
    MentionFactory(article=rejected, event=summit, person=None, status=Mention.Status.REJECTED)
    typed = story(editor, S.DRAFT, headline="Startups pitch to insurers")
    MentionFactory(article=typed, event=summit, person=None, status=Mention.Status.CONFIRMED)

    items = duplicate_items(typed)

    assert set(items) == {f"duplicate:article:{linked.pk}", f"duplicate:article:{quoted.pk}"}
    assert items[f"duplicate:article:{linked.pk}"] == (
        f"Possible duplicate of “Banks trial shared ledgers” (story #{linked.pk}): "
        "it also covers “Greater Bay Area fintech summit”."
    )
    assert duplicate_items(rejected) == {}


def test_largely_the_same_people_within_days_is_an_item_and_one_in_common_is_not(editor):
    import datetime

    from articles.models import Mention
    from tests.workflow_helpers import S, story

    day = datetime.date(2030, 5, 6)
    ada, ben, cy, dee, eve = (
        PersonFactory(display_name=name)
        for name in ("Ada Wong", "Ben Lau", "Cy Ho", "Dee Ng", "Eve Chan")
    )
    earlier = on_day(story(editor, S.PUBLISHED, headline="Council backs new ferry route"), day)
    MentionFactory(article=earlier, person=ada, status=Mention.Status.CONFIRMED)
    QuoteFactory(article=earlier, person=ben)
    MentionFactory(article=earlier, person=dee, status=Mention.Status.REJECTED)
    long_ago = on_day(
        story(editor, S.PUBLISHED, headline="Lawmakers debate school meals"),
        day - datetime.timedelta(days=10),
    )
    for person in (ada, ben):
        MentionFactory(article=long_ago, person=person, status=Mention.Status.CONFIRMED)

    typed = on_day(story(editor, S.DRAFT, headline="Ferry operators promise cleaner boats"), day)
    for person in (ada, ben, cy):
        MentionFactory(article=typed, person=person, status=Mention.Status.SUGGESTED)
    one_shared = on_day(story(editor, S.DRAFT, headline="Sports centre reopens in Sha Tin"), day)
    for person in (ada, eve):
        MentionFactory(article=one_shared, person=person, status=Mention.Status.CONFIRMED)
    rejected_only = on_day(story(editor, S.DRAFT, headline="Libraries extend hours"), day)
    for person in (ada, dee):
        QuoteFactory(article=rejected_only, person=person)

    assert duplicate_items(typed) == {
        f"duplicate:article:{earlier.pk}": f"Possible duplicate of “{earlier.headline}” "
        f"(story #{earlier.pk}): it names 2 of the same people (“Ada Wong”, “Ben Lau”) "
        "within 3 days."
    }
    assert duplicate_items(one_shared) == {}
    # Dee's mention in the earlier story was rejected: only Ada is in common.
    assert duplicate_items(rejected_only) == {}


def test_a_partnership_or_event_already_on_file_is_an_item(editor):
    import datetime

    from articles.models import Mention
    from entities.factories import EventFactory, OrganisationFactory
    from entities.models import Event
    from tests.workflow_helpers import S, story

    day = datetime.date(2030, 6, 3)
    port, bank, club = (OrganisationFactory(name=n) for n in ("Port Co", "Bay Bank", "Yacht Club"))

    def signing(name, hosts, start=day):
        event = EventFactory(name=name, kind=Event.Kind.SIGNING, start_date=start)
        event.hosts.set(hosts)
        return event

    on_file = signing("Port and bank sign green finance deal", [port, bank])
    signing("Port and club sign berth deal", [port, club])
    signing("Port and bank renew green finance deal", [port, bank], day.replace(year=2031))

    # A second record of the same signing, linked by the reporter.
    typed = on_day(story(editor, S.DRAFT, headline="Green loans for the port"), day)
    typed.events.add(signing("Green finance MoU", [port, bank], day + datetime.timedelta(days=1)))
    # No event linked, but both parties named.
    named = on_day(story(editor, S.DRAFT, headline="Bank lends to the port"), day)
    for organisation in (port, bank):
        MentionFactory(
            article=named, person=None, organisation=organisation, status=Mention.Status.CONFIRMED
        )

    assert duplicate_items(typed) == {
        f"duplicate:event:{on_file.pk}": "Possible duplicate: the event “Port and bank sign "
        "green finance deal” (3 Jun 2030), a signing by the same organisations as “Green "
        "finance MoU”, is already on file; no story covers it yet."
    }
    # The typed story's own record of the signing is named too, through the story.
    assert set(duplicate_items(named)) == {
        f"duplicate:event:{on_file.pk}",
        f"duplicate:article:{typed.pk}",
    }

    covering = story(editor, S.PUBLISHED, headline="Port signs with bank")
    covering.events.add(on_file)
    items = duplicate_items(typed)
    assert list(items) == [f"duplicate:article:{covering.pk}"]
    assert (
        "it covers “Port and bank sign green finance deal” (3 Jun 2030)"
        in items[f"duplicate:article:{covering.pk}"]
    )


def test_an_event_of_the_same_name_on_file_is_an_item(editor):
    import datetime

    from entities.factories import EventFactory
    from tests.workflow_helpers import S, story

    day = datetime.date(2030, 9, 14)
    first = EventFactory(name="Innovation Expo", start_date=day)
    EventFactory(name="Innovation Expo", start_date=day.replace(year=2029))
    typed = on_day(story(editor, S.DRAFT, headline="Robots on show"), day)
    typed.events.add(EventFactory(name="innovation expo", start_date=day))

    assert list(duplicate_items(typed)) == [f"duplicate:event:{first.pk}"]


def test_the_duplicate_check_costs_two_queries_whatever_is_on_file(
    editor, django_assert_max_num_queries
):
    from articles import copydesk_duplicates
    from entities.factories import EventFactory
    from tests.workflow_helpers import S, story

    typed = story(editor, S.DRAFT, headline="Harbour partnership signed with port operators")
    typed.events.add(EventFactory())
    QuoteFactory(article=typed)
    for _ in range(3):
        earlier = story(editor, S.PUBLISHED, headline="Harbour partnership signed with port")
        earlier.events.add(*typed.events.all())

    with django_assert_max_num_queries(2):
        found = copydesk_duplicates.findings(typed)
    assert len(found) == 3


def test_publishing_over_a_possible_duplicate_needs_a_recorded_reason(editor):
    from articles import workflow
    from articles.models import CopyDeskItem
    from tests.workflow_helpers import S, story

    earlier = story(editor, S.PUBLISHED, headline="Harbour partnership signed with port operator")
    typed = story(editor, S.IN_REVIEW, headline="Harbour partnership signed with port operators")

    with pytest.raises(workflow.TransitionError, match="1 copy-desk item"):
        workflow.apply(typed, editor, "publish")
    workflow.apply(typed, editor, "publish", note="Follow-up with new figures")

    item = CopyDeskItem.objects.get(article=typed)
    assert (item.key, item.status, item.decided_by, item.reason) == (
        f"duplicate:article:{earlier.pk}",
        CopyDeskItem.Status.OVERRIDDEN,
        editor,
        "Follow-up with new figures",
    )


def test_the_change_form_links_the_possible_duplicate_and_the_link_opens(editor, reporter):
    from django.urls import reverse

    from tests.workflow_helpers import S, change_url, client_for, story

    earlier = story(editor, S.PUBLISHED, headline="Harbour partnership signed with port operator")
    typed = story(reporter, S.DRAFT, headline="Harbour partnership signed with port operators")
    link = reverse("admin:articles_article_change", args=[earlier.pk])

    for user in (editor, reporter):
        client = client_for(user)
        page = client.get(change_url(typed)).content.decode()
        assert f'href="{link}"' in page and f"Open story #{earlier.pk}" in page
        assert client.get(link).status_code == 200

    # The editor dismisses it; the decision stays, with its link, under "Decided".
    client = client_for(editor)
    url = reverse("admin:articles_article_copydesk", args=[typed.pk])
    client.post(url, {"key": f"duplicate:article:{earlier.pk}", "decision": "dismissed"})
    assert duplicate_items(typed) == {}
    page = client.get(change_url(typed)).content.decode()
    assert "dismissed by editor" in page and f'href="{link}"' in page


def test_an_imported_story_gets_the_same_duplicate_items_as_a_typed_one(reporter):
    from pathlib import Path

    from articles.wire.importer import import_text

    fixture = Path(__file__).parent / "fixtures" / "wire" / "macao_fintech_week.txt"
    first = import_text(fixture.read_text(), "fintech.txt", user=reporter)
    # The same story again, a line longer, as another outlet may send it.
    second = import_text(fixture.read_text() + "\nOne more line.\n", "again.txt", user=reporter)

    assert second.story.possible_duplicates == []  # the importer's own checks miss it
    assert duplicate_items(second.article) == {
        f"duplicate:article:{first.article.pk}": "Possible duplicate of “Macao: fintech week "
        f"draws a record crowd of start-ups” (story #{first.article.pk}): its headline is much "
        "alike."
    }
