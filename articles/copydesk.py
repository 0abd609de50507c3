"""Checks an article must pass before it goes live, and warnings worth a look."""

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from articles.models import Article, Mention, PhotoPerson
from articles.wire import duplicates as wire_duplicates
from entities.matching import PERSON, get_matcher
from entities.models import Person

STANDFIRST_MAX_WORDS = 60


@dataclass
class Report:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _photos(article):
    placed = [p.photo for p in article.placements.select_related("photo")]
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
    for link in article.related_links.select_related("target_article"):
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
    report.warnings.extend(wire_duplicates.warnings_for(article))
    # A suggestion nobody has confirmed names no one to readers.
    confirmed = PhotoPerson.Status.CONFIRMED
    shown = set(
        article.placements.filter(photo__people_in_photo__status=confirmed).values_list(
            "photo", flat=True
        )
    )
    if (
        article.lead_photo_id
        and article.lead_photo.people_in_photo.filter(status=confirmed).exists()
    ):
        shown.add(article.lead_photo_id)
    for photo in photos:
        if photo.pk not in shown:
            report.warnings.append(f"The caption of photo “{photo}” names no people shown.")
    words = len(article.standfirst.split())
    if words > STANDFIRST_MAX_WORDS:
        report.warnings.append(
            f"The standfirst is {words} words long (more than {STANDFIRST_MAX_WORDS})."
        )
    return report


def _warn_unlinked_people(article, report):
    text = _text(article)
    linked = set(
        Mention.objects.confirmed()
        .filter(article=article, person__isnull=False)
        .values_list("person", flat=True)
    )
    linked |= set(article.bylines.values_list("person", flat=True))
    linked |= set(article.quotes.values_list("person", flat=True))
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
