import datetime

import factory
from factory.django import DjangoModelFactory

from entities.models import (
    Appearance,
    Document,
    DocumentPublisher,
    Event,
    EventSeries,
    EventSupport,
    Organisation,
    Person,
    Position,
)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    given_names = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    display_name = factory.LazyAttributeSequence(
        lambda o, n: f"{o.given_names} {o.family_name} {n}"
    )
    bio = factory.Faker("sentence")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Institute {n}")
    kind = Organisation.Kind.COMPANY
    city = "Hong Kong"


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "director"


class EventSeriesFactory(DjangoModelFactory):
    class Meta:
        model = EventSeries

    name = factory.Sequence(lambda n: f"Annual Innovation Forum {n}")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Innovation Forum {n}")
    kind = Event.Kind.FORUM
    start_date = datetime.date(2026, 1, 22)
    venue = "Convention Centre"
    city = "Hong Kong"
    status = Event.Status.HELD


class EventSupportFactory(DjangoModelFactory):
    class Meta:
        model = EventSupport

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    nature = "academic support"


class AppearanceFactory(DjangoModelFactory):
    class Meta:
        model = Appearance

    person = factory.SubFactory(PersonFactory)
    event = factory.SubFactory(EventFactory)
    role = Appearance.Role.SPEAKER


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Technology Cities Report {n}")
    event = factory.SubFactory(EventFactory)


class DocumentPublisherFactory(DjangoModelFactory):
    class Meta:
        model = DocumentPublisher

    document = factory.SubFactory(DocumentFactory)
    organisation = factory.SubFactory(OrganisationFactory)
