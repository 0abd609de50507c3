from ninja import Query, Router

from articles.api import queries, schemas, serializers
from articles.api.paging import ById, paginate
from articles.api.routes.common import Paging, absolute, filtered, one
from entities.filters import EventFilter, OrganisationFilter, PersonFilter

router = Router()

PersonPage = schemas.page_of(schemas.PersonSummary, "PersonPage")
OrganisationPage = schemas.page_of(schemas.Organisation, "OrganisationPage")
EventPage = schemas.page_of(schemas.EventSummary, "EventPage")


@router.get(
    "/people/",
    response={200: PersonPage, 400: schemas.Error},
    url_name="person_list",
    tags=["people"],
)
def person_list(
    request,
    paging: Query[Paging],
    organisation: str | None = Query(None, description="Who held a position there (slug)."),
):
    """People in the news, in order of id, each with the position they hold today."""
    people = filtered(PersonFilter, request, queries.people())
    to_dict = absolute(request)
    return paginate(
        request,
        people,
        ById(),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda person: serializers.person_summary(person, to_dict),
    )


@router.get(
    "/people/{slug:slug}/",
    response={200: schemas.Person, 404: schemas.Error},
    url_name="person_detail",
    tags=["people"],
)
def person_detail(request, slug: str):
    """A person with their positions and appearances at events."""
    return serializers.person_detail(one(queries.person_detail(), slug=slug), absolute(request))


@router.get(
    "/organisations/",
    response={200: OrganisationPage, 400: schemas.Error},
    url_name="organisation_list",
    tags=["organisations"],
)
def organisation_list(
    request,
    paging: Query[Paging],
    kind: str | None = Query(None, description="e.g. university, company, government."),
):
    """Organisations, in order of id."""
    organisations = filtered(OrganisationFilter, request, queries.organisations())
    to_dict = absolute(request)
    return paginate(
        request,
        organisations,
        ById(),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda item: serializers.organisation_summary(item, to_dict),
    )


@router.get(
    "/organisations/{slug:slug}/",
    response={200: schemas.Organisation, 404: schemas.Error},
    url_name="organisation_detail",
    tags=["organisations"],
)
def organisation_detail(request, slug: str):
    return serializers.organisation_summary(
        one(queries.organisations(), slug=slug), absolute(request)
    )


@router.get(
    "/events/",
    response={200: EventPage, 400: schemas.Error},
    url_name="event_list",
    tags=["events"],
)
def event_list(
    request,
    paging: Query[Paging],
    when: str | None = Query(None, description="upcoming or past"),
    kind: str | None = Query(None, description="e.g. forum, conference, panel."),
    year: str | None = Query(None, description="The year it starts in."),
    organisation: str | None = Query(None, description="Hosted or supported by (slug)."),
):
    """Events, in order of id, with their hosts."""
    events = filtered(EventFilter, request, queries.events())
    to_dict = absolute(request)
    return paginate(
        request,
        events,
        ById(),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda event: serializers.event_summary(event, to_dict),
    )


@router.get(
    "/events/{slug:slug}/",
    response={200: schemas.Event, 404: schemas.Error},
    url_name="event_detail",
    tags=["events"],
)
def event_detail(request, slug: str):
    """An event with its hosts, supporters, programme and documents."""
    return serializers.event_detail(one(queries.event_detail(), slug=slug), absolute(request))
