from entities.models.events import (
    Appearance,
    Document,
    DocumentPublisher,
    Event,
    EventSeries,
    EventSupport,
)
from entities.models.merges import MergeRecord
from entities.models.organisations import Organisation
from entities.models.people import Person, Position

__all__ = [
    "Appearance",
    "Document",
    "DocumentPublisher",
    "Event",
    "EventSeries",
    "EventSupport",
    "MergeRecord",
    "Organisation",
    "Person",
    "Position",
]
