from django.apps import AppConfig


class NewsdeskConfig(AppConfig):
    """The site's machinery: settings, page cache, search engine, images, roles.

    It knows no newsroom content; the content apps declare theirs to it in
    their own `ready()` (see `newsdesk.pagecache.invalidation.register_content`).
    """

    name = "newsdesk"
    verbose_name = "Newsdesk"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from newsdesk.pagecache.invalidation import watch_connection
        from newsdesk.sqlite import make_database_file_private

        connection_created.connect(watch_connection, dispatch_uid="pagecache_watch_connection")
        connection_created.connect(
            make_database_file_private, dispatch_uid="newsdesk_private_sqlite_file"
        )
        post_migrate.connect(restore_search_triggers, dispatch_uid="search_restore_triggers")


def restore_search_triggers(using, **kwargs):
    # After each app's migrations: a table rebuilt by any of them loses its triggers.
    from django.db import connections

    from newsdesk.search.schema import restore_sqlite_triggers

    restore_sqlite_triggers(connections[using])
