"""bench/many_hosts.py, short: two hosts on one PostgreSQL, Redis and S3 server agree.

Publishing on host A retires host B's cached pages at once, a photo uploaded on
A is shown with its renditions on B, and a login lockout on A holds on B, with
no error anywhere. Needs PostgreSQL and Redis on 127.0.0.1 (the database
nd_prod_b is dropped and made anew, Redis database 14 is emptied).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("MANY_HOSTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nd_prod_b")
REDIS = os.environ.get("MANY_HOSTS_REDIS_URL", "redis://127.0.0.1:6379/14")


def services_missing():
    try:
        import psycopg
        import redis

        with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            pass
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as error:
        return str(error)
    return None


@pytest.mark.skipif(bool(services_missing()), reason="needs PostgreSQL and Redis on 127.0.0.1")
def test_two_hosts_share_pages_photos_and_lockouts():
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "NEWSDESK_"))
    }
    result = subprocess.run(
        [
            sys.executable,
            "bench/many_hosts.py",
            "--rounds",
            "1",
            "--workers",
            "1",
            "--database-url",
            DATABASE,
            "--redis-url",
            REDIS,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=540,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "publishes on A seen on B at once: 1 of 1" in output
    assert "photos uploaded on A shown with renditions on B: 1 of 1" in output
    assert "lockout on A held on B: yes" in output
    assert re.search(r"^errors: 0$", output, re.MULTILINE), output
