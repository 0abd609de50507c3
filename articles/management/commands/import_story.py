import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.wire.importer import Refused, import_text, read_copy


class Command(BaseCommand):
    help = (
        "Import wire-copy text files, each as one draft article with its byline, "
        "questions and answers, key issues, pros and cons, related links, quotes and "
        "photo captions. Reads the house styles of dailies, news agencies, press "
        "releases, explainers and event notices. Reports released at events on file "
        "are kept with their publishers, speakers' roles at events on file with the "
        "title they held, and quotes with the event they were said at; names not on "
        "file are listed on the draft for a moderator, with links that fill in the "
        "add forms. A story about an event, partnership or report already covered, or "
        "about the same people on the same day, is imported with a warning naming the "
        "story and event on file. Each file is imported in one transaction; a file that "
        "cannot be read is reported and skipped, the others still import, and the "
        "command then exits with an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and match names; save nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print what was read as a JSON array, one object per imported file: the "
            "article's head, photos, related links, people, organisations, events, "
            "documents ({title, kind, publishers, event}), appearances ({person, event, "
            "role, title, organisation}), quotes ({speaker, text, event}), the blocks, "
            "warnings and possible_duplicates; files that failed are reported on "
            "stderr only.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Import a story again that was imported before."
        )

    def handle(self, *args, paths, dry_run, as_json, force, **options):
        results, failures = [], 0
        for path in paths:
            try:
                outcome = import_text(read_copy(path), str(path), dry_run=dry_run, force=force)
            except Refused as error:
                failures += 1
                self.stderr.write(f"{path}: {error}")
                continue
            results.append(outcome.story.to_dict())
            if not as_json:
                self.report(path, outcome, dry_run)
        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        if failures:
            raise CommandError(f"{failures} of {len(paths)} files not imported.")

    def report(self, path, outcome, dry_run):
        article, story = outcome.article, outcome.story
        done = "would import" if dry_run else f"imported as draft {article.pk}"
        self.stdout.write(f"{path}: {done}: {story.article.headline}")
        for warning in story.warnings:
            self.stdout.write(f"  warning: {warning}")
