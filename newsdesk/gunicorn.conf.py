"""Gunicorn settings for serving Newsdesk in production.

    gunicorn -c newsdesk/gunicorn.conf.py newsdesk.wsgi

Every value can be changed through the environment, so one file serves the
local `make serve`, the benchmarks and a deployment.
"""

import gc
import os
from pathlib import Path


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


wsgi_app = "newsdesk.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each request runs start to finish in one process, which suits
# a site whose pages are short database reads. Two workers per core is plenty
# behind a buffering proxy; the default fits a small two-core machine.
worker_class = "sync"
workers = _int("WEB_CONCURRENCY", 2)

# Importing Django and the apps once in the master and forking the workers
# shares that memory between them and makes a restart quicker. No database
# connection is opened at import time, so none is shared across the fork.
preload_app = True

# A request that takes longer than this is stuck; the worker is replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 2

# Replacing each worker after a while bounds the damage of a slow leak; the
# jitter keeps the workers from all restarting at the same moment. 0 turns it off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Workers tell the master they are alive through a file; on a disk that is
# slow to write (some containers) that check can stall a worker.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# Errors always go to stderr. The access log is off unless asked for, because
# the proxy in front usually keeps one: GUNICORN_ACCESS_LOG=- writes it to stdout.
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

# Behind a proxy on the same machine, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "newsdesk"

# Gunicorn's control socket sits at one fixed path per user, so a second
# instance on the machine (a benchmark next to `make serve`) would take it over.
control_socket_disable = True


def on_starting(server):
    """Refuse to start, with the settings' own message, when a required one is missing."""
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        server.log.error("error: %s", error)
        raise SystemExit(1) from None


def when_ready(server):
    """Build in the master what each worker would build on its first requests
    (`newsdesk.warmup`): with `preload_app`, the workers share it."""
    try:
        from newsdesk.warmup import warm
    except ImportError:
        # Another Django project served with this file (bench/anchor.py's bakerydemo).
        return
    if preload_app:
        server.log.info("Compiled %d templates before forking the workers.", warm())


def pre_fork(server, worker):
    """Freeze what the master has loaded (the whole application, with `preload_app`).

    Those objects live as long as the worker does. Frozen, they are left out of
    the worker's full garbage collections, which otherwise walk all of them and
    stall a request by tens of milliseconds, and out of the copy-on-write those
    walks cause, so the workers keep sharing their memory pages.
    """
    gc.freeze()
