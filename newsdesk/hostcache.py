"""The cache of a site served from one host: on disk, shared by every process of
the host, with each process's recent reads kept in its memory in front.

The shared part is diskcache's Django backend (SQLite and files under
NEWSDESK_VAR_DIR/cache): a page or fragment is made once for all workers and
outlives a worker's restart. Reading it there costs more than from memory: an
article page made with its fragments cached took ~12 ms of CPU against ~7 ms
with a per-process memory cache (100,000 stories). So each process keeps what
it read for at most LOCAL_SECONDS (and never past the shared entry's expiry).

A value another process changes under the same name is seen here at most
LOCAL_SECONDS late. The page cache's entries never need that: pages, parts,
remembered values and fragments carry the versions they were made under, or
have them in their names, and are checked on every read. Counters (`add`,
`incr`, `decr`) always go to the shared cache.
"""

import itertools
import time

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


def immutable(value):
    """Whether nothing can change `value` in place: text, numbers, tuples of those."""
    if isinstance(value, tuple):
        return all(immutable(item) for item in value)
    return value is None or isinstance(value, (str, bytes, int, float))


class LocalCopies(LocMemCache):
    """A process's copies of cached values: what cannot change in place (fragments,
    stored pages: text, and tuples of text and numbers) kept as it is; anything
    else pickled, as LocMemCache keeps everything. Unpickling each fragment on
    every read took ~9% of the article page's time with its parts cached, and a
    page served from a worker's copy was unpickled whole (py-spy)."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self._text = {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not immutable(value):
            self._text.pop(self.make_key(key, version=version), None)
            return super().set(key, value, timeout, version=version)
        name = self.make_and_validate_key(key, version=version)
        super().delete(key, version=version)
        if len(self._text) >= self._max_entries:
            # The oldest third goes, as LocMemCache culls.
            for old in list(itertools.islice(self._text, len(self._text) // self._cull_frequency)):
                self._text.pop(old, None)
        self._text[name] = (self.get_backend_timeout(timeout), value)

    def get(self, key, default=None, version=None):
        name = self.make_key(key, version=version)
        found = self._text.get(name)
        if found is not None:
            expires, value = found
            if expires is None or expires > time.time():
                return value
            self._text.pop(name, None)
        return super().get(key, default, version=version)

    def has_key(self, key, version=None):
        return self.get(key, _MISSING, version=version) is not _MISSING

    def delete(self, key, version=None):
        found = self._text.pop(self.make_key(key, version=version), None)
        return super().delete(key, version=version) or found is not None

    def clear(self):
        self._text.clear()
        super().clear()


class HostCache(BaseCache):
    """OPTIONS: LOCAL_SECONDS (default 5), LOCAL_ENTRIES (default 2000), and
    diskcache's own settings (size_limit...)."""

    def __init__(self, location, params):
        super().__init__(params)
        options = dict(params.get("OPTIONS", {}))
        self.local_seconds = options.pop("LOCAL_SECONDS", 5)
        local_entries = options.pop("LOCAL_ENTRIES", 2000)
        inner = {name: params[name] for name in ("KEY_PREFIX", "VERSION") if name in params}
        self.shared = DjangoCache(location, {**params, "OPTIONS": options})
        self.local = LocalCopies(
            f"newsdesk-hostcache:{location}",
            {**inner, "TIMEOUT": self.local_seconds, "OPTIONS": {"MAX_ENTRIES": local_entries}},
        )

    def _keep(self, key, value, seconds, version):
        """A copy in this process, for at most LOCAL_SECONDS and `seconds`."""
        if seconds is None or seconds > self.local_seconds:
            seconds = self.local_seconds
        if seconds > 0:
            self.local.set(key, value, seconds, version=version)

    def get(self, key, default=None, version=None):
        found = self.local.get(key, _MISSING, version=version)
        if found is not _MISSING:
            return found
        found, expires = self.shared.get(key, _MISSING, version=version, expire_time=True)
        if found is _MISSING:
            return default
        self._keep(key, found, None if expires is None else expires - time.time(), version)
        return found

    def get_many(self, keys, version=None):
        found = {}
        for key in keys:
            value = self.get(key, _MISSING, version=version)
            if value is not _MISSING:
                found[key] = value
        return found

    def has_key(self, key, version=None):
        return self.local.has_key(key, version=version) or self.shared.has_key(key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        seconds = self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout
        self._keep(key, value, seconds, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            self.set(key, value, timeout, version=version)
        return []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.delete(key, version=version)
        return self.shared.add(key, value, timeout, version=version)

    def incr(self, key, delta=1, version=None):
        self.local.delete(key, version=version)
        return self.shared.incr(key, delta, version=version)

    def decr(self, key, delta=1, version=None):
        self.local.delete(key, version=version)
        return self.shared.decr(key, delta, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.delete(key, version=version)
        return self.shared.touch(key, timeout, version=version)

    def delete(self, key, version=None):
        self.local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self.delete(key, version=version)

    def clear(self):
        self.local.clear()
        self.shared.clear()

    def close(self, **kwargs):
        """Connections stay open between requests. Django closes every cache after
        each request, and opening the shared cache's SQLite connections again (with
        their PRAGMAs) took ~5% of a worker's time in bench/load.py (profiled).
        diskcache opens new ones in a forked process by itself."""

    def close_connections(self):
        self.shared.close()
