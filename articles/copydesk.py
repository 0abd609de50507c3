"""Checks an article must pass before it goes live, and warnings worth a look.

Three kinds of finding, for imported and hand-typed copy alike:
- errors block publication;
- warnings are worth a look (a long standfirst, no lead photo);
- items need a decision: each stays on the story until an editor resolves or
  dismisses it (recorded with who and when), and publishing over open ones
  needs a reason, recorded on each. Items come from the checks here (dates
  and weekdays, machine boilerplate) and from elsewhere through `attach()`:
  the wire import attaches its warnings that way.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from articles import copydesk_duplicates as duplicates
from articles.models import Article, CopyDeskItem, Mention, PhotoPerson
from articles.revisions import readable_text
from entities.matching import PERSON, get_matcher
from entities.models import Person

STANDFIRST_MAX_WORDS = 60
HEADLINE_MAX_CHARS = 110
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_RELATIVE_DAY = re.compile(
    rf"\b(?:(?P<when>this|last|next|on) (?P<day>{'|'.join(WEEKDAYS)})\b"
    rf"|(?P<day2>{'|'.join(WEEKDAYS)})'s\b)"
)
# Phrases a text generator leaves behind and no reporter writes.
_MACHINE_BOILERPLATE = re.compile(
    r"as an AI\b|as a language model|my (?:knowledge|training|information) cut-?off|"
    r"I hope this helps|I cannot browse|certainly! here|here is (?:a|the) (?:revised|rewritten) "
    r"|at the time of writing and I cannot|in today's fast-paced world|"
    r"rapidly evolving landscape|it is important to note that",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """A copy-desk item: `key` names it within its story so a decision on it sticks."""

    key: str
    message: str
    source: str = CopyDeskItem.Source.CHECK

    def __str__(self):
        return self.message

    @property
    def links(self):
        """The story or event a possible duplicate names, to open it."""
        return duplicates.links_for(self.key)


@dataclass
class Report:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # Findings waiting for a decision (see the module's docstring).
    items: list = field(default_factory=list)
    # Items already decided, newest first, for the record.
    decided: list = field(default_factory=list)


def item_key(source, message):
    return f"{source}:{hashlib.sha1(message.encode()).hexdigest()[:16]}"


def attach(article, messages, source=CopyDeskItem.Source.IMPORT):
    """Keep `messages` with the story as open items (a message already there is not repeated)."""
    attach_keyed(article, [(item_key(source, message), message) for message in messages], source)


def attach_keyed(article, items, source=CopyDeskItem.Source.IMPORT):
    """Keep (key, message) pairs with the story as open items; a key already there is kept."""
    for key, message in items:
        CopyDeskItem.objects.get_or_create(
            article=article, key=key, defaults={"message": message, "source": source}
        )


def decide(article, key, user, status, reason=""):
    """Resolve, dismiss or publish over one item; raises KeyError if it is not open."""
    report = review(article)
    finding = next((f for f in report.items if f.key == key), None)
    if finding is None:
        raise KeyError(key)
    _record(article, finding, user, status, reason)


def publish_over(article, findings, user, reason):
    """Record that `findings` (the open items of a review just made) were published over.

    One review for all of them: deciding them one by one reviewed the story
    again for each (~80 ms apiece at 100,000 stories), which made an editor's
    publish over four items cost five reviews.
    """
    decided_at = timezone.now()
    for finding in findings:
        _record(article, finding, user, CopyDeskItem.Status.OVERRIDDEN, reason, decided_at)


def _record(article, finding, user, status, reason, decided_at=None):
    CopyDeskItem.objects.update_or_create(
        article=article,
        key=finding.key,
        defaults={
            "message": finding.message,
            "source": finding.source,
            "status": status,
            "decided_by": user,
            "decided_at": decided_at or timezone.now(),
            "reason": reason,
        },
    )


def _rows(article, relation, *related):
    """The article's rows: those the caller already holds (the admin's change
    form reads them all at once) or else read now."""
    if relation in getattr(article, "_prefetched_objects_cache", {}):
        return list(getattr(article, relation).all())
    return list(getattr(article, relation).select_related(*related))


def _photos(article):
    placed = [p.photo for p in _rows(article, "placements", "photo")]
    lead = [article.lead_photo] if article.lead_photo_id else []
    seen, photos = set(), []
    for photo in lead + placed:
        if photo.pk not in seen:
            seen.add(photo.pk)
            photos.append(photo)
    return photos


def _text(article):
    return normalize_newlines(
        " ".join([article.headline, article.standfirst, strip_tags(article.body)])
    )


def review(article):
    report = Report()
    if not article.headline.strip():
        report.errors.append("The headline is empty.")
    if not strip_tags(article.body).strip():
        report.errors.append("The body is empty.")
    if article.section_id is None:
        report.errors.append("No section is chosen.")
    if not article.pk or not article.bylines.exists():
        report.errors.append("No author is named.")
    if not article.pk:
        return report

    photos = _photos(article)
    for photo in photos:
        if not photo.alt_text.strip():
            report.errors.append(f"Photo “{photo}” has no alt text.")
        if not photo.credit.strip():
            report.errors.append(f"Photo “{photo}” has no credit.")
    goes_live_at = article.published_at
    for link in _rows(article, "related_links", "target_article"):
        target = link.target_article
        if target is None:
            continue
        live_in_time = (
            target.status in Article.LIVE_STATUSES
            and target.published_at is not None
            and goes_live_at is not None
            and target.published_at <= goes_live_at
        )
        if not (target.is_public or live_in_time):
            report.errors.append(
                f"The related link “{link.display_title}” points to an unpublished article."
            )

    _warn_unlinked_people(article, report)
    # A suggestion nobody has confirmed names no one to readers.
    confirmed = PhotoPerson.Status.CONFIRMED
    shown = set(
        PhotoPerson.objects.filter(photo__in=photos, status=confirmed).values_list(
            "photo", flat=True
        )
    )
    for photo in photos:
        if photo.pk not in shown:
            report.warnings.append(f"The caption of photo “{photo}” names no people shown.")
    words = len(article.standfirst.split())
    if words > STANDFIRST_MAX_WORDS:
        report.warnings.append(
            f"The standfirst is {words} words long (more than {STANDFIRST_MAX_WORDS})."
        )
    if len(article.headline) > HEADLINE_MAX_CHARS:
        report.warnings.append(
            f"The headline is {len(article.headline)} characters long "
            f"(more than {HEADLINE_MAX_CHARS})."
        )
    if not article.lead_photo_id:
        report.warnings.append("There is no lead photo.")
    _items(article, report)
    return report


def _items(article, report):
    stored = {item.key: item for item in _rows(article, "copydesk_items", "decided_by")}
    findings = [
        *_date_findings(article),
        *_boilerplate_findings(article),
        # Before the stored ones: the import's finding about the same story
        # has the same key, and this wording is the current one.
        *(Finding(key, message) for key, message in duplicates.findings(article)),
    ]
    findings += [
        Finding(item.key, item.message, item.source)
        for item in stored.values()
        if item.source != CopyDeskItem.Source.CHECK
    ]
    seen = set()
    for finding in findings:
        if finding.key in seen:
            continue
        seen.add(finding.key)
        item = stored.get(finding.key)
        if item is None or item.status == CopyDeskItem.Status.OPEN:
            report.items.append(finding)
    report.decided = sorted(
        (item for item in stored.values() if item.status != CopyDeskItem.Status.OPEN),
        key=lambda item: item.decided_at or item.created_at,
        reverse=True,
    )


def _paragraphs(article):
    return [article.headline, article.standfirst, *readable_text(article.body).splitlines()]


def _boilerplate_findings(article):
    for paragraph in _paragraphs(article):
        for match in _MACHINE_BOILERPLATE.finditer(paragraph or ""):
            phrase = match.group(0)
            yield Finding(
                f"check:machine:{phrase.lower()}",
                f"“{phrase}” reads like text-generator boilerplate: rewrite or remove it.",
            )


def _date_findings(article):
    """Relative weekdays read against the publication date and the events covered."""
    from articles.wire.events import weekday_conflicts

    paragraphs = [p for p in _paragraphs(article) if p]
    for message in weekday_conflicts(paragraphs):
        yield Finding(f"check:weekdays:{message.lower()}", message)
    published = timezone.localtime(article.published_at or timezone.now()).date()
    yield from _dated_weekday_findings(paragraphs, published)
    if not article.pk:
        return
    events = [
        event
        for event in article.events.all()
        if event.start_date and abs((event.start_date - published).days) <= 7
    ]
    if not events:
        return
    yield from _relative_day_findings(paragraphs, published, events)
    for paragraph in paragraphs:
        for match in _RELATIVE_DAY.finditer(paragraph):
            day = match["day"] or match["day2"]
            meant = _resolve(day, match["when"], published)
            if any(event.start_date == meant for event in events):
                continue
            if any(WEEKDAYS[event.start_date.weekday()] == day for event in events):
                continue
            yield _day_mismatch(match, meant, published, events[0])


_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B"),
        datetime.date(2000, number, 1).strftime("%b"),
    )
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "Thursday, 6 March", "Thursday (March 6, 2030)": a weekday given with its date.
_DATED_WEEKDAY = re.compile(
    rf"\b(?P<day>{'|'.join(WEEKDAYS)}),? \(?(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH})\b"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}})\b)(?:,? (?P<year>\d{{4}}))?"
)
# "signed yesterday", "yesterday's signing": a day counted from publication.
_RELATIVE_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_HAPPENED = "signed|held|opened|launched|unveiled|inaugurated|took place|will take place"
_HAPPENING = "signing|forum|summit|conference|launch|ceremony|opening|meeting|expo"
_RELATIVE_DATE = re.compile(
    rf"\b(?:(?:{_HAPPENED}) (?P<rel>yesterday|today|tomorrow)"
    rf"|(?P<rel2>[Yy]esterday|[Tt]oday|[Tt]omorrow)'s (?:[a-z-]+ )?(?:{_HAPPENING}))\b"
)


def _dated_weekday_findings(paragraphs, published):
    """A weekday given with a date that falls on another day."""
    for paragraph in paragraphs:
        for match in _DATED_WEEKDAY.finditer(paragraph):
            month = _MONTHS[match["m1"] or match["m2"]]
            day = int(match["d1"] or match["d2"])
            years = (
                [int(match["year"])] if match["year"] else [published.year + n for n in (-1, 0, 1)]
            )
            dates = []
            for year in years:
                try:
                    dates.append(datetime.date(year, month, day))
                except ValueError:
                    continue
            if not dates:
                continue
            # Without a year: the one nearest the publication date.
            date = min(dates, key=lambda d: abs((d - published).days))
            if WEEKDAYS[date.weekday()] != match["day"]:
                yield Finding(
                    f"check:dated:{match.group(0).lower()}",
                    f"“{match.group(0)}” does not add up: {date.day} {date:%b %Y} is a "
                    f"{WEEKDAYS[date.weekday()]}.",
                )


def _relative_day_findings(paragraphs, published, events):
    """ "Yesterday", "today", "tomorrow" about a happening, against the events covered."""
    for paragraph in paragraphs:
        for match in _RELATIVE_DATE.finditer(paragraph):
            word = (match["rel"] or match["rel2"]).lower()
            meant = published + datetime.timedelta(days=_RELATIVE_WORDS[word])
            if any(
                event.start_date <= meant <= (event.end_date or event.start_date)
                for event in events
            ):
                continue
            yield _day_mismatch(match, meant, published, events[0])


def _resolve(day, when, published):
    """The date a relative weekday names, seen from the publication date."""
    offset = (WEEKDAYS.index(day) - published.weekday()) % 7
    ahead = published + datetime.timedelta(days=offset)
    behind = ahead - datetime.timedelta(days=7) if offset else ahead
    if when == "next":
        return ahead if offset else published + datetime.timedelta(days=7)
    if when == "last":
        return behind if offset else published - datetime.timedelta(days=7)
    # "this" or "on" or a possessive: the nearer of the two.
    return behind if (published - behind) < (ahead - published) else ahead


def _day_mismatch(match, meant, published, event):
    return Finding(
        f"check:date:{match.group(0).lower()}",
        f"“{match.group(0)}” reads as {_day(meant)} for publication on {_day(published)}, "
        f"but {event.name} is on {_day(event.start_date)}.",
    )


def _day(date):
    return f"{WEEKDAYS[date.weekday()]} {date.day} {date:%b}"


def _warn_unlinked_people(article, report):
    text = _text(article)
    linked = set(
        Mention.objects.confirmed()
        .filter(article=article, person__isnull=False)
        .values_list("person", flat=True)
    )
    linked |= {byline.person_id for byline in _rows(article, "bylines")}
    linked |= {quote.person_id for quote in _rows(article, "quotes")}
    # The shared matcher finds every known name in one pass; looping over
    # every person here would cost a regex per person on each change form.
    found = {}
    for match in get_matcher().find(_text(article)):
        if match.kind == PERSON and match.pk not in linked:
            found.setdefault(match.pk, match.text)
    names = dict(Person.objects.filter(pk__in=found).values_list("pk", "display_name"))
    for pk, text in found.items():
        if pk in names:
            report.warnings.append(
                f"“{text}” matches {names[pk]}, who is not linked to this article."
            )
