"""Reading one wire story into a ParsedStory; nothing here touches the database.

`parse` never raises on text it is given, however malformed: what it cannot read
becomes a warning, and a story without a headline comes back with an empty one
and a warning saying so.
"""

import re

from . import (
    appearances,
    blocks,
    captions,
    documents,
    events,
    head,
    organisations,
    people,
    places,
    quotes,
)
from .blocks import BlockReader
from .cast import Cast
from .dates import find_date, on_weekday
from .names import HONORIFIC, NAME_WORD, ORG_NAME, PERSON_NAME, looks_like_acronym
from .organisations import OrgMention
from .story import Appearance, Document, Event, ParsedStory, Person, Photo, Quote, Related
from .text import lines, pieces

_RELATED = re.compile(
    r"^(?P<label>ALSO READ|READ MORE|RELATED|SEE ALSO|MORE ON THIS)\s*:\s*(?P<title>.+)$",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"^Contact the writers? at (?P<email>[^\s@]+@[^\s@]+?\.[A-Za-z]{2,})\.?$")
_BOILERPLATE = re.compile(
    r"information cut-off date|these links point to|validity of the URLs|"
    r"at the time of writing and we cannot",
    re.IGNORECASE,
)
_ACRONYMS = re.compile(r"\b[A-Z]{2,8}\b")


def parse(text: str, *, filename: str | None = None) -> ParsedStory:
    story = ParsedStory(file=filename or "")
    paragraphs = _paragraphs(text, story)
    rest = _read_head(paragraphs, story)
    body_positions = _sort_paragraphs(rest, story)
    _MentionReader(story, text).read(rest, body_positions)
    return story


def _paragraphs(text: str, story: ParsedStory) -> list[str]:
    paragraphs = []
    for line in lines(text):
        parts = pieces(line)
        if len(parts) > 1:
            story.warnings.append(
                f"A paragraph of {len(line):,} characters was split into {len(parts)}, "
                f"at sentence ends where possible: {line[:80]!r}"
            )
        paragraphs.extend(parts)
    return paragraphs


def _read_head(paragraphs: list[str], story: ParsedStory) -> list[str]:
    """Fills in the article's head and returns the paragraphs after it."""
    parsed, rest = head.read_head(paragraphs, _is_body_like)
    article = story.article
    article.headline, article.kicker, article.standfirst = (
        parsed.headline,
        parsed.kicker,
        parsed.standfirst,
    )
    article.authors = list(parsed.authors)
    article.dateline = parsed.dateline
    article.published_at, article.updated_at = parsed.published_at, parsed.updated_at
    story.agencies.extend(parsed.agencies)
    for line in parsed.unreadable_stamps:
        story.warnings.append(f"Unreadable publication time: {line!r}")
    if not article.headline:
        story.warnings.append("The story has no headline.")
        return []
    return rest


def _is_body_like(paragraph: str) -> bool:
    return (
        not captions.is_caption(paragraph)
        and not _RELATED.match(paragraph)
        and blocks.heading(paragraph) is None
    )


def _sort_paragraphs(paragraphs: list[str], story: ParsedStory) -> dict[int, str]:
    """Sends each paragraph where it belongs; returns the body's and captions' positions.

    The value is "body" or "caption", so that mentions are read in story order.
    """
    positions: dict[int, str] = {}
    block_reader = BlockReader(story)
    article = story.article
    in_about = False
    for index, paragraph in enumerate(paragraphs):
        if index == 0:
            paragraph = paragraphs[0] = _dateline(paragraph, story)
        published = article.published_at.date() if article.published_at else None
        if block_reader.take(paragraph):
            continue
        if _END_MARK.match(paragraph):
            continue
        if _ABOUT.match(paragraph) or _MEDIA_CONTACT.match(paragraph):
            # "About Voltaris" and the media contact close a press release.
            in_about = True
        if in_about:
            article.boilerplate.append(paragraph)
            continue
        if match := _RELATED.match(paragraph):
            story.related.append(Related(match["label"].upper(), match["title"]))
        elif match := _CONTACT.match(paragraph):
            article.contact_email = match["email"]
        elif _BOILERPLATE.search(paragraph):
            article.boilerplate.append(paragraph)
            story.warnings.append(f"Boilerplate left out of the body: {paragraph[:80]!r}")
        elif captions.is_caption(paragraph):
            photo, _ = captions.read_caption(paragraph, len(article.body), published)
            story.photos.append(photo)
            positions[index] = "caption"
        else:
            article.body.append(paragraph)
            positions[index] = "body"
    return positions


