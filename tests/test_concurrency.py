"""Sixteen writers at once: no "database is locked", and every row is there.

The test database pytest-django makes for SQLite lives in memory, where locking
works differently, so on SQLite the writers run in a child process against a
fresh file database with the site's own settings (WAL, IMMEDIATE transactions,
the busy timeout). On PostgreSQL they run here, against the test database.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction

THREADS = 16
ARTICLES_PER_THREAD = 5
ROOT = Path(settings.BASE_DIR)


def save_like_the_admin(writer, n, person, user):
    """What the article change form does: one transaction, history, inlines, tags."""
    from articles.models import Article, ArticleAuthor, Mention

    with transaction.atomic():
        article = Article(headline=f"Writer {writer} files story {n}", created_by=user)
        article._change_reason = "Added."
        article.save()
        ArticleAuthor.objects.create(article=article, person=person)
        Mention.objects.create(article=article, person=person, snippet=person.display_name)
        article.tags.add(f"writer-{writer}", "concurrency")
    with transaction.atomic():
        article.standfirst = "Updated by the desk."
        article._change_reason = "Changed standfirst."
        article.save()


def write_concurrently():
    """Run the writers at once; returns the errors and the rows found afterwards."""
    from django.contrib.auth import get_user_model

    from articles.models import Article, ArticleAuthor, Mention
    from entities.models import Person

    person = Person.objects.create(display_name="Shared Source")
    user = get_user_model().objects.create_user("desk")
    start = threading.Barrier(THREADS)
    errors = []

    def writer(number):
        try:
            start.wait()
            for n in range(ARTICLES_PER_THREAD):
                save_like_the_admin(number, n, person, user)
        except Exception as error:  # every failure is reported, not just the first
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "errors": errors,
        "articles": Article.objects.count(),
        "history": Article.history.count(),
        "bylines": ArticleAuthor.objects.count(),
        "mentions": Mention.objects.count(),
        "tagged": Article.objects.filter(tags__name="concurrency").count(),
    }


def run_on_sqlite_file(tmp_path):
    """Migrate a fresh file database in a child process and run the writers there."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrency.sqlite3'}",
        "NEWSDESK_VAR_DIR": str(tmp_path),
    }
    script = (
        "import django, json; django.setup(); "
        "from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); "
        "from tests.test_concurrency import write_concurrently; "
        "print(json.dumps(write_concurrently()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def expected():
    total = THREADS * ARTICLES_PER_THREAD
    return {
        "errors": [],
        "articles": total,
        # One record for the new article, one for the change.
        "history": 2 * total,
        "bylines": total,
        "mentions": total,
        "tagged": total,
    }


@pytest.mark.django_db(transaction=True)
def test_sixteen_writers_at_once(tmp_path):
    # Earlier transactional tests empty the database, and content types come
    # back under new numbers: the tags' lookups must not use the old ones.
    ContentType.objects.clear_cache()
    on_sqlite = connection.vendor == "sqlite"
    result = run_on_sqlite_file(tmp_path) if on_sqlite else write_concurrently()
    assert result == expected()
