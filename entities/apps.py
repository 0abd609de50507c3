from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = "People, organisations and events"

    def ready(self):
        from entities import cache_keys, signals  # noqa: F401
        from entities.search import KINDS
        from newsdesk import search
        from newsdesk.pagecache.invalidation import register_content

        register_content("entities")
        cache_keys.register()
        search.register(*KINDS)
