import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
SET_BY_TESTS = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "NEWSDESK_ENV_FILE",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "SECURE_HTTPS",
    "MEDIA_S3_BUCKET",
}
PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def load_settings(**env):
    """Import the production settings in a fresh interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in SET_BY_TESTS}
    code = (
        "import json, newsdesk.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
        "'options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'tz': s.TIME_ZONE, "
        "'cache': s.CACHES['default']['BACKEND'], "
        "'prefix': s.CACHES['default'].get('KEY_PREFIX', ''), "
        "'cache_location': str(s.CACHES['default'].get('LOCATION', '')), "
        "'var_dir': str(s.VAR_DIR), "
        "'pages': s.CACHES.get('pages', {}).get('BACKEND'), "
        "'media': s.STORAGES['default'], "
        "'hsts': [s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD]}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_fails_fast_in_production():
    result = load_settings(**{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_checking_the_code_needs_no_secret_but_the_site_does():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    # Checking the settings, and anything touching the data, refuse.
    for arguments in (["check"], ["migrate"]):
        refused = run_manage(*arguments)
        assert refused.returncode != 0
        assert "SECRET_KEY is not set" in refused.stderr


def test_production_settings_with_a_secret_key():
    result = load_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["debug"] is False
    assert loaded["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert loaded["tz"] == "Asia/Hong_Kong"
    assert loaded["options"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in loaded["options"]["init_command"]


def test_on_one_host_the_cache_is_on_disk_and_shared_by_every_worker():
    result = load_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["cache"] == "newsdesk.hostcache.HostCache"
    assert loaded["cache_location"] == os.path.join(loaded["var_dir"], "cache")
    # Each worker keeps its own copies of the pages it serves in front of it.
    assert loaded["pages"] == "newsdesk.hostcache.LocalCopies"


def test_database_and_cache_come_from_the_environment():
    result = load_settings(
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/example",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["pages"] == "newsdesk.hostcache.LocalCopies"


def test_whitenoise_directly_after_security_middleware():
    middleware = settings.MIDDLEWARE
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware[1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_a_local_env_file_provides_defaults_the_environment_overrides(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# local development\nDEBUG=1\nTIME_ZONE='Europe/London'\n")
    result = load_settings(NEWSDESK_ENV_FILE=str(env_file), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is True
    assert json.loads(result.stdout)["tz"] == "Europe/London"

    result = load_settings(NEWSDESK_ENV_FILE=str(env_file), TIME_ZONE="Asia/Tokyo", **PRODUCTION)
    assert json.loads(result.stdout)["tz"] == "Asia/Tokyo"


def run_manage(*args, **env):
    """manage.py in a fresh interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in SET_BY_TESTS}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsdesk.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_hosts_or_database(missing):
    result = run_manage("check", **{**PRODUCTION, missing: ""})
    assert result.returncode == 1
    # One clear line naming the setting, no traceback.
    assert result.stderr.startswith(f"error: {missing} is not set.")
    assert "Traceback" not in result.stderr


def test_gunicorn_refuses_to_start_without_hosts(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in SET_BY_TESTS}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "newsdesk/gunicorn.conf.py"],
        cwd=ROOT,
        env={**clean, **PRODUCTION, "ALLOWED_HOSTS": "", "GUNICORN_BIND": "127.0.0.1:0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_dot_env_file_is_not_read_in_production_unless_named(monkeypatch):
    """A checkout's .env (DEBUG=1, written by make) must not turn debugging on in production."""
    from newsdesk.settings import BASE_DIR, env_file

    for name in ("DEBUG", "NEWSDESK_ENV_FILE"):
        monkeypatch.delenv(name, raising=False)
    assert env_file() is None
    monkeypatch.setenv("DEBUG", "0")
    assert env_file() is None
    # Asked for: DEBUG=1 in the environment (the Makefile's way), or the file named.
    monkeypatch.setenv("DEBUG", "1")
    assert env_file() == BASE_DIR / ".env"
    monkeypatch.delenv("DEBUG")
    monkeypatch.setenv("NEWSDESK_ENV_FILE", "/etc/newsdesk.env")
    assert env_file() == "/etc/newsdesk.env"


def test_production_settings_ignore_a_dot_env_in_the_checkout():
    """The same, end to end, when this checkout has a .env (make writes one)."""
    if not (ROOT / ".env").exists():
        pytest.skip("this checkout has no .env")
    result = load_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_hsts_preload_and_subdomains_are_off_unless_set():
    secure = {**PRODUCTION, "SECURE_HTTPS": "1"}
    assert json.loads(load_settings(**secure).stdout)["hsts"] == [31536000, False, False]
    both = {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    assert json.loads(load_settings(**secure, **both).stdout)["hsts"] == [31536000, True, True]


def test_the_cache_key_prefix_keeps_sites_on_one_redis_apart():
    redis = {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/13"}

    def prefix(**env):
        return json.loads(load_settings(**{**redis, **env}).stdout)["prefix"]

    one = prefix(DATABASE_URL="postgres://db.example/site_one")
    assert one == prefix(DATABASE_URL="postgres://db.example/site_one")
    assert one != prefix(DATABASE_URL="postgres://db.example/site_two")
    assert prefix(CACHE_KEY_PREFIX="news-hk") == "news-hk"


def test_a_new_sqlite_database_file_is_readable_by_its_owner_only(tmp_path):
    database = tmp_path / "var" / "site.sqlite3"
    database.parent.mkdir()
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.ensure_connection(); connection.cursor().execute('create table t (x int)')"
    )
    clean = {k: v for k, v in os.environ.items() if k not in SET_BY_TESTS}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **clean,
            **PRODUCTION,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert database.stat().st_mode & 0o777 == 0o600
    for journal in tmp_path.glob("var/site.sqlite3-*"):
        assert journal.stat().st_mode & 0o077 == 0, journal


def test_media_go_to_object_storage_when_a_bucket_is_named():
    assert json.loads(load_settings(**PRODUCTION).stdout)["media"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    media = json.loads(
        load_settings(
            **PRODUCTION,
            MEDIA_S3_BUCKET="newsroom-media",
            MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
            MEDIA_S3_CUSTOM_DOMAIN="media.news.example.org",
        ).stdout
    )["media"]
    assert media["BACKEND"] == "newsdesk.storage.MediaS3Storage"
    assert media["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert media["OPTIONS"]["custom_domain"] == "media.news.example.org"
    assert media["OPTIONS"]["file_overwrite"] is False
