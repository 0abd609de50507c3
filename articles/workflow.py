"""The editorial workflow: which status changes exist and who may make them.

Every status change goes through `apply()`, which checks the user's role on the
server, runs the copy-desk checks before anything goes live, and records a
Transition. Nothing here needs a background job: a scheduled article becomes
public at its `published_at` because public queries use `published()`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles import copydesk
from articles.models import Article, Transition
from articles.webhooks import outbox

S = Article.Status
# An action only the article's own reporter may take.
OWNER = "owner"


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str | None
    needs_note: bool = False
    goes_live: bool = False


ACTIONS = {
    action.name: action
    for action in [
        Action("submit", "Submit for review", (S.DRAFT,), S.IN_REVIEW, None),
        # The reporter takes a submitted story back to work on it; editors return it instead.
        Action("withdraw", "Withdraw from review", (S.IN_REVIEW,), S.DRAFT, OWNER),
        Action(
            "return",
            "Return to reporter",
            (S.IN_REVIEW,),
            S.DRAFT,
            "articles.review_article",
            needs_note=True,
        ),
        Action(
            "schedule",
            "Approve and schedule",
            (S.IN_REVIEW,),
            S.SCHEDULED,
            "articles.publish_article",
            goes_live=True,
        ),
        Action(
            "publish",
            "Approve and publish now",
            (S.IN_REVIEW,),
            S.PUBLISHED,
            "articles.publish_article",
            goes_live=True,
        ),
        Action(
            "unpublish",
            "Unpublish",
            (S.PUBLISHED, S.SCHEDULED),
            S.UNPUBLISHED,
            "articles.publish_article",
            needs_note=True,
        ),
        Action("redraft", "Back to draft", (S.UNPUBLISHED,), S.DRAFT, "articles.publish_article"),
    ]
}


class TransitionError(Exception):
    """A status change that is not allowed; `reasons` says why, one line each."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("; ".join(self.reasons))


def is_owner(user, article):
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_edit(user, article):
    """Whether `user` may change the article's text and fields (not its status)."""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return is_owner(user, article) and article.status == S.DRAFT


def refusal(user, article, action):
    """Why `user` may not take `action` on `article` now, or None if they may."""
    if article.status not in action.sources:
        return (
            f"“{action.label}” is not possible for an article that is "
            f"{article.get_status_display().lower()}."
        )
    if action.permission is None:
        allowed = can_edit(user, article)
    elif action.permission == OWNER:
        allowed = user.is_active and is_owner(user, article)
    else:
        allowed = user.is_active and user.has_perm(action.permission)
    if not allowed:
        return f"You do not have permission to “{action.label.lower()}”."
    return None


def available_actions(user, article):
    return [a for a in ACTIONS.values() if refusal(user, article, a) is None]


def precheck(article, user, action_name, *, note="", published_at=None):
    """Why `action_name` would be refused before looking at the copy: a list, empty if none.

    The change form asks this before saving what was typed, so that a button
    that cannot work refuses with everything kept as typed.
    """
    action = ACTIONS.get(action_name)
    if action is None:
        return [f"Unknown action “{action_name}”."]
    reason = refusal(user, article, action)
    if reason:
        return [reason]
    if action.needs_note and not (note or "").strip():
        return [f"“{action.label}” needs a note explaining why."]
    if action.name == "schedule":
        when = published_at or article.published_at
        if when is None or when <= timezone.now():
            return ["Scheduling needs a publication time in the future."]
    return []


def apply(article, user, action_name, *, note="", published_at=None):
    """Move `article` through `action_name`, or raise TransitionError changing nothing."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise TransitionError(f"Unknown action “{action_name}”.")
    note = (note or "").strip()
    with transaction.atomic():
        # Lock the row so two editors acting at once cannot both succeed.
        current = Article.objects.select_for_update().get(pk=article.pk)
        was_public = current.is_public
        reasons = precheck(current, user, action.name, note=note, published_at=published_at)
        if reasons:
            raise TransitionError(reasons)

        now = timezone.now()
        when = published_at or current.published_at
        if action.name == "publish":
            when = now if when is None or when > now else when
        if action.goes_live:
            current.published_at = when
            report = copydesk.review(current)
            if report.errors:
                raise TransitionError(report.errors)
            if report.items:
                if not note:
                    raise TransitionError(
                        f"{len(report.items)} copy-desk item(s) still open: resolve or dismiss "
                        "each, or give in the note the reason to publish over them."
                    )
                copydesk.publish_over(current, report.items, user, note)

        from_status = current.status
        current.status = action.target
        # The revision list says what this save was.
        current._change_reason = (
            f"{action.label}: {S(from_status).label} → {S(action.target).label}."
        )
        if note:
            current._change_reason += f" Note: {note}"
        current._history_user = user
        current.save()
        Transition.objects.create(
            article=current,
            action=action.name,
            from_status=from_status,
            to_status=action.target,
            user=user,
            note=note,
            published_at=current.published_at if action.goes_live else None,
        )
        # Partners' webhooks: an outbox row in this same transaction.
        outbox.after_transition(current, action.name, was_public)
    article.refresh_from_db()
    return article
