"""Suggesting the people, organisations and events an article mentions.

A scan only ever adds `suggested` mentions: an entity the desk has already
confirmed or rejected for the article is left as decided.
"""

import html

from articles.models import Mention
from articles.revisions import readable_text
from entities.matching import EVENT, ORGANISATION, PERSON, get_matcher
from entities.models import Event, Organisation, Person
from newsdesk.pagecache.dependencies import bulk_writes, key_of

SNIPPET_CONTEXT = 60
SNIPPET_LENGTH = Mention._meta.get_field("snippet").max_length
ELLIPSIS = "…"

_MODELS = {PERSON: Person, ORGANISATION: Organisation, EVENT: Event}


def suggest_mentions(article, matcher=None):
    """Record a `suggested` mention for each entity the article names; return the new ones.

    The byline is not scanned: an author is suggested only when the text names them.
    """
    matcher = matcher or get_matcher()
    found = _found(article, matcher)
    if not found:
        return []
    decided = set()
    for person, organisation, event in article.mentions.values_list(
        "person_id", "organisation_id", "event_id"
    ):
        decided.update({(PERSON, person), (ORGANISATION, organisation), (EVENT, event)})
    wanted = {key: text for key, text in found.items() if key not in decided}
    existing = _existing(wanted)
    mentions = [
        Mention(
            article=article, status=Mention.Status.SUGGESTED, snippet=text, **{f"{kind}_id": pk}
        )
        for (kind, pk), text in wanted.items()
        if (kind, pk) in existing
    ]
    # A scan running at the same time may have added some of these already.
    with unseen_by_readers(article):
        Mention.objects.bulk_create(mentions, ignore_conflicts=True)
    return mentions


def refresh_snippets(article, matcher=None):
    """After the text changed: each mention's snippet from the text as it now reads.

    A name no longer in the text keeps its last snippet (the decision about it
    stands); new names become suggestions. Returns how many snippets changed.
    """
    matcher = matcher or get_matcher()
    found = _found(article, matcher)
    changed = []
    for mention in article.mentions.all():
        key = (mention.kind, getattr(mention, f"{mention.kind}_id"))
        if key in found and found[key] != mention.snippet:
            mention.snippet = found[key]
            changed.append(mention)
    with unseen_by_readers(article):
        Mention.objects.bulk_update(changed, ["snippet"])
    suggest_mentions(article, matcher)
    return len(changed)


def unseen_by_readers(article):
    """Suggested mentions and snippets show only in the admin: writing them retires
    the story's own pages, not every page of the site (which a bulk write would,
    and did, on every save of a story's text)."""
    return bulk_writes(Mention, {key_of(article)})


def _found(article, matcher):
    found = {}
    for text in article_texts(article):
        for match in matcher.find(text):
            found.setdefault((match.kind, match.pk), snippet(text, match.start, match.end))
    return found


def article_texts(article):
    """Headline, standfirst, body and photo captions: the words a reader sees."""
    # Paragraph by paragraph, so that neither a name nor a snippet runs on
    # from the end of one paragraph into the next.
    body = html.unescape(readable_text(article.body)).splitlines()
    texts = [article.headline, article.standfirst, *body]
    placements = list(article.placements.select_related("photo"))
    if article.lead_photo_id and article.lead_photo_id not in {p.photo_id for p in placements}:
        texts.append(article.lead_photo.caption)
    texts.extend(placement.caption for placement in placements)
    return [text for text in texts if text]


def snippet(text, start, end):
    """The matched words with a little of the text either side, whole words only."""
    context = max(0, min(SNIPPET_CONTEXT, (SNIPPET_LENGTH - 2 - (end - start)) // 2))
    left, right = max(0, start - context), min(len(text), end + context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else end
    words = " ".join(text[left:right].split())
    words = (ELLIPSIS if left > 0 else "") + words + (ELLIPSIS if right < len(text) else "")
    return words[:SNIPPET_LENGTH]


def _existing(keys):
    # The matcher may have been built just before an entity was deleted; a
    # mention of it would break the foreign key when the transaction commits.
    existing = set()
    for kind, model in _MODELS.items():
        pks = [pk for key_kind, pk in keys if key_kind == kind]
        if pks:
            existing.update(
                (kind, pk) for pk in model.objects.filter(pk__in=pks).values_list("pk", flat=True)
            )
    return existing
