import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from articles import trash
from articles.demo.loader import load_demo
from articles.factories import ArticleFactory, PhotoFactory, QuoteFactory
from articles.models import Article, Photo, Rendition, Transition
from entities.factories import PersonFactory
from entities.models import Person
from tests.crawling import crawl_site
from tests.helpers import hidden_articles

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(autouse=True)
def _forget_content_types():
    """Wiping the database renumbers content types; once the test's transaction is
    rolled back, the cached numbers would point at rows that no longer exist."""
    yield
    ContentType.objects.clear_cache()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def rendered_site(moment):
    """Every public page, as (status, bytes), rendered at `moment`."""
    cache.clear()
    with time_machine.travel(moment, tick=False):
        crawl = crawl_site()
    return {
        url: (response.status_code, CSRF_TOKEN.sub(b"", response.content))
        for url, response in crawl.pages.items()
    }


@pytest.fixture
def demo_newsroom(editor):
    load_demo()
    hidden_articles()
    trash.trash([ArticleFactory(headline="Withdrawn on legal advice")], editor)


@pytest.fixture
def newsroom():
    """Enough to check the import's safeguards: a story with a photo and a quote."""
    QuoteFactory(article=ArticleFactory(lead_photo=PhotoFactory()))
    hidden_articles()


def export(directory):
    out = io.StringIO()
    call_command("export_newsroom", str(directory), stdout=out)
    return out.getvalue()


def wipe():
    # As in a fresh database: PostgreSQL empties no table with checks still pending.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)


def test_export_wipe_import_renders_every_page_the_same(demo_newsroom, tmp_path):
    moment = timezone.now()
    before = rendered_site(moment)
    files_before = media_files()
    rows_before = {
        "articles": Article.objects.count(),
        "history": Article.history.count(),
        "transitions": Transition.objects.count(),
        "renditions": Rendition.objects.count(),
        "people": Person.objects.count(),
    }
    assert len(before) > 50
    assert sum(status == 200 for status, _ in before.values()) > 40
    assert any(name.startswith("photos/") for name in files_before)

    printed = export(tmp_path / "export")
    manifest = json.loads((tmp_path / "export" / "manifest.json").read_text())
    assert manifest["counts"]["articles.article"] == rows_before["articles"]
    assert sorted(manifest["media"]) == sorted(files_before)
    assert f"{len(files_before)} media file(s)" in printed

    wipe()
    assert Article.objects.count() == 0 and not Group.objects.exists()
    out = io.StringIO()
    call_command("import_newsroom", str(tmp_path / "export"), stdout=out)

    assert "Imported" in out.getvalue()
    assert media_files() == files_before
    assert {
        "articles": Article.objects.count(),
        "history": Article.history.count(),
        "transitions": Transition.objects.count(),
        "renditions": Rendition.objects.count(),
        "people": Person.objects.count(),
    } == rows_before
    assert set(Group.objects.values_list("name", flat=True)) == {
        "Editors",
        "Reporters",
        "Moderators",
    }
    after = rendered_site(moment)
    assert sorted(after) == sorted(before)
    changed = [url for url in before if after[url] != before[url]]
    assert changed == []


def test_new_rows_after_an_import_get_fresh_keys(newsroom, tmp_path):
    export(tmp_path / "export")
    highest = max(Article.objects.values_list("pk", flat=True))
    highest_person = max(Person.objects.values_list("pk", flat=True))
    wipe()
    call_command("import_newsroom", str(tmp_path / "export"), stdout=io.StringIO())

    # On PostgreSQL the sequences must have moved past the imported keys.
    assert ArticleFactory().pk > highest
    assert PersonFactory().pk > highest_person


def test_import_refuses_a_database_with_a_newsroom(newsroom, tmp_path):
    export(tmp_path / "export")
    articles = Article.objects.count()

    with pytest.raises(CommandError, match="not empty"):
        call_command("import_newsroom", str(tmp_path / "export"), stdout=io.StringIO())

    assert Article.objects.count() == articles


def test_replace_imports_over_an_existing_newsroom(newsroom, tmp_path):
    export(tmp_path / "export")
    articles = Article.objects.count()
    ArticleFactory(headline="Written after the export")

    call_command("import_newsroom", str(tmp_path / "export"), "--replace", stdout=io.StringIO())

    assert Article.objects.count() == articles
    assert not Article.objects.filter(headline="Written after the export").exists()


def test_a_failed_import_leaves_nothing(newsroom, tmp_path):
    directory = tmp_path / "export"
    export(directory)
    wipe()
    rows = json.loads((directory / "data.json").read_text())
    # A quote by someone not in the export: the database refuses the row.
    quote = next(row for row in rows if row["model"] == "articles.quote")
    quote["fields"]["person"] = 999_999
    (directory / "data.json").write_text(json.dumps(rows))
    groups = Group.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("import_newsroom", str(directory), stdout=io.StringIO())
    # One line, not the loader's traceback.
    message = str(refused.value)
    assert message.startswith("The export could not be loaded, nothing was imported: ")
    assert "\n" not in message

    assert Article.objects.count() == 0
    assert Photo.objects.count() == 0
    assert Group.objects.count() == groups
    assert not Path(settings.MEDIA_ROOT).exists() or media_files() == {}


def test_an_incomplete_export_is_refused_before_anything_is_imported(newsroom, tmp_path):
    directory = tmp_path / "export"
    export(directory)
    wipe()
    first = json.loads((directory / "manifest.json").read_text())["media"][0]
    (directory / "media" / first).unlink()

    with pytest.raises(CommandError, match="missing"):
        call_command("import_newsroom", str(directory), stdout=io.StringIO())

    assert Article.objects.count() == 0


def test_an_export_is_readable_by_its_owner_only(newsroom, tmp_path):
    """data.json holds password hashes, share tokens and drafts."""
    directory = tmp_path / "export"
    export(directory)
    modes = {path: path.stat().st_mode & 0o777 for path in [directory, *directory.rglob("*")]}
    assert any(path.name == "data.json" for path in modes)
    assert any(path.suffix == ".jpg" for path in modes)
    for path, mode in modes.items():
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_export_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")

    with pytest.raises(CommandError, match="not empty"):
        export(tmp_path)

    assert (tmp_path / "notes.txt").read_text() == "keep me"
