from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.demo import accounts, content
from articles.demo.loader import load_demo
from articles.models import Article, Photo
from entities.models import Document, Event, Organisation, Person


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: two published innovation stories (an AI partnership in "
        "Hong Kong and a technology forum) with their photos, quotes, questions and "
        "answers, key issues, pros and cons and related links; the people, organisations, "
        "events and report they mention; and one login per role: admin (superuser), "
        "editor, reporter and moderator. Passwords are random; they are written to a "
        "private file and printed. Safe to run again: only missing demo objects are "
        "added, and nothing already in the database is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only if the database has no articles yet; otherwise just print the "
            "logins. Meant for start-up scripts.",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the existing demo accounts new passwords and rewrite the logins "
            "file, e.g. after the file was lost.",
        )
        parser.add_argument(
            "--logins-file",
            type=Path,
            help=f"Where to keep the passwords (default: {accounts.LOGINS_FILENAME} in the "
            "var directory, next to the SQLite database).",
        )

    def handle(self, *args, if_empty, reset_passwords, logins_file, **options):
        path = logins_file or accounts.default_logins_path()
        if if_empty and Article.objects.exists():
            self.stdout.write("The database already has articles: skipped loading the demo.")
            if reset_passwords:
                with transaction.atomic():
                    passwords = accounts.reset_existing_passwords()
                if passwords:
                    accounts.write_logins(path, passwords)
        else:
            try:
                result = load_demo(reset_passwords=reset_passwords)
            except LookupError as error:
                raise CommandError(error) from error
            if result.passwords:
                accounts.write_logins(path, result.passwords)
            self.report(result)
        self.print_logins(path)

    def report(self, result):
        parts = [
            _count(len(specs), model._meta)
            for model, specs in [
                (Article, content.ARTICLES),
                (Person, content.PEOPLE),
                (Organisation, content.ORGANISATIONS),
                (Event, content.EVENTS),
                (Document, content.DOCUMENTS),
                (Photo, content.PHOTOS),
            ]
        ]
        parts.append(f"{len(accounts.ACCOUNTS)} accounts")
        self.stdout.write(f"Demo newsroom: {', '.join(parts)}.")
        created = sum(result.created.values())
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {created} rows."))
        else:
            self.stdout.write("Nothing to add: every demo object was already there, left as it is.")

    def print_logins(self, path):
        usernames = [account.username for account in accounts.ACCOUNTS]
        existing = set(
            get_user_model()
            .objects.filter(username__in=usernames)
            .values_list("username", flat=True)
        )
        if not existing:
            self.stdout.write("There are no demo accounts in this database.")
            return
        logins = accounts.read_logins(path)
        self.stdout.write(f"Demo logins, kept in {path} (sign in at /admin/):")
        for account in accounts.ACCOUNTS:
            if account.username in existing:
                password = logins.get(account.username, "(not on file)")
                self.stdout.write(f"  {account.username:<10} {password:<18} {account.role}")
        if not existing <= logins.keys():
            self.stdout.write(
                self.style.WARNING(
                    "Some passwords are not on file. Set new ones with: "
                    "manage.py load_demo --reset-passwords"
                )
            )


def _count(number, opts):
    return f"{number} {opts.verbose_name if number == 1 else opts.verbose_name_plural}"
