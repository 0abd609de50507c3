from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import TaggedItem

from articles.demo.generator.builders import Builder
from articles.factories import ArticleFactory, MentionFactory
from articles.models import Article, ArticlePhoto, Mention, Photo, PhotoPerson, Quote
from entities.factories import OrganisationFactory, PersonFactory, PositionFactory
from entities.models import Appearance, Event, Organisation, Person, Position

pytestmark = pytest.mark.django_db

SMALL = {"articles": 50, "people": 20, "organisations": 10, "events": 8, "photos": 15}


def generate(*extra, **sizes):
    out, err = StringIO(), StringIO()
    options = [f"--{name}={value}" for name, value in {**SMALL, **sizes}.items()]
    call_command("generate_newsroom", *options, *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_creates_the_requested_numbers_of_each():
    out, err = generate("--seed=1")
    assert Article.objects.count() == 50
    assert Person.objects.count() == 20
    assert Organisation.objects.count() == 10
    assert Event.objects.count() == 8
    assert Photo.objects.count() == 15
    assert "Done in" in out
    # Not a terminal: one finished line per phase.
    assert [line.split()[0] for line in err.splitlines()] == [
        *("Sections", "Organisations", "People", "Events", "Photos", "Tags", "Articles"),
    ]


def test_fills_in_the_relations():
    generate("--seed=2")
    assert Position.objects.count() >= 20
    assert Position.objects.filter(end_date__isnull=False).exists()
    assert Organisation.objects.filter(parent__isnull=False).exists()
    assert Appearance.objects.filter(event__in=Event.objects.all()).count() >= 2 * 8
    assert 4 <= Mention.objects.count() / 50 <= 6
    assert Mention.objects.filter(status=Mention.Status.CONFIRMED).count() > (
        Mention.objects.exclude(status=Mention.Status.CONFIRMED).count()
    )
    assert Quote.objects.exists()
    assert TaggedItem.objects.filter(object_id__in=Article.objects.values("pk")).exists()
    assert ArticlePhoto.objects.exists()
    assert PhotoPerson.objects.exists()
    for photo in Photo.objects.filter(people_in_photo__isnull=False).distinct():
        orders = list(photo.people_in_photo.values_list("order", flat=True))
        assert orders == list(range(len(orders)))


def test_articles_name_what_they_mention():
    generate("--seed=3")
    for mention in Mention.objects.select_related("article", "person", "organisation", "event"):
        assert mention.snippet in mention.article.body.replace("&#x27;", "'")


def test_mixes_statuses_with_most_published():
    generate("--seed=4", articles=200)
    assert Article.objects.published().count() > 100
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    statuses = set(Article.objects.values_list("status", flat=True))
    assert {Article.Status.PUBLISHED, Article.Status.DRAFT} <= statuses


def test_slugs_stay_unique_beside_existing_content():
    generate("--seed=5")
    generate("--seed=5", "--force")
    assert Article.objects.count() == 100
    assert Article.objects.values("slug").distinct().count() == 100
    assert Person.objects.values("slug").distinct().count() == 40


def _content(model, *fields, after=0):
    return list(model.objects.filter(pk__gt=after).order_by("pk").values_list(*fields))


def test_the_same_seed_gives_the_same_content():
    generate("--seed=6")
    first = (
        _content(Article, "headline", "body", "status"),
        _content(Person, "display_name"),
        _content(Organisation, "name"),
    )
    last = (
        Article.objects.latest("pk").pk,
        Person.objects.latest("pk").pk,
        Organisation.objects.latest("pk").pk,
    )
    generate("--seed=6", "--force")
    again = (
        _content(Article, "headline", "body", "status", after=last[0]),
        _content(Person, "display_name", after=last[1]),
        _content(Organisation, "name", after=last[2]),
    )
    assert again == first


def test_another_seed_gives_other_content():
    generate("--seed=7")
    first = _content(Article, "headline")
    last = Article.objects.latest("pk").pk
    generate("--seed=8", "--force")
    assert _content(Article, "headline", after=last) != first


def test_refuses_a_database_that_already_has_articles():
    Article.objects.create(headline="A real story")
    with pytest.raises(CommandError, match="--force"):
        generate()
    assert Article.objects.count() == 1
    generate("--force")
    assert Article.objects.count() == 51


def test_the_public_pages_render_the_generated_content(client):
    generate("--seed=9")
    article = Article.objects.published().filter(lead_photo__isnull=False).first()
    person = Mention.objects.filter(person__isnull=False).first().person
    event = Appearance.objects.first().event
    for url in [
        "/",
        article.get_absolute_url(),
        person.get_absolute_url(),
        event.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_queries_grow_with_batches_not_rows():
    with CaptureQueriesContext(connection) as small:
        generate("--seed=10", articles=50)
    with CaptureQueriesContext(connection) as large:
        generate("--seed=10", "--force", articles=200)
    assert len(large) - len(small) < 50


def test_a_builder_makes_what_the_factory_would_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        built = Builder(OrganisationFactory)(name="Harbour Labs", slug="harbour-labs")
        position = Builder(PositionFactory)(person_id=7, organisation_id=9)
    expected = OrganisationFactory.build(name="Harbour Labs", slug="harbour-labs")
    assert built.pk is None
    assert (built.name, built.kind, built.city) == (expected.name, expected.kind, expected.city)
    # A relation given by its column stands for the factory's sub-factory.
    assert (position.person_id, position.organisation_id) == (7, 9)
    assert position.title == PositionFactory.build(person=None, organisation=None).title


def test_a_builder_names_what_the_factory_would_compute_for_each_row():
    with pytest.raises(TypeError, match=r"PersonFactory computes bio\b"):
        Builder(PersonFactory)(display_name="Tim Cheng", given_names="Tim", family_name="Cheng")
    with pytest.raises(TypeError, match=r"computes .*\bsection\b"):
        Builder(ArticleFactory)(headline="A story", standfirst="", status="draft")
    with pytest.raises(TypeError, match=r"computes person\b"):
        Builder(MentionFactory)(article_id=1, organisation_id=2, snippet="Harbour Labs")
