"""Turning a parsed wire story into a draft article: the half that touches the database.

Every name is matched against records already on file; nothing the copy
merely mentions becomes a published person or organisation. A moderator sees
the unknown names on the draft and decides.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.html import escape

from articles import copydesk
from articles.models import (
    Article,
    ArticleAuthor,
    KeyIssue,
    Mention,
    ProsConsPoint,
    QAPair,
    Quote,
    RelatedLink,
    StaffNote,
    WirePhoto,
)
from articles.suggestions import suggest_mentions
from entities.duplicates import likely_duplicates, name_key
from entities.models import Appearance, Document, DocumentPublisher, Event, Organisation, Person

from . import duplicates
from .parser import parse
from .story import ParsedStory
from .text import lines

MAX_BYTES = 1024 * 1024

LABELS = {
    "ALSO READ": RelatedLink.Label.ALSO_READ,
    "READ MORE": RelatedLink.Label.READ_MORE,
}


class Refused(Exception):
    """The copy cannot become a draft; the message says why."""


class Duplicate(Refused):
    """The same copy was imported before, as `article`."""

    def __init__(self, message, article):
        super().__init__(message)
        self.article = article


@dataclass
class Outcome:
    story: ParsedStory
    article: Article | None = None


def read_copy(path: Path) -> str:
    try:
        # One byte past the limit at most, whatever size the file reports: a
        # device (/dev/zero) or a pipe reports none and never ends.
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise Refused(error.strerror or str(error)) from error
    return decode_copy(data)


def decode_copy(data: bytes) -> str:
    """The text of wire copy received as bytes, from a file or an upload; raises Refused."""
    if len(data) > MAX_BYTES:
        raise Refused(f"larger than {MAX_BYTES // 1024} KB")
    if not data.strip():
        raise Refused("empty file")
    if b"\0" in data:
        raise Refused("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(f"not UTF-8 (byte {error.start})") from error


def source_hash(text: str) -> str:
    # Line endings, spacing and blank lines are how copy gets mangled in
    # transit, not what makes a story different.
    normalised = "\n".join(line for line in lines(text) if line)
    return hashlib.sha256(normalised.encode()).hexdigest()


def import_text(
    text: str, name: str, *, dry_run: bool = False, force: bool = False, user=None
) -> Outcome:
    """Parse, match and (unless `dry_run`) save one story as a draft; raises Refused."""
    if "\0" in text:
        raise Refused("binary file (contains NUL bytes)")
    if not text.strip():
        raise Refused("empty file")
    story = parse(text, filename=name)
    if not story.article.headline:
        raise Refused("no headline")
    _check_lengths(story)
    fingerprint = source_hash(text)
    duplicate = Article.objects.filter(source_hash=fingerprint).first()
    if duplicate and not force:
        raise Duplicate(
            f"already imported as article {duplicate.pk} ({duplicate.headline!r}); "
            "use --force to import it again",
            duplicate,
        )
    people, organisations = match_names(story)
    events = events_on_file(story, organisations)
    duplicates.look_for(story, people, organisations, events)
    if dry_run:
        return Outcome(story)
    # One transaction per story: a failure anywhere leaves nothing of it behind.
    with transaction.atomic():
        article = _save(story, name, fingerprint, people, organisations, user, events)
    return Outcome(story, article)


def _check_lengths(story: ParsedStory) -> None:
    for field, value in [
        ("headline", story.article.headline),
        ("kicker", story.article.kicker),
        ("dateline", story.article.dateline),
        ("contact_email", story.article.contact_email),
    ]:
        limit = Article._meta.get_field(field).max_length
        if value and len(value) > limit:
            raise Refused(f"{field} longer than {limit} characters")


def _match(model, names, story: ParsedStory):
    records = {r.pk: r for r in likely_duplicates(model, [n for n in names if n])}
    if len(records) > 1:
        # A duplicate the desk has to resolve first; guessing would attach the
        # story to the wrong record.
        story.warnings.append(
            f"{names[0]} matches several {model._meta.verbose_name_plural} on file "
            f"(ids {', '.join(map(str, sorted(records)))}); left unmatched."
        )
        return None
    return next(iter(records.values()), None)


def match_names(story: ParsedStory) -> tuple[dict[str, Person], dict[str, Organisation]]:
    """Records on file for the story's people and organisations, keyed by the story's names.

    Fills in `existing_id` and the related links' `article_id` on the story.
    """
    people = {}
    for person in story.people:
        if found := _match(Person, [person.name, *person.aliases], story):
            person.existing_id = found.pk
            people[person.name] = found
    for author in story.article.authors:
        if author not in people and (found := _match(Person, [author], story)):
            people[author] = found
    organisations = {}
    for organisation in story.organisations:
        if found := _match(Organisation, [organisation.name, organisation.acronym], story):
            organisation.existing_id = found.pk
            organisations[organisation.name] = found
    for link in story.related:
        matches = Article.objects.filter(headline__iexact=link.title.strip())
        link.article_id = matches.order_by("pk").values_list("pk", flat=True).first()
    _warn_unmatched(story, people)
    return people, organisations


def _warn_unmatched(story, people) -> None:
    warnings = story.warnings
    warnings.extend(
        f"Author {author} is not on file: left out of the byline."
        for author in story.article.authors
        if author not in people
    )
    warnings.extend(
        f"Related story not found, link left out: {link.title!r}"
        for link in story.related
        if link.article_id is None
    )
    warnings.extend(
        f"Quote by {quote.speaker}, who is not on file, left out."
        for quote in story.quotes
        if quote.speaker not in people
    )


def _save(story, name, fingerprint, people, organisations, user, events) -> Article:
    parsed = story.article
    article = Article.objects.create(
        status=Article.Status.DRAFT,
        headline=parsed.headline,
        kicker=parsed.kicker or "",
        standfirst=parsed.standfirst or "",
        body="".join(f"<p>{escape(paragraph)}</p>" for paragraph in parsed.body),
        dateline=parsed.dateline or "",
        contact_email=parsed.contact_email or "",
        wire_published_at=parsed.published_at,
        source_name=Path(name).name[: Article._meta.get_field("source_name").max_length],
        source_hash=fingerprint,
        created_by=user,
    )
    _authors(article, story, people)
    _blocks(article, story)
    _related(article, story)
    _quotes(article, story, people, events)
    _documents(story, organisations, events)
    _appearances(story, people, organisations, events)
    WirePhoto.objects.bulk_create(
        WirePhoto(
            article=article,
            order=order,
            caption=photo.caption,
            credit=_clip(photo.credit, WirePhoto, "credit"),
            people_shown=list(photo.people_shown),
            taken_on=photo.taken_on,
            place=_clip(photo.place, WirePhoto, "place"),
            event=_clip(photo.event, WirePhoto, "event"),
        )
        for order, photo in enumerate(story.photos)
    )
    article.wire_unknown_names = [
        *_unknown_names(story, people, organisations, events),
        *duplicates.entries(story),
    ]
    article.save(update_fields=["wire_unknown_names"])
    if story.warnings:
        # Kept on the story as copy-desk items until an editor decides on each;
        # a possible duplicate keyed by the story or event it names, as the
        # copy desk's own duplicate check keys it, so that both are one item.
        keyed = duplicates.copydesk_items(story)
        told = {
            f"Possible duplicate: {entry['message']}"
            for entry in story.possible_duplicates
            if entry["article_id"] or entry["event_id"]
        }
        copydesk.attach(article, [w for w in story.warnings if w not in told])
        copydesk.attach_keyed(article, keyed)
        StaffNote.objects.create(
            article=article,
            author=user,
            text="Imported from wire copy {}:\n{}".format(
                article.source_name, "\n".join(f"- {w}" for w in story.warnings)
            ),
        )
    parsed.id = article.pk
    suggest_mentions(article)
    _events_on_file(article, events)
    return article


def _event_on_file(event, organisations=None) -> Event | None:
    matches = Event.objects.filter(name__iexact=event.name)
    if event.date:
        matches = matches.filter(start_date=event.date)
    found = list(matches[:2])
    if len(found) == 1:
        return found[0]
    hosts = [organisations[h] for h in event.hosts if organisations and h in organisations]
    if not found and event.date and hosts:
        # Named differently, but the same hosts' event on the same day.
        same_day = Event.objects.filter(start_date=event.date, hosts=hosts[0]).distinct()
        found = list(same_day[:2])
        return found[0] if len(found) == 1 else None
    return None


def events_on_file(story: ParsedStory, organisations) -> dict[str, Event]:
    """Records on file for the story's events, keyed by the story's names."""
    return {
        event.name: found
        for event in story.events
        if (found := _event_on_file(event, organisations)) is not None
    }


def _events_on_file(article, events) -> None:
    """A suggested mention of each event the story describes that is on file already."""
    mentions = [
        Mention(
            article=article,
            event=found,
            status=Mention.Status.SUGGESTED,
            snippet=_clip(name, Mention, "snippet"),
        )
        for name, found in events.items()
    ]
    # The scan of the text may have found some of them by name already.
    Mention.objects.bulk_create(mentions, ignore_conflicts=True)


def _clip(value, model, field) -> str:
    return (value or "")[: model._meta.get_field(field).max_length]


def _authors(article, story, people) -> None:
    seen = set()
    for order, author in enumerate(story.article.authors):
        person = people.get(author)
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            ArticleAuthor.objects.create(article=article, person=person, order=order)


def _blocks(article, story) -> None:
    QAPair.objects.bulk_create(
        QAPair(article=article, question=pair.question, answer=pair.answer, order=order)
        for order, pair in enumerate(story.faq)
    )
    KeyIssue.objects.bulk_create(
        KeyIssue(
            article=article, title=_clip(issue.title, KeyIssue, "title"), text=issue.text, order=n
        )
        for n, issue in enumerate(story.issues)
    )
    ProsConsPoint.objects.bulk_create(
        [
            *(
                ProsConsPoint(article=article, kind=ProsConsPoint.Kind.PRO, text=text, order=n)
                for n, text in enumerate(story.pros)
            ),
            *(
                ProsConsPoint(article=article, kind=ProsConsPoint.Kind.CON, text=text, order=n)
                for n, text in enumerate(story.cons)
            ),
        ]
    )


def _related(article, story) -> None:
    targets = set()
    for order, link in enumerate(story.related):
        if link.article_id is None or link.article_id in targets:
            continue
        targets.add(link.article_id)
        RelatedLink.objects.create(
            article=article,
            label=LABELS.get(link.label, RelatedLink.Label.RELATED),
            title=_clip(link.title, RelatedLink, "title"),
            target_article_id=link.article_id,
            order=order,
        )


def _quotes(article, story, people, events) -> None:
    for order, quote in enumerate(story.quotes):
        person = people.get(quote.speaker)
        if person is not None:
            Quote.objects.create(
                article=article,
                person=person,
                text=quote.text,
                order=order,
                event=events.get(quote.event) if quote.event else None,
            )


def _documents(story, organisations, events) -> None:
    """Each report the story says was released, with its publishers and launch event on file.

    A report none of whose publishers and no launch event is on file would hang
    from nothing; it is listed with the unknown names for the desk to add.
    """
    for parsed in story.documents:
        publishers = [organisations[o] for o in parsed.organisations if o in organisations]
        event = events.get(parsed.event) if parsed.event else None
        if not publishers and event is None:
            continue
        if Document.objects.filter(title__iexact=parsed.title).exists():
            continue
        document = Document.objects.create(
            title=_clip(parsed.title, Document, "title"),
            kind=parsed.kind if parsed.kind in Document.Kind.values else Document.Kind.OTHER,
            event=event,
            released_on=event.start_date if event else _published_day(story),
        )
        DocumentPublisher.objects.bulk_create(
            DocumentPublisher(document=document, organisation=organisation, order=order)
            for order, organisation in enumerate(dict.fromkeys(publishers))
        )
        parsed.existing_id = document.pk


def _published_day(story):
    published = story.article.published_at
    return published.date() if published else None


def _appearances(story, people, organisations, events) -> None:
    """Each speaker's part at an event on file, with the position they held that day."""
    by_name = {p.name: p for p in story.people}
    order = {}
    for parsed in story.appearances:
        person, event = people.get(parsed.person), events.get(parsed.event)
        if person is None or event is None:
            continue
        cast = by_name.get(parsed.person)
        position = _position_held(person, cast, organisations, event.start_date)
        order[event.pk] = order.get(event.pk, event.appearances.count())
        _, created = Appearance.objects.get_or_create(
            person=person,
            event=event,
            role=parsed.role,
            defaults={"position": position, "order": order[event.pk]},
        )
        order[event.pk] += created


