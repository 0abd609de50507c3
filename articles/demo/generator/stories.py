"""Sections, photos, tags and articles with everything that hangs off them."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from taggit.models import Tag, TaggedItem

from articles.demo.generator import text, words
from articles.demo.generator.builders import Builder
from articles.demo.generator.images import SIZE, shared_images
from articles.demo.generator.slugs import Slugs
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QuoteFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    Mention,
    Photo,
    PhotoPerson,
    Quote,
    RelatedLink,
    Section,
)

# Roughly a newsroom's archive: nearly everything out, a little in the pipeline.
STATUS_WEIGHTS = {
    Article.Status.PUBLISHED: 85,
    Article.Status.DRAFT: 5,
    Article.Status.IN_REVIEW: 4,
    Article.Status.SCHEDULED: 3,
    Article.Status.UNPUBLISHED: 3,
}
MENTION_WEIGHTS = {
    Mention.Status.CONFIRMED: 80,
    Mention.Status.SUGGESTED: 15,
    Mention.Status.REJECTED: 5,
}
ARCHIVE_DAYS = 5 * 365
# A mention points at one thing; the others are given as empty, not left to the factory.
NO_TARGET = {"person_id": None, "organisation_id": None, "event_id": None}

new_section = Builder(SectionFactory)
new_photo = Builder(PhotoFactory)
new_photo_person = Builder(PhotoPersonFactory)
new_article = Builder(ArticleFactory)
new_author = Builder(ArticleAuthorFactory)
new_placement = Builder(ArticlePhotoFactory)
new_mention = Builder(MentionFactory)
new_quote = Builder(QuoteFactory)
new_link = Builder(RelatedLinkFactory)


def generate_sections(run):
    """The standard sections, reusing any already there by name."""
    existing = {s.name: s for s in Section.objects.filter(name__in=[n for n, _ in words.SECTIONS])}
    slugs = Slugs(Section)
    missing = [
        new_section(name=name, slug=slugs(name), description=description, order=order)
        for order, (name, description) in enumerate(words.SECTIONS)
        if name not in existing
    ]
    with run.progress.phase("Sections", len(words.SECTIONS)), run.atomic():
        run.insert(Section, missing)
    return [s.pk for s in [*existing.values(), *missing]]


def generate_tags(run):
    existing = dict(Tag.objects.filter(name__in=words.TAGS).values_list("name", "pk"))
    slugs = Slugs(Tag)
    missing = [Tag(name=name, slug=slugs(name)) for name in words.TAGS if name not in existing]
    with run.progress.phase("Tags", len(words.TAGS)), run.atomic():
        run.insert(Tag, missing)
    return [*existing.values(), *(tag.pk for tag in missing)]


def generate_photos(run, total, people, organisations, events, photographers):
    rng = run.rng
    images = shared_images()
    pks = []
    with run.progress.phase("Photos", total) as phase:
        for size in run.batches(total):
            with run.atomic():
                photos, shown = [], []
                for _ in range(size):
                    event = rng.choice(events) if events and rng.random() < 0.6 else None
                    subjects = run.pick(people, rng.choice((0, 1, 1, 2, 3)))
                    place = rng.choice(words.PLACES)
                    where = event.name if event else place
                    names = ", ".join(p.name for p in subjects) or "Guests"
                    photographer = rng.choice(photographers) if photographers else None
                    agency = rng.choice(words.CREDIT_AGENCIES)
                    photo = new_photo(
                        image=rng.choice(images),
                        width=SIZE[0],
                        height=SIZE[1],
                        caption=f"{names} {rng.choice(words.PHOTO_SCENES)} {where}.",
                        credit=(
                            f"{photographer.name.upper()} / {agency}"
                            if photographer and agency == "STAFF PHOTO"
                            else agency
                        ),
                        photographer_id=photographer.pk if photographer else None,
                        source_id=(
                            rng.choice(organisations).pk
                            if organisations and agency == "HANDOUT"
                            else None
                        ),
                        alt_text=f"{len(subjects) or 'Several'} people at {where}",
                        taken_on=event.start_date if event else run.date_within(ARCHIVE_DAYS),
                        place=place,
                        event_id=event.pk if event else None,
                    )
                    photo.subjects = subjects
                    photos.append(photo)
                # No post_save here, so no renditions: pages make them on first view.
                run.insert(Photo, photos)
                for photo in photos:
                    shown.extend(
                        new_photo_person(photo_id=photo.pk, person_id=person.pk, order=order)
                        for order, person in enumerate(photo.subjects)
                    )
                run.insert(PhotoPerson, shown)
            pks.extend(photo.pk for photo in photos)
            run.progress.advance(phase, size)
    return pks


class _Story:
    """One article being made, with the parts that need its id once inserted."""

    def __init__(self, run, ctx):
        rng = run.rng
        self.people = run.pick(ctx.people, rng.randint(2, 4))
        self.organisations = run.pick(ctx.organisations, rng.randint(1, 2))
        self.events = run.pick(ctx.events, 1) if rng.random() < 0.5 else []
        status = rng.choices(list(STATUS_WEIGHTS), weights=STATUS_WEIGHTS.values())[0]
        self.published_at = self._published_at(run, status)
        subject = rng.choice(
            [o.short_name or o.name for o in self.organisations] + [p.name for p in self.people]
        )
        quoted = self.people[: rng.randint(0, 3)]
        self.quotes = [(person, text.claim(rng)) for person in quoted]
        on = (self.published_at or run.now).date()
        headline = text.headline(rng, subject)
        self.article = new_article(
            kicker=rng.choice(words.KICKERS),
            headline=headline,
            slug=ctx.slugs(headline),
            standfirst=text.standfirst(rng, subject),
            body=text.body(
                rng,
                [(p.name, _title_on(p, on)) for p in self.people],
                [o.name for o in self.organisations],
                [e.name for e in self.events],
                [(p.name, quote) for p, quote in self.quotes],
            ),
            dateline=rng.choice(words.PLACES),
            section_id=rng.choice(ctx.sections),
            status=status,
            published_at=self.published_at,
            first_published_at=self.published_at if status in Article.LIVE_STATUSES else None,
            lead_photo_id=rng.choice(ctx.photos) if ctx.photos and rng.random() < 0.7 else None,
            contact_email="",  # no contact line under generated stories
        )
        self.authors = run.pick(ctx.reporters, rng.choice((1, 1, 1, 2)))
        self.tags = run.pick(ctx.tags, rng.randint(1, 4))
        self.placed = run.pick(ctx.photos, rng.choice((0, 0, 1, 2)))
        self.links = rng.choice((0, 0, 1, 2))

    @staticmethod
    def _published_at(run, status):
        if status in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
            return None
        if status == Article.Status.SCHEDULED:
            return run.now + datetime.timedelta(minutes=run.rng.randint(60, 30 * 24 * 60))
        return run.now - datetime.timedelta(minutes=run.rng.randint(60, ARCHIVE_DAYS * 24 * 60))

    def parts(self, run, ctx, earlier):
        """The rows that point at the inserted article, by model."""
        rng, pk, decided_at = run.rng, self.article.pk, self.published_at or run.now
        mentions = [
            *(("person_id", p.pk, p.name) for p in self.people),
            *(("organisation_id", o.pk, o.name) for o in self.organisations),
            *(("event_id", e.pk, e.name) for e in self.events),
        ]
        statuses = rng.choices(list(MENTION_WEIGHTS), MENTION_WEIGHTS.values(), k=len(mentions))
        targets = run.pick(earlier, self.links)
        yield (
            Mention,
            [
                new_mention(
                    article_id=pk,
                    status=status,
                    snippet=name[:300],
                    decided_at=None if status == Mention.Status.SUGGESTED else decided_at,
                    **{**NO_TARGET, field: target},
                )
                for (field, target, name), status in zip(mentions, statuses, strict=True)
            ],
        )
        event = self.events[0].pk if self.events else None
        yield (
            Quote,
            [
                new_quote(article_id=pk, person_id=p.pk, event_id=event, text=quote, order=order)
                for order, (p, quote) in enumerate(self.quotes)
            ],
        )
        yield (
            ArticleAuthor,
            [
                new_author(article_id=pk, person_id=p.pk, order=order)
                for order, p in enumerate(self.authors)
            ],
        )
        yield (
            Article.events.through,
            [Article.events.through(article_id=pk, event_id=e.pk) for e in self.events],
        )
        yield (
            TaggedItem,
            [
                TaggedItem(content_type_id=ctx.content_type, object_id=pk, tag_id=tag)
                for tag in self.tags
            ],
        )
        yield (
            ArticlePhoto,
            [
                new_placement(article_id=pk, photo_id=photo, order=order)
                for order, photo in enumerate(self.placed)
            ],
        )
        yield (
            RelatedLink,
            [
                new_link(article_id=pk, target_article_id=target, order=order)
                for order, target in enumerate(targets)
            ]
            + (
                [
                    new_link(
                        article_id=pk,
                        target_article_id=None,
                        url=rng.choice(words.EXTERNAL_SITES),
                        title="More background",
                        order=len(targets),
                    )
                ]
                if rng.random() < 0.1
                else []
            ),
        )


def _title_on(person, date):
    held = [p for p in person.positions if p.held_on(date)]
    return f"{held[0].title} of {held[0].organisation.name}" if held else ""


class _Context:
    def __init__(self, **values):
        self.__dict__.update(values)


def generate_articles(run, total, *, sections, people, organisations, events, photos, tags):
    # A small pool files most bylines, as staff reporters do.
    reporters = people[: max(1, len(people) // 50)] if people else []
    ctx = _Context(
        sections=sections,
        people=people,
        organisations=organisations,
        events=events,
        photos=photos,
        tags=tags,
        reporters=reporters,
        slugs=Slugs(Article),
        content_type=ContentType.objects.get_for_model(Article).pk,
    )
    earlier = []
    with run.progress.phase("Articles", total) as phase:
        for size in run.batches(total):
            with run.atomic():
                stories = [_Story(run, ctx) for _ in range(size)]
                articles = run.insert(Article, [story.article for story in stories])
                # Filed when they went out, not when generated: no false "updated" line.
                # The ids of one insert are consecutive in practice, hence a range.
                Article.objects.filter(
                    pk__range=(articles[0].pk, articles[-1].pk), published_at__lte=run.now
                ).update(created_at=F("published_at"), updated_at=F("published_at"))
                rows = {}
                for story in stories:
                    for model, objs in story.parts(run, ctx, earlier):
                        rows.setdefault(model, []).extend(objs)
                for model, objs in rows.items():
                    run.insert(model, objs)
            earlier.extend(article.pk for article in articles)
            run.progress.advance(phase, size)
