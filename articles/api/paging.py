"""Cursor pages: each page reads its rows by the index, however deep the reader goes.

A cursor is the sort key of the last item shown, so a story published while a
partner pages through a list neither repeats an item nor skips one, and page
1,000 costs what page 1 costs. The cursor is opaque to clients: they follow
`next`.
"""

import base64
import binascii
import datetime
import json
from urllib.parse import urlencode

from django.db.models import Q
from ninja.errors import HttpError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
BAD_CURSOR = "The cursor is not one this API gave out; follow the `next` links."


def encode(values):
    text = json.dumps(values, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor, size):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeError) as error:
        raise HttpError(400, BAD_CURSOR) from error
    if not isinstance(values, list) or len(values) != size:
        raise HttpError(400, BAD_CURSOR)
    return values


class Newest:
    """Newest first by a datetime field, ties broken by id (also newest first)."""

    def __init__(self, field):
        self.field = field

    def order(self, queryset):
        return queryset.order_by(f"-{self.field}", "-pk")

    def key(self, obj):
        return [getattr(obj, self.field).isoformat(), obj.pk]

    def after(self, queryset, cursor):
        stamp, pk = decode(cursor, 2)
        try:
            when = datetime.datetime.fromisoformat(stamp)
            pk = int(pk)
        except (TypeError, ValueError) as error:
            raise HttpError(400, BAD_CURSOR) from error
        return queryset.filter(
            Q(**{f"{self.field}__lt": when}) | Q(**{self.field: when}, pk__lt=pk)
        )


class ById:
    """In order of id: stable, and new records come at the end."""

    def order(self, queryset):
        return queryset.order_by("pk")

    def key(self, obj):
        return [obj.pk]

    def after(self, queryset, cursor):
        (pk,) = decode(cursor, 1)
        if not isinstance(pk, int):
            raise HttpError(400, BAD_CURSOR)
        return queryset.filter(pk__gt=pk)


def paginate(request, queryset, ordering, *, limit, cursor, serialize):
    """{"results": [...], "next": address or None} for one page of `queryset`."""
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"`limit` must be between 1 and {MAX_LIMIT}.")
    queryset = ordering.order(queryset)
    if cursor:
        queryset = ordering.after(queryset, cursor)
    rows = list(queryset[: limit + 1])
    shown = rows[:limit]
    following = None
    if len(rows) > limit:
        query = request.GET.copy()
        query["cursor"] = encode(ordering.key(shown[-1]))
        following = request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")
    return {"results": [serialize(row) for row in shown], "next": following}