_NAMED_PERSON = re.compile(rf"{HONORIFIC}{{0,2}}(?P<name>{PERSON_NAME})")
_BACK_NOUNS = (
    r"association|council|alliance|company|firm|university|bureau|institute|centre|center"
    r"|consortium|commission|foundation|group|bank|agency|network|society|authority"
)
_BACK_NOUN = re.compile(rf"(?:the )?(?P<noun>{_BACK_NOUNS})")
_BACK_REFERENCES = re.compile(rf"\b[Tt]he (?P<noun>{_BACK_NOUNS})\b")
_ORG_IN_TEXT = re.compile(rf"(?:\b(?:The|the) )?(?P<name>{ORG_NAME})")
_NAMED_OR_FAMILY = re.compile(rf"{HONORIFIC}{{0,2}}(?P<name>{PERSON_NAME}|{NAME_WORD})")
# "09:20 Keynote address: ..." in a programme.
_PROGRAMME_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\b")
_END_MARK = re.compile(r"^(?:Enditem|ENDS?|-?\s*End\s*-?|###|-30-)$", re.IGNORECASE)
_ABOUT = re.compile(r"^About [A-Z][\w&.' -]{1,80}$")
_MEDIA_CONTACT = re.compile(
    r"^(?:Media|Press) (?:contacts?|enquiries|inquiries)\s*:?", re.IGNORECASE
)


def _dateline(paragraph: str, story: ParsedStory) -> str:
    """The first paragraph without its dateline, which goes to the article."""
    article = story.article
    rest, place, day, agency = head.read_dateline(paragraph, article.published_at)
    if place is None:
        return paragraph
    article.dateline = article.dateline or place
    article.published_at = article.published_at or day
    if agency:
        story.agencies.append(agency)
    return rest


