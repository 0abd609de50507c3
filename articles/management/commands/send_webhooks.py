from django.core.management.base import BaseCommand

from articles.webhooks import delivery


class Command(BaseCommand):
    help = (
        "Send every webhook delivery that is due now, in this process, one after the other. "
        "Normally the background worker (manage.py db_worker) sends them by itself; this is "
        "for a site running without the worker, or to flush the outbox after restoring a "
        "database. A delivery being sent elsewhere at the same time is skipped, so running "
        "it beside the worker does no harm."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many are due; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        pending = list(
            delivery.due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)
        )
        if dry_run:
            self.stdout.write(f"{len(pending)} webhook deliveries are due; none sent (--dry-run).")
            return
        outcomes = {}
        for number, pk in enumerate(pending, start=1):
            outcome = delivery.send_due(pk)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            self.stdout.write(f"[{number}/{len(pending)}] delivery {pk}: {outcome}")
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(f"Done: {summary or 'nothing was due'}.")
