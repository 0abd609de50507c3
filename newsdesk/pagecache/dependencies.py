"""What a page shows, and which pages a change retires.

Read side: while a page renders, the view and the fragments it uses name the
keys of what they show (`page_shows`, `depends_on`); the page is stored with
their versions. A view that does not call `page_shows` has not said all it
shows, and its page depends on EVERYTHING, which every change retires.

Write side: the content apps register, for each model whose changes they can
map, the keys a row shows up under (`register_model`); a save, a delete or a
change of a many-to-many set of such a model retires the keys of the row as it
was and as it is. What depends on only part of a row (the words a search finds
in it) is registered with `register_change`: a save retires what differs
between the row's state before and after. Writes of those models are "covered"
while their signals run, so the connection's write watcher
(`invalidation.track_writes`) leaves them to the signals; any other public write
still retires every page.
"""

import os
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.paginator import Page
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from newsdesk.pagecache import versions

# Retired by every change: what a page that has not said what it shows depends on.
EVERYTHING = "everything"

_shown = ContextVar("pagecache_shown", default=None)


class Shown:
    """The keys one page shows, and the token and sequence read before it was made."""

    def __init__(self, token, sequence):
        self.keys = set()
        self.complete = False
        self.token = token
        self.sequence = sequence
        # The schedule of changes to come, once read (see `invalidation.schedule`).
        self.schedule = None


class collecting:
    """`with collecting(token, sequence) as shown:` gathers the keys named in the block."""

    def __init__(self, token, sequence):
        self.token = token
        self.sequence = sequence

    def __enter__(self):
        self.shown = Shown(self.token, self.sequence)
        self._reset = _shown.set(self.shown)
        return self.shown

    def __exit__(self, *exc):
        _shown.reset(self._reset)


def current():
    """What the page being made shows so far, or None outside a request."""
    return _shown.get()


def depends_on(*keys):
    """The page being made shows what `keys` name (a fragment, a remembered list...)."""
    shown = _shown.get()
    if shown is not None:
        shown.keys.update(keys)


def page_shows(*keys):
    """Called by a view: the page shows what `keys` name, and nothing else unnamed."""
    shown = _shown.get()
    if shown is not None:
        shown.keys.update(keys)
        shown.complete = True


def object_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def list_key(label, pk):
    """The key of the list of stories about one object: "list:entities.person:7"."""
    return f"list:{label}:{pk}"


def key_of(instance):
    return object_key(type(instance), instance.pk)


# Content apps fill these in their AppConfig.ready() -------------------------------

# {model: [keys_for(instance) -> the keys the row shows up under, in its current state]}
MAPPERS = {}
# {model: shown_by(instance) -> the keys a fragment showing the object depends on}
SHOWN_BY = {}
# {model: [(state(instance) -> a snapshot, changed(before, after) -> keys)]}
CHANGES = {}


def register_model(model, keys_for, *, shown_by=None):
    """Changes of `model` retire `keys_for(row)` of the row before and after the change.

    `keys_for` may query (it runs only on writes) and must name every page and
    fragment that shows the row; an app above may register more for the same
    model (the stories linking a person, say). `shown_by(instance)`, if given,
    says which keys a fragment showing an instance of `model` depends on,
    without a query (see `shown_keys`); otherwise the object's own key.
    """
    mappers = MAPPERS.setdefault(model, [])
    if keys_for not in mappers:
        mappers.append(keys_for)
    if shown_by is not None:
        SHOWN_BY[model] = shown_by
    uid = f"pagecache:{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
    post_save.connect(_after_save, sender=model, dispatch_uid=uid)
    pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if not isinstance(through, str):
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


def register_change(model, state, changed):
    """Saves and deletes of `model` (registered with `register_model`) also retire
    `changed(before, after)`, where each is `state(row)` read from the database
    just before and just after the write, or None for a row created or deleted.

    For keys that depend on part of a row, such as the searches for the words a
    story holds: an edit that leaves those words as they were retires none of them.
    """
    if model not in MAPPERS:
        raise ValueError(f"{model._meta.label} must be registered with register_model first.")
    watchers = CHANGES.setdefault(model, [])
    if (state, changed) not in watchers:
        watchers.append((state, changed))


def _states(model, instance):
    watchers = CHANGES.get(model, ())
    return [state(instance) if instance is not None else None for state, _ in watchers]


def _changed(model, before, after):
    keys = set()
    for (_, changed), old, new in zip(CHANGES.get(model, ()), before, after, strict=True):
        if old is not None or new is not None:
            keys.update(changed(old, new))
    return keys


def keys_for(instance):
    """Every key a change to `instance` (as it is now) retires."""
    keys = set()
    for mapper in MAPPERS.get(type(instance), ()):
        keys.update(mapper(instance))
    return keys


def shown_keys(instance):
    """The keys a fragment showing `instance` depends on."""
    shown_by = SHOWN_BY.get(type(instance))
    return shown_by(instance) if shown_by else [key_of(instance)]


# Retiring -------------------------------------------------------------------------


def retire(keys, using="default"):
    """Retire every page and fragment showing `keys`: at once, and again on commit.

    At once, so that this transaction's own later reads see fresh pages; on
    commit, because a reader may have stored a page of the old rows under the
    new versions while the transaction was still open.
    """
    keys = {*keys, EVERYTHING}
    versions.bump(keys)
    connection = connections[using]
    if connection.in_atomic_block:
        connection.on_commit(lambda: versions.bump(keys))


