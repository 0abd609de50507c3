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

from articles.models import Article, ArticleAuthor, Mention, Photo, PhotoPerson, Quote
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

# Which decision wins when both records are mentioned by one article.
STATUS_STRENGTH = {
    Mention.Status.CONFIRMED: 2,
    Mention.Status.SUGGESTED: 1,
    Mention.Status.REJECTED: 0,
}


class MergeError(ValueError):
    pass


def _kind(model):
    return model._meta.model_name


def _rows(rows):
    return json.loads(serializers.serialize("json", rows))


def _move(report, key, rows, field, survivor, same=()):
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
        dropped = _rows(colliding)
        colliding.delete()
    moved = list(rows.values_list("pk", flat=True))
    rows.update(**{field: survivor})
    report[key] = {"moved": moved, "dropped": dropped}


def _move_mentions(report, kind, duplicate, survivor):
    """Mentions move like other rows; when both were mentioned, the firmer decision stays."""
    theirs = {m.article_id: m for m in Mention.objects.filter(**{kind: survivor})}
    dropped = []
    for mention in Mention.objects.filter(**{kind: duplicate}, article_id__in=list(theirs)):
        other = theirs[mention.article_id]
        loser = (
            other if STATUS_STRENGTH[mention.status] > STATUS_STRENGTH[other.status] else mention
        )
        dropped.extend(_rows([loser]))
        loser.delete()
    moved = Mention.objects.filter(**{kind: duplicate}).order_by("pk")
    ids = list(moved.values_list("pk", flat=True))
    moved.update(**{kind: survivor})
    report["mentions"] = {"moved": ids, "dropped": dropped}


def _move_person(duplicate, survivor):
    report = {}
    _move(report, "positions", duplicate.positions.all(), "person", survivor)
    _move(report, "appearances", duplicate.appearances.all(), "person", survivor, ["event", "role"])
    _move_mentions(report, "person", duplicate, survivor)
    _move(report, "quotes", Quote.objects.filter(person=duplicate), "person", survivor)
    _move(
        report,
        "bylines",
        ArticleAuthor.objects.filter(person=duplicate),
        "person",
        survivor,
        ["article"],
    )
    _move(
        report,
        "photos_shown",
        PhotoPerson.objects.filter(person=duplicate),
        "person",
        survivor,
        ["photo"],
    )
    _move(
        report,
        "photos_taken",
        Photo.objects.filter(photographer=duplicate),
        "photographer",
        survivor,
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
    _move(report, "positions", duplicate.positions.all(), "organisation", survivor)
    _move(report, "children", duplicate.children.all(), "parent", survivor)
    hosts = Event.hosts.through.objects
    _move(
        report,
        "hosted_events",
        hosts.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["event"],
    )
    _move(
        report,
        "supports",
        EventSupport.objects.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["event"],
    )
    _move(
        report,
        "documents_published",
        DocumentPublisher.objects.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["document"],
    )
    _move_mentions(report, "organisation", duplicate, survivor)
    _move(report, "photos_provided", Photo.objects.filter(source=duplicate), "source", survivor)
    shown = Photo.organisations_shown.through.objects
    _move(
        report,
        "photos_shown",
        shown.filter(organisation=duplicate),
        "organisation",
        survivor,
        ["photo"],
    )
    return report


def _move_event(duplicate, survivor):
    report = {}
    _move(
        report,
        "appearances",
        Appearance.objects.filter(event=duplicate),
        "event",
        survivor,
        ["person", "role"],
    )
    _move(
        report,
        "supports",
        EventSupport.objects.filter(event=duplicate),
        "event",
        survivor,
        ["organisation"],
    )
    hosts = Event.hosts.through.objects
    _move(report, "hosts", hosts.filter(event=duplicate), "event", survivor, ["organisation"])
    _move(report, "documents", duplicate.documents.all(), "event", survivor)
    _move_mentions(report, "event", duplicate, survivor)
    _move(report, "quotes", Quote.objects.filter(event=duplicate), "event", survivor)
    _move(report, "photos", Photo.objects.filter(event=duplicate), "event", survivor)
    covering = Article.events.through.objects
    _move(report, "articles", covering.filter(event=duplicate), "event", survivor, ["article"])
    return report


MOVERS = {Person: _move_person, Organisation: _move_organisation, Event: _move_event}


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
        fields = _rows([duplicate])[0]
        relations = MOVERS[model](duplicate, survivor)
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
