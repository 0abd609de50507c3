from django.core.management.base import BaseCommand
from django.utils import timezone

from articles import trash
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Permanently delete the articles that have been in the trash for longer than "
        'NEWSDESK["TRASH_DAYS"] days (30 by default), with their quotes, photo placements, '
        "blocks, mentions and workflow records. Photos, people, organisations and events "
        "are kept. Articles trashed more recently stay restorable from the admin's Trash "
        "page. Run it daily, e.g. from cron; running it twice does no harm."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list the articles that would be deleted; delete nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        due = trash.purge_due(now).order_by("trashed_at", "pk")
        days = trash.retention().days
        if dry_run:
            count = 0
            for article in due.only("pk", "headline", "trashed_at"):
                count += 1
                self.stdout.write(
                    f"Would delete: {article.headline} (trashed {article.trashed_at:%Y-%m-%d})"
                )
            self.stdout.write(
                f"{count} article(s) have been in the trash for more than {days} days; "
                "nothing was deleted (--dry-run)."
            )
            return
        count = trash.purge(now)
        kept = Article.objects.in_trash().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {count} article(s) trashed more than {days} days ago; "
                f"{kept} remain in the trash."
            )
        )
