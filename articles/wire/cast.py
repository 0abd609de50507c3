"""The people and organisations of one story, each recorded once however often named."""

from .names import is_acronym_of, looks_like_acronym, split_name, strip_honorifics
from .organisations import OrgMention
from .places import government_name
from .story import Organisation, Person


class Cast:
    def __init__(self) -> None:
        self.people: list[Person] = []
        self.organisations: list[Organisation] = []
        # Names and acronyms, folded, of the organisations: hostile copy may name thousands.
        self._index: dict[str, Organisation] = {}
        self._people_index: dict[str, Person] = {}
        self._family_names: dict[str, list[Person]] = {}

    # Organisations

    def _remember(self, organisation: Organisation) -> None:
        for key in (organisation.name, organisation.acronym):
            if key:
                self._index.setdefault(key.casefold(), organisation)

    def organisation(self, name: str) -> Organisation | None:
        found = self._index.get(name.casefold())
        if found is not None and found in self.organisations:
            return found
        if looks_like_acronym(name):
            for organisation in self.organisations:
                if is_acronym_of(name, organisation.name):
                    organisation.acronym = organisation.acronym or name
                    self._remember(organisation)
                    return organisation
        return None

    def add_organisation(self, mention: OrgMention) -> str:
        """Records the organisation and returns the name the story should use for it."""
        if government := government_name(mention.name):
            # "HKSAR Government", "Government of the Hong Kong Special Administrative Region"
            mention = OrgMention(government, mention.description, mention.parent, mention.acronym)
        if mention.parent:
            self.add_organisation(OrgMention(mention.parent))
        found = self.organisation(mention.name)
        if found is None:
            found = Organisation(mention.name)
            self.organisations.append(found)
        found.description = found.description or mention.description
        found.acronym = found.acronym or mention.acronym
        self._remember(found)
        if mention.parent and not found.parent:
            parent = self.organisation(mention.parent)
            found.parent = parent.name if parent else mention.parent
        return found.name

    def settle_acronyms(self) -> dict[str, str]:
        """Folds an acronym recorded before its full name into the full name's record.

        Returns the renames so that references elsewhere can follow.
        """
        renames = {}
        for short in [o for o in self.organisations if looks_like_acronym(o.name)]:
            full = next(
                (
                    o
                    for o in self.organisations
                    if o is not short and is_acronym_of(short.name, o.name)
                ),
                None,
            )
            if full:
                full.acronym = full.acronym or short.name
                full.description = full.description or short.description
                self.organisations.remove(short)
                self._index[short.name.casefold()] = full
                renames[short.name] = full.name
        for organisation in self.organisations:
            if organisation.parent in renames:
                organisation.parent = renames[organisation.parent]
        for person in self.people:
            if person.organisation in renames:
                person.organisation = renames[person.organisation]
        return renames

    # People

    def person(self, reference: str) -> Person | None:
        """The person a full name, an alias or, within this story, a family name refers to."""
        reference = strip_honorifics(reference)
        if found := self._people_index.get(reference):
            return found
        by_family_name = self._family_names.get(reference, [])
        # A family name shared by two people in the story names neither of them.
        return by_family_name[0] if len(by_family_name) == 1 else None

    def add_person(self, name: str, title: str | None, organisation: str | None) -> Person:
        name = strip_honorifics(name)
        found = self.person(name)
        if found is None:
            parts = split_name(name)
            found = Person(
                name,
                family_name=parts.family_name,
                given_names=parts.given_names,
                english_name=parts.english_name,
                aliases=list(parts.aliases),
            )
            self.people.append(found)
            for form in [found.name, *found.aliases]:
                self._people_index.setdefault(form, found)
            if found.family_name:
                self._family_names.setdefault(found.family_name, []).append(found)
        if title and not found.title:
            found.title = title
        # A full name beats an acronym for the same organisation.
        if organisation and (not found.organisation or looks_like_acronym(found.organisation)):
            found.organisation = organisation
        return found
