"""The workflow buttons on the change form save what was typed first, or refuse keeping it."""

import pytest
from django.urls import reverse

from articles.factories import ArticleFactory
from articles.models import Transition
from tests.workflow_helpers import (
    S,
    change_url,
    client_for,
    edit_data,
    later_in_hong_kong,
    messages_of,
    staff_by_role,
    story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(make_staff):
    return staff_by_role(make_staff)


def press(client, article, form_page, action, **changes):
    """Post the change form as a workflow button does: the whole form plus the action."""
    extra = {
        "workflow-action": action,
        "workflow-note": changes.pop("note", ""),
        "workflow-published_at": changes.pop("published_at", ""),
    }
    return client.post(change_url(article), {**edit_data(form_page, **changes), **extra})


def test_submit_saves_the_headline_typed_in_the_same_click(users):
    article = story(users["owner"], S.DRAFT, headline="Old headline")
    client = client_for(users["owner"])

    response = press(client, article, client.get(change_url(article)), "submit", headline="New")

    article.refresh_from_db()
    assert response.status_code == 302
    assert (article.headline, article.status) == ("New", S.IN_REVIEW)
    assert article.transitions.get().action == "submit"
    reasons = list(article.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Submit for review: Draft → In review.", "Changed Headline."]
    assert any("Your changes were saved" in message for message in messages_of(response))


def test_a_button_pressed_without_changes_adds_no_empty_revision(users):
    article = story(users["owner"], S.DRAFT)
    client = client_for(users["owner"])
    before = article.history.count()

    press(client, article, client.get(change_url(article)), "submit")

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert article.history.count() == before + 1


def test_a_stale_form_is_refused_by_its_button_with_the_conflict_first(users):
    article = story(users["owner"], S.IN_REVIEW, headline="Harbour plan")
    first, second = client_for(users["editor"]), client_for(users["superuser"])
    first_form, second_form = first.get(change_url(article)), second.get(change_url(article))
    first.post(change_url(article), edit_data(first_form, headline="Harbour plan delayed"))

    refused = press(
        second, article, second_form, "publish", headline="Harbour plan approved", note=""
    )

    article.refresh_from_db()
    page = refused.content.decode()
    assert refused.status_code == 200
    assert (article.headline, article.status) == ("Harbour plan delayed", S.IN_REVIEW)
    assert not Transition.objects.exists()
    # Kept as typed, and the conflict comes before any panel or field.
    assert 'value="Harbour plan approved"' in page
    conflict = page.index('id="edit-conflict"')
    assert conflict < page.index('id="workflow"') < page.index('name="headline"')
    assert page.index("after you opened it") < page.index("against your version")


def test_a_button_that_cannot_work_refuses_before_saving_and_keeps_the_typing(users):
    article = story(users["owner"], S.IN_REVIEW, headline="Old headline")
    client = client_for(users["editor"])

    # Returning needs a note; none was typed.
    response = press(
        client, article, client.get(change_url(article)), "return", headline="Typed headline"
    )

    article.refresh_from_db()
    page = response.content.decode()
    assert response.status_code == 200
    assert (article.headline, article.status) == ("Old headline", S.IN_REVIEW)
    assert "needs a note explaining why" in page
    assert "Nothing was saved" in page
    assert 'value="Typed headline"' in page


def test_a_note_typed_for_the_button_is_kept_when_refused(users):
    article = story(users["owner"], S.IN_REVIEW)
    client = client_for(users["editor"])

    # Scheduling needs a future time; the note typed with it stays in its box.
    response = press(
        client,
        article,
        client.get(change_url(article)),
        "schedule",
        note="Hold for the morning",
        published_at="2001-01-01T09:00",
    )

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert "Scheduling needs a publication time in the future." in response.content.decode()
    assert "Hold for the morning" in response.content.decode()


def test_schedule_from_the_form_saves_and_schedules(users):
    article = story(users["owner"], S.IN_REVIEW)
    client = client_for(users["editor"])

    press(
        client,
        article,
        client.get(change_url(article)),
        "schedule",
        standfirst="A shorter summary.",
        published_at=later_in_hong_kong(),
    )

    article.refresh_from_db()
    assert (article.standfirst, article.status) == ("A shorter summary.", S.SCHEDULED)


def test_copydesk_errors_keep_the_saved_changes_and_say_so(users):
    article = ArticleFactory(status=S.IN_REVIEW, published_at=None, created_by=users["owner"])
    client = client_for(users["editor"])

    response = press(client, article, client.get(change_url(article)), "publish", kicker="Forum")

    article.refresh_from_db()
    assert (article.kicker, article.status) == ("Forum", S.IN_REVIEW)
    (message,) = messages_of(response)
    assert "Your changes were saved; the status did not change." in message
    assert "No author is named." in message


def test_buttons_belong_to_the_article_form_and_scripts_are_files(users):
    article = story(users["owner"], S.DRAFT)

    page = client_for(users["owner"]).get(change_url(article)).content.decode()

    assert 'name="workflow-action" value="submit" class="button" form="article_form"' in page
    assert (
        'form="article_form"'
        in page.split('name="workflow-note"')[0].rsplit("<", 1)[1]
        + (page.split('name="workflow-note"')[1].split(">")[0])
    )
    assert "articles/admin/unsaved_changes.js" in page
    assert "articles/admin/presence.js" in page
    assert "<script>" not in page


def test_reporter_withdraws_from_the_read_only_page(users):
    article = story(users["owner"], S.IN_REVIEW)
    client = client_for(users["owner"])

    page = client.get(change_url(article))
    assert [action.name for action in page.context["workflow_actions"]] == ["withdraw"]
    assert not page.context["workflow_in_form"]
    response = client.post(
        reverse("admin:articles_article_transition", args=[article.pk]), {"action": "withdraw"}
    )

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.status == S.DRAFT
