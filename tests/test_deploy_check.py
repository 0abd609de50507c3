"""`manage.py check --deploy` has nothing to warn about under the production settings."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SECRET_KEY = "production-like-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
PRODUCTION = {
    "SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    # Only what a production host would set: no DEBUG, no .env file, no test settings.
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**keep, "NEWSDESK_ENV_FILE": "", **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(**env):
    return manage("check", "--deploy", "--fail-level", "WARNING", **env)


def test_production_settings_pass_the_deploy_checks():
    result = check_deploy()
    assert result.returncode == 0, result.stderr
    # HSTS for subdomains and preload lists are off unless asked for: hard to undo.
    assert "System check identified no issues (2 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_hsts_subdomains_and_preload_pass_when_asked_for():
    result = check_deploy(SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_plain_http_serving_silences_only_the_https_checks():
    result = check_deploy(SECURE_HTTPS="0")
    assert result.returncode == 0, result.stderr
    assert "no issues (4 silenced)" in result.stdout


@pytest.mark.parametrize(
    ("env", "warning"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECRET_KEY": "short"}, "security.W009"),
    ],
)
def test_a_weakened_setting_fails_the_check(env, warning):
    result = check_deploy(**env)
    assert result.returncode != 0
    assert warning in result.stderr


def test_the_proxy_header_is_read_from_the_environment():
    result = manage("diffsettings", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https")
    assert result.returncode == 0, result.stderr
    assert "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')" in result.stdout


def test_a_malformed_proxy_header_is_refused():
    result = check_deploy(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert result.returncode != 0
    assert 'SECURE_PROXY_SSL_HEADER must look like "X-Forwarded-Proto: https"' in result.stderr
