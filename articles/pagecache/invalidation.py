"""The content token: replaced by every write that a public page could show.

Writes are noticed on the database connection rather than through model signals,
so that `QuerySet.update()`, `bulk_create()`, cascading deletes and raw SQL count
as well as `save()`: nothing that changes a page can forget to say so.
"""

import math
import re
import time
from functools import cache as memoize

from django.apps import apps
from django.core.cache import cache
from django.db.models import Min

from articles.pagecache import token as tokens

NEXT_PUBLICATION_KEY = "pagecache:next:{token}"
REMEMBERED_KEY = "pagecache:{name}:{token}"
# Values kept per token are dead once the token changes; this only bounds their
# stay. They may stay in a process-local cache: only the token must be shared.
REMEMBER_SECONDS = 24 * 60 * 60

CONTENT_APPS = {"articles", "entities", "taggit"}

# Models of those apps that no public page shows; a write to one of them keeps
# the cached pages. Everything else there, and any table not known to belong
# to a model, replaces the token.
PRIVATE_MODELS = {
    # The workflow's own records, for staff in the admin. A change of status
    # also writes the article itself.
    "articles.Transition",
    "articles.StaffNote",
    "articles.EditSession",
    "articles.HistoricalArticle",
    # Shared previews are never cached, and a link's row is shown nowhere else.
    "articles.ShareLink",
    # Wire captions waiting for an image; only the Photo made from one is shown.
    "articles.WirePhoto",
    # The content API's keys and rate counts, and the webhooks' outbox (articles/api,
    # articles/webhooks): readers see none of them.
    "articles.PartnerKey",
    "articles.RateLimitCounter",
    "articles.WebhookEndpoint",
    "articles.WebhookEvent",
    "articles.WebhookDelivery",
    "articles.WebhookAttempt",
}

WRITE = re.compile(
    r"\s*(?:(?P<truncate>TRUNCATE)|INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO"
    r"|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`\[]?(?P<table>[\w$]*)",
    re.IGNORECASE,
)


def content_changed():
    """Retire every cached page, in every process (see `token`)."""
    tokens.replace()


def current_token():
    return tokens.read()[0]


def remember(name, compute, *, follows_schedule=False, seconds=REMEMBER_SECONDS):
    """`compute()`, kept until the content next changes: for what many pages show.

    Safe for the same reason as the pages: the token is read before `compute()`
    reads the database, so a change it misses has already replaced the token.
    A value that depends on what is published by now (`follows_schedule`) also
    dies when the next scheduled story goes live; `seconds` bounds values that
    drift with the clock in other ways.
    """
    token = current_token()
    now = time.time()
    key = REMEMBERED_KEY.format(name=name, token=token)
    found = cache.get(key)
    if found is not None and found[0] > now:
        return found[1]
    valid_until = now + seconds
    if follows_schedule:
        valid_until = min(valid_until, next_publication(token, now))
    value = compute()
    cache.set(key, (valid_until, value), int(valid_until - now) + 1)
    return value


def content_version():
    """Changes with every public write and whenever a scheduled story goes live:
    what a fragment showing "what is published by now" is kept under."""
    token = current_token()
    return f"{token}.{next_publication(token, time.time())}"


def next_publication(token, now):
    """When the next scheduled article goes live, as a timestamp (infinity if none is).

    Kept per token: the token is read before this, so a scheduling committed
    after the query has replaced the token and the answer dies with it.
    """
    from articles.models import Article

    key = NEXT_PUBLICATION_KEY.format(token=token)
    due = cache.get(key)
    if due is None or due <= now:
        first = Article.objects.scheduled().aggregate(first=Min("published_at"))["first"]
        due = first.timestamp() if first else math.inf
        cache.set(key, due, int(min(REMEMBER_SECONDS, due - now)) + 1)
    return due


@memoize
def _public_tables():
    """{table: whether a write to it changes a public page}, for every installed model."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        public = model._meta.app_label in CONTENT_APPS and model._meta.label not in PRIVATE_MODELS
        tables[model._meta.db_table.lower()] = public
    return tables


def changes_public_content(sql):
    match = WRITE.match(sql) if isinstance(sql, str) else None
    if match is None:
        return False
    if match["truncate"]:
        return True
    return _public_tables().get(match["table"].lower(), True)


def track_writes(execute, sql, params, many, context):
    """A connection's execute wrapper: replaces the token after each public write."""
    result = execute(sql, params, many, context)
    if changes_public_content(sql):
        connection = context["connection"]
        # At once, so that this transaction's own later reads and its tests see
        # fresh pages; and again on commit, because a reader may have cached the
        # old rows under the new token while the transaction was still open.
        content_changed()
        if connection.in_atomic_block and not any(
            callback is content_changed for _, callback, _ in connection.run_on_commit
        ):
            connection.on_commit(content_changed)
    return result


def watch_connection(connection, **kwargs):
    """`connection_created` receiver: every connection reports its writes."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)