# Covered writes: the table of a row being saved or deleted through its signals.


def cover(model, using):
    connection = connections[using]
    covered = connection.__dict__.setdefault("pagecache_covered", {})
    table = model._meta.db_table.lower()
    covered[table] = covered.get(table, 0) + 1


def uncover(model, using):
    covered = connections[using].__dict__.get("pagecache_covered", {})
    table = model._meta.db_table.lower()
    if covered.get(table, 0) > 1:
        covered[table] -= 1
    else:
        covered.pop(table, None)


def is_covered(connection, table):
    return table in connection.__dict__.get("pagecache_covered", ())


def write_failed(connection, table):
    # A save that fails sends no post_save: its mark must not cover later writes.
    connection.__dict__.get("pagecache_covered", {}).pop(table, None)


@contextmanager
def bulk_writes(model, keys, using="default"):
    """The writes to `model`'s table in the block (`bulk_create`, `bulk_update`,
    `.update()`) change only what `keys` name: retire those, not every page.

    For bulk writes whose reach the caller knows, such as the snippets and
    suggestions a story's own text produces, which no public page shows.
    """
    cover(model, using)
    try:
        yield
    finally:
        uncover(model, using)
    retire(keys, using)


def _before_save(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        # Fixtures: left to the write watcher, which retires everything.
        return
    old = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._base_manager.using(using).filter(pk=instance.pk).first()
    instance._pagecache_before = keys_for(old) if old is not None else set()
    instance._pagecache_states = _states(sender, old)
    cover(sender, using)


def _after_save(sender, instance, raw=False, using="default", **kwargs):
    if raw or not hasattr(instance, "_pagecache_before"):
        return
    uncover(sender, using)
    before = instance.__dict__.pop("_pagecache_before")
    states = instance.__dict__.pop("_pagecache_states")
    changed = _changed(sender, states, _states(sender, instance))
    retire(before | keys_for(instance) | changed, using)


def _before_delete(sender, instance, using="default", **kwargs):
    # Before: the rows linking it are gone by post_delete.
    instance._pagecache_before = keys_for(instance) | _changed(
        sender, _states(sender, instance), _states(sender, None)
    )
    cover(sender, using)


def _after_delete(sender, instance, using="default", **kwargs):
    if not hasattr(instance, "_pagecache_before"):
        return
    uncover(sender, using)
    retire(instance.__dict__.pop("_pagecache_before"), using)


def _m2m_changed(sender, instance, action, model, pk_set, using="default", reverse=False, **kwargs):
    if type(instance) not in MAPPERS:
        return
    if action.startswith("pre_"):
        instance._pagecache_before = keys_for(instance)
        cover(sender, using)
        return
    uncover(sender, using)
    keys = instance.__dict__.pop("_pagecache_before", set()) | keys_for(instance)
    if reverse and model in MAPPERS and pk_set:
        # Changed from the other side (`event.articles.add(story)`): the rows added
        # or removed are the ones whose lists change.
        for related in model._base_manager.using(using).filter(pk__in=pk_set):
            keys |= keys_for(related)
    retire(keys, using)


# Fragments --------------------------------------------------------------------------


def fragment_version(*keys):
    """A string that changes whenever what `keys` name changes, or everything is retired.

    For a fragment's cache key: `{% cache 86400 name obj.pk version %}`. It also
    tells the page being made that it shows those keys.

    A fragment is made from rows the view read before this is called. If one
    of the keys changed since the request began, those rows may be older than
    the version read now, so the fragment gets a key of its own that no later
    request asks for: it is made fresh and not reused.
    """
    shown = _shown.get()
    found = versions.read(sorted(set(keys)))
    # Outside a request nothing was read before the rows: never reused either.
    if shown is None or any(version > shown.sequence for version in found.values()):
        return f"changing.{os.urandom(8).hex()}"
    shown.keys.update(keys)
    return f"{shown.token}." + ".".join(str(found[key]) for key in sorted(found))


# What a view loaded ---------------------------------------------------------------


def keys_in(*values):
    """The keys of every object of a registered model in `values`: in lists, dicts,
    pages, evaluated querysets, and the related and prefetched objects of each.

    A view that loads what its page shows (as every public view here does, to
    keep its queries few) can name it all with `page_shows(*keys_in(context))`.
    """
    keys = set()
    seen = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, Model):
            model = type(value)
            if model._meta.proxy:
                model = model._meta.concrete_model
            if model in MAPPERS and value.pk is not None:
                keys.add(object_key(model, value.pk))
            stack += value._state.fields_cache.values()
            stack += getattr(value, "_prefetched_objects_cache", {}).values()
            # Prefetches kept under a name of their own (`to_attr`).
            stack += [item for item in value.__dict__.values() if isinstance(item, list)]
        elif isinstance(value, QuerySet):
            if value._result_cache is not None:
                stack += value._result_cache
        elif isinstance(value, dict):
            stack += value.values()
        elif isinstance(value, (list, tuple, set, frozenset)):
            stack += value
        elif isinstance(value, Page):
            stack.append(value.object_list)
    return keys
