"""Links the first mention of each confirmed entity in an article's body to its page."""

import re
from html import escape, unescape

from entities.matching import EntityMatcher

# The body is sanitised HTML (see newsdesk.richtext): tags never contain a
# stray ">" and text never a raw "<", so splitting on tags is exact.
_TAG = re.compile(r"(<[^>]*>)")
_OPEN_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSE_LINK = re.compile(r"</a\s*>", re.IGNORECASE)


def link_first_mentions(body, entities):
    """`body` with the first mention of each entity wrapped in a link to its page.

    `entities` are the people, organisations and events whose mention in the
    article a person has confirmed. Text already inside a link is left alone.
    """
    if not body or not entities:
        return body
    by_key = {(_kind(entity), entity.pk): entity for entity in entities}
    matcher = EntityMatcher(
        (kind, pk, name) for (kind, pk), entity in by_key.items() for name in entity.names
    )
    linked, in_link, pieces = set(), 0, []
    for piece in _TAG.split(body):
        if piece.startswith("<"):
            if _OPEN_LINK.match(piece):
                in_link += 1
            elif _CLOSE_LINK.match(piece):
                in_link = max(0, in_link - 1)
            pieces.append(piece)
        elif in_link or not piece.strip() or len(linked) == len(by_key):
            pieces.append(piece)
        else:
            pieces.append(_link_text(piece, matcher, by_key, linked))
    return "".join(pieces)


def _kind(entity):
    return entity._meta.model_name


def _link_text(raw, matcher, by_key, linked):
    text = unescape(raw)
    out, position = [], 0
    for match in matcher.find(text):
        key = (match.kind, match.pk)
        if key in linked or key not in by_key or match.start < position:
            continue
        linked.add(key)
        out.append(escape(text[position : match.start], quote=False))
        url = escape(by_key[key].get_absolute_url())
        out.append(f'<a href="{url}">{escape(match.text, quote=False)}</a>')
        position = match.end
    if not out:
        return raw
    out.append(escape(text[position:], quote=False))
    return "".join(out)
