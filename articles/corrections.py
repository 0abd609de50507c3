"""Adding a correction or clarification to a published story.

The one way a correction is made: it locks the story, checks it is public,
adds the correction, records it in the story's history (a Transition, beside
the status changes) and writes the partners' webhook event, all in one
transaction.
"""

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Correction, Transition
from articles.webhooks import outbox


class CorrectionError(Exception):
    pass


def refusal(article, made_at, now=None):
    """Why a correction dated `made_at` cannot be added to `article` now, or None."""
    now = now or timezone.now()
    if made_at > now:
        return "A correction cannot be dated in the future."
    if not article.is_public:
        return (
            "Corrections are for published stories; fix a story that is not public by editing it."
        )
    if made_at < article.published_at:
        return "A correction cannot be dated before the story was published."
    return None


def add(article, user, *, text, kind=Correction.Kind.CORRECTION, made_at=None):
    """The new Correction, or CorrectionError saying why not (and nothing saved)."""
    text = (text or "").strip()
    if not text:
        raise CorrectionError("A correction needs its text.")
    if kind not in Correction.Kind.values:
        raise CorrectionError(f"“{kind}” is not a kind of correction.")
    made_at = made_at or timezone.now()
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if reason := refusal(current, made_at):
            raise CorrectionError(reason)
        correction = Correction.objects.create(
            article=current, kind=kind, text=text, made_at=made_at, created_by=user
        )
        Transition.objects.create(
            article=current,
            action="correct",
            from_status=current.status,
            to_status=current.status,
            user=user,
            note=f"{correction.get_kind_display()} added: {text}",
        )
        outbox.corrected(current, correction)
    return correction
