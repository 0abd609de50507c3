"""Objects' addresses, reversed once per process rather than at every link.

A page links the same few dozen stories, people and sections, often more than
once, and `reverse()` walks the URL patterns each time: 35 to 63 calls a page,
1.6 to 3.1 ms. An address depends only on the URLconf, the script prefix and
the arguments, all part of the key here.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse

# Ample for the objects a busy site's pages link between two worker restarts;
# past it the least recently linked are reversed again.
KEPT = 20_000


@lru_cache(maxsize=KEPT)
def _reversed(urlconf, prefix, viewname, kwargs):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def object_address(viewname, **kwargs):
    """`reverse(viewname, kwargs=kwargs)`, from memory after the first time."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(urlconf, get_script_prefix(), viewname, tuple(sorted(kwargs.items())))


def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


setting_changed.connect(_forget, dispatch_uid="newsdesk_addresses_forget")
