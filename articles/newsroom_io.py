"""Moving a whole newsroom between databases: every row, and every uploaded file.

An export is a folder holding:

- `data.json`: every row in Django's fixture format, as `dumpdata` writes it.
  Rows keep their primary keys, so addresses such as /photos/12/ survive;
  content types and permissions are referred to by name, because a fresh
  database numbers them differently.
- `media/`: every file a row refers to (photo originals, renditions, portraits),
  under the same names as in storage.
- `manifest.json`: the format version, the Django version, when it was made,
  the row count of every model and the list of files.

Left out, because a fresh database recreates them or they are short-lived:
content types and permissions (made by `migrate`), login sessions, and the
records of who has an article's form open. Everything else is in: users and
the role groups, articles with their revisions, workflow records and share
links, photos, people, organisations, events, tags, merge records and the
admin's change log.
"""

import datetime
import json
import os
import shutil
from pathlib import Path

import django
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

FORMAT = "newsdesk-export"
VERSION = 1
DATA_FILE = "data.json"
MANIFEST_FILE = "manifest.json"
MEDIA_DIR = "media"

EXCLUDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "articles.editsession",
}
# Rows the migrations themselves create; the export's own rows replace them.
CREATED_BY_MIGRATIONS = {"auth.group", "articles.page"}


class NewsroomIOError(Exception):
    pass


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps only milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        return super().default(o)


def exported_models():
    """Every model whose rows make up the newsroom, parents before the rows that need them."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED and model._meta.managed and not model._meta.proxy
    ]
    by_app = {}
    for model in chosen:
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def media_names():
    """The name in storage of every file a row refers to, with its storage."""
    for model in exported_models():
        for field in _file_fields(model):
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.name, flat=True)
                .order_by(field.name)
            )
            for name in names.iterator():
                yield field.storage, name


def _counted(queryset, counts, label, progress):
    for obj in queryset.iterator(chunk_size=500):
        counts[label] += 1
        yield obj
    progress(f"{label}: {counts[label]}")


def export_newsroom(directory, progress=lambda line: None):
    """Write the newsroom to `directory`, which must not exist or be empty."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise NewsroomIOError(f"{directory} is not empty; export into a new folder.")
    # Private: the rows hold password hashes, share tokens and unpublished drafts.
    previous_umask = os.umask(0o077)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.chmod(0o700)
        return _export(directory, progress)
    except BaseException:
        # Half an export must not pass for a whole one.
        for name in (DATA_FILE, MANIFEST_FILE):
            (directory / name).unlink(missing_ok=True)
        shutil.rmtree(directory / MEDIA_DIR, ignore_errors=True)
        raise
    finally:
        os.umask(previous_umask)


def _export(directory, progress):
    counts = {}
    with transaction.atomic():
        # One transaction: the rows and the file list are a consistent snapshot.
        def rows():
            for model in exported_models():
                label = model._meta.label_lower
                counts[label] = 0
                yield from _counted(model._default_manager.order_by("pk"), counts, label, progress)

        with open(directory / DATA_FILE, "w", encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                rows(),
                stream=stream,
                indent=1,
                use_natural_foreign_keys=True,
                cls=ExactJSONEncoder,
            )
        files, missing = [], []
        for storage, name in media_names():
            target = directory / MEDIA_DIR / name
            if not storage.exists(name):
                missing.append(name)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            files.append(name)
            if len(files) % 100 == 0:
                progress(f"media files: {len(files)}")
    progress(f"media files: {len(files)}")

    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "django": django.get_version(),
        "created_at": timezone.now().isoformat(),
        "counts": counts,
        "media": sorted(set(files)),
        "missing_media": missing,
    }
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def read_manifest(directory):
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NewsroomIOError(
            f"{directory} has no {MANIFEST_FILE}: not a newsroom export."
        ) from None
    except json.JSONDecodeError as error:
        raise NewsroomIOError(f"{MANIFEST_FILE} is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT:
        raise NewsroomIOError(f"{directory} is not a newsroom export.")
    if manifest.get("version") != VERSION:
        raise NewsroomIOError(
            f"This export has format version {manifest.get('version')}; "
            f"this site reads version {VERSION}."
        )
    if not (directory / DATA_FILE).is_file():
        raise NewsroomIOError(f"{directory} has no {DATA_FILE}.")
    absent = [name for name in manifest["media"] if not (directory / MEDIA_DIR / name).is_file()]
    if absent:
        raise NewsroomIOError(
            f"{len(absent)} media file(s) listed in the manifest are missing, e.g. {absent[0]}."
        )
    return manifest


def existing_rows():
    """{model label: row count} of the models that hold something in this database."""
    found = {}
    for model in exported_models():
        label = model._meta.label_lower
        if label not in CREATED_BY_MIGRATIONS and model._default_manager.exists():
            found[label] = model._default_manager.count()
    return found


def import_newsroom(directory, *, replace=False, progress=lambda line: None):
    """Load an export into this database and storage, all rows or none."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if not replace:
        found = existing_rows()
        if found:
            listed = ", ".join(f"{label} ({count})" for label, count in sorted(found.items()))
            raise NewsroomIOError(
                f"The database is not empty: {listed}. Import into a freshly migrated "
                "database, or pass --replace to delete everything in it first."
            )

    try:
        _load_rows(directory, manifest, replace, progress)
    except LOAD_ERRORS as error:
        # Rolled back; one line says why, not a traceback of the loader's insides.
        reason = " ".join(str(error).split())[:300] or type(error).__name__
        raise NewsroomIOError(
            f"The export could not be loaded, nothing was imported: {reason}"
        ) from error

    # Files are copied once the rows are in: a failed import leaves no files
    # behind, and each file is written under exactly the name its row holds.
    for number, name in enumerate(manifest["media"], start=1):
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(directory / MEDIA_DIR / name, "rb") as source:
            saved = default_storage.save(name, File(source, name=name))
        if saved != name:
            raise NewsroomIOError(f"Media file {name} was stored as {saved}.")
        if number % 100 == 0:
            progress(f"media files: {number}")
    progress(f"media files: {len(manifest['media'])}")
    return manifest


LOAD_ERRORS = (DatabaseError, DeserializationError, ObjectDoesNotExist, LookupError, ValueError)


def _load_rows(directory, manifest, replace, progress):
    with transaction.atomic():
        if replace:
            progress("Deleting everything in the database…")
            # PostgreSQL refuses to empty a table while checks deferred to the
            # end of an enclosing transaction are still pending: run them now.
            connection.check_constraints()
            call_command("flush", interactive=False, verbosity=0)
        # The export brings the role groups as they were, permissions included,
        # and the standing pages as editors left them.
        for label in CREATED_BY_MIGRATIONS:
            apps.get_model(label)._default_manager.all().delete()
        call_command("loaddata", str(directory / DATA_FILE), verbosity=0)
        ContentType.objects.clear_cache()
        for label, expected in manifest["counts"].items():
            found = apps.get_model(label)._default_manager.count()
            if found != expected:
                raise NewsroomIOError(f"{label}: {found} row(s) after import, expected {expected}.")
            progress(f"{label}: {found}")
