"""Where the content token is kept: wherever every process that serves pages can see it.

A cache shared by several hosts (Redis, Memcached, the database) keeps it next
to the pages, so that a hit reads both in one round trip. With a cache of one
host (the disk cache under VAR_DIR, a process's memory, or none at all) the
token lives in a small file under VAR_DIR, which every process on the host
reads on each request: a file read is cheaper than a lookup in the disk cache,
and a process-local cache would give each worker a token of its own, so that
a write seen by one worker would leave the others serving the old pages.
"""

import os
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from newsdesk.hostcache import HostCache

TOKEN_KEY = "pagecache:token"
TOKEN_FILE = "pagecache-token"
# Caches that only the processes of one host see (a process's own memory, or
# files on the host's disk): the token and the versions then live in files.
HOST_LOCAL = (LocMemCache, DummyCache, HostCache)


def in_file():
    # Looked up each time: tests, and settings changes, swap the cache backend.
    return isinstance(caches["default"], HOST_LOCAL)


def token_path():
    return Path(settings.VAR_DIR) / TOKEN_FILE


def new_token():
    # Random rather than a counter: should the cache or the file be lost, a
    # counter would start again and could meet pages stored under its old values.
    return uuid.uuid4().hex


def replace():
    if in_file():
        write_file(new_token())
    else:
        cache.set(TOKEN_KEY, new_token(), timeout=None)


def read(*keys):
    """The token and `cache.get_many(keys)`: one cache round trip, plus one file read."""
    if in_file():
        return read_file(), (cache.get_many(keys) if keys else {})
    found = cache.get_many([TOKEN_KEY, *keys])
    token = found.pop(TOKEN_KEY, None)
    if token is None:
        # First use, or the cache lost the key: agree on one token, then read it back.
        cache.add(TOKEN_KEY, new_token(), timeout=None)
        token = cache.get(TOKEN_KEY)
    return token, found


def read_file():
    # The content rather than the file's stat: a replaced file can get the old
    # one's inode back within the same clock tick, and then look unchanged.
    try:
        descriptor = os.open(token_path(), os.O_RDONLY)
    except FileNotFoundError:
        # A fresh token only retires pages, so two processes racing here is harmless.
        write_file(new_token())
        descriptor = os.open(token_path(), os.O_RDONLY)
    try:
        return os.read(descriptor, 64).decode()
    finally:
        os.close(descriptor)


def write_file(token):
    """Readers see the old token or the new one, never a file half written."""
    path = token_path()
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with open(descriptor, "wb") as file:
            # Every worker must read it, whoever made the write (a management command, say).
            os.fchmod(file.fileno(), 0o644)
            file.write(token.encode())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
