from entities.admin import documents, events, organisations, people  # noqa: F401
