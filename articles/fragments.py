"""The article page's own parts, kept as HTML under the article's version.

The head, body, blocks, "who said what" and the rest of what the page shows of
the story itself are rendered once and kept until the story changes, so that
a page whose other parts must be made again (a first view after an edit
elsewhere) reads them in one cache round trip instead of ~7 queries and their
templates. What they need is loaded only for the parts that missed.
"""

from hashlib import md5

from django.core.cache import cache

from articles.cache_keys import story_keys
from newsdesk.pagecache.invalidation import fragment_version

FRAGMENT_SECONDS = 24 * 60 * 60


def fragment_key(article, request):
    """The one key all of an article's fragments are kept under.

    The article's own version (bumped on every save) and its last change,
    and the versions of the story's keys (`cache_keys.story_keys`): its own,
    its section's, and the one every row it links retires (its bylines' and
    quoted people, the organisations, events and photos it shows or mentions,
    the stories of its related links). Nothing in them depends on what else is
    published by now (the related links, which do, are not kept), so the
    schedule is not part of it. The address the page was asked at is part of
    it: the meta tags and JSON-LD carry it.
    """
    stamp = article.updated_at.timestamp() if article.updated_at else ""
    # As a digest: a long address would make a key too long for memcached.
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    origin = md5(address.encode(), usedforsecurity=False).hexdigest()
    version = fragment_version(*story_keys(article))
    return f"article:{article.pk}:{article.version}:{stamp}:{version}:{origin}"


def fragments(article, request, names, render):
    """{name: value} for each of `names`, from the cache or from `render(missing_names)`.

    One round trip reads them all; those that miss are made together and stored.
    """
    key = fragment_key(article, request)
    keys = {name: f"{key}:{name}" for name in names}
    found = cache.get_many(keys.values())
    values = {name: found[keys[name]] for name in names if keys[name] in found}
    missing = [name for name in names if name not in values]
    if missing:
        made = render(missing)
        cache.set_many({keys[name]: made[name] for name in missing}, FRAGMENT_SECONDS)
        values.update(made)
    return values
