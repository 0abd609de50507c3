"""Puts the demo newsroom into the database, adding only what is missing.

Each demo object is found by its natural key (a slug, a name, a username, a
photo's file name). One that exists is left exactly as it is, together with
everything hanging off it, so a re-run never undoes an editor's work; one that
is missing is created whole, with its positions, appearances, blocks, links and
mentions.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction

from articles.demo import accounts, content, images
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    KeyIssueFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    ProsConsPointFactory,
    QAPairFactory,
    QuoteFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from articles.flatpages import ensure_flat_pages
from articles.models import Article, Mention, Photo, ProsConsPoint
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    EventSeriesFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)


@dataclass
class Result:
    created: Counter = field(default_factory=Counter)  # model label -> rows created
    passwords: dict = field(default_factory=dict)  # username -> password set in this run


def photo_filename(spec):
    # The folder follows the field's upload_to, but dated by when the picture
    # was taken, so the name (the photo's natural key) is the same on every run.
    return f"photos/{spec['taken_on']:%Y/%m}/demo-{spec['key']}.jpg"


@transaction.atomic
def load_demo(reset_passwords=False):
    """Load what is missing, all or nothing; `reset_passwords` renews existing logins too."""
    return _Loader().load(reset_passwords)


def _without(spec, *keys):
    return {name: value for name, value in spec.items() if name not in keys}


class _Loader:
    def __init__(self):
        self.result = Result()

    def load(self, reset_passwords):
        self.users, self.result.passwords = accounts.ensure_accounts(reset_passwords)
        # The footer's standing pages, in case a test database lost them.
        ensure_flat_pages()
        self.sections = {spec["name"]: self.section(spec) for spec in content.SECTIONS}
        self.organisations = {}
        # Not a comprehension: a parent must be in the map before its children.
        for spec in content.ORGANISATIONS:
            self.organisations[spec["slug"]] = self.organisation(spec)
        self.people = {spec["slug"]: self.person(spec) for spec in content.PEOPLE}
        self.series = {
            spec["slug"]: self.ensure(
                EventSeriesFactory, {"slug": spec["slug"]}, **_without(spec, "slug")
            )[0]
            for spec in content.EVENT_SERIES
        }
        self.events = {spec["slug"]: self.event(spec) for spec in content.EVENTS}
        self.documents = {spec["slug"]: self.document(spec) for spec in content.DOCUMENTS}
        self.photos = {spec["key"]: self.photo(spec) for spec in content.PHOTOS}
        created = [spec for spec in content.ARTICLES if self.article(spec)]
        # Links point both ways, so they wait until every article exists.
        for spec in created:
            self.links(spec)
        return self.result

    def ensure(self, factory, lookup, **values):
        """The row matching `lookup`, or a new one the factory builds from it and `values`.

        The demo gives its own value for every field the factory declares, so
        what the factory adds is only what a schema change has added to it.
        The new row is validated before it is saved.
        """
        model = factory._meta.get_model_class()
        obj = model._default_manager.filter(**lookup).first()
        if obj is not None:
            return obj, False
        obj = factory.build(**lookup, **values)
        obj.full_clean()
        obj.save()
        self.result.created[model._meta.label] += 1
        return obj, True

    def section(self, spec):
        return self.ensure(SectionFactory, {"name": spec["name"]}, **_without(spec, "name"))[0]

    def organisation(self, spec):
        parent = self.organisations[spec["parent"]] if "parent" in spec else None
        fields = _without(spec, "slug", "parent")
        return self.ensure(OrganisationFactory, {"slug": spec["slug"]}, parent=parent, **fields)[0]

    def person(self, spec):
        fields = _without(spec, "slug", "positions")
        person, created = self.ensure(PersonFactory, {"slug": spec["slug"]}, **fields)
        if created:
            for organisation, title in spec["positions"]:
                self.ensure(
                    PositionFactory,
                    {"person": person, "organisation": self.organisations[organisation]},
                    title=title,
                )
        return person

    def event(self, spec):
        fields = _without(spec, "slug", "hosts", "supporters", "appearances", "series")
        if "series" in spec:
            fields["series"] = self.series[spec["series"]]
        event, created = self.ensure(EventFactory, {"slug": spec["slug"]}, **fields)
        if not created:
            return event
        event.hosts.set([self.organisations[slug] for slug in spec.get("hosts", [])])
        for order, (organisation, nature) in enumerate(spec.get("supporters", [])):
            self.ensure(
                EventSupportFactory,
                {"event": event, "organisation": self.organisations[organisation]},
                nature=nature,
                order=order,
            )
        for order, appearance in enumerate(spec.get("appearances", [])):
            person = self.people[appearance["person"]]
            self.ensure(
                AppearanceFactory,
                {"event": event, "person": person, "role": appearance["role"]},
                position=person.positions.filter(
                    organisation=self.organisations[appearance["position"]]
                ).first(),
                session=appearance.get("session", ""),
                order=order,
            )
        return event

    def document(self, spec):
        fields = _without(spec, "slug", "event", "publishers")
        document, created = self.ensure(
            DocumentFactory, {"slug": spec["slug"]}, event=self.events[spec["event"]], **fields
        )
        if created:
            for order, organisation in enumerate(spec["publishers"]):
                self.ensure(
                    DocumentPublisherFactory,
                    {"document": document, "organisation": self.organisations[organisation]},
                    order=order,
                )
        return document

    def photo(self, spec):
        name = photo_filename(spec)
        existing = Photo.objects.filter(image=name).first()
        if existing is not None:
            return existing
        storage = Photo._meta.get_field("image").storage
        # Files outlive their rows (deleted photos, rolled-back loads): reuse
        # the picture rather than leave a renamed copy beside it.
        if not storage.exists(name):
            name = storage.save(name, ContentFile(images.render(spec["label"], spec["colours"])))
        fields = _without(
            spec, "key", "label", "colours", "photographer", "source", "event", "people"
        )
        photo, _ = self.ensure(
            PhotoFactory,
            {"image": name},
            photographer=self.people.get(spec.get("photographer")),
            source=self.organisations[spec["source"]],
            event=self.events[spec["event"]],
            uploaded_by=self.users["reporter"],
            **fields,
        )
        for order, person in enumerate(spec["people"]):
            self.ensure(
                PhotoPersonFactory, {"photo": photo, "person": self.people[person]}, order=order
            )
        return photo

    def article(self, spec):
        """Create the article with all its parts; False when it already existed."""
        parts = (
            *("authors", "tags", "events", "lead_photo", "photos", "qa", "key_issues"),
            *("pros", "cons", "quotes", "mentions", "links", "documents"),
        )
        article, created = self.ensure(
            ArticleFactory,
            {"slug": spec["slug"]},
            status=Article.Status.PUBLISHED,
            section=self.sections[spec["section"]],
            lead_photo=self.photos[spec["lead_photo"]],
            created_by=self.users["reporter"],
            **_without(spec, "slug", "section", *parts),
        )
        if not created:
            return False
        article.tags.add(*spec["tags"])
        article.events.set([self.events[slug] for slug in spec["events"]])
        article.documents.set([self.documents[slug] for slug in spec.get("documents", [])])
        for order, person in enumerate(spec["authors"]):
            self.ensure(
                ArticleAuthorFactory,
                {"article": article, "person": self.people[person]},
                order=order,
            )
        for order, key in enumerate(spec["photos"]):
            self.ensure(
                ArticlePhotoFactory, {"article": article, "photo": self.photos[key]}, order=order
            )
        for order, (question, answer) in enumerate(spec["qa"]):
            self.ensure(
                QAPairFactory,
                {"article": article, "order": order},
                question=question,
                answer=answer,
            )
        for order, (title, text) in enumerate(spec["key_issues"]):
            self.ensure(
                KeyIssueFactory, {"article": article, "order": order}, title=title, text=text
            )
        for kind, points in [(ProsConsPoint.Kind.PRO, "pros"), (ProsConsPoint.Kind.CON, "cons")]:
            for order, text in enumerate(spec[points]):
                self.ensure(
                    ProsConsPointFactory,
                    {"article": article, "kind": kind, "order": order},
                    text=text,
                )
        for order, quote in enumerate(spec["quotes"]):
            self.ensure(
                QuoteFactory,
                {"article": article, "order": order},
                person=self.people[quote["person"]],
                event=self.events.get(quote["event"]),
                text=quote["text"],
            )
        targets = {"person": self.people, "organisation": self.organisations, "event": self.events}
        for kind, slug, snippet in spec["mentions"]:
            # A mention points at one thing: the other targets are empty.
            others = {other: None for other in targets if other != kind}
            self.ensure(
                MentionFactory,
                {"article": article, kind: targets[kind][slug]},
                **others,
                status=Mention.Status.CONFIRMED,
                snippet=snippet,
                decided_by=self.users["editor"],
                decided_at=article.published_at,
            )
        # The stories were filed long before the demo was loaded; an "updated
        # today" line on them would be false.
        Article.objects.filter(pk=article.pk).update(
            created_at=article.published_at, updated_at=article.published_at
        )
        return True

    def links(self, spec):
        article = Article.objects.get(slug=spec["slug"])
        for order, link in enumerate(spec["links"]):
            target = Article.objects.get(slug=link["article"]) if "article" in link else None
            self.ensure(
                RelatedLinkFactory,
                {"article": article, "order": order},
                label=link["label"],
                target_article=target,
                url=link.get("url", ""),
                title=link.get("title", ""),
            )
