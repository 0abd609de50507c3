from django.core.management.base import BaseCommand, CommandError

from articles import newsroom_io


class Command(BaseCommand):
    help = (
        "Export the whole newsroom to a new folder DIR, to move it to another database or "
        "keep it as a backup: every row (articles with their revisions and workflow records, "
        "photos, people, organisations, events, tags, users and role groups) in DIR/data.json, "
        "every uploaded file (photo originals, renditions, portraits) under DIR/media/, and "
        "DIR/manifest.json with the row counts and the file list. Login sessions, content "
        "types and permissions are left out: a freshly migrated database makes its own. "
        "Restore it with `manage.py import_newsroom DIR`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="A folder that is new or empty.")

    def handle(self, directory, **options):
        self.verbosity = options["verbosity"]
        try:
            manifest = newsroom_io.export_newsroom(directory, progress=self._progress)
        except newsroom_io.NewsroomIOError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        for name in manifest["missing_media"]:
            self.stderr.write(self.style.WARNING(f"Missing from storage, not exported: {name}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows} row(s) of {len(manifest['counts'])} model(s) and "
                f"{len(manifest['media'])} media file(s) to {directory}."
            )
        )

    def _progress(self, line):
        if self.verbosity >= 1:
            self.stdout.write(f"  {line}")
