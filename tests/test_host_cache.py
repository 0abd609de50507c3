"""The cache of a site on one host: shared on disk by every process, each process's
recent reads in memory in front (newsdesk/hostcache.py)."""

import datetime
import os

import pytest
import time_machine
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsdesk.hostcache import HostCache, LocalCopies


@pytest.fixture
def host_cache(tmp_path):
    cache = HostCache(str(tmp_path / "cache"), {"OPTIONS": {"LOCAL_SECONDS": 5}})
    yield cache
    cache.clear()
    cache.close_connections()


def test_a_value_is_shared_through_the_disk_and_read_from_memory_after(host_cache):
    host_cache.set("masthead", "<nav>", 600)
    assert host_cache.shared.get("masthead") == "<nav>"
    assert host_cache.get("masthead") == "<nav>"
    assert host_cache.get_many(["masthead", "missing"]) == {"masthead": "<nav>"}
    assert host_cache.get("missing") is None
    assert host_cache.get("missing", "default") == "default"


def test_another_processs_change_is_seen_once_the_copy_in_memory_runs_out(host_cache):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        host_cache.set("matcher-version", "a", None)
        assert host_cache.get("matcher-version") == "a"
        # Another worker writes to the shared cache only.
        host_cache.shared.set("matcher-version", "b", None)
        assert host_cache.get("matcher-version") == "a"
    with time_machine.travel(now + datetime.timedelta(seconds=6), tick=False):
        assert host_cache.get("matcher-version") == "b"


def test_a_copy_in_memory_never_outlives_the_shared_entry(host_cache):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        host_cache.set("fragment", "<p>", 2)
        assert host_cache.get("fragment") == "<p>"
    with time_machine.travel(now + datetime.timedelta(seconds=3), tick=False):
        assert host_cache.get("fragment") is None


def test_counters_are_counted_in_the_shared_cache(host_cache):
    assert host_cache.add("requests", 0, 60)
    assert not host_cache.add("requests", 0, 60)
    assert host_cache.incr("requests") == 1
    # Another worker counts too: the next count here includes it.
    host_cache.shared.incr("requests")
    assert host_cache.incr("requests") == 3
    assert host_cache.get("requests") == 3
    host_cache.delete("requests")
    assert host_cache.get("requests") is None and host_cache.shared.get("requests") is None


def test_connections_stay_open_between_requests_and_a_forked_worker_opens_its_own(host_cache):
    host_cache.set("masthead", "<nav>", 600)
    shards = host_cache.shared._cache._shards
    opened = [shard._con for shard in shards]
    # What Django does at the end of every request.
    host_cache.close()
    assert [shard._con for shard in shards] == opened

    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            fresh = all(shard._con is not con for shard, con in zip(shards, opened, strict=True))
            host_cache.local.clear()
            os.write(writing, f"{fresh} {host_cache.get('masthead')}".encode())
        finally:
            os._exit(0)
    os.close(writing)
    os.waitpid(pid, 0)
    assert os.read(reading, 100).decode() == "True <nav>"
    os.close(reading)


def test_a_processs_copies_keep_what_cannot_change_as_it_is_and_copy_the_rest():
    copies = LocalCopies("copies-test", {"OPTIONS": {"MAX_ENTRIES": 30, "CULL_FREQUENCY": 3}})
    fragment = mark_safe("<nav>" + "x" * 100 + "</nav>")
    page = ("token", 1.5, (("list:home", 7),), 200, (("Content-Type", "text/html"),), b"<p>")
    copies.set("fragment", fragment, 60)
    copies.set("page", page, 60)
    # Served as they are: nothing to unpickle, and still a SafeString.
    assert copies.get("fragment") is fragment and isinstance(copies.get("fragment"), SafeString)
    assert copies.get("page") is page
    # What can change in place is a copy each time, as LocMemCache gives.
    copies.set("people", [1, 2], 60)
    copies.get("people").append(3)
    assert copies.get("people") == [1, 2]
    # Replaced by another kind of value, or deleted, under the same name.
    copies.set("fragment", ["now", "a list"], 60)
    assert copies.get("fragment") == ["now", "a list"]
    assert copies.delete("page") and copies.get("page") is None
    assert not copies.has_key("page")
    # Out of date, and culled when full.
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        copies.set("brief", "<p>", 2)
        assert copies.get("brief") == "<p>"
    with time_machine.travel(now + datetime.timedelta(seconds=3), tick=False):
        assert copies.get("brief", "gone") == "gone"
    for number in range(40):
        copies.set(f"card:{number}", f"<li>{number}</li>", 60)
    assert copies.get("card:39") == "<li>39</li>"
    assert len(copies._text) <= 30
    copies.clear()
    assert copies.get("card:39") is None
