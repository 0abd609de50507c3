"""Which cached pages a change to a person, an organisation or an event retires.

The object's own key ("entities.person:7") stands for every page and fragment
showing it: its own page, and the story, photo and entity pages whose views
loaded it (they name what they loaded, see `dependencies.keys_in`). The lists
of people, organisations and events, and the home page's blocks of events and
people, have a key each (PEOPLE, ORGANISATIONS, EVENTS) that any change to one
of their kind retires.
"""

from newsdesk.pagecache.dependencies import key_of, register_model

PEOPLE = "list:people"
ORGANISATIONS = "list:organisations"
EVENTS = "list:events"


def person_keys(person):
    return {key_of(person), PEOPLE}


def organisation_keys(organisation):
    return {key_of(organisation), ORGANISATIONS}


def event_keys(event):
    return {key_of(event), EVENTS}


def register():
    from entities.models import Event, Organisation, Person

    register_model(Person, person_keys)
    register_model(Organisation, organisation_keys)
    register_model(Event, event_keys)
