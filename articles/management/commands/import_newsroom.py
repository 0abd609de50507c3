from django.core.management.base import BaseCommand, CommandError

from articles import newsroom_io


class Command(BaseCommand):
    help = (
        "Import a newsroom that `manage.py export_newsroom DIR` wrote: every row, then every "
        "media file. Run `manage.py migrate` on the new database first. The database must "
        "hold no newsroom data (the role groups that migrations create are replaced by the "
        "export's); --replace deletes everything in it first. The rows go in as one "
        "transaction: on any error nothing is imported, and no file is copied. Files are "
        "copied once the rows are in, overwriting files of the same name; should copying "
        "fail (a full disk), run the import again with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="A folder made by export_newsroom.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every row in this database (users included) before importing.",
        )

    def handle(self, directory, replace=False, **options):
        self.verbosity = options["verbosity"]
        try:
            manifest = newsroom_io.import_newsroom(
                directory, replace=replace, progress=self._progress
            )
        except newsroom_io.NewsroomIOError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {rows} row(s) of {len(manifest['counts'])} model(s) and "
                f"{len(manifest['media'])} media file(s) from {directory} "
                f"(exported {manifest['created_at']} with Django {manifest['django']})."
            )
        )

    def _progress(self, line):
        if self.verbosity >= 1:
            self.stdout.write(f"  {line}")
