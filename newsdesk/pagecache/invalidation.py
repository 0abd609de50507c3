"""Which pages a write retires: the pages showing what changed, or, failing that, all.

Model changes the content apps have mapped (`dependencies.register_model`)
retire the keys of what changed. Every other write to a public table is
noticed on the database connection rather than through model signals, so that
`QuerySet.update()`, `bulk_create()`, fast deletes and raw SQL count as well:
it replaces the content token, which retires every page. Nothing that changes
a page can forget to say so.
"""

import math
import re
import time
from functools import cache as memoize

from django.apps import apps
from django.core.cache import cache

from newsdesk.pagecache import dependencies, versions
from newsdesk.pagecache import token as tokens
from newsdesk.pagecache.dependencies import EVERYTHING, depends_on

SCHEDULE_KEY = "pagecache:schedule:{token}:{version}"
REMEMBERED_KEY = "pagecache:{name}"
# Bumped whenever what is scheduled changes: the key of the schedule below.
SCHEDULE = "schedule"
# Values kept are dead once a version they were made under changes; this only
# bounds their stay. They may stay in a process-local cache: only the token
# and the versions must be shared.
REMEMBER_SECONDS = 24 * 60 * 60

# Filled by the content apps in their AppConfig.ready() through `register_content`:
# the apps whose tables public pages show, the models of those apps that no
# public page shows (a write to one of them keeps the cached pages; everything
# else there, and any table not known to belong to a model, replaces the
# token), and what is scheduled to change by itself.
CONTENT_APPS = set()
PRIVATE_MODELS = set()
SCHEDULES = []


def register_content(app_label, *, private=(), scheduled=None):
    """Declare `app_label`'s tables as shown on public pages.

    `private` names models of the app ("app.Model") that no public page shows;
    `scheduled()`, if given, returns what will change by itself later, as
    [(aware datetime, keys it retires then)]: a scheduled story going live, a
    front-page pin running out. The app retires the key SCHEDULE whenever the
    answer may change.
    """
    CONTENT_APPS.add(app_label)
    PRIVATE_MODELS.update(private)
    if scheduled is not None and scheduled not in SCHEDULES:
        SCHEDULES.append(scheduled)
    _public_tables.cache_clear()


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


def remember(name, compute, *, keys, follows_schedule=False, seconds=REMEMBER_SECONDS):
    """`compute()`, kept until what `keys` name changes: for what many pages show.

    Safe for the same reason as the pages: the versions are read before
    `compute()` reads the database, so a change it misses has already moved
    them. A value that depends on what is published by now (`follows_schedule`)
    also dies when a scheduled change to one of its keys comes due; `seconds`
    bounds values that drift with the clock in other ways. The page being made
    is told it shows `keys`.
    """
    keys = sorted({*keys})
    depends_on(*keys)
    shown = dependencies.current()
    found = versions.read(keys)
    stamp = (shown.token if shown else current_token(), tuple(found[key] for key in keys))
    now = time.time()
    cache_key = REMEMBERED_KEY.format(name=name)
    kept = cache.get(cache_key)
    if kept is not None and kept[0] == stamp and kept[1] > now:
        return kept[2]
    valid_until = now + seconds
    if follows_schedule:
        valid_until = min(valid_until, next_change(keys, now))
    value = compute()
    cache.set(cache_key, (stamp, valid_until, value), int(valid_until - now) + 1)
    return value


def content_version():
    """Changes with every change and whenever anything scheduled comes due: a
    fragment key for what shows "everything published by now". Prefer
    `fragment_version` with the keys of what the fragment shows."""
    return fragment_version(EVERYTHING, follows_schedule=True)


def fragment_version(*keys, follows_schedule=False):
    """See `dependencies.fragment_version`; `follows_schedule` for a fragment that shows
    what is published by now: its version also changes when a scheduled change
    to one of `keys` comes due."""
    version = dependencies.fragment_version(*keys)
    if follows_schedule:
        version += f".{next_change(keys, time.time())}"
    return version


def next_change(keys, now):
    """When the next scheduled change to one of `keys` comes due (a timestamp, or infinity).

    A page that depends on EVERYTHING follows every scheduled change. The
    schedule is kept under its own version and the token, both read before it.
    """
    keys = set(keys)
    every = EVERYTHING in keys
    return min(
        (
            due
            for due, changed in schedule()
            if due > now and (every or EVERYTHING in changed or keys & changed)
        ),
        default=math.inf,
    )


def schedule():
    """[(timestamp, keys)] of every scheduled change, read once per request."""
    shown = dependencies.current()
    if shown is not None and shown.schedule is not None:
        return shown.schedule
    token = shown.token if shown is not None else current_token()
    cache_key = SCHEDULE_KEY.format(token=token, version=versions.read([SCHEDULE])[SCHEDULE])
    found = cache.get(cache_key)
    if found is None:
        found = [
            (moment.timestamp(), frozenset(changed))
            for scheduled in SCHEDULES
            for moment, changed in scheduled()
        ]
        cache.set(cache_key, found, REMEMBER_SECONDS)
    if shown is not None:
        shown.schedule = found
    return found


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
    """A connection's execute wrapper: replaces the token after each public write
    that no model's signals cover (see `dependencies`)."""
    connection = context["connection"]
    match = WRITE.match(sql) if isinstance(sql, str) else None
    table = match["table"].lower() if match is not None else ""
    try:
        result = execute(sql, params, many, context)
    except Exception:
        if match is not None:
            dependencies.write_failed(connection, table)
        raise
    if (
        match is not None
        and not dependencies.is_covered(connection, table)
        and changes_public_content(sql)
    ):
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
