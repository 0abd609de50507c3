from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and photos"

    def ready(self):
        from django.db.backends.signals import connection_created

        from articles import signals  # noqa: F401
        from articles.pagecache.invalidation import watch_connection

        connection_created.connect(watch_connection, dispatch_uid="pagecache_watch_connection")
