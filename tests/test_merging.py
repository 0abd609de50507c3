import pytest
from django.urls import reverse

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QuoteFactory,
)
from articles.models import ArticleAuthor, Mention, PhotoPerson
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.merging import MOVERS, MergeError, merge
from entities.models import (
    Appearance,
    DocumentPublisher,
    Event,
    EventSupport,
    MergeRecord,
    Organisation,
    Person,
)

pytestmark = pytest.mark.django_db

# Every relation each kind of record has, and so the merge must move.
HANDLED = {
    Person: {
        "positions",
        "appearances",
        "mentions",
        "quotes",
        "bylines",
        "authored_articles",
        "photo_appearances",
        "photos_shown_in",
        "photos_taken",
        "merges",
    },
    Organisation: {
        "positions",
        "children",
        "hosted_events",
        "supported_events",
        "event_supports",
        "documents",
        "publications",
        "mentions",
        "photos_provided",
        "photos_shown_in",
        "merges",
    },
    Event: {
        "appearances",
        "supports",
        "documents",
        "mentions",
        "quotes",
        "photos",
        "articles",
        "merges",
    },
}


@pytest.mark.parametrize("model", list(MOVERS), ids=lambda model: model.__name__)
def test_every_relation_of_a_merged_record_is_known_to_the_merge(model):
    relations = {relation.get_accessor_name() for relation in model._meta.related_objects} | {
        field.name for field in model._meta.many_to_many
    }
    relations -= {"supporters", "hosts", "publishers"}  # forward sides of the moved rows
    assert relations <= HANDLED[model] | {"people_shown"}


def test_merging_people_moves_every_relation_and_resolves_collisions(admin_user):
    keep = PersonFactory(display_name="Tim Cheng", aliases=["Cheng Kwang-ting"])
    dupe = PersonFactory(display_name="Timothy Cheng", aliases=["鄭光廷", "tim cheng"])
    PositionFactory.create_batch(2, person=dupe)
    PositionFactory(person=keep)
    event = EventFactory()
    AppearanceFactory(person=keep, event=event, role=Appearance.Role.SPEAKER)
    AppearanceFactory(person=dupe, event=event, role=Appearance.Role.SPEAKER)  # collides
    AppearanceFactory(person=dupe, event=event, role=Appearance.Role.PANELLIST)
    shared = ArticleFactory()
    MentionFactory(article=shared, person=keep, status=Mention.Status.REJECTED)
    MentionFactory(article=shared, person=dupe, status=Mention.Status.CONFIRMED)
    other = ArticleFactory()
    MentionFactory(article=other, person=keep, status=Mention.Status.CONFIRMED)
    MentionFactory(article=other, person=dupe, status=Mention.Status.SUGGESTED)
    MentionFactory(person=dupe)
    QuoteFactory.create_batch(2, person=dupe)
    ArticleAuthorFactory(article=shared, person=keep)
    ArticleAuthorFactory(article=shared, person=dupe)  # collides
    ArticleAuthorFactory(article=other, person=dupe, order=3)
    photo = PhotoFactory()
    PhotoPersonFactory(photo=photo, person=keep, order=0)
    PhotoPersonFactory(photo=photo, person=dupe, order=1)  # collides
    PhotoPersonFactory(person=dupe, order=2)
    PhotoFactory(photographer=dupe)
    dupe_pk, dupe_slug = dupe.pk, dupe.slug

    record = merge(dupe, keep, user=admin_user)

    assert not Person.objects.filter(pk=dupe_pk).exists()
    keep.refresh_from_db()
    assert keep.positions.count() == 3
    assert sorted(keep.appearances.values_list("role", flat=True)) == ["panellist", "speaker"]
    assert dict(keep.mentions.values_list("article", "status")) == {
        shared.pk: "confirmed",
        other.pk: "confirmed",
        **{m.article_id: "suggested" for m in keep.mentions.exclude(article__in=[shared, other])},
    }
    assert keep.mentions.count() == 3
    assert keep.quotes.count() == 2
    assert list(
        ArticleAuthor.objects.filter(person=keep).order_by("order").values_list("article", "order")
    ) == [
        (shared.pk, 0),
        (other.pk, 3),
    ]
    assert list(PhotoPerson.objects.filter(photo=photo).values_list("person", "order")) == [
        (keep.pk, 0)
    ]
    assert keep.photo_appearances.count() == 2
    assert keep.photos_taken.count() == 1
    assert keep.aliases == ["Cheng Kwang-ting", "Timothy Cheng", "鄭光廷"]

    assert record.kind == "person"
    assert record.person == keep
    assert record.merged_slug == dupe_slug
    assert record.merged_by == admin_user
    moved = MergeRecord.objects.get(pk=record.pk).moved
    assert moved["merged"]["fields"]["display_name"] == "Timothy Cheng"
    assert moved["merged"]["pk"] == dupe_pk
    assert moved["counts"]["positions"] == {"moved": 2, "dropped": 0}
    assert moved["counts"]["appearances"] == {"moved": 1, "dropped": 1}
    assert moved["counts"]["mentions"] == {"moved": 2, "dropped": 2}
    assert moved["counts"]["bylines"] == {"moved": 1, "dropped": 1}
    assert moved["counts"]["photos_shown"] == {"moved": 1, "dropped": 1}
    assert moved["counts"]["photos_taken"] == {"moved": 1, "dropped": 0}
    dropped_mentions = {
        row["fields"]["status"] for row in moved["relations"]["mentions"]["dropped"]
    }
    assert dropped_mentions == {"rejected", "suggested"}


