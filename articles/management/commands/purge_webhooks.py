import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import WebhookDelivery, WebhookEvent


class Command(BaseCommand):
    help = (
        "Delete finished webhook deliveries (delivered, given up or cancelled) older than "
        "--days days, with their attempt logs, and the events left with no delivery. "
        "Pending deliveries are never deleted, however old. Run it daily or weekly, e.g. from "
        "cron; running it twice does no harm."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=30,
            help="Keep everything younger than this many days (default: 30).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would go; delete nothing."
        )

    def handle(self, *args, days=30, dry_run=False, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        finished = WebhookDelivery.objects.exclude(status=WebhookDelivery.Status.PENDING).filter(
            created_at__lt=cutoff
        )
        count = finished.count()
        if dry_run:
            self.stdout.write(
                f"{count} finished deliveries are older than {days} days; nothing was deleted "
                "(--dry-run)."
            )
            return
        with transaction.atomic():
            finished.delete()
            events = WebhookEvent.objects.filter(created_at__lt=cutoff, deliveries__isnull=True)
            emptied, _ = events.delete()
        self.stdout.write(
            f"Deleted {count} finished deliveries older than {days} days and {emptied} events "
            "left without one."
        )
