import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import ProtectedError
from django.urls import reverse

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QuoteFactory,
)
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from tests.workflow_helpers import client_for

pytestmark = pytest.mark.django_db


def person_mentioned():
    person = PersonFactory()
    MentionFactory(person=person, article=ArticleFactory(headline="Mentioned here"))
    return person, "Mention: "


def person_quoted():
    person = PersonFactory()
    QuoteFactory(person=person, text="We start trials in spring.")
    return person, "We start trials in spring."


def person_shown_in_photo():
    person = PersonFactory()
    PhotoPersonFactory(person=person)
    return person, "Person shown: "


def person_photographer():
    person = PersonFactory()
    PhotoFactory(photographer=person, caption="Engineers at the lab bench")
    return person, "Photo: Engineers at the lab bench"


def person_author():
    person = PersonFactory()
    ArticleAuthorFactory(person=person, article=ArticleFactory(headline="Bylined story"))
    return person, "Bylined story"


def person_speaker():
    person = PersonFactory()
    AppearanceFactory(person=person, event=EventFactory(name="Data Summit"))
    return person, "Data Summit"


def organisation_mentioned():
    organisation = OrganisationFactory()
    MentionFactory(person=None, organisation=organisation, article=ArticleFactory())
    return organisation, "Mention: "


def organisation_employer():
    organisation = OrganisationFactory()
    PositionFactory(organisation=organisation, title="chief scientist")
    return organisation, "chief scientist"


def organisation_host():
    organisation = OrganisationFactory()
    EventFactory(name="Makers Fair").hosts.add(organisation)
    return organisation, "Makers Fair"


def organisation_publisher():
    organisation = OrganisationFactory()
    DocumentPublisherFactory(
        organisation=organisation, document=DocumentFactory(title="Skills Survey")
    )
    return organisation, "Skills Survey"


def organisation_in_photo():
    organisation = OrganisationFactory()
    PhotoFactory(caption="Signing ceremony on stage").organisations_shown.add(organisation)
    return organisation, "Signing ceremony on stage"


def event_mentioned():
    event = EventFactory()
    MentionFactory(person=None, event=event, article=ArticleFactory())
    return event, "Mention: "


def event_covered():
    event = EventFactory()
    ArticleFactory(headline="Forum wrap-up").events.add(event)
    return event, "Forum wrap-up"


def event_quote():
    event = EventFactory()
    QuoteFactory(event=event, text="The panel agreed on shared standards.")
    return event, "The panel agreed on shared standards."


def event_photo():
    event = EventFactory()
    PhotoFactory(event=event, caption="Audience at the opening")
    return event, "Audience at the opening"


def event_document():
    event = EventFactory()
    DocumentFactory(event=event, title="Harbour Report")
    return event, "Harbour Report"


def event_programme():
    event = EventFactory()
    AppearanceFactory(event=event, person=PersonFactory(display_name="Ada Wong"))
    return event, "Ada Wong"


USES = [
    person_mentioned,
    person_quoted,
    person_shown_in_photo,
    person_photographer,
    person_author,
    person_speaker,
    organisation_mentioned,
    organisation_employer,
    organisation_host,
    organisation_publisher,
    organisation_in_photo,
    event_mentioned,
    event_covered,
    event_quote,
    event_photo,
    event_document,
    event_programme,
]


FACTORIES = {
    "person": PersonFactory,
    "organisation": OrganisationFactory,
    "event": EventFactory,
}


def urls_for(obj):
    opts = obj._meta
    return (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk]),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
    )


@pytest.mark.parametrize("make_use", USES, ids=[f.__name__ for f in USES])
def test_delete_page_refuses_an_entity_in_use(moderator, make_use):
    obj, use = make_use()
    delete_url, changelist_url = urls_for(obj)
    client = client_for(moderator)

    page = client.get(delete_url)
    html = page.content.decode()
    assert "cannot be deleted" in html
    assert use in html
    assert "merge it instead" in html
    assert changelist_url in html

    refused = client.post(delete_url, {"post": "yes"})

    assert refused.status_code == 200
    assert "cannot be deleted" in refused.content.decode()
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("make_use", USES, ids=[f.__name__ for f in USES])
def test_bulk_delete_refuses_an_entity_in_use(moderator, make_use):
    obj, use = make_use()
    unused = FACTORIES[obj._meta.model_name]()
    _, changelist_url = urls_for(obj)
    data = {
        "action": "delete_selected",
        ACTION_CHECKBOX_NAME: [obj.pk, unused.pk],
        "post": "yes",
    }

    response = client_for(moderator).post(changelist_url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be deleted" in html
    assert use in html
    # Nothing is deleted, not even the selected record that nothing uses.
    assert type(obj).objects.filter(pk__in=[obj.pk, unused.pk]).count() == 2


def test_rejected_mention_is_not_a_use(moderator):
    person = PersonFactory()
    MentionFactory(person=person, status="rejected")
    delete_url, _ = urls_for(person)

    response = client_for(moderator).post(delete_url, {"post": "yes"})

    assert response.status_code == 302
    assert not type(person).objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("factory", [PersonFactory, OrganisationFactory, EventFactory])
def test_unused_entities_still_delete(moderator, factory):
    obj = factory()
    other = factory()
    if factory is PersonFactory:
        # A person's own positions go with them.
        PositionFactory(person=obj)
    delete_url, changelist_url = urls_for(obj)
    client = client_for(moderator)

    assert "cannot be deleted" not in client.get(delete_url).content.decode()
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    response = client.post(
        changelist_url,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not factory._meta.model.objects.filter(pk__in=[obj.pk, other.pk]).exists()


def test_long_lists_are_summed_up(moderator):
    person = PersonFactory()
    for n in range(12):
        QuoteFactory(person=person, text=f"Remark number {n}")
    delete_url, _ = urls_for(person)

    html = client_for(moderator).get(delete_url).content.decode()

    assert html.count("Quote: ") == 10
    assert "and 2 more quotes" in html


@pytest.mark.parametrize("make_use", USES, ids=[f.__name__ for f in USES])
def test_deleting_in_code_is_refused_too(make_use):
    # The shell, a script or a queryset: refused as in the admin, whether by a
    # protecting foreign key or, for the uses that would cascade, by the check.
    obj, _ = make_use()
    model = type(obj)
    for delete in (obj.delete, model.objects.filter(pk=obj.pk).delete):
        with pytest.raises(ProtectedError):
            delete()
        assert model.objects.filter(pk=obj.pk).exists()


def test_uses_that_would_cascade_are_named_in_the_refusal():
    person, use = person_mentioned()
    with pytest.raises(ProtectedError, match="Merge it into the record") as refused:
        person.delete()
    assert use in str(refused.value)
    assert person.mentions.exists()


def test_deleting_unused_entities_in_code_still_works():
    person = PersonFactory()
    PositionFactory(person=person)
    person.delete()
    EventFactory().delete()
    OrganisationFactory.create_batch(2)
    OrganisationFactory._meta.model.objects.all().delete()
    assert not PersonFactory._meta.model.objects.exists()
