#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings)
    except ImproperlyConfigured as error:
        if not reads_only_the_code(sys.argv[1:]):
            # A missing setting is the operator's to fix: say which, without a traceback.
            sys.exit(f"error: {error}")
        # Checking the code needs no secret: the development settings will do,
        # with a database in memory unless one is named.
        os.environ["DEBUG"] = "1"
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = "sqlite://:memory:"
        settings.INSTALLED_APPS  # noqa: B018
    execute_from_command_line(sys.argv)


# Commands that read the code alone, never the site's secrets or data. (`check`
# is not one: it reports the settings a deployment is missing.)
CODE_ONLY = {"makemigrations", "help", "version"}


def reads_only_the_code(arguments):
    return (arguments[0] if arguments else "help") in CODE_ONLY


if __name__ == "__main__":
    main()
