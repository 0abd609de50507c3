"""`{% fragment_version article "list:home" as version %}`: a key part for `{% cache %}`.

Each argument is an object (its fragment keys, see `dependencies.shown_keys`),
a key, or a list of either. The version changes whenever one of them changes,
and the page being made is told it shows them. `follows_schedule=True` for a
fragment that shows what is published by now (see `invalidation.fragment_version`).
"""

from django import template
from django.db.models import Model

from newsdesk.pagecache import dependencies
from newsdesk.pagecache.invalidation import fragment_version

register = template.Library()


@register.simple_tag(name="fragment_version")
def fragment_version_tag(*shown, follows_schedule=False):
    return fragment_version(*fragment_keys(*shown), follows_schedule=follows_schedule)


def fragment_keys(*shown):
    keys = []
    for thing in shown:
        if isinstance(thing, Model):
            keys += dependencies.shown_keys(thing)
        elif isinstance(thing, str):
            keys.append(thing)
        elif thing is not None:
            keys += fragment_keys(*thing)
    return keys
