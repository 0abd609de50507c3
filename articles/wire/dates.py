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

# "19:50, January 22, 2026", "6:42pm, 5 Jun 2026", "2026-06-05 21:14:07": the time
# and the day in whichever order and style the house uses.
_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?(?![\w:])", re.IGNORECASE)
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATE = re.compile(
    rf"\b(?:({_MONTH})\.? (\d{{1,2}})(?:,? (\d{{4}}))?"
    rf"|(\d{{1,2}}) ({_MONTH})\.?(?:,? (\d{{4}}))?)\b"
)
_STAMP_LABEL = re.compile(r"^(published|updated|last updated|posted)\s*:\s*", re.IGNORECASE)


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def date_parts(match: re.Match) -> tuple[int | None, int, str | None]:
    """(month, day, year or None) of a DATE match, in either order."""
    if match.group(1):
        return _month(match.group(1)), int(match.group(2)), match.group(3)
    return _month(match.group(5)), int(match.group(4)), match.group(6)


def parse_stamp(text: str) -> datetime.datetime | None:
    """The moment a "Published:" or "Updated:" line (without its label) gives, in Hong Kong time."""
    day = None
    if iso := _ISO_DAY.search(text):
        try:
            day = datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
        rest = text[: iso.start()] + " " + text[iso.end() :]
    else:
        for match in DATE.finditer(text):
            month, number, year = date_parts(match)
            if month and year:
                try:
                    day = datetime.date(int(year), month, number)
                except ValueError:
                    return None
                rest = text[: match.start()] + " " + text[match.end() :]
                break
    if day is None:
        return None
    hour = minute = second = 0
    if time := _TIME.search(rest):
        hour, minute, second = int(time[1]), int(time[2]), int(time[3] or 0)
        if time[4]:
            if hour > 12 or hour == 0:
                return None
            hour = hour % 12 + (12 if time[4].lower() == "p" else 0)
    try:
        return datetime.datetime.combine(day, datetime.time(hour, minute, second), tzinfo=HONG_KONG)
    except ValueError:
        return None


def stamp_label(line: str) -> str | None:
    """ "published" or "updated" for a time-stamp line, else None."""
    match = _STAMP_LABEL.match(line)
    if not match:
        return None
    label = match[1].lower()
    return "updated" if "updated" in label else "published"


def parse_published(line: str) -> datetime.datetime | None:
    return parse_stamp(_STAMP_LABEL.sub("", line, count=1))


def is_published_line(line: str) -> bool:
    return stamp_label(line) == "published"


def find_date(
    text: str, reference: datetime.date | None = None, *, ahead: bool = False
) -> datetime.date | None:
    """The first calendar date written in `text`.

    A date without a year is taken as the latest such day on or before `reference`,
    or with `ahead` ("will present on 30 October") the first on or after it.
    """
    for match in DATE.finditer(text):
        month, day, year = date_parts(match)
        if month is None:
            continue
        try:
            if year:
                return datetime.date(int(year), month, day)
            if reference is None:
                continue
            candidate = datetime.date(reference.year, month, day)
            if ahead and candidate < reference:
                candidate = candidate.replace(year=reference.year + 1)
            elif not ahead and candidate > reference:
                candidate = candidate.replace(year=reference.year - 1)
            return candidate
        except ValueError:
            continue
    return None


def on_weekday(weekday: str, reference: datetime.date, *, ahead: bool = False) -> datetime.date:
    """The most recent `weekday` on or before `reference` ("on Thursday" in a news story).

    With `ahead`, the next one after it instead ("will open on Wednesday").
    """
    target = WEEKDAYS.index(weekday.lower())
    if ahead:
        return reference + datetime.timedelta(days=(target - reference.weekday()) % 7 or 7)
    return reference - datetime.timedelta(days=(reference.weekday() - target) % 7)
