import time

from django.core.management.base import BaseCommand, CommandError

from articles.demo.generator import Sizes, generate
from articles.demo.generator.progress import Progress
from articles.models import Article


def _positive(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def _at_least_one(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fill the database with realistic synthetic newsroom content, for trying the site "
        "and measuring it at scale: sections, organisations, people with positions, events "
        "with hosts, supporters and speakers, photos, and articles with bylines, tags, "
        "quotes, mentions, photo placements and related links. Rows are written in bulk, so "
        "the default size takes minutes, not hours. Nothing is sent to the matcher per row; "
        "it is told once at the end that names changed. Meant for an empty database: it "
        "refuses to run where articles already exist unless given --force."
    )

    def add_arguments(self, parser):
        sizes = [
            ("--articles", 100_000, "articles (mostly published, some drafts, in review, "
             "scheduled or unpublished)"),
            ("--people", 20_000, "people, each with one to three positions"),
            ("--organisations", 5_000, "organisations; about a fifth belong to a parent"),
            ("--events", 5_000, "events, spread over the past six years and the coming months"),
            ("--photos", 50_000, "photos; they share a few small generated image files"),
        ]  # fmt: skip
        for option, default, what in sizes:
            parser.add_argument(
                option,
                type=_positive,
                default=default,
                metavar="N",
                help=f"How many {what} to create (default: {default:,}).",
            )
        parser.add_argument(
            "--seed",
            type=int,
            help="Seed for the random choices. The same seed on the same empty database gives "
            "the same names, headlines and texts; without it every run differs.",
        )
        parser.add_argument(
            "--batch-size",
            type=_at_least_one,
            default=1000,
            metavar="N",
            help="Rows per insert and per transaction (default: 1,000). Larger batches mean "
            "fewer round trips but more memory.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database already has articles. The generated content "
            "is added beside what is there (nothing is changed or deleted), and cannot be "
            "told apart from it afterwards: never use it on a database with real content.",
        )

    def handle(self, *args, force, seed, batch_size, **options):
        existing = Article.objects.count()
        if existing and not force:
            raise CommandError(
                f"The database already has {existing:,} articles. Generated content would be "
                "mixed with them for good. Use an empty database, or add --force if that "
                "is really what you want."
            )
        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        progress = Progress(self.stderr._out)
        started = time.monotonic()
        run = generate(sizes, progress=progress, seed=seed, batch_size=batch_size)
        elapsed = time.monotonic() - started
        self.stdout.write("Created:")
        for label, count in sorted(run.created.items()):
            self.stdout.write(f"  {count:>9,}  {label}")
        self.stdout.write("Time per phase:")
        for phase in progress.phases:
            self.stdout.write(f"  {phase.seconds:>8.1f}s  {phase.name}")
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f}s."))