def _position_held(person, cast, organisations, day):
    """The person's position at the organisation the copy gives, on the event's day.

    A title the copy gives that is not on file yet is added as a position, so
    that the event page shows the person as the copy introduced them.
    """
    organisation = organisations.get(cast.organisation) if cast and cast.organisation else None
    if organisation is None or not cast.title:
        return person.position_on(day) if day else None
    held = person.positions.filter(organisation=organisation, title__iexact=cast.title)
    return held.order_by("-start_date", "pk").first() or person.positions.create(
        organisation=organisation, title=cast.title[:200]
    )


def _unknown_names(story, people, organisations, events) -> list[dict]:
    unknown = [
        {
            "kind": "person",
            "name": person.name,
            "title": person.title,
            "organisation": person.organisation,
            "family_name": person.family_name,
            "given_names": person.given_names,
            "english_name": person.english_name,
            "aliases": list(person.aliases),
        }
        for person in story.people
        if person.name not in people
    ]
    unknown += [
        {"kind": "person", "name": author, "title": "author", "organisation": None}
        for author in story.article.authors
        if author not in people and name_key(author) not in {name_key(u["name"]) for u in unknown}
    ]
    unknown += [
        {
            "kind": "organisation",
            "name": organisation.name,
            "acronym": organisation.acronym,
            "description": organisation.description,
            "parent": organisation.parent,
        }
        for organisation in story.organisations
        if organisation.name not in organisations
    ]
    unknown += [
        {
            "kind": "event",
            "name": event.name,
            "event_kind": event.kind,
            "date": event.date.isoformat() if event.date else None,
            "hosts": list(event.hosts),
        }
        for event in story.events
        if event.name not in events
    ]
    unknown += [
        {
            "kind": "document",
            "name": document.title,
            "document_kind": document.kind,
            "publishers": list(document.organisations),
            "event": document.event,
        }
        for document in story.documents
        if document.existing_id is None
    ]
    return unknown
