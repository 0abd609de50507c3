"""Dates as wire copy writes them, read in Hong Kong time."""

import datetime
import re
from zoneinfo import ZoneInfo

HONG_KONG = ZoneInfo("Asia/Hong_Kong")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

PUBLISHED = re.compile(
    rf"^Published:\s*(\d{{1,2}}):(\d{{2}}),?\s+({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})$",
    re.IGNORECASE,
)
DATE = re.compile(rf"\b({_MONTH})\.? (\d{{1,2}})(?:, (\d{{4}}))?\b")


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_published(line: str) -> datetime.datetime | None:
    match = PUBLISHED.match(line)
    if not match:
        return None
    hour, minute, month, day, year = match.groups()
    try:
        return datetime.datetime(
            int(year), _month(month) or 0, int(day), int(hour), int(minute), tzinfo=HONG_KONG
        )
    except ValueError:
        return None


def is_published_line(line: str) -> bool:
    return line.lower().startswith("published:")


def find_date(text: str, reference: datetime.date | None = None) -> datetime.date | None:
    """The first calendar date written in `text`.

    A date without a year is taken as the latest such day on or before `reference`.
    """
    for match in DATE.finditer(text):
        month, day, year = _month(match.group(1)), int(match.group(2)), match.group(3)
        if month is None:
            continue
        try:
            if year:
                return datetime.date(int(year), month, day)
            if reference is None:
                continue
            candidate = datetime.date(reference.year, month, day)
            if candidate > reference:
                candidate = candidate.replace(year=reference.year - 1)
            return candidate
        except ValueError:
            continue
    return None


def on_weekday(weekday: str, reference: datetime.date) -> datetime.date:
    """The most recent `weekday` on or before `reference` ("on Thursday" in a news story)."""
    target = WEEKDAYS.index(weekday.lower())
    return reference - datetime.timedelta(days=(reference.weekday() - target) % 7)
