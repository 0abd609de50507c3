import datetime

import pytest
from django.urls import reverse

from articles.factories import ArticleFactory
from articles.models import Article, Transition
from tests.workflow_helpers import (
    DESK,
    ROLES,
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


# action, the status it starts from, the roles that may take it
TRANSITIONS = [
    ("submit", S.DRAFT, {"owner"} | DESK),
    ("return", S.IN_REVIEW, DESK),
    ("schedule", S.IN_REVIEW, DESK),
    ("publish", S.IN_REVIEW, DESK),
    ("unpublish", S.PUBLISHED, DESK),
    ("redraft", S.UNPUBLISHED, DESK),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action, source, allowed", TRANSITIONS, ids=[name for name, *_ in TRANSITIONS]
)
def test_transition_buttons_follow_roles(users, role, action, source, allowed):
    article = story(users["owner"], source)
    target = {
        "submit": S.IN_REVIEW,
        "return": S.DRAFT,
        "schedule": S.SCHEDULED,
        "publish": S.PUBLISHED,
        "unpublish": S.UNPUBLISHED,
        "redraft": S.DRAFT,
    }[action]
    client = client_for(users[role])

    offered = client.get(change_url(article)).context["workflow_actions"]
    response = client.post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": action, "note": "Checked with the desk", "published_at": later_in_hong_kong()},
    )

    article.refresh_from_db()
    assert response.status_code == 302
    assert (action in [a.name for a in offered]) == (role in allowed)
    if role in allowed:
        assert article.status == target
        transition = article.transitions.get()
        assert (transition.user, transition.from_status, transition.to_status) == (
            users[role],
            source,
            target,
        )
        assert transition.note == "Checked with the desk"
    else:
        assert article.status == source
        assert not Transition.objects.exists()
        assert any("Could not" in message for message in messages_of(response))


def test_schedule_takes_the_time_in_hong_kong(editor):
    article = story(editor, S.IN_REVIEW)

    client_for(editor).post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "schedule", "published_at": "2099-01-02T09:30"},
    )

    article.refresh_from_db()
    assert article.status == S.SCHEDULED
    assert article.published_at == datetime.datetime(2099, 1, 2, 1, 30, tzinfo=datetime.UTC)


def test_refused_transition_lists_the_reasons(editor):
    article = story(editor, S.PUBLISHED)

    response = client_for(editor).post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "unpublish", "note": ""},
        follow=True,
    )

    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert "needs a note explaining why" in response.content.decode()


def test_copydesk_errors_refuse_publication_with_a_message(editor):
    article = ArticleFactory(status=S.IN_REVIEW, published_at=None, created_by=editor)

    response = client_for(editor).post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "publish"},
        follow=True,
    )

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert "No author is named." in messages_of(response)[0]
    assert "No author is named." in response.content.decode()


def test_copydesk_warnings_shown_on_the_change_form(editor):
    article = story(editor, S.IN_REVIEW, standfirst=" ".join(["word"] * 70))

    response = client_for(editor).get(change_url(article))

    assert "The standfirst is 70 words long" in response.content.decode()


EDITORS_OF_OTHERS = {"owner"} | DESK


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_draft_follows_roles(users, role):
    article = story(users["owner"], S.DRAFT, headline="Old headline")
    client = client_for(users[role])
    form_page = client.get(change_url(article))
    # A read-only form carries no version; post what a crafted request would.
    if "opened_version" in form_page.context["adminform"].form.fields:
        data = edit_data(form_page, headline="New headline")
    else:
        data = {"headline": "New headline", "opened_version": article.version}

    response = client.post(change_url(article), data)

    article.refresh_from_db()
    if role in EDITORS_OF_OTHERS:
        assert response.status_code == 302
        assert article.headline == "New headline"
    else:
        assert response.status_code == 403
        assert article.headline == "Old headline"


@pytest.mark.parametrize("role, allowed", [("owner", False), ("editor", True)])
def test_a_submitted_article_is_closed_to_its_reporter(users, role, allowed):
    article = story(users["owner"], S.IN_REVIEW, headline="Old headline")
    client = client_for(users[role])
    form_page = client.get(change_url(article))

    response = client.post(
        change_url(article),
        {"headline": "New headline", "opened_version": article.version}
        if not allowed
        else edit_data(form_page, headline="New headline"),
    )

    article.refresh_from_db()
    assert form_page.status_code == 200
    assert (response.status_code, article.headline) == (
        (302, "New headline") if allowed else (403, "Old headline")
    )


def test_status_and_publication_time_are_not_editable_in_the_form(editor):
    article = story(editor, S.DRAFT)
    client = client_for(editor)
    data = edit_data(
        client.get(change_url(article)),
        status=S.PUBLISHED,
        published_at_0="2020-01-01",
        published_at_1="10:00",
    )

    client.post(change_url(article), data)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.DRAFT, None)


def test_adding_records_the_creator_as_a_draft(reporter):
    client = client_for(reporter)
    add_url = reverse("admin:articles_article_add")
    data = {"headline": "Fresh story", "slug": "", "status": S.PUBLISHED}
    for inline in client.get(add_url).context["inline_admin_formsets"]:
        data.update(
            {
                f"{inline.formset.prefix}-TOTAL_FORMS": "0",
                f"{inline.formset.prefix}-INITIAL_FORMS": "0",
            }
        )

    response = client.post(add_url, data)

    assert response.status_code == 302
    article = Article.objects.get(headline="Fresh story")
    assert (article.created_by, article.status) == (reporter, S.DRAFT)


def changelist_action(client, action, articles, **extra):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
    )


def test_bulk_publish_publishes_what_passes_and_reports_the_rest(editor):
    ready = [story(editor, S.IN_REVIEW) for _ in range(2)]
    unready = ArticleFactory(status=S.IN_REVIEW, published_at=None, headline="No byline")

    response = changelist_action(client_for(editor), "bulk_publish", [*ready, unready])

    assert response.status_code == 302
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in ready] == [S.PUBLISHED, S.PUBLISHED]
    assert statuses[unready.pk] == S.IN_REVIEW
    assert any("“No byline”: No author is named." in m for m in messages_of(response))


def test_bulk_return_asks_for_a_note_first(editor):
    articles = [story(editor, S.IN_REVIEW) for _ in range(2)]
    client = client_for(editor)

    asked = changelist_action(client, "bulk_return", articles)
    empty = changelist_action(client, "bulk_return", articles, apply="yes", note="")
    done = changelist_action(client, "bulk_return", articles, apply="yes", note="Needs sources")

    assert asked.status_code == 200
    assert "note" in asked.context["form"].fields
    assert empty.status_code == 200
    assert empty.context["form"].errors["note"]
    assert done.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {S.DRAFT}
    assert set(Transition.objects.values_list("note", flat=True)) == {"Needs sources"}


def test_reporters_are_not_offered_and_cannot_run_desk_actions(reporter):
    article = story(reporter, S.IN_REVIEW)
    client = client_for(reporter)

    offered = client.get(reverse("admin:articles_article_changelist")).context["action_form"]
    changelist_action(client, "bulk_publish", [article])

    article.refresh_from_db()
    names = [name for name, _ in offered.fields["action"].choices]
    assert "bulk_submit" in names
    assert "bulk_publish" not in names
    assert article.status == S.IN_REVIEW


def test_transitions_are_shown_on_the_change_page(editor):
    article = story(editor, S.IN_REVIEW)
    client = client_for(editor)
    client.post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "return", "note": "Check the second quote"},
    )

    response = client.get(change_url(article))

    assert "Check the second quote" in response.content.decode()
