import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    KeyIssue,
    Mention,
    Photo,
    PhotoPerson,
    ProsConsPoint,
    QAPair,
    Quote,
    RelatedLink,
    Section,
)
from entities.factories import PersonFactory


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Section {n}")


class ArticleFactory(DjangoModelFactory):
    """A published article by default; use `ArticleFactory(draft=True)` for a draft."""

    class Meta:
        model = Article

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)

    kicker = "Forum"
    headline = factory.Sequence(lambda n: f"City expands research funding, round {n}")
    standfirst = factory.Faker("sentence", nb_words=16)
    body = factory.LazyAttribute(lambda o: "<p>Officials announced a new programme.</p>")
    dateline = "Hong Kong"
    section = factory.SubFactory(SectionFactory, name="Innovation")
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    contact_email = "desk@example.org"


class ArticleAuthorFactory(DjangoModelFactory):
    class Meta:
        model = ArticleAuthor

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)


class PhotoFactory(DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.django.ImageField(width=64, height=48, color="steelblue")
    caption = factory.Faker("sentence")
    credit = "NEWSDESK STAFF"
    alt_text = "Speakers on a stage"


class PhotoPersonFactory(DjangoModelFactory):
    class Meta:
        model = PhotoPerson

    photo = factory.SubFactory(PhotoFactory)
    person = factory.SubFactory(PersonFactory)


class ArticlePhotoFactory(DjangoModelFactory):
    class Meta:
        model = ArticlePhoto

    article = factory.SubFactory(ArticleFactory)
    photo = factory.SubFactory(PhotoFactory)


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    text = "Capital has to follow the science, not the other way round."


class QAPairFactory(DjangoModelFactory):
    class Meta:
        model = QAPair

    article = factory.SubFactory(ArticleFactory)
    question = "What does the agreement cover?"
    answer = "Research funding and training for engineers."


class KeyIssueFactory(DjangoModelFactory):
    class Meta:
        model = KeyIssue

    article = factory.SubFactory(ArticleFactory)
    title = "Talent"
    text = "Employers report a shortage of trained engineers."


class ProsConsPointFactory(DjangoModelFactory):
    class Meta:
        model = ProsConsPoint

    article = factory.SubFactory(ArticleFactory)
    kind = ProsConsPoint.Kind.PRO
    text = "More skilled jobs."


class RelatedLinkFactory(DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    target_article = factory.SubFactory(ArticleFactory)


class MentionFactory(DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    snippet = factory.LazyAttribute(lambda o: o.person.display_name if o.person else "")
