import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import editing, sharing
from articles.models import EditSession, ShareLink, StaffNote
from tests.workflow_helpers import (
    S,
    change_url,
    client_for,
    edit_data,
    staff_by_role,
    story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(make_staff):
    return staff_by_role(make_staff)


def test_presence_of_another_editor_is_shown(users):
    article = story(users["owner"], S.DRAFT)
    client_for(users["owner"]).get(change_url(article))

    response = client_for(users["editor"]).get(change_url(article))

    started = EditSession.objects.get(user=users["owner"]).started_at
    expected = f"owner is editing since {timezone.localtime(started):%H:%M} (Hong Kong time)"
    assert expected in response.content.decode()


def test_moderators_viewing_do_not_count_as_editing(users):
    article = story(users["owner"], S.DRAFT)

    client_for(users["moderator"]).get(change_url(article))

    assert not EditSession.objects.exists()


def test_second_save_of_the_same_version_is_refused_with_a_diff(users):
    article = story(
        users["owner"], S.DRAFT, headline="Harbour plan", body="<p>The harbour opens soon.</p>"
    )
    first, second = client_for(users["owner"]), client_for(users["editor"])
    first_form, second_form = first.get(change_url(article)), second.get(change_url(article))

    saved = first.post(change_url(article), edit_data(first_form, headline="Harbour plan delayed"))
    refused = second.post(
        change_url(article), edit_data(second_form, body="<p>The harbour opens in May.</p>")
    )

    article.refresh_from_db()
    assert saved.status_code == 302
    assert refused.status_code == 200
    assert article.headline == "Harbour plan delayed"
    assert article.body == "<p>The harbour opens soon.</p>"
    html = refused.content.decode()
    assert "owner saved this article at" in html
    assert "<del>delayed</del>" in html
    assert "<del>soon.</del>" in html
    assert "<ins>in May.</ins>" in html
    # The refused input is still in the form, now against the current version,
    # so saving it again after merging is a deliberate choice.
    form = refused.context["adminform"].form
    assert form["body"].value() == "<p>The harbour opens in May.</p>"
    assert int(form["opened_version"].value()) == article.version
    assert not EditSession.objects.filter(user=users["owner"]).exists()
    assert EditSession.objects.filter(user=users["editor"]).exists()


def save_revisions(article, user, *headlines):
    for headline in headlines:
        article.headline = headline
        article._history_user = user
        article.save()


def test_revisions_list_compare_and_restore(editor):
    article = story(editor, S.DRAFT, headline="Ferry fares rise")
    save_revisions(article, editor, "Ferry fares rise sharply")
    oldest, newest = article.history.order_by("history_date", "history_id")
    client = client_for(editor)

    listing = client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    compared = client.get(
        reverse("admin:articles_article_compare_revisions", args=[article.pk]),
        {"old": newest.history_id, "new": oldest.history_id},
    )
    restored = client.post(
        reverse("admin:articles_article_restore_revision", args=[article.pk, oldest.history_id])
    )

    assert listing.status_code == 200
    assert [r.history_id for r in listing.context["revisions"]] == [
        newest.history_id,
        oldest.history_id,
    ]
    assert "<ins>sharply</ins>" in compared.content.decode()
    assert restored.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Ferry fares rise"
    assert article.history.count() == 3
    assert article.history.first().history_user == editor


@pytest.mark.parametrize("role", ["owner", "moderator"])
def test_restoring_needs_the_permission_and_edit_rights(users, role):
    article = story(users["owner"], S.DRAFT, headline="First")
    save_revisions(article, users["owner"], "Second")
    oldest = article.history.last()

    response = client_for(users[role]).post(
        reverse("admin:articles_article_restore_revision", args=[article.pk, oldest.history_id])
    )

    article.refresh_from_db()
    assert response.status_code == 403
    assert article.headline == "Second"


def test_moderators_cannot_see_revisions(moderator):
    article = story(moderator, S.DRAFT)

    response = client_for(moderator).get(
        reverse("admin:articles_article_revisions", args=[article.pk])
    )

    assert response.status_code == 403


def note_url(article):
    return reverse("admin:articles_article_note", args=[article.pk])


def test_staff_note_is_signed_by_whoever_adds_it(users):
    article = story(users["owner"], S.DRAFT)
    StaffNote.objects.create(article=article, author=users["owner"], text="Source is shy")
    client = client_for(users["editor"])

    response = client.post(
        note_url(article), {"text": "Second source confirmed", "author": users["owner"].pk}
    )

    assert response.status_code == 302
    assert dict(StaffNote.objects.values_list("text", "author")) == {
        "Source is shy": users["owner"].pk,
        "Second source confirmed": users["editor"].pk,
    }
    page = client.get(change_url(article)).content.decode()
    assert "Source is shy" in page and "Second source confirmed" in page


def test_reporter_answers_a_note_on_a_submitted_story(users):
    article = story(users["owner"], S.IN_REVIEW)
    client = client_for(users["owner"])

    client.post(note_url(article), {"text": "The figure is from the annual report."})

    assert StaffNote.objects.get().author == users["owner"]
    assert client.post(change_url(article), {}).status_code == 403


def test_moderators_cannot_add_notes_and_empty_notes_are_refused(users):
    article = story(users["owner"], S.DRAFT)
    assert client_for(users["moderator"]).post(note_url(article), {"text": "Hi"}).status_code == 403
    client_for(users["editor"]).post(note_url(article), {"text": "   "})
    assert not StaffNote.objects.exists()


def test_editors_create_and_revoke_preview_links(editor):
    article = story(editor, S.IN_REVIEW)
    client = client_for(editor)

    client.post(
        reverse("admin:articles_article_share", args=[article.pk]),
        {"note": "Quote check", "hours": "48"},
    )
    link = ShareLink.objects.get()
    page = client.get(change_url(article)).content.decode()
    client.post(reverse("admin:articles_article_revoke_link", args=[article.pk, link.pk]))

    link.refresh_from_db()
    assert (link.created_by, link.note) == (editor, "Quote check")
    assert link.expires_at - link.created_at == datetime.timedelta(hours=48)
    assert sharing.url_for(link) in page
    assert link.revoked_at is not None


def test_reporters_cannot_create_preview_links(reporter):
    article = story(reporter, S.DRAFT)

    response = client_for(reporter).post(
        reverse("admin:articles_article_share", args=[article.pk]), {"hours": "48"}
    )

    assert response.status_code == 403
    assert not ShareLink.objects.exists()


def presence_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


def test_is_editing_expires_minutes_after_the_page_stops_pinging(users):
    import time_machine

    article = story(users["owner"], S.DRAFT)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        owner, editor = client_for(users["owner"]), client_for(users["editor"])
        owner.get(change_url(article))
    # The open page pings every minute: the lease holds for as long as it does.
    for minute in range(1, 11):
        with time_machine.travel(start + datetime.timedelta(minutes=minute), tick=False):
            assert owner.post(presence_url(article)).json() == {"others": []}
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=False):
        answer = editor.post(presence_url(article)).json()
        assert [line.startswith("owner is editing since") for line in answer["others"]] == [True]
    # The owner left without a word (a closed laptop): within the lease it is gone.
    after = start + datetime.timedelta(minutes=10) + editing.SESSION_TIMEOUT
    with time_machine.travel(after + datetime.timedelta(seconds=1), tick=False):
        assert "owner is editing" not in editor.get(change_url(article)).content.decode()
    assert datetime.timedelta(minutes=5) >= editing.SESSION_TIMEOUT


def test_leaving_the_page_gives_the_lease_up(users):
    article = story(users["owner"], S.DRAFT)
    owner = client_for(users["owner"])
    owner.get(change_url(article))

    owner.post(presence_url(article), {"leave": "1"})

    assert not EditSession.objects.exists()
    assert "is editing" not in client_for(users["editor"]).get(change_url(article)).content.decode()


def test_only_those_who_may_edit_can_ping(users):
    article = story(users["owner"], S.DRAFT)

    assert client_for(users["moderator"]).post(presence_url(article)).status_code == 403
    assert client_for(users["owner"]).get(presence_url(article)).status_code == 405
    assert not EditSession.objects.exists()


def test_the_read_only_view_shows_the_body_as_it_reads(users):
    article = story(users["owner"], S.IN_REVIEW, body="<p>The <strong>harbour</strong> opens.</p>")

    page = client_for(users["owner"]).get(change_url(article)).content.decode()

    assert "<p>The <strong>harbour</strong> opens.</p>" in page
    assert "&lt;strong&gt;" not in page


def test_the_admin_has_a_favicon(users):
    page = client_for(users["editor"]).get(reverse("admin:index")).content.decode()

    assert 'rel="icon" href="/static/newsdesk/favicon.svg"' in page
