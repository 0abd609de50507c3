"""Comparing and restoring saved revisions of a whole story.

Each save of an article is kept by django-simple-history, with the story's
parts (bylines, quotes, blocks, links, placements, tags, events) alongside
(see story_parts.py). A restore copies an old revision's editorial fields and
parts back and saves, which records a new revision, so history is never
rewritten.
"""

import difflib
import re
from dataclasses import dataclass

from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import strip_tags
from simple_history.signals import pre_create_historical_record

from articles import story_parts

COMPARED_FIELDS = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]
# Editorial content only: restoring never changes status or publication time.
RESTORED_FIELDS = [
    "kicker",
    "headline",
    "standfirst",
    "body",
    "dateline",
    "contact_email",
    "section_id",
    "lead_photo_id",
]

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TOKEN = re.compile(r"\n+|[^\s]+")


@dataclass(frozen=True)
class Chunk:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    chunks: list

    @property
    def changed(self):
        return any(chunk.op != "equal" for chunk in self.chunks)


def readable_text(html):
    """Text of an HTML body with a line break where each block ends."""
    return strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + "\n", html or "")).strip()


def word_diff(old, new):
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    chunks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace"):
            chunks.append(Chunk("equal" if op == "equal" else "delete", _join(a[i1:i2])))
        if op in ("insert", "replace"):
            chunks.append(Chunk("insert", _join(b[j1:j2])))
    return chunks


def _join(tokens):
    return " ".join(tokens).replace(" \n", "\n").replace("\n ", "\n")


def compare(old, new, parts=False):
    """Word-level differences between two revisions (or articles) of the same story.

    With `parts`, also the section, lead photo and each part, as readable lines
    (only those that differ, after the text).
    """
    diffs = []
    for name, label in COMPARED_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "body":
            before, after = readable_text(before), readable_text(after)
        diffs.append(FieldDiff(name, label, word_diff(before, after)))
    if parts:
        for name, label in [("section", "Section"), ("lead_photo", "Lead photo")]:
            before, after = _related_text(old, name), _related_text(new, name)
            if before != after:
                diffs.append(FieldDiff(name, label, word_diff(before, after)))
        before, after = story_parts.describe(old.parts), story_parts.describe(new.parts)
        for label, text in after.items():
            if before.get(label, "") != text:
                diffs.append(FieldDiff(label, label, word_diff(before.get(label, ""), text)))
    return diffs


def _related_text(revision, name):
    try:
        related = getattr(revision, name)
    except Exception:
        return f"#{getattr(revision, f'{name}_id')}"
    return str(related) if related is not None else ""


@receiver(pre_create_historical_record)
def keep_parts(sender, instance, history_instance, **kwargs):
    """Each revision of an article carries its parts as they are at that save."""
    if hasattr(history_instance, "parts") and instance.pk is not None:
        history_instance.parts = story_parts.snapshot(instance)


def record_parts(article, before):
    """After the admin saved the parts too: bring the newest revision's parts up to date.

    The revision is written when the article row is saved, before its inlines;
    what changed among the parts since `before` (a snapshot) is added to its note.
    """
    latest = article.history.order_by("-history_date", "-history_id").first()
    if latest is None:
        return
    parts = story_parts.snapshot(article)
    changed = story_parts.changed_labels(before, parts) if before is not None else []
    latest.parts = parts
    if changed:
        reason = latest.history_change_reason or ""
        latest.history_change_reason = (
            f"{reason} Changed {', '.join(changed)}."
            if reason
            else f"Changed {', '.join(changed)}."
        )
    latest.save(update_fields=["parts", "history_change_reason"])


def restore(article, revision, user):
    """Make `revision`'s editorial content and parts current again, as one new revision.

    Returns what could not come back (parts pointing at records deleted since).
    """
    for name in RESTORED_FIELDS:
        setattr(article, name, getattr(revision, name))
    missing = story_parts.restore(article, revision.parts or {})
    # In the newsroom's time, as the revision list shows it.
    saved = timezone.localtime(revision.history_date)
    article._change_reason = (
        f"Restored the revision of {saved:%Y-%m-%d %H:%M} (#{revision.history_id})"
    )
    article._history_user = user
    # Saved after the parts, so the new revision records them as restored.
    article.save()
    return missing


def stories_using(photo):
    """The non-draft stories (trash aside) that show `photo`, as lead or in the body."""
    from django.db.models import Q

    from articles.models import Article

    return (
        Article.objects.not_trashed()
        .exclude(status=Article.Status.DRAFT)
        .filter(Q(lead_photo=photo) | Q(placements__photo=photo))
        .distinct()
    )


def record_photo_change(photo, user, changed):
    """A revision on each non-draft story showing `photo`, naming what changed in it.

    The story's own row is not saved (its version stays, so nobody editing it
    is told of a conflict); its history gains the line all the same.
    """
    reason = f"Photo “{photo}” changed: {', '.join(changed)}."
    for article in stories_using(photo):
        article.history.bulk_history_create(
            [article],
            update=True,
            default_user=user,
            default_change_reason=reason,
            custom_historical_attrs={"parts": story_parts.snapshot(article)},
        )