class _MentionReader:
    """Reads people, organisations, events, documents and quotes in story order."""

    def __init__(self, story: ParsedStory, raw: str) -> None:
        self.story = story
        self.cast = Cast()
        self.acronyms = {word for word in _ACRONYMS.findall(raw) if looks_like_acronym(word)}
        article = story.article
        self.published = article.published_at.date() if article.published_at else None
        self.events = events.Events(story.warnings)
        # The event the story last spoke of, which "The summit was organised by" means.
        self.current: Event | None = None
        self.previous = ""
        self.paragraph = ""
        self.is_notice = False
        self.unnamed: dict[int, bool] = {}

    def read(self, paragraphs: list[str], positions: dict[int, str]) -> None:
        photos = iter(self.story.photos)
        previous = ""
        captioned = []
        for agency in self.story.agencies:
            self.cast.add_organisation(OrgMention(agency))
        for index in sorted(positions):
            paragraph = self.paragraph = paragraphs[index]
            photo = next(photos) if positions[index] == "caption" else None
            for mention in organisations.mentions_in(paragraph, self.acronyms):
                self.cast.add_organisation(mention)
            resolved = self._with_names_for_back_references(paragraph)
            for mention in [
                *organisations.listed_in(resolved),
                *organisations.headed_in(paragraph, self.acronyms),
            ]:
                if mention.parent:
                    self.cast.add_organisation(mention)
                else:
                    self._organisation(mention.name, mention.description)
            # "... said on Thursday." often dates the forum the next paragraph describes.
            nearby = [paragraph] if photo else [paragraph, previous]
            last_event = self._events(paragraph, nearby)
            for intro in people.introductions_in(paragraph):
                self._person(intro.name, intro.title, intro.org_phrase, intro.org_description)
            if photo is not None:
                captioned.append((photo, paragraph, None))
                outlet = captions.credit_outlet(photo.credit)
                if outlet:
                    self.cast.add_organisation(OrgMention(outlet))
            self._documents(paragraph, last_event)
            if photo is None:
                self._appearances(paragraph, last_event)
            else:
                captioned[-1] = (photo, paragraph, last_event or self._current_name())
            self._quotes(paragraph, last_event if photo is None else None)
            if photo is None:
                previous = self.previous = paragraph
        # People shown are named once the whole story has introduced them.
        for photo, caption, event in captioned:
            self._people_shown(photo, caption)
            self._appearances(caption, event, photo.people_shown)
        self._finish()

    def _finish(self) -> None:
        story = self.story
        self._signing_parties()
        renames = self.cast.settle_acronyms()
        self.events.rename_organisations(renames)
        for document in story.documents:
            document.organisations = [renames.get(o, o) for o in document.organisations]
        story.people = self.cast.people
        story.organisations = self.cast.organisations
        story.events = self.events.events
        story.warnings.extend(events.weekday_conflicts(story.article.body))

    def _signing_parties(self) -> None:
        """Parties for a signing dated in one sentence and described in another."""
        for event in self.events.events:
            if event.kind != "signing" or event.hosts:
                continue
            article = self.story.article
            parties = events.parties_named(article.body, [article.headline, *article.body[:1]])
            if len(parties) != 2:
                continue
            event.hosts = [self._organisation(party) or party for party in parties]
            old_name, event.name = (
                event.name,
                events.signing_name(event.name.removeprefix("Signing of the "), event.hosts),
            )
            for item in [*self.story.photos, *self.story.documents]:
                if item.event == old_name:
                    item.event = event.name

    def _organisation_just_named(self, name: str) -> str | None:
        """The organisation the sentence before `name`'s (or the paragraph before) is about."""
        paragraph = self.paragraph
        at = paragraph.find(name)
        before = paragraph[: max(at, 0)]
        end = before.rfind(". ")
        earlier = before[: end + 1] if end >= 0 else ""
        sentence = earlier[earlier.rfind(". ") + 1 :] if earlier else self.previous
        for match in _ORG_IN_TEXT.finditer(sentence):
            if found := self.cast.organisation(match["name"]):
                return found.name
        return None

    def _organisation(self, phrase: str, description: str | None = None) -> str | None:
        mention = organisations.from_phrase(phrase, self.acronyms)
        if mention is None:
            return None
        if description and not mention.description:
            mention = OrgMention(mention.name, description, mention.parent)
        return self.cast.add_organisation(mention)

    def _person(self, name, title, org_phrase, org_description=None) -> Person:
        if org_phrase == people.BACK_REFERENCE:
            org_phrase = self._organisation_just_named(name)
        if org_phrase and (government := places.government_name(org_phrase)):
            org_phrase = government
        if org_phrase and (noun := _BACK_NOUN.fullmatch(org_phrase)):
            # "chairman of the council": the council the story has named.
            org_phrase = self._back_reference(noun["noun"])
        known = self.cast.person(name)
        if known is not None and known.organisation and org_phrase:
            # A second mention's short form ("at HKU") adds no organisation of its own.
            mention = organisations.from_phrase(org_phrase, self.acronyms)
            if mention is None or self.cast.organisation(mention.name) is None:
                org_phrase = None
        if government := places.government_of(org_phrase):
            # "Hong Kong's Financial Secretary": an office of the place's government.
            organisation = self.cast.add_organisation(OrgMention(government))
        elif org_phrase:
            organisation = self._organisation(org_phrase, org_description)
        else:
            organisation = None
        return self.cast.add_person(name, title, organisation)

    def _events(self, paragraph: str, nearby: list[str]) -> str | None:
        placed: list[tuple[int, Event]] = []
        for mention in [*events.mentions_in(paragraph), *events.signings_in(paragraph)]:
            if mention.weekday:
                weekday = mention.weekday
                date = on_weekday(weekday, self.published) if self.published else None
            else:
                date, weekday = events.day_written(nearby, self.published)
            if weekday and date is None:
                self.story.warnings.append(
                    f"{mention.name} is dated only by {weekday!r} and the story has no "
                    "publication time."
                )
            if (
                mention.unnamed
                and self.current is not None
                and (self.current.kind == events.KINDS.get(mention.name.split()[-1].lower()))
            ):
                # "at a seminar" again: the event the story is about.
                placed.append((mention.start, self.current))
                continue
            mention.hosts = [self._organisation(host) or host for host in mention.hosts]
            self._adopt_unnamed(mention)
            event = self.events.add(mention, date)
            self.unnamed[id(event)] = mention.unnamed
            for phrase, nature in mention.supporters:
                supporter = self._organisation(phrase) or phrase
                self.events.add_supporter(event, supporter, nature)
            placed.append((mention.start, event))
        self._notice_fields(paragraph)
        for role in events.roles_in(self._with_names_for_back_references(paragraph)):
            event = next((e for start, e in reversed(placed) if start < role.start), None)
            if event is None and role.refers_back:
                event = self.current or (self._notice_event() if role.in_field else None)
            if event is None:
                continue
            for phrase in role.phrases:
                if role.in_field:
                    # A notice's list names each body whole: "Women in Tech Hong Kong".
                    name = self.cast.add_organisation(OrgMention(phrase))
                else:
                    name = self._organisation(phrase) or phrase
                if role.role == "host":
                    self._host(event, name)
                else:
                    self.events.add_supporter(event, name, role.nature)
            placed.append((role.start, event))
        if placed:
            self.current = placed[-1][1]
        return placed[-1][1].name if placed else None

    def _adopt_unnamed(self, mention) -> None:
        """ "at a pitch competition" then "at the Asean Climate Pitch": one event, named."""
        if mention.unnamed or mention.kind == "signing":
            return
        for event in self.events.events:
            if self.unnamed.get(id(event)) and event.kind == mention.kind and not event.hosts:
                self.unnamed[id(event)] = False
                self._rename_event(event, mention.name)
                self.events.register(mention, event)
                return

    def _host(self, event: Event, host: str) -> None:
        if self.unnamed.pop(id(event), False):
            # "a seminar ... co-hosted by A": the seminar is named after its first host.
            self._rename_event(event, f"{host} {event.name}")
        self.events.add_host(event, host)

    def _rename_event(self, event: Event, name: str) -> None:
        old, event.name = event.name, name
        for item in [*self.story.photos, *self.story.documents]:
            if item.event == old:
                item.event = name

    def _notice_event(self) -> Event | None:
        """The event a notice or programme is about: the one its headline names."""
        headline = self.story.article.headline
        if not headline:
            return None
        kind = next(
            (events.KINDS[w] for w in reversed(headline.lower().split()) if w in events.KINDS),
            "other",
        )
        event = self.events.add(events.EventMention(headline, kind), None)
        self.current = event
        return event

    def _notice_fields(self, paragraph: str) -> None:
        found = events.field_of(paragraph)
        if found is None:
            return
        field, value = found
        if field.startswith("date"):
            event = self.current or self._notice_event()
            if event is not None and event.date is None:
                event.date = find_date(value, self.published)
        elif field == "venue":
            event = self.current or self._notice_event()
            if event is not None and not event.venue:
                event.venue = value.split(",")[0].strip()

    def _people_shown(self, photo: Photo, caption: str) -> None:
        _, text = captions.read_caption(caption, photo.position, self.published)
        for shown in captions.people_shown(text, self._known_person):
            person = self._person(shown.name, shown.title, shown.org_phrase)
            if person.name not in photo.people_shown:
                photo.people_shown.append(person.name)

    def _known_person(self, name: str) -> str | None:
        person = self.cast.person(name)
        return person.name if person else None

    def _documents(self, paragraph: str, last_event: str | None) -> None:
        text = self._with_names_for_back_references(paragraph)
        for release in documents.releases_in(text, self._back_reference):
            if any(d.title.casefold() == release.title.casefold() for d in self.story.documents):
                continue
            names = [self._organisation(p) or p for p in release.organisation_phrases]
            named = next((e.name for e in self.events.events if e.name in paragraph), None)
            event = named or last_event or (self.current.name if self.current else None)
            at_event = release.at_event or named is not None or _PROGRAMME_TIME.match(paragraph)
            self.story.documents.append(
                Document(release.title, release.kind, names, event if at_event else None)
            )

    def _current_name(self) -> str | None:
        return self.current.name if self.current else None

    def _appearances(
        self, paragraph: str, event: str | None, shown: list[str] | None = None
    ) -> None:
        event = event or self._current_name()
        if event is None:
            return
        cues = appearances.cues_in(paragraph, self.previous)
        if not cues:
            return
        people = self._people_named_in(paragraph)
        for cue in cues:
            if cue.side == "within":
                chosen = [p for start, p in people if cue.start <= start < cue.end]
            elif cue.role == appearances.PANELLIST and shown:
                chosen = list(shown)
            elif cue.side == "before":
                sentence = max(paragraph.rfind(". ", 0, cue.start), 0)
                before = [p for start, p in people if sentence <= start < cue.start]
                # "A and B spoke on a panel": everyone named before it sat on it.
                chosen = before if cue.role == appearances.PANELLIST else before[-1:]
            else:
                sentence_end = paragraph.find(". ", cue.end)
                sentence_end = len(paragraph) if sentence_end < 0 else sentence_end
                chosen = [p for start, p in people if cue.end <= start < sentence_end][:1]
            for name in chosen:
                self._appear(name, event, cue.role)
            if cue.role == appearances.MODERATOR and (
                panel := appearances.PANEL_WITH.search(paragraph, cue.start)
            ):
                end = paragraph.find(". ", panel.end())
                end = len(paragraph) if end < 0 else end
                for start, name in people:
                    if panel.end() <= start < end:
                        self._appear(name, event, appearances.PANELLIST)

    def _appear(self, person: str, event: str, role: str) -> None:
        for appearance in self.story.appearances:
            if (appearance.person, appearance.event, appearance.role) == (person, event, role):
                return
        self.story.appearances.append(Appearance(person, event, role))

    def _people_named_in(self, paragraph: str) -> list[tuple[int, str]]:
        """(where, story's name) of each person of the cast a paragraph names in full."""
        found = []
        for match in _NAMED_PERSON.finditer(paragraph):
            person = self.cast.person(match["name"])
            if person is not None:
                found.append((match.start(), person.name))
        return found

    def _with_names_for_back_references(self, paragraph: str) -> str:
        """ "by the alliance and the X" with the alliance's name, for reading lists."""
        if not _BACK_REFERENCES.search(paragraph):
            return paragraph

        def named(match):
            return self._back_reference(match["noun"]) or match.group(0)

        return _BACK_REFERENCES.sub(named, paragraph)

    def _back_reference(self, noun: str) -> str | None:
        """The organisation "the association" means: the last one named with that word."""
        for organisation in reversed(self.cast.organisations):
            if noun.casefold() in organisation.name.casefold().split():
                return organisation.name
        return None

    def _quotes(self, paragraph: str, event: str | None) -> None:
        named = None
        for start, speaker, text in quotes.placed_quotes(paragraph):
            if speaker is None:
                # "..., he said": the last person the paragraph, or the one before, named.
                if named is None:
                    named = self._named_in(paragraph)
                    before = self._named_in(self.previous)
                    named_before = before[-1][1] if before else None
                earlier = [person for where, person in named if where < start]
                person = earlier[-1] if earlier else named_before
                if person is None:
                    continue
            else:
                person = self.cast.person(speaker)
            if person is None:
                self.story.warnings.append(
                    f"Quote by {speaker}, whom the story does not introduce."
                )
            name = person.name if person else speaker
            self.story.quotes.append(Quote(name, text, self._quote_event(name, event)))

    def _quote_event(self, speaker: str, event: str | None) -> str | None:
        for appearance in self.story.appearances:
            if appearance.person == speaker:
                return appearance.event
        return event

    def _named_in(self, paragraph: str) -> list[tuple[int, Person]]:
        """(where, person) for each full or family name of the cast the paragraph gives."""
        return [
            (match.start(), person)
            for match in _NAMED_OR_FAMILY.finditer(paragraph)
            if (person := self.cast.person(match["name"]))
        ]
