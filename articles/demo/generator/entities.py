"""Organisations, people with their positions, and events with their hosts and speakers."""

import datetime
from dataclasses import dataclass

from articles.demo.generator import words
from articles.demo.generator.builders import Builder
from articles.demo.generator.slugs import Slugs
from entities.factories import (
    AppearanceFactory,
    EventFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Appearance, Event, EventSupport, Organisation, Person, Position

new_organisation = Builder(OrganisationFactory)
new_person = Builder(PersonFactory)
new_position = Builder(PositionFactory)
new_event = Builder(EventFactory)
new_event_support = Builder(EventSupportFactory)
new_appearance = Builder(AppearanceFactory)

# Kinds that give their name an acronym, as "HKUST" or "ITB" are used in print.
_ACRONYM_KINDS = {"university", "research_centre", "government", "association"}
_PARENT_KINDS = ("university", "company")
_CHILD_KINDS = {"university": ("faculty", "research_centre"), "company": ("company",)}


@dataclass(frozen=True, slots=True)
class OrgRef:
    pk: int
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class PersonRef:
    pk: int
    name: str
    positions: tuple  # of PositionRef


@dataclass(frozen=True, slots=True)
class PositionRef:
    pk: int
    title: str
    organisation: OrgRef
    start_date: datetime.date | None
    end_date: datetime.date | None

    def held_on(self, date):
        return (self.start_date is None or self.start_date <= date) and (
            self.end_date is None or self.end_date >= date
        )


@dataclass(frozen=True, slots=True)
class EventRef:
    pk: int
    name: str
    start_date: datetime.date


def acronym(name):
    letters = "".join(word[0] for word in name.split() if word[0].isupper())
    return letters if 2 <= len(letters) <= 6 else ""


def _organisation_name(rng, kind, parent=None):
    place, subject, brand = rng.choice(words.PLACES), rng.choice(words.FIELDS), words.BRAND_WORDS
    match kind:
        case "university":
            return rng.choice(
                [f"{place} University", f"University of {place}", f"{place} Institute of {subject}"]
            )
        case "faculty":
            return f"School of {subject}, {parent.short_name or parent.name}"
        case "research_centre":
            return f"{place} Centre for {subject}"
        case "company":
            return f"{rng.choice(brand)} {rng.choice(brand)} {rng.choice(words.COMPANY_ENDINGS)}"
        case "investment_fund":
            return f"{rng.choice(brand)} {rng.choice(words.FUND_ENDINGS)}"
        case "government":
            return f"{place} {rng.choice(words.GOVERNMENT_BODIES)}"
        case "media":
            return f"{place} {rng.choice(words.MEDIA_NAMES)}"
        case "association":
            return f"{place} Association of {subject}"
    return f"{place} {subject} Society"


def generate_organisations(run, total):
    rng, slugs = run.rng, Slugs(Organisation)
    kinds = [kind for kind in Organisation.Kind.values if kind != "faculty"]
    children = total // 5
    refs, parents, seen = [], [], set()

    def build(kind, parent=None):
        # A few tries for a name not used yet; a namesake after that is realistic enough.
        for _ in range(5):
            name = _organisation_name(rng, kind, parent)
            if name not in seen:
                break
        seen.add(name)
        short_name = acronym(name) if kind in _ACRONYM_KINDS and rng.random() < 0.7 else ""
        aliases = [name.removeprefix("The ")] if name.startswith("The ") else []
        return new_organisation(
            name=name,
            slug=slugs(short_name or name),
            short_name=short_name,
            aliases=aliases,
            kind=kind,
            parent_id=parent.pk if parent else None,
            city=rng.choice(words.PLACES),
            description=f"a {rng.choice(words.PLACES)}-based {kind.replace('_', ' ')}",
        )

    with run.progress.phase("Organisations", total) as phase:
        # Parents first: their children need the ids the database gives them.
        for size in run.batches(total - children):
            with run.atomic():
                objs = [build(rng.choice(kinds)) for _ in range(size)]
                run.insert(Organisation, objs)
            for obj in objs:
                ref = OrgRef(obj.pk, obj.name, obj.short_name)
                refs.append(ref)
                if obj.kind in _PARENT_KINDS:
                    parents.append((ref, obj.kind))
            run.progress.advance(phase, size)
        for size in run.batches(children if parents else 0):
            with run.atomic():
                objs = []
                for _ in range(size):
                    parent, parent_kind = rng.choice(parents)
                    objs.append(build(rng.choice(_CHILD_KINDS[parent_kind]), parent))
                run.insert(Organisation, objs)
            refs.extend(OrgRef(obj.pk, obj.name, obj.short_name) for obj in objs)
            run.progress.advance(phase, size)
    return refs


def _chinese_name(rng):
    family = rng.choice(words.CHINESE_FAMILY_NAMES)
    first, second = rng.sample(words.CHINESE_SYLLABLES, 2)
    given = f"{first.capitalize()}-{second}" if rng.random() < 0.6 else (first + second).title()
    english = rng.choice(words.ENGLISH_GIVEN_NAMES) if rng.random() < 0.4 else ""
    display = f"{english} {family} {given}" if english else f"{family} {given}"
    aliases = [f"{english} {family}", f"{family} {given}"] if english else []
    return display, family, given, english, aliases


def _western_name(rng):
    given, family = rng.choice(words.ENGLISH_GIVEN_NAMES), rng.choice(words.WESTERN_FAMILY_NAMES)
    return f"{given} {family}", family, given, "", []


def _position_dates(run):
    if run.rng.random() < 0.1:
        return None, None
    start = run.date_within(20 * 365, -30)
    if run.rng.random() < 0.35:
        end = start + datetime.timedelta(days=run.rng.randint(180, 6 * 365))
        return start, min(end, run.today() - datetime.timedelta(days=1))
    return start, None


def generate_people(run, total, organisations):
    rng, slugs = run.rng, Slugs(Person)
    refs = []
    with run.progress.phase("People", total) as phase:
        for size in run.batches(total):
            with run.atomic():
                people = []
                for _ in range(size):
                    make = _chinese_name if rng.random() < 0.65 else _western_name
                    display, family, given, english, aliases = make(rng)
                    people.append(
                        new_person(
                            display_name=display,
                            slug=slugs(display),
                            family_name=family,
                            given_names=given,
                            english_name=english,
                            aliases=aliases,
                            bio="",  # written by the desk, not made up
                        )
                    )
                run.insert(Person, people)
                positions = []
                for person in people:
                    for organisation in run.pick(organisations, rng.choice((1, 1, 2, 3))):
                        start_date, end_date = _position_dates(run)
                        position = new_position(
                            person_id=person.pk,
                            organisation_id=organisation.pk,
                            title=rng.choice(words.POSITION_TITLES),
                            start_date=start_date,
                            end_date=end_date,
                        )
                        position.ref = organisation
                        positions.append(position)
                run.insert(Position, positions)
            held = {}
            for position in positions:
                held.setdefault(position.person_id, []).append(
                    PositionRef(
                        position.pk,
                        position.title,
                        position.ref,
                        position.start_date,
                        position.end_date,
                    )
                )
            refs.extend(PersonRef(p.pk, p.display_name, tuple(held.get(p.pk, ()))) for p in people)
            run.progress.advance(phase, size)
    return refs


def _event(run, slugs):
    rng = run.rng
    kind = rng.choice(Event.Kind.values)
    start_date = run.date_within(6 * 365, 120)
    name = (
        f"{rng.choice(words.PLACES)} {rng.choice(words.EVENT_WORDS)} "
        f"{words.EVENT_KIND_NAMES[kind]} {start_date:%Y}"
    )
    days = rng.choice((0, 0, 0, 1, 2))
    if start_date > run.today():
        status = rng.choice(
            [Event.Status.SCHEDULED] * 8 + [Event.Status.POSTPONED, Event.Status.RESCHEDULED]
        )
    else:
        status = Event.Status.CANCELLED if rng.random() < 0.03 else Event.Status.HELD
    return new_event(
        name=name,
        slug=slugs(name),
        kind=kind,
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=days) if days else None,
        venue=rng.choice(words.VENUES),
        city=rng.choice(words.PLACES),
        description=f"A {kind.replace('_', ' ')} on {rng.choice(words.TOPICS)}.",
        status=status,
    )


