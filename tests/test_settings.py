import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def load_settings(**env):
    """Import the production settings in a fresh interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    code = (
        "import json, newsdesk.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
        "'options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'tz': s.TIME_ZONE, "
        "'cache': s.CACHES['default']['BACKEND']}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_secret_key_fails_fast_in_production():
    result = load_settings(DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_with_a_secret_key():
    import json

    result = load_settings(SECRET_KEY="x" * 50, DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["debug"] is False
    assert loaded["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert loaded["tz"] == "Asia/Hong_Kong"
    assert loaded["options"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in loaded["options"]["init_command"]


def test_database_and_cache_come_from_the_environment():
    import json

    result = load_settings(
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/example",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_whitenoise_directly_after_security_middleware():
    middleware = settings.MIDDLEWARE
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware[1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_a_local_env_file_provides_defaults_the_environment_overrides(tmp_path):
    import json

    env_file = tmp_path / ".env"
    env_file.write_text("# local development\nDEBUG=1\nTIME_ZONE='Europe/London'\n")
    result = load_settings(NEWSDESK_ENV_FILE=str(env_file), DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is True
    assert json.loads(result.stdout)["tz"] == "Europe/London"

    result = load_settings(
        NEWSDESK_ENV_FILE=str(env_file), TIME_ZONE="Asia/Tokyo", DATABASE_URL="sqlite:///:memory:"
    )
    assert json.loads(result.stdout)["tz"] == "Asia/Tokyo"