def test_merging_organisations_moves_every_relation():
    keep = OrganisationFactory(name="Hong Kong University of Science and Technology")
    dupe = OrganisationFactory(name="HK Univ. of Sci. & Tech.", short_name="HKUST")
    PositionFactory(organisation=dupe)
    child = OrganisationFactory(parent=dupe)
    event = EventFactory()
    event.hosts.add(keep, dupe)
    EventFactory().hosts.add(dupe)
    EventSupportFactory(event=event, organisation=keep)
    EventSupportFactory(event=event, organisation=dupe)  # collides
    EventSupportFactory(organisation=dupe)
    document = DocumentFactory()
    DocumentPublisherFactory(document=document, organisation=keep)
    DocumentPublisherFactory(document=document, organisation=dupe)  # collides
    DocumentPublisherFactory(organisation=dupe)
    MentionFactory(person=None, organisation=dupe)
    PhotoFactory(source=dupe)
    shown = PhotoFactory()
    shown.organisations_shown.add(keep, dupe)
    PhotoFactory().organisations_shown.add(dupe)

    record = merge(dupe, keep)

    assert not Organisation.objects.filter(pk=dupe.pk).exists()
    assert keep.positions.count() == 1
    child.refresh_from_db()
    assert child.parent == keep
    assert keep.hosted_events.count() == 2
    assert EventSupport.objects.filter(organisation=keep).count() == 2
    assert DocumentPublisher.objects.filter(organisation=keep).count() == 2
    assert keep.mentions.count() == 1
    assert keep.photos_provided.count() == 1
    assert keep.photos_shown_in.count() == 2
    keep.refresh_from_db()
    assert keep.aliases == ["HK Univ. of Sci. & Tech.", "HKUST"]
    assert record.moved["counts"]["hosted_events"] == {"moved": 1, "dropped": 1}
    assert record.moved["counts"]["supports"] == {"moved": 1, "dropped": 1}


def test_merging_an_organisation_into_its_own_descendant_makes_no_cycle():
    top = OrganisationFactory()
    dupe = OrganisationFactory(parent=top)
    middle = OrganisationFactory(parent=dupe)
    keep = OrganisationFactory(parent=middle)

    merge(dupe, keep)

    keep.refresh_from_db()
    middle.refresh_from_db()
    assert keep.parent == top
    assert middle.parent == keep


