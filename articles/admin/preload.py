"""An article's related rows for its change form, every table in one query.

The change form shows about fifteen tables about one article: bylines,
photos, quotes, the blocks, links, corrections, notes, status changes,
preview links, the copy desk's items, the events and reports covered. Read
one by one, with each row's related person, photo or event, they were two
thirds of the page's queries. Here each table's rows become one JSON object
each (with the related rows nested), the tables are joined with UNION ALL,
and the objects are built back into model instances and handed to Django as
prefetched relations: the inlines' formsets, the form's many-to-many fields
and the copy desk's checks then read them without a query of their own.
"""

import datetime
import json
import operator

from django.conf import settings
from django.db import connections, models
from django.db.models import F, Value, Window
from django.db.models.functions import JSONObject, RowNumber
from django.utils.dateparse import parse_date, parse_datetime


def preload(article, relations):
    """Fill `article`'s prefetch cache with `relations`: {accessor: [related names]}.

    An accessor is a reverse foreign key or a many-to-many field of the
    article; the related names are foreign keys of its rows, fetched with them
    as select_related would.
    """
    if not relations:
        return
    db = article._state.db or "default"
    sql, params, article_params = _query(type(article), relations, db)
    params = [article.pk if index in article_params else p for index, p in enumerate(params)]
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        union = cursor.fetchall()
    rows = {accessor: [] for accessor in relations}
    accessors = list(relations)
    vendor = connections[db].vendor
    for kind, data, _ in sorted(union, key=operator.itemgetter(0, 2)):
        accessor = accessors[kind]
        data = json.loads(data) if isinstance(data, str) else data
        model = getattr(article, accessor).model
        row = _build(model, data["row"], db, vendor)
        for name in relations[accessor]:
            field = model._meta.get_field(name)
            related = data[name]
            if related.get(field.related_model._meta.pk.attname) is None:
                related = None
            else:
                related = _build(field.related_model, related, db, vendor)
            field.set_cached_value(row, related)
        rows[accessor].append(row)
    for accessor, found in rows.items():
        manager = getattr(article, accessor)
        fk = getattr(manager, "field", None)
        if fk is not None and fk.related_model is type(article):
            # A reverse foreign key: each row's article is this one.
            for row in found:
                fk.set_cached_value(row, article)
        queryset = manager.get_queryset()
        queryset._result_cache = found
        queryset._prefetch_done = True
        cache_name = getattr(manager, "prefetch_cache_name", None) or fk.remote_field.cache_name
        article._prefetched_objects_cache = getattr(article, "_prefetched_objects_cache", {})
        article._prefetched_objects_cache[cache_name] = queryset


# The query depends only on the relations read and the database, so it is
# built once per process: the ORM took longer to build and compile its fifteen
# parts (about 10 ms) than the database takes to run it. It is built for an
# article whose id no real one has, then run with the real id in its place.
_PLACEHOLDER_ID = -739_104_265
_queries = {}


def _query(model, relations, db):
    """(sql, params, indexes of the params that are the article's id)."""
    key = (model, db, tuple((accessor, tuple(related)) for accessor, related in relations.items()))
    if key not in _queries:
        placeholder = model(pk=_PLACEHOLDER_ID)
        parts = []
        for index, (accessor, related) in enumerate(relations.items()):
            queryset = getattr(placeholder, accessor).get_queryset().using(db).order_by()
            fields = {"row": _object(queryset.model, "")}
            for name in related:
                target = queryset.model._meta.get_field(name).related_model
                fields[name] = _object(target, f"{name}__")
            # The rows' order as the related manager gives it, on every database.
            order = Window(RowNumber(), order_by=[*queryset.model._meta.ordering, "pk"])
            parts.append(queryset.values_list(Value(index), JSONObject(**fields), order))
        first, *rest = parts
        union = first.union(*rest, all=True)
        sql, params = union.query.get_compiler(using=db).as_sql()
        article_params = {
            index
            for index, param in enumerate(params)
            if type(param) is int and param == _PLACEHOLDER_ID
        }
        _queries[key] = (sql, tuple(params), article_params)
    return _queries[key]


def _object(model, prefix):
    return JSONObject(
        **{field.attname: F(prefix + field.attname) for field in model._meta.concrete_fields}
    )


def _build(model, data, db, vendor):
    fields = model._meta.concrete_fields
    values = [_value(field, data.get(field.attname), vendor) for field in fields]
    return model.from_db(db, [field.attname for field in fields], values)


def _value(field, value, vendor):
    """A JSON value as the database driver would have given it."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        # SQLite keeps JSON as text, which json_object() quotes as a string.
        return json.loads(value) if vendor == "sqlite" else value
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(value)
        if settings.USE_TZ and parsed.tzinfo is None:
            # SQLite stores times in UTC without an offset.
            parsed = parsed.replace(tzinfo=datetime.UTC)
        return parsed
    if isinstance(field, models.DateField):
        return parse_date(value)
    if isinstance(field, models.BooleanField):
        return bool(value)
    if isinstance(field, models.DecimalField | models.UUIDField | models.TimeField):
        return field.to_python(value)
    return value
