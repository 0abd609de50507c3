from entities.admin import documents, events, merging, organisations, people  # noqa: F401
