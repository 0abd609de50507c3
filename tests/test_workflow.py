import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.factories import ArticleAuthorFactory, ArticleFactory, RelatedLinkFactory
from articles.models import Article, Transition
from articles.workflow import TransitionError

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def ready(reporter):
    """A draft by `reporter` that passes every copy-desk check."""
    article = ArticleFactory(draft=True, created_by=reporter)
    ArticleAuthorFactory(article=article)
    return article


def test_the_whole_path_is_recorded(ready, reporter, editor):
    workflow.apply(ready, reporter, "submit")
    workflow.apply(ready, editor, "return", note="Needs a second source.")
    workflow.apply(ready, reporter, "submit")
    when = timezone.now() + datetime.timedelta(hours=2)
    workflow.apply(ready, editor, "schedule", published_at=when)
    assert (ready.status, ready.published_at) == (S.SCHEDULED, when)
    workflow.apply(ready, editor, "unpublish", note="Embargo lifted late.")
    workflow.apply(ready, editor, "redraft")
    steps = list(
        Transition.objects.filter(article=ready)
        .order_by("pk")
        .values_list("from_status", "to_status", "user__username", "note")
    )
    assert steps == [
        ("draft", "in_review", "reporter", ""),
        ("in_review", "draft", "editor", "Needs a second source."),
        ("draft", "in_review", "reporter", ""),
        ("in_review", "scheduled", "editor", ""),
        ("scheduled", "unpublished", "editor", "Embargo lifted late."),
        ("unpublished", "draft", "editor", ""),
    ]


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("reporter", "return", False),
        ("reporter", "publish", False),
        ("reporter", "schedule", False),
        ("moderator", "return", False),
        ("moderator", "publish", False),
        ("editor", "return", True),
        ("editor", "publish", True),
        ("editor", "schedule", True),
    ],
)
def test_who_may_decide_on_an_article_in_review(ready, reporter, request, role, action, allowed):
    workflow.apply(ready, reporter, "submit")
    user = request.getfixturevalue(role)
    kwargs = {"note": "why", "published_at": timezone.now() + datetime.timedelta(days=1)}
    if allowed:
        workflow.apply(ready, user, action, **kwargs)
        assert ready.status != S.IN_REVIEW
    else:
        with pytest.raises(TransitionError, match="permission"):
            workflow.apply(ready, user, action, **kwargs)
        ready.refresh_from_db()
        assert ready.status == S.IN_REVIEW
        assert Transition.objects.filter(article=ready).count() == 1


def test_reporter_cannot_submit_someone_elses_draft(ready, make_staff):
    other = make_staff("Reporters", "other")
    with pytest.raises(TransitionError, match="permission"):
        workflow.apply(ready, other, "submit")


def test_moderator_cannot_submit(ready, moderator):
    with pytest.raises(TransitionError):
        workflow.apply(ready, moderator, "submit")


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "publish"),
        (S.DRAFT, "return"),
        (S.PUBLISHED, "submit"),
        (S.UNPUBLISHED, "publish"),
        (S.IN_REVIEW, "redraft"),
    ],
)
def test_illegal_transitions_change_nothing(editor, status, action):
    article = ArticleFactory(status=status, published_at=timezone.now())
    version = article.version
    with pytest.raises(TransitionError, match="not possible"):
        workflow.apply(article, editor, action, note="x")
    article.refresh_from_db()
    assert (article.status, article.version) == (status, version)
    assert not Transition.objects.exists()


@pytest.mark.parametrize("action", ["return", "unpublish"])
def test_a_note_is_required(editor, action):
    status = S.IN_REVIEW if action == "return" else S.PUBLISHED
    article = ArticleFactory(status=status, published_at=timezone.now())
    with pytest.raises(TransitionError, match="needs a note"):
        workflow.apply(article, editor, action, note="   ")


def test_schedule_needs_a_future_time(ready, reporter, editor):
    workflow.apply(ready, reporter, "submit")
    with pytest.raises(TransitionError, match="future"):
        workflow.apply(ready, editor, "schedule", published_at=timezone.now())


def test_publish_now_replaces_a_future_time(ready, reporter, editor):
    ready.published_at = timezone.now() + datetime.timedelta(days=3)
    ready.save()
    workflow.apply(ready, reporter, "submit")
    workflow.apply(ready, editor, "publish")
    assert ready.is_public
    assert Article.objects.published().filter(pk=ready.pk).exists()


def test_copy_desk_errors_block_publication(reporter, editor):
    article = ArticleFactory(draft=True, created_by=reporter, section=None, body="<p></p>")
    workflow.apply(article, reporter, "submit")
    with pytest.raises(TransitionError) as refused:
        workflow.apply(article, editor, "publish")
    assert set(refused.value.reasons) == {
        "The body is empty.",
        "No section is chosen.",
        "No author is named.",
    }
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_link_to_an_unpublished_article_blocks_publication(ready, reporter, editor):
    RelatedLinkFactory(article=ready, target_article=ArticleFactory(draft=True, headline="Hidden"))
    workflow.apply(ready, reporter, "submit")
    with pytest.raises(TransitionError, match="unpublished article"):
        workflow.apply(ready, editor, "publish")


def test_available_actions_follow_role_and_status(ready, reporter, editor, moderator):
    assert [a.name for a in workflow.available_actions(reporter, ready)] == ["submit"]
    assert [a.name for a in workflow.available_actions(moderator, ready)] == []
    workflow.apply(ready, reporter, "submit")
    # Their own story in review: they may only take it back.
    assert [a.name for a in workflow.available_actions(reporter, ready)] == ["withdraw"]
    assert [a.name for a in workflow.available_actions(editor, ready)] == [
        "return",
        "schedule",
        "publish",
    ]


def test_reporters_edit_only_their_own_drafts(ready, reporter, editor, moderator, make_staff):
    other = make_staff("Reporters", "other")
    assert workflow.can_edit(reporter, ready)
    assert not workflow.can_edit(other, ready)
    assert not workflow.can_edit(moderator, ready)
    workflow.apply(ready, reporter, "submit")
    assert not workflow.can_edit(reporter, ready)
    assert workflow.can_edit(editor, ready)


def test_reporter_withdraws_their_story_from_review(ready, reporter, editor, make_staff):
    other = make_staff("Reporters", "other")
    workflow.apply(ready, reporter, "submit")

    with pytest.raises(TransitionError, match="permission"):
        workflow.apply(ready, other, "withdraw")
    with pytest.raises(TransitionError, match="permission"):
        workflow.apply(ready, editor, "withdraw")
    workflow.apply(ready, reporter, "withdraw")

    assert ready.status == Article.Status.DRAFT
    assert workflow.can_edit(reporter, ready)
    assert ready.transitions.latest("pk").action == "withdraw"
    assert ready.history.first().history_change_reason.startswith(
        "Withdraw from review: In review → Draft."
    )
