"""The cache of a site on one host: shared on disk by every process, each process's
recent reads in memory in front (newsdesk/hostcache.py)."""

import datetime
import os

import pytest
import time_machine
from django.utils import timezone

from newsdesk.hostcache import HostCache


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