def test_merging_events_moves_every_relation():
    keep, dupe = EventFactory(), EventFactory()
    person = PersonFactory()
    AppearanceFactory(event=keep, person=person)
    AppearanceFactory(event=dupe, person=person)  # collides
    AppearanceFactory(event=dupe)
    EventSupportFactory(event=dupe)
    dupe.hosts.add(OrganisationFactory())
    DocumentFactory(event=dupe)
    MentionFactory(person=None, event=dupe)
    QuoteFactory(event=dupe)
    PhotoFactory(event=dupe)
    article = ArticleFactory()
    article.events.add(keep, dupe)
    ArticleFactory().events.add(dupe)

    merge(dupe, keep)

    assert not Event.objects.filter(pk=dupe.pk).exists()
    assert keep.appearances.count() == 2
    assert keep.supports.count() == 1
    assert keep.hosts.count() == 1
    assert keep.documents.count() == 1
    assert keep.mentions.count() == 1
    assert keep.quotes.count() == 1
    assert keep.photos.count() == 1
    assert keep.articles.count() == 2


def test_a_record_cannot_be_merged_into_itself_or_another_kind():
    person = PersonFactory()
    with pytest.raises(MergeError):
        merge(person, person)
    with pytest.raises(MergeError):
        merge(person, OrganisationFactory())


@pytest.mark.parametrize(
    "factory, url_name",
    [
        (PersonFactory, "entities:person_detail"),
        (OrganisationFactory, "entities:organisation_detail"),
        (EventFactory, "entities:event_detail"),
    ],
)
def test_a_merged_records_address_redirects_permanently(client, factory, url_name):
    keep, dupe = factory(), factory()
    old_url = reverse(url_name, kwargs={"slug": dupe.slug})

    merge(dupe, keep)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()


def test_a_chain_of_merges_redirects_to_the_last_survivor(client):
    first, second, last = PersonFactory(), PersonFactory(), PersonFactory()
    first_url = first.get_absolute_url()
    second_url = second.get_absolute_url()

    merge(first, second)
    merge(second, last)

    for url in (first_url, second_url):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == last.get_absolute_url()
    assert (
        client.get(reverse("entities:person_detail", kwargs={"slug": "nobody"})).status_code == 404
    )


def changelist(model):
    return reverse(f"admin:entities_{model._meta.model_name}_changelist")


def test_a_moderator_merges_through_the_admin(client, moderator):
    keep, dupe = PersonFactory(display_name="Tim Cheng"), PersonFactory(display_name="T. Cheng")
    client.force_login(moderator)
    assert b"merge_selected" in client.get(changelist(Person)).content
    selected = {"action": "merge_selected", "_selected_action": [keep.pk, dupe.pk]}

    page = client.post(changelist(Person), selected)
    assert page.status_code == 200
    assert b"Keep this one" in page.content

    response = client.post(changelist(Person), {**selected, "survivor": keep.pk})

    assert response.status_code == 302
    assert not Person.objects.filter(pk=dupe.pk).exists()
    record = MergeRecord.objects.get()
    assert (record.person, record.merged_by) == (keep, moderator)
    assert (
        client.get(reverse("admin:entities_mergerecord_change", args=[record.pk])).status_code
        == 200
    )


def test_merging_needs_two_records(client, moderator):
    event = EventFactory()
    client.force_login(moderator)

    client.post(changelist(Event), {"action": "merge_selected", "_selected_action": [event.pk]})

    assert Event.objects.filter(pk=event.pk).exists()
    assert not MergeRecord.objects.exists()


def test_a_reporter_is_not_offered_the_merge(client, reporter):
    keep, dupe = OrganisationFactory(), OrganisationFactory()
    client.force_login(reporter)

    page = client.get(changelist(Organisation))
    assert page.status_code == 200
    assert b"merge_selected" not in page.content
    client.post(
        changelist(Organisation),
        {"action": "merge_selected", "_selected_action": [keep.pk, dupe.pk], "survivor": keep.pk},
    )

    assert Organisation.objects.filter(pk=dupe.pk).exists()
    assert not MergeRecord.objects.exists()
