from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and photos"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from articles import coverage, signals  # noqa: F401
        from articles.pagecache.invalidation import watch_connection

        connection_created.connect(watch_connection, dispatch_uid="pagecache_watch_connection")
        post_migrate.connect(restore_search_triggers, sender=self)
        coverage.register()


def restore_search_triggers(using, **kwargs):
    from django.db import connections

    from articles.search.schema import restore_sqlite_triggers

    restore_sqlite_triggers(connections[using])
