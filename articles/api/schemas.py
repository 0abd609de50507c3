"""The shapes the API returns, as documented in /api/openapi.json.

The examples are written here, not drawn from the database: the published
document shows no content at all.
"""

from ninja import Field
from ninja import Schema as NinjaSchema
from ninja.schema import DjangoGetter
from pydantic import model_validator

URL = "https://news.example.org/articles/harbour-robots-take-the-night-shift/"


class Schema(NinjaSchema):
    """Ninja's schema, taking the plain dicts of `serializers` as they are.

    Ninja wraps what each schema validates in a getter that resolves model
    attributes, managers and callables, field by field; the dicts here hold
    plain values only, which it returns unchanged, but through ~4,000 calls
    for a page of 100 stories (~25% of its time). Anything else still goes
    through the getter.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info):
        if type(values) is dict:
            return handler(values)
        return handler(DjangoGetter(values, cls, info.context))


class Ref(Schema):
    slug: str = Field(examples=["carmen-ho"])
    name: str = Field(examples=["Carmen Ho"])
    url: str = Field(
        description="The public page.", examples=["https://news.example.org/people/carmen-ho/"]
    )
    api_url: str = Field(examples=["https://news.example.org/api/people/carmen-ho/"])


class SectionRef(Schema):
    slug: str = Field(examples=["innovation"])
    name: str = Field(examples=["Innovation"])
    url: str


class TagRef(Schema):
    name: str = Field(examples=["robotics"])
    slug: str = Field(examples=["robotics"])
    url: str


class Rendition(Schema):
    url: str = Field(examples=["https://news.example.org/media/renditions/7/3f2a-640w.webp"])
    width: int = Field(examples=[640])
    height: int = Field(examples=[427])
    format: str = Field(examples=["webp"])
    mime_type: str = Field(examples=["image/webp"])


class Photo(Schema):
    id: int = Field(examples=[7])
    url: str = Field(examples=["https://news.example.org/photos/7/"])
    api_url: str = Field(examples=["https://news.example.org/api/photos/7/"])
    caption: str = Field(examples=["Cranes at the container terminal before dawn."])
    credit: str = Field(examples=["NEWSDESK"])
    alt_text: str
    taken_on: str | None = Field(description="YYYY-MM-DD", examples=["2026-03-02"])
    place: str
    photographer: Ref | None
    people_shown: list[Ref] = Field(description="Left to right, as the caption names them.")
    renditions: list[Rendition] = Field(
        description="Resized copies; the original upload is never published."
    )


class ArticleRef(Schema):
    id: int = Field(examples=[42])
    slug: str = Field(examples=["harbour-robots-take-the-night-shift"])
    headline: str = Field(examples=["Harbour robots take the night shift"])
    url: str = Field(examples=[URL])
    api_url: str = Field(
        examples=["https://news.example.org/api/articles/harbour-robots-take-the-night-shift/"]
    )
    published_at: str = Field(examples=["2026-03-02T09:30:00+08:00"])


class ArticleSummary(ArticleRef):
    kicker: str = Field(examples=["Forum"])
    standfirst: str = Field(examples=["Automated cranes now load ships through the night."])
    dateline: str = Field(examples=["Hong Kong"])
    section: SectionRef | None
    bylines: list[Ref] = Field(description="In the order printed.")
    tags: list[TagRef]
    first_published_at: str
    updated_at: str
    lead_photo: Photo | None


class QuoteInArticle(Schema):
    id: int = Field(examples=[310])
    text: str = Field(examples=["The terminal never sleeps now."])
    person: Ref
    event: Ref | None = Field(description="Where it was said, if at an event.")
    url: str
    api_url: str


class Quote(QuoteInArticle):
    article: ArticleRef


class Blocks(Schema):
    questions_and_answers: list[dict[str, str]] = Field(
        examples=[[{"question": "Who runs it?", "answer": "The port authority."}]]
    )
    key_issues: list[dict[str, str]] = Field(
        examples=[[{"title": "Jobs", "text": "Crane drivers move to remote control rooms."}]]
    )
    pros: list[str] = Field(examples=[["Ships turn around faster."]])
    cons: list[str] = Field(examples=[["Costly to install."]])


class RelatedLink(Schema):
    label: str = Field(examples=["also_read"])
    title: str
    url: str


class Correction(Schema):
    id: int = Field(examples=[5])
    kind: str = Field(description="correction or clarification", examples=["correction"])
    text: str = Field(
        examples=["An earlier version gave the wrong number of cranes; there are 12."]
    )
    date: str = Field(examples=["2026-03-03T10:00:00+08:00"])
    url: str


class CorrectionWithArticle(Correction):
    article: ArticleRef


class Mentions(Schema):
    people: list[Ref]
    organisations: list[Ref]
    events: list[Ref]


class Article(ArticleSummary):
    body: str = Field(
        description="Sanitised HTML.", examples=["<p>The first ship docked at six.</p>"]
    )
    photos: list[Photo] = Field(description="Photos placed in the story, besides the lead.")
    quotes: list[QuoteInArticle]
    blocks: Blocks
    events: list[Ref] = Field(description="Events the story covers.")
    mentions: Mentions = Field(description="Confirmed by a moderator; suggestions are never shown.")
    related_links: list[RelatedLink]
    corrections: list[Correction] = Field(description="Oldest first.")


class Position(Schema):
    title: str = Field(examples=["director of research"])
    organisation: Ref
    start_date: str | None
    end_date: str | None
    current: bool


class PersonSummary(Ref):
    id: int = Field(examples=[12])
    family_name: str = Field(examples=["Ho"])
    given_names: str = Field(examples=["Carmen"])
    english_name: str
    native_name: str
    current_position: Position | None


class PersonAppearance(Schema):
    event: Ref
    role: str = Field(examples=["speaker"])
    session: str
    position: str | None = Field(description="The title given at the event, if any.")


class Person(PersonSummary):
    bio: str
    positions: list[Position]
    appearances: list[PersonAppearance]


class Organisation(Ref):
    id: int = Field(examples=[3])
    short_name: str = Field(examples=["HKPA"])
    kind: str = Field(examples=["government"])
    city: str
    website: str
    description: str
    parent: Ref | None


class EventSummary(Ref):
    id: int = Field(examples=[9])
    kind: str = Field(examples=["forum"])
    status: str = Field(examples=["held"])
    start_date: str = Field(examples=["2026-03-01"])
    end_date: str | None
    venue: str
    city: str
    hosts: list[Ref]


class Supporter(Schema):
    organisation: Ref
    nature: str = Field(examples=["academic support"])


class EventAppearance(Schema):
    person: Ref
    role: str
    session: str
    position: str | None


class Document(Schema):
    title: str = Field(examples=["Port automation index 2026"])
    kind: str = Field(examples=["report"])
    released_on: str | None
    url: str
    summary: str
    publishers: list[Ref]


class Event(EventSummary):
    description: str
    supporters: list[Supporter]
    appearances: list[EventAppearance]
    documents: list[Document]


def page_of(item_schema, name):
    """A page of a list: the items and the address of the next page (null on the last)."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"results": list[item_schema], "next": str | None},
            "next": Field(
                description="The next page, with the same filters; null on the last page.",
                examples=["https://news.example.org/api/articles/?cursor=WyIyMDI2Il0"],
            ),
        },
    )


class Error(Schema):
    detail: str = Field(examples=["No such article."])
    errors: dict[str, list[str]] | None = None
