"""Merging a duplicate person, organisation or event into the record that survives.

Every row that pointed at the duplicate points at the survivor afterwards. Where
the survivor already has an equivalent row (the same byline, the same role at
the same event), the duplicate's row is dropped; its values are kept in the
MergeRecord along with the ids of every row that moved.
"""

import json

from django.core import serializers
from django.db import transaction
from django.db.models import Exists, OuterRef

from entities.matching import names_changed
from entities.models import (
    Appearance,
    DocumentPublisher,
    Event,
    EventSupport,
    MergeRecord,
    Organisation,
    Person,
)


class MergeError(ValueError):
    pass


def _kind(model):
    return model._meta.model_name


def serialised(rows):
    return json.loads(serializers.serialize("json", rows))


def move_rows(report, key, rows, field, survivor, same=()):
    """Point `rows` at the survivor, first dropping those the survivor already has.

    `same` names the other fields of the rows' uniqueness: a row of the
    duplicate equal to one of the survivor's on them is a duplicate itself.
    """
    rows = rows.order_by("pk")
    dropped = []
    if same:
        model = rows.model
        twins = model._default_manager.filter(
            **{field: survivor}, **{other: OuterRef(other) for other in same}
        )
        colliding = rows.filter(Exists(twins))
        dropped = serialised(colliding)
        colliding.delete()
    moved = list(rows.values_list("pk", flat=True))
    rows.update(**{field: survivor})
    report[key] = {"moved": moved, "dropped": dropped}


def _move_person(duplicate, survivor):
    report = {}
    move_rows(report, "positions", duplicate.positions.all(), "person", survivor)
    move_rows(
        report, "appearances", duplicate.appearances.all(), "person", survivor, ["event", "role"]
    )
    return report


def _move_organisation(duplicate, survivor):
    report = {}
    # The survivor takes the duplicate's place in the tree: were it a
    # descendant, moving the duplicate's children to it would make a cycle.
    if duplicate in survivor.ancestors():
        parent = duplicate.parent if duplicate.parent_id != survivor.pk else None
        report["survivor_parent_was"] = survivor.parent_id
        survivor.parent = parent
        survivor.save(update_fields=["parent", "updated_at"])
    move_rows(report, "positions", duplicate.positions.all(), "organisation", survivor)
    move_rows(report, "children", duplicate.children.all(), "parent", survivor)
    hosts = Event.hosts.through.objects
    move_rows(
        report,
        "hosted_events",
        hosts.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["event"],
    )
    move_rows(
        report,
        "supports",
        EventSupport.objects.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["event"],
    )
    move_rows(
        report,
        "documents_published",
        DocumentPublisher.objects.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["document"],
    )
    return report


def _move_event(duplicate, survivor):
    report = {}
    move_rows(
        report,
        "appearances",
        Appearance.objects.filter(event=duplicate),
        "event",
        survivor,
        ["person", "role"],
    )
    move_rows(
        report,
        "supports",
        EventSupport.objects.filter(event=duplicate),
        "event",
        survivor,
        ["organisation"],
    )
    hosts = Event.hosts.through.objects
    move_rows(report, "hosts", hosts.filter(event=duplicate), "event", survivor, ["organisation"])
    move_rows(report, "documents", duplicate.documents.all(), "event", survivor)
    return report


MOVERS = {Person: _move_person, Organisation: _move_organisation, Event: _move_event}

# What the apps built on entities move too, registered in their AppConfig.ready():
# {model: [move(report, duplicate, survivor), ...]}, each adding its keys to the report.
EXTRA_MOVERS = {model: [] for model in MOVERS}


def register_mover(model, move):
    """Have every merge of `model` records also call `move(report, duplicate, survivor)`."""
    if move not in EXTRA_MOVERS[model]:
        EXTRA_MOVERS[model].append(move)


def names_of(obj):
    """Every form of the record's name, the main one first."""
    if isinstance(obj, Event):
        return [obj.name]
    return obj.names


def _absorb_names(survivor, duplicate):
    if isinstance(survivor, Event):
        # Events have no aliases; the duplicate's name stays in the MergeRecord.
        return
    known = {name.casefold() for name in names_of(survivor)}
    for name in names_of(duplicate):
        if name and name.casefold() not in known:
            known.add(name.casefold())
            survivor.aliases.append(name)
    survivor.save(update_fields=["aliases", "updated_at"])


def merge(duplicate, survivor, user=None):
    """Merge `duplicate` into `survivor`, delete it, and return the MergeRecord."""
    model = type(survivor)
    if type(duplicate) is not model or model not in MOVERS:
        raise MergeError("Only a person, organisation or event of the same kind can be merged.")
    if duplicate.pk == survivor.pk:
        raise MergeError("A record cannot be merged into itself.")
    kind = _kind(model)
    with transaction.atomic():
        # Locked in a fixed order, so that two merges of the pair never deadlock.
        for obj in sorted([duplicate, survivor], key=lambda o: o.pk):
            model._default_manager.select_for_update().get(pk=obj.pk)
        duplicate.refresh_from_db()
        survivor.refresh_from_db()
        fields = serialised([duplicate])[0]
        relations = MOVERS[model](duplicate, survivor)
        for move in EXTRA_MOVERS[model]:
            move(relations, duplicate, survivor)
        # Earlier merges into the duplicate now lead to the survivor too.
        relations["merges"] = {
            "moved": list(duplicate.merges.values_list("pk", flat=True)),
            "dropped": [],
        }
        duplicate.merges.update(**{kind: survivor})
        _absorb_names(survivor, duplicate)
        duplicate.delete()
        record = MergeRecord.objects.create(
            kind=kind,
            merged_slug=duplicate.slug,
            merged_name=str(duplicate),
            merged_by=user,
            moved={
                "counts": {
                    name: {"moved": len(rows["moved"]), "dropped": len(rows["dropped"])}
                    for name, rows in relations.items()
                    if isinstance(rows, dict)
                },
                "merged": fields,
                "relations": relations,
            },
            **{kind: survivor},
        )
        names_changed()
        transaction.on_commit(names_changed)
    return record


def redirect_target(model, slug):
    """The record that absorbed the one once at `slug`, or None."""
    kind = _kind(model)
    record = (
        MergeRecord.objects.filter(kind=kind, merged_slug=slug, **{f"{kind}__isnull": False})
        .select_related(kind)
        .first()
    )
    return record.target if record else None
