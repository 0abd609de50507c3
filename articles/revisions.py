"""Comparing and restoring saved revisions of an article.

Each save of an article is kept by django-simple-history; a restore copies an
old revision's editorial fields onto the article and saves, which records a new
revision, so history is never rewritten.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags

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


def compare(old, new):
    """Word-level differences between two revisions (or articles) of the same story."""
    diffs = []
    for name, label in COMPARED_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "body":
            before, after = readable_text(before), readable_text(after)
        diffs.append(FieldDiff(name, label, word_diff(before, after)))
    return diffs


def restore(article, revision, user):
    """Make `revision`'s editorial content current again, as a new revision."""
    for name in RESTORED_FIELDS:
        setattr(article, name, getattr(revision, name))
    # In the newsroom's time, as the revision list shows it.
    saved = timezone.localtime(revision.history_date)
    article._change_reason = (
        f"Restored the revision of {saved:%Y-%m-%d %H:%M} (#{revision.history_id})"
    )
    article._history_user = user
    article.save()
    return article
