"""Parts of a page kept as HTML, each with the versions of what it showed.

A part (a person's positions, the events they spoke at, the home page's block
of events) is made once and then served while nothing it showed has changed,
so that a page made again because one of its other parts changed, or with the
page cache off, does not load and render the parts that did not. It is the
page cache's own rule at a smaller scale: a part is stored with the keys it
showed (what its rendering named through `depends_on`, `page_shows`,
`fragment_version`, `remember`, and the keys its caller gives) and their
versions, read before anything was loaded; a request serves it only while
those versions, the content token and the schedule of what it shows are
unchanged. The page that uses a part is told it shows the part's keys, so a
whole cached page follows its parts.

What a part shows must be loaded inside its `render()`, and named there, so
that a part that is served costs no query: `render` returns the HTML, and
calls `depends_on(*keys_in(rows))` (or `shows(rows)`) for the rows it loaded.
"""

import time
from hashlib import md5

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsdesk.pagecache import dependencies, versions
from newsdesk.pagecache.dependencies import EVERYTHING, collecting, keys_in
from newsdesk.pagecache.invalidation import next_change
from newsdesk.pagecache.middleware import next_midnight

KEPT_KEY = "pagecache:part:{token}:{name}"
# Parts die when what they show changes; this only bounds their stay.
KEPT_SECONDS = 24 * 60 * 60


def shows(*values):
    """Tell the page (or the part) being made that it shows the rows in `values`."""
    dependencies.depends_on(*keys_in(*values))
    return values[0] if len(values) == 1 else values


def kept(parts, *, keys=()):
    """{name: HTML} for `parts`, a dict of {name: render()}, each from the cache or made.

    `name` must say everything the part's HTML depends on besides what it
    names while rendering (the object's pk, a page number...). `keys` are
    keys every part shows. One cache round trip reads all the parts, one
    read of the versions checks them; only the parts that changed are made.
    Outside a request (no page being collected) every part is made afresh.
    """
    shown = dependencies.current()
    if shown is None:
        return {name: render() for name, render in parts.items()}
    cache_keys = {name: KEPT_KEY.format(token=shown.token, name=name) for name in parts}
    found = cache.get_many(cache_keys.values())
    entries = {name: found[cache_keys[name]] for name in parts if cache_keys[name] in found}
    now = time.time()
    wanted = sorted({key for entry in entries.values() for key, _ in entry[1]})
    current = versions.read(wanted) if wanted else {}
    values = {}
    for name, (valid_until, stored, html) in entries.items():
        if now < valid_until and all(current[key] == version for key, version in stored):
            dependencies.depends_on(*(key for key, _ in stored))
            values[name] = html
    made = {}
    for name, render in parts.items():
        if name not in values:
            values[name], made[name] = make(shown, render, keys, now)
    storable = {cache_keys[name]: entry for name, entry in made.items() if entry is not None}
    if storable:
        cache.set_many(storable, KEPT_SECONDS)
    return values


def make(shown, render, keys, now):
    """(HTML, the entry to keep or None): `render()` with the keys it names collected."""
    with collecting(shown.token, shown.sequence) as part:
        part.schedule = shown.schedule
        html = render()
    shown.schedule = part.schedule
    # A part that named nothing has not said what it shows: any change retires it.
    named = {*part.keys, *keys} or {EVERYTHING}
    dependencies.depends_on(*named)
    found = versions.read(sorted(named))
    # Rows read after one of the keys changed may be older than its version:
    # such a part is shown once and not kept (as pages and fragments).
    if any(version > shown.sequence for version in found.values()):
        return html, None
    valid_until = min(next_change(named, now), next_midnight(), now + KEPT_SECONDS)
    return html, (valid_until, tuple(found.items()), html)


def rendered_parts(request, prefix, templates, context, load, *, keys=()):
    """{name: HTML} of a page's parts, each a template, kept under `prefix` and the address.

    `templates` is {name: template}; `load(name)` loads what part `name` shows
    and returns the context it adds (it is called only for the parts made, and
    must name what it loaded, see `shows`). The address (scheme, host, path)
    is part of each part's key: meta tags and JSON-LD carry it.
    """
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    origin = md5(address.encode(), usedforsecurity=False).hexdigest()

    def render(name, template):
        def made():
            part_context = {**context, **load(name)}
            return mark_safe(render_to_string(template, part_context, request).strip())

        return made

    found = kept(
        {
            f"{prefix}:{name}:{origin}": render(name, template)
            for name, template in templates.items()
        },
        keys=keys,
    )
    return {name: mark_safe(found[f"{prefix}:{name}:{origin}"]) for name in templates}
