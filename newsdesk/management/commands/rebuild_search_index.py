from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max

from newsdesk.search import KINDS, schema


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search indexes of articles, people, organisations and events "
        "from scratch. The database keeps them current by itself on every change, bulk "
        "inserts included, so this is for recovery: after restoring a copy made without "
        "them, or after a migration on SQLite rebuilt a table (which drops its triggers). "
        "On PostgreSQL it recreates the stored search_vector column and its GIN index; on "
        "SQLite it recreates each FTS5 table with its triggers and indexes every row again. "
        "Each kind is rebuilt in one transaction, so searches keep working meanwhile; on "
        "PostgreSQL writes to that table wait until it is done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds",
            nargs="*",
            metavar="KIND",
            help=f"Only these kinds: {', '.join(KINDS)} (default: all of them).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=5_000,
            metavar="N",
            help="On SQLite, index at most N rows per statement between progress reports "
            "(default: 5,000).",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='The database to rebuild (default: "default").',
        )

    def handle(self, *args, kinds, batch_size, database, **options):
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise CommandError(
                f"Unknown kind: {', '.join(unknown)}. Choose from {', '.join(KINDS)}."
            )
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        connection = connections[database]
        if connection.vendor not in ("postgresql", "sqlite"):
            raise CommandError(
                f"Search indexes exist only on PostgreSQL and SQLite, not {connection.vendor}."
            )
        vendor = connection.vendor
        for kind in [KINDS[name] for name in kinds or KINDS]:
            with transaction.atomic(using=database), connection.cursor() as cursor:
                if vendor == "postgresql":
                    self.stdout.write(f"{kind.label}: indexing…")
                for sql in schema.drop_sql(vendor, kind.index):
                    cursor.execute(sql)
                for sql in schema.create_sql(vendor, kind.index, fill=False):
                    cursor.execute(sql)
                if vendor == "sqlite":
                    total = self._fill_sqlite(cursor, kind, batch_size, database)
                else:
                    total = kind.model._default_manager.using(database).count()
            self.stdout.write(self.style.SUCCESS(f"{kind.label}: {total:,} indexed."))

    def _fill_sqlite(self, cursor, kind, batch_size, database):
        rows = kind.model._default_manager.using(database)
        total, last_id = rows.count(), rows.aggregate(last=Max("pk"))["last"] or 0
        done, first = 0, 0
        while first < last_id:
            # Ids need not be dense; a range of `batch_size` ids holds at most that many rows.
            cursor.execute(kind.index.sqlite_fill(id_range=True), [first, first + batch_size])
            done += cursor.rowcount
            first += batch_size
            self.stdout.write(f"{kind.label}: {done:,} of {total:,}")
        return done
