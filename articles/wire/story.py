"""What the parser finds in one wire story, before anything touches the database.

The ids (`id`, `existing_id`, `article_id`) stay None here; the importer fills
them in when it matches names to records. The dataclasses carry more than
`to_dict()` prints so that the importer does not have to parse anything again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    headline: str = ""
    kicker: str | None = None
    standfirst: str | None = None
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    contact_email: str | None = None
    body: list[str] = field(default_factory=list)
    # Disclaimers and similar text that came with the copy but is not for readers.
    boilerplate: list[str] = field(default_factory=list)
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kicker": self.kicker,
            "headline": self.headline,
            "standfirst": self.standfirst,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "authors": list(self.authors),
            "dateline": self.dateline,
            "contact_email": self.contact_email,
            "body_paragraphs": len(self.body),
        }


@dataclass
class Photo:
    caption: str
    credit: str | None = None
    people_shown: list[str] = field(default_factory=list)
    taken_on: datetime.date | None = None
    venue: str | None = None
    place: str | None = None
    event: str | None = None
    # Index of the caption among the story's paragraphs, to place the photo.
    position: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "caption": self.caption,
            "credit": self.credit,
            "people_shown": list(self.people_shown),
        }


@dataclass
class Related:
    label: str
    title: str
    article_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "title": self.title, "article_id": self.article_id}


@dataclass
class Person:
    name: str
    title: str | None = None
    organisation: str | None = None
    family_name: str | None = None
    given_names: str | None = None
    english_name: str | None = None
    # Honorifics the copy gave, such as "Dr" or "Professor"; never part of the name.
    honorific: str | None = None
    # Other full forms of the name worth storing; see names.split_name.
    aliases: list[str] = field(default_factory=list)
    existing_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "organisation": self.organisation,
            "aliases": list(self.aliases),
            "existing_id": self.existing_id,
        }


@dataclass
class Organisation:
    name: str
    acronym: str | None = None
    description: str | None = None
    parent: str | None = None
    existing_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "acronym": self.acronym,
            "parent": self.parent,
            "description": self.description,
            "existing_id": self.existing_id,
        }


@dataclass
class Support:
    organisation: str
    nature: str | None = None


@dataclass
class Event:
    name: str
    kind: str = "other"
    date: datetime.date | None = None
    hosts: list[str] = field(default_factory=list)
    supporters: list[Support] = field(default_factory=list)
    venue: str | None = None
    place: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "date": self.date.isoformat() if self.date else None,
            "hosts": list(self.hosts),
            "supporters": [support.organisation for support in self.supporters],
        }


@dataclass
class Document:
    title: str
    kind: str = "report"
    organisations: list[str] = field(default_factory=list)
    event: str | None = None
    existing_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "publishers": list(self.organisations),
            "event": self.event,
        }


@dataclass
class Appearance:
    """A person's part in an event, in one of the roles entities.Appearance knows."""

    person: str
    event: str
    role: str
    # The title and organisation the copy gave them for the occasion.
    title: str | None = None
    organisation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "event": self.event,
            "role": self.role,
            "title": self.title,
            "organisation": self.organisation,
        }


@dataclass
class Quote:
    speaker: str
    text: str
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "text": self.text, "event": self.event}


@dataclass
class QAPair:
    question: str
    answer: str

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "answer": self.answer}


@dataclass
class Issue:
    title: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text}


@dataclass
class ParsedStory:
    file: str = ""
    article: Article = field(default_factory=Article)
    photos: list[Photo] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    faq: list[QAPair] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    pros: list[str] = field(default_factory=list)
    cons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # News agencies the head or the dateline names as the source.
    agencies: list[str] = field(default_factory=list)
    # Stories and events on file that this one may be about again; see duplicates.py.
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "article": self.article.to_dict(),
            "photos": [photo.to_dict() for photo in self.photos],
            "related": [link.to_dict() for link in self.related],
            "people": [person.to_dict() for person in self.people],
            "organisations": [organisation.to_dict() for organisation in self.organisations],
            "events": [event.to_dict() for event in self.events],
            "documents": [document.to_dict() for document in self.documents],
            "appearances": [appearance.to_dict() for appearance in self.appearances],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "faq": [pair.to_dict() for pair in self.faq],
            "issues": [issue.to_dict() for issue in self.issues],
            "pros": list(self.pros),
            "cons": list(self.cons),
            "warnings": list(self.warnings),
            "possible_duplicates": list(self.possible_duplicates),
        }
