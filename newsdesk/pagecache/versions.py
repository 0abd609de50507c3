"""Versions of what public pages show: one per object and one per list, from one sequence.

A key names something a page shows: an object ("articles.article:12") or a list
("list:home"). Every change sets the versions of the keys it touches to the
next number of a single sequence, so a version only ever grows and a number
is never given twice. A page keeps the versions of its keys and is served
while they are unchanged (see `middleware`).

Like the content token (`token`), the versions live where every process that
serves pages sees them: in a cache shared by several hosts next to the pages,
or, with a cache of one host, in a file under VAR_DIR that every worker maps
into memory. The file is a fixed table of slots, a key's slot chosen by its hash:
two keys sharing a slot retire each other's pages, never too few. Reading a
version there is a memory read, with no system call.
"""

import contextlib
import fcntl
import mmap
import os
import struct
import time
from hashlib import blake2b
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from newsdesk.pagecache import token as tokens

SEQUENCE_KEY = "pagecache:sequence"
VERSION_KEY = "pagecache:version:{key}"
VERSIONS_FILE = "pagecache-versions"
# 64 MiB, sparse until written. A story published or taken down also retires
# the searches for each word it holds (two keys a word): ~1,500 keys in one
# round of bench/load.py's editor. With 2**20 slots, pages showing many objects
# were retired by keys sharing their slots: served beside that editor, the
# latest feed was made again 12 times in 21 rounds against once for a change
# it showed; with 2**23, none.
SLOTS = 1 << 23
# Word 0 holds the sequence, word 1 the number the file began with.
HEADER = 2
WORD = struct.Struct("<Q")
SIZE = WORD.size * (HEADER + SLOTS)


def read(keys):
    """{key: version} for `keys`: one cache round trip, or memory reads."""
    if tokens.in_file():
        mapped = versions_file().mapped
        # A slot never written reads as the number the file began with, so a
        # new file (after the old one was removed) matches no page of the old.
        base = WORD.unpack_from(mapped, WORD.size)[0]
        return {key: WORD.unpack_from(mapped, offset(key))[0] or base for key in keys}
    names = {VERSION_KEY.format(key=key): key for key in keys}
    found = cache.get_many(names)
    missing = [name for name in names if name not in found]
    if missing:
        # First use, or the cache lost the key: it comes back as the sequence's
        # current number, never one it had before, so no page stored under an
        # older version of it can match again.
        now = sequence()
        for name in missing:
            cache.add(name, now, timeout=None)
        found.update(cache.get_many(missing))
    return {names[name]: found.get(name, -1) for name in names}


def sequence():
    """The last number given to a change."""
    if tokens.in_file():
        return WORD.unpack_from(versions_file().mapped, 0)[0]
    found = cache.get(SEQUENCE_KEY)
    if found is None:
        cache.add(SEQUENCE_KEY, first_number(), timeout=None)
        found = cache.get(SEQUENCE_KEY)
    return found


def bump(keys):
    """Give `keys` the next number of the sequence, in every process."""
    keys = set(keys)
    if tokens.in_file():
        versions_file().bump(keys)
        return
    try:
        number = cache.incr(SEQUENCE_KEY)
    except ValueError:
        cache.add(SEQUENCE_KEY, first_number(), timeout=None)
        number = cache.incr(SEQUENCE_KEY)
    cache.set_many({VERSION_KEY.format(key=key): number for key in keys}, timeout=None)


def first_number():
    # A sequence lost with the cache starts again above every number it gave:
    # the clock in microseconds runs ahead of any rate of changes.
    return time.time_ns() // 1000


def offset(key):
    slot = int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "little") % SLOTS
    return WORD.size * (HEADER + slot)


class VersionsFile:
    """The table of slots, mapped into this process."""

    def __init__(self, path):
        self.path = path
        descriptor = open_or_create(path)
        try:
            status = os.fstat(descriptor)
            self.identity = (status.st_dev, status.st_ino)
            self.mapped = mmap.mmap(descriptor, SIZE)
        finally:
            os.close(descriptor)

    def bump(self, keys):
        with open(self.path, "r+b") as file:
            # Writers take turns; readers never wait. A word is written by one
            # aligned 8-byte store, so a reader sees the old number or the new.
            fcntl.flock(file.fileno(), fcntl.LOCK_EX)
            number = WORD.unpack_from(self.mapped, 0)[0] + 1
            for key in keys:
                WORD.pack_into(self.mapped, offset(key), number)
            WORD.pack_into(self.mapped, 0, number)


_mapped = {}


def versions_file():
    path = Path(settings.VAR_DIR) / VERSIONS_FILE
    found = _mapped.get(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    # A file removed or replaced since it was mapped is mapped again: every
    # process must read the same table.
    if found is None or status is None or found.identity != (status.st_dev, status.st_ino):
        found = _mapped[path] = VersionsFile(path)
    return found


def open_or_create(path):
    try:
        descriptor = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        pass
    else:
        if os.fstat(descriptor).st_size == SIZE:
            return descriptor
        # A table of another size (an older release): replaced by a new one, whose
        # first number retires every page kept under the old.
        os.close(descriptor)
        return create(path, replace=True)
    return create(path)


def create(path, replace=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{time.time_ns()}")
    descriptor = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.fchmod(descriptor, 0o644)
        os.ftruncate(descriptor, SIZE)
        os.pwrite(descriptor, WORD.pack(first_number()) * 2, 0)
        if replace:
            # The processes that mapped the old table see it replaced and map this one.
            os.replace(temporary, path)
            return descriptor
        try:
            # Whoever links first wins; the others open the winner's file.
            os.link(temporary, path)
        except FileExistsError:
            os.close(descriptor)
            return os.open(path, os.O_RDWR)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return descriptor
