"""What the apps built on people, organisations and events show on their pages.

Entities know nothing of the stories, quotes and photos that refer to them.
An app above them registers, in its AppConfig.ready(), what it adds to a
person's, an organisation's or an event's page: prefetches for the page's
queryset (so the template reads `person.quotes.all` and the like without a
query per row) and a function that fills in more of the template's context.
"""

KINDS = ("person", "organisation", "event")

_prefetches = {kind: [] for kind in KINDS}
_context = {kind: [] for kind in KINDS}


def register(kind, *, prefetches=None, context=None):
    """`prefetches()` returns Prefetch objects (or lookups) for the page's queryset;
    `context(obj)` returns a dict of extra template context for the page of `obj`."""
    if prefetches is not None and prefetches not in _prefetches[kind]:
        _prefetches[kind].append(prefetches)
    if context is not None and context not in _context[kind]:
        _context[kind].append(context)


def prefetches(kind):
    return [lookup for function in _prefetches[kind] for lookup in function()]


def context(kind, obj):
    extra = {}
    for function in _context[kind]:
        extra.update(function(obj))
    return extra
