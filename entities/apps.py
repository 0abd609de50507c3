from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = "People, organisations and events"

    def ready(self):
        from entities import signals  # noqa: F401
