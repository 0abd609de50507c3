"""The render-time sanitiser for editors' rich text.

Bodies are cleaned when saved, but rows written before a rule changed, by a
data migration, a fixture or raw SQL never went through that; cleaning again
before marking HTML safe means the template trusts only what this module lets
through. The allowlist is derived from the editor's configuration, so what an
editor can produce survives and nothing else does.
"""

from functools import cache

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from newsdesk.richtext import BODY_EDITOR_CONFIG


@cache
def _body_cleaner():
    return nh3.Cleaner(
        **allowlist_from_extensions(expand_extensions(BODY_EDITOR_CONFIG["extensions"]))
    )


def sanitise_body(html):
    """Article body HTML reduced to the editor's tags, attributes and URL schemes."""
    return _body_cleaner().clean(html or "")
