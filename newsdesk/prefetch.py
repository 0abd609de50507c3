"""Prefetching that waits until something reads the relation.

A list page prefetches what its cards show (bylines, pictures), but most cards
come whole from the fragment cache and read nothing: the home page fetched the
bylines and renditions of twenty stories whose HTML it then took from the
cache. Here the first card that really renders fetches the relation for the
whole list, in the one query a prefetch would have made; if none does, there
is no query at all.
"""

from django.db.models import prefetch_related_objects


class _FetchedOnFirstRead(dict):
    """An object's prefetch cache: `name`, when first missed, is fetched for the batch."""

    def __init__(self, existing, batch, name, lookup, fetching):
        super().__init__(existing)
        self.batch, self.name, self.lookup, self.fetching = batch, name, lookup, fetching

    def __missing__(self, key):
        # While the batch is being fetched Django itself looks here: a plain miss.
        if key != self.name or self.fetching:
            raise KeyError(key)
        self.fetching.append(True)
        try:
            prefetch_related_objects(self.batch, self.lookup)
        finally:
            self.fetching.clear()
        return dict.__getitem__(self, key)


def prefetch_when_read(objects, lookup, name=None):
    """Like `prefetch_related_objects(objects, lookup)`, run when a relation is first read.

    `lookup` is one relation of the objects themselves (a name or a `Prefetch`
    without `to_attr`); `name` is its cache name when that differs from it.
    """
    # By identity: two copies of one row (a photo leading two stories) both need it.
    batch = list({id(obj): obj for obj in objects if obj is not None}.values())
    name = name or getattr(lookup, "prefetch_to", lookup)
    fetching = []  # shared by the batch: non-empty while it is being fetched
    for obj in batch:
        existing = getattr(obj, "_prefetched_objects_cache", {})
        if name not in existing:
            obj._prefetched_objects_cache = _FetchedOnFirstRead(
                existing, batch, name, lookup, fetching
            )
