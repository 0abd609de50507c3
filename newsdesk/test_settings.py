"""Settings for the test suite: the production settings with test-only keys."""

import os

# Tests never depend on a developer's local .env file.
os.environ.setdefault("NEWSDESK_ENV_FILE", "")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# pytest-django makes its own test database from this (in memory for SQLite).
os.environ.setdefault("DATABASE_URL", "sqlite:///test.sqlite3")
# The test client and the live server speak plain HTTP.
os.environ.setdefault("SECURE_HTTPS", "0")

from newsdesk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    # The manifest needs collectstatic; tests render templates without it.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files from the apps' folders as requested, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests run background jobs at once, in the test's own transaction; the tests
# of the worker itself choose the database backend explicitly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