def generate_events(run, total, organisations, people):
    rng, slugs = run.rng, Slugs(Event)
    Host = Event.hosts.through
    refs = []
    with run.progress.phase("Events", total) as phase:
        for size in run.batches(total):
            with run.atomic():
                events = run.insert(Event, [_event(run, slugs) for _ in range(size)])
                hosts, supports, appearances = [], [], []
                for event in events:
                    organisers = run.pick(organisations, rng.randint(1, 4))
                    hosts.extend(
                        Host(event_id=event.pk, organisation_id=o.pk)
                        for o in organisers[: rng.randint(1, 2)]
                    )
                    supports.extend(
                        new_event_support(
                            event_id=event.pk,
                            organisation_id=organisation.pk,
                            nature=rng.choice(words.SUPPORT_NATURES),
                            order=order,
                        )
                        for order, organisation in enumerate(organisers[2:])
                    )
                    for order, person in enumerate(run.pick(people, rng.randint(2, 6))):
                        held = [p for p in person.positions if p.held_on(event.start_date)]
                        appearances.append(
                            new_appearance(
                                person_id=person.pk,
                                event_id=event.pk,
                                role=rng.choice(Appearance.Role.values),
                                position_id=rng.choice(held).pk if held else None,
                                session=rng.choice(words.SESSIONS) if rng.random() < 0.5 else "",
                                order=order,
                            )
                        )
                run.insert(Host, hosts)
                run.insert(EventSupport, supports)
                run.insert(Appearance, appearances)
            refs.extend(EventRef(e.pk, e.name, e.start_date) for e in events)
            run.progress.advance(phase, size)
    return refs
