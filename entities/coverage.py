"""What entity pages show of the coverage, without this layer knowing about articles.

Entities sit below articles: a page here may show quotes and stories, but may not
import them. The articles app registers, in its AppConfig.ready(), the querysets
that hold what a reader may see (`Article.objects.published()` and what hangs off
it); entity views ask for them by name.
"""

_PROVIDERS = {}


def provide(name, function):
    """Register `function()` as the source of `name` (called once, at start-up)."""
    _PROVIDERS[name] = function


def get(name):
    """A fresh queryset (or value) from the provider registered under `name`."""
    try:
        provider = _PROVIDERS[name]
    except KeyError:
        raise LookupError(f"Nothing provides {name!r}; is the articles app installed?") from None
    return provider()
