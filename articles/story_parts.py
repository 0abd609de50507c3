"""A story's parts beyond its own fields, kept with each revision and restored with it.

Bylines, quotes, blocks, related links, photo placements, tags and events
covered live in rows of their own. Each revision stores them as plain data
(`snapshot`), the diff shows each part as readable lines (`describe`), and a
restore puts them all back in one step (`restore`).
"""

from django.core.serializers.json import DjangoJSONEncoder

from articles.models import (
    ArticleAuthor,
    ArticlePhoto,
    KeyIssue,
    ProsConsPoint,
    QAPair,
    Quote,
    RelatedLink,
)

# key, label, the article's related name, model
ROW_PARTS = [
    ("bylines", "Bylines", "bylines", ArticleAuthor),
    ("quotes", "Quotes", "quotes", Quote),
    ("qa_pairs", "Questions and answers", "qa_pairs", QAPair),
    ("key_issues", "Key issues", "key_issues", KeyIssue),
    ("pros_cons", "Pros and cons", "pros_cons", ProsConsPoint),
    ("related_links", "Related links", "related_links", RelatedLink),
    ("placements", "Photos in the story", "placements", ArticlePhoto),
]
LABELS = {key: label for key, label, *_ in ROW_PARTS} | {
    "tags": "Tags",
    "events": "Events covered",
}


def _columns(model):
    return [f for f in model._meta.concrete_fields if f.name not in ("id", "article")]


def snapshot(article):
    """The article's parts as JSON-ready data, in their printed order."""
    parts = {}
    for key, _, related_name, model in ROW_PARTS:
        columns = _columns(model)
        parts[key] = [
            {f.attname: _plain(getattr(row, f.attname)) for f in columns}
            for row in getattr(article, related_name).all()
        ]
    parts["tags"] = sorted(article.tags.names())
    parts["events"] = sorted(article.events.values_list("pk", flat=True))
    return parts


def _plain(value):
    return DjangoJSONEncoder().default(value) if hasattr(value, "isoformat") else value


def describe(parts):
    """{label: text} of each part, one line a row, names rather than ids, for the diff."""
    parts = parts or {}
    names = _names(parts)
    described = {}
    for key, label, _, model in ROW_PARTS:
        lines = []
        for row in parts.get(key, []):
            values = []
            for field in _columns(model):
                value = row.get(field.attname)
                if field.name == "order" or value in (None, ""):
                    continue
                if field.is_relation:
                    value = names.get((field.related_model, value), f"#{value}")
                elif field.choices:
                    value = dict(field.flatchoices).get(value, value)
                values.append(str(value))
            lines.append(" · ".join(values))
        described[label] = "\n".join(lines)
    described[LABELS["tags"]] = "\n".join(parts.get("tags", []))
    from entities.models import Event

    described[LABELS["events"]] = "\n".join(
        names.get((Event, pk), f"#{pk}") for pk in parts.get("events", [])
    )
    return described


def _names(parts):
    """{(model, pk): str} for every record the parts point at: one query per model."""
    from entities.models import Event

    wanted = {}
    for key, _, _, model in ROW_PARTS:
        for field in _columns(model):
            if field.is_relation:
                ids = {row.get(field.attname) for row in parts.get(key, [])} - {None}
                wanted.setdefault(field.related_model, set()).update(ids)
    wanted.setdefault(Event, set()).update(parts.get("events", []))
    names = {}
    for model, ids in wanted.items():
        if ids:
            for obj in model._default_manager.filter(pk__in=ids):
                names[(model, obj.pk)] = str(obj)
    return names


def restore(article, parts):
    """Replace the article's parts with `parts`; returns what could not come back.

    A row pointing at a record deleted since is left out and named in the
    returned list; everything else comes back as it was.
    """
    missing = []
    for key, label, related_name, model in ROW_PARTS:
        getattr(article, related_name).all().delete()
        columns = _columns(model)
        rows = []
        for row in parts.get(key, []):
            values = {f.attname: row.get(f.attname) for f in columns if f.attname in row}
            gone = [
                f
                for f in columns
                if f.is_relation
                and values.get(f.attname) is not None
                and not f.related_model._default_manager.filter(pk=values[f.attname]).exists()
            ]
            if any(not f.null for f in gone):
                missing.append(f"{label}: a row whose {gone[0].verbose_name} was deleted")
                continue
            for f in gone:
                values[f.attname] = None
            rows.append(model(article=article, **values))
        model.objects.bulk_create(rows)
    article.tags.set(parts.get("tags", []))
    from entities.models import Event

    events = list(Event.objects.filter(pk__in=parts.get("events", [])))
    if len(events) < len(parts.get("events", [])):
        missing.append("Events covered: an event deleted since")
    article.events.set(events)
    return missing


def changed_labels(old, new):
    """Labels of the parts that differ between two snapshots."""
    old, new = old or {}, new or {}
    keys = [key for key, *_ in ROW_PARTS] + ["tags", "events"]
    return [LABELS[key] for key in keys if old.get(key) != new.get(key)]
