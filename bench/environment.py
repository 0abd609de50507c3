"""What the benchmark scripts share: production settings, the database, the newsroom check.

The scripts run against the configured database (DATABASE_URL, or the default
SQLite file) with the production settings: DEBUG off, the page cache as asked,
plain HTTP on loopback.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
# A newsroom smaller than this is a demo, not something worth measuring.
MIN_ARTICLES = 1_000


def default_database():
    """The SQLite file `make` uses when DATABASE_URL is not set."""
    return Path(os.environ.get("NEWSDESK_VAR_DIR", ROOT / "var")).resolve() / "newsdesk.sqlite3"


def production_environment(page_cache=True):
    """The environment variables a production-settings process of the benchmark needs."""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{default_database()}",
        # Loopback serves plain HTTP: no redirect to https, cookies sent without TLS.
        "SECURE_HTTPS": "0",
        "NEWSDESK_BENCH_VIEWS": "1",
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "LOG_LEVEL": "WARNING",
        # One client asks for every API page many times: no rate limit for it.
        "API_ANONYMOUS_PER_MINUTE": "1000000000",
    }
    # Explicit both ways: step 1 turns the cache off in this process's own
    # environment, which the servers started later inherit.
    env["PAGE_CACHE_SECONDS"] = "600" if page_cache else "0"
    return env


def setup_django(page_cache=False):
    """Configures Django in this process with production settings."""
    os.environ.update(production_environment(page_cache=page_cache))
    sys.path.append(str(ROOT))
    import django

    django.setup()


def database_vendor():
    from django.db import connection

    return connection.vendor


def require_newsroom():
    """Exits with instructions unless the database holds a generated newsroom."""
    from articles.models import Article

    count = Article.objects.count()
    if count >= MIN_ARTICLES:
        return count
    print(
        f"The database has {count:,} articles; the benchmarks need a generated newsroom\n"
        f"(at least {MIN_ARTICLES:,} articles). Make one in an empty database with:\n\n"
        "    DEBUG=1 .venv/bin/python manage.py migrate\n"
        "    DEBUG=1 .venv/bin/python manage.py generate_newsroom\n\n"
        "(the full scale, a few minutes; --articles 10000 --people 2000 ... for a smaller one,\n"
        "see --help). Set DATABASE_URL or NEWSDESK_VAR_DIR first to keep it apart from your\n"
        "own data.",
        file=sys.stderr,
    )
    sys.exit(2)


def scale():
    from articles.models import Article, Photo
    from entities.models import Event, Organisation, Person

    return {
        "articles": Article.objects.count(),
        "people": Person.objects.count(),
        "organisations": Organisation.objects.count(),
        "events": Event.objects.count(),
        "photos": Photo.objects.count(),
    }


def prepare_database():
    """Brings the database to the state a long-running site would be in.

    After a bulk generation SQLite's write-ahead log can hold hundreds of
    megabytes, which the first write of a measured request would pay for
    copying back. Neither database may have statistics on the new rows yet,
    and without them both pick poor indexes (SQLite never gathers them itself).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    connection.close()


def collect_static(env):
    """The manifest of hashed static files, which production templates need."""
    print("Collecting static files (collectstatic)...", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )


def bench_user():
    """A superuser for the admin pages; created once, without a usable password."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username="bench-admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def url_or_none(name, **kwargs):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def results_path(kind, vendor, date):
    name = f"{date:%Y-%m-%d}-{vendor}.md" if not kind else f"{date:%Y-%m-%d}-{kind}-{vendor}.md"
    return RESULTS_DIR / name


def git_revision():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
