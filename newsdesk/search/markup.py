"""Highlighted text that is safe to print: the database marks matches with two
private-use characters, the text is escaped, and only then do they become <mark>."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

START, STOP = "\ue000", "\ue001"
ELLIPSIS = "…"


def marked(text):
    text = " ".join((text or "").split())
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def has_match(text):
    return bool(text) and START in text
