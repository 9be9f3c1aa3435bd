"""Date arithmetic for the date tagger: a date named without its year, placed around the publication.

Directions: "past" picks the most recent such date at or before the reference, "future" the next one at or
after it; `strict` excludes the reference itself ("juin dernier" written in June is last year's June);
None picks the nearest, leaning to the past, which is where news mostly looks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PAST = "past"
FUTURE = "future"

SLACK_DAYS = 7  # a publication date may trail the events it dates by a few days (inferred, or wire time)
SLACK_FAR = 300
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Reference:
    """The publication date at its precision: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> Reference | None:
        """Read "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a timestamp keeps its date); None when unusable."""
        if not text:
            return None
        match = _ISO.match(text.strip()[:10])
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None:
            assert month is not None
            if valid_day(year, month, day) is None:
                return None
        return cls(year, month, day)

    @property
    def date(self) -> dt.date | None:
        """The day itself, when the reference is that precise."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def valid_day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for impossible ones such as 31 June."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_day(day: dt.date) -> str:
    """Day precision."""
    return day.isoformat()


def iso_month(year: int, month: int) -> str:
    """Month precision."""
    return f"{year:04d}-{month:02d}"


def iso_interval(first: dt.date, last: dt.date) -> str:
    """An interval of days, both ends included."""
    return f"{first.isoformat()}/{last.isoformat()}"


def _pick(back: int, ahead: int) -> str:
    """Nearest side when nothing says which: the future only when clearly closer (news mostly looks back)."""
    return FUTURE if ahead * 2 < back else PAST


def month_year(month: int, ref: Reference, direction: str | None, strict: bool = False) -> int | None:
    """Year of a month named without one ("en juin"), relative to a reference known to the month."""
    if ref.month is None:
        return None
    if month == ref.month and not strict:
        return ref.year
    before = ref.year if month < ref.month else ref.year - 1
    after = ref.year if month > ref.month else ref.year + 1
    if month == ref.month:  # strict: "juin dernier" written in June
        before, after = ref.year - 1, ref.year + 1
    if direction is None:
        back = (ref.year - before) * 12 + ref.month - month
        ahead = (after - ref.year) * 12 + month - ref.month
        direction = _pick(back, ahead)
    return before if direction == PAST else after


def day_month(month: int, day: int, ref: Reference, direction: str | None, strict: bool = False) -> dt.date | None:
    """Full date of a day named without a year ("le 19 juin"); None for impossible days."""
    if ref.month is None:
        return None
    if ref.day is None or month != ref.month:
        year = month_year(month, ref, direction, strict=strict and month != ref.month)
        if year is None:
            return None
        found = valid_day(year, month, day)
        if found is None and month == 2 and day == 29:  # leap day: the nearest year that has one
            found = next((d for y in (year - 1, year + 1) if (d := valid_day(y, 2, 29))), None)
        return found
    today = ref.date
    assert today is not None
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := valid_day(y, month, day))]
    if not candidates:
        return None
    if not strict and today in candidates:
        return today
    before = [d for d in candidates if d < today]
    after = [d for d in candidates if d > today]
    if direction is None:
        if not before or not after:
            return (before or after)[-1 if before else 0]
        direction = _pick((today - before[-1]).days, (after[0] - today).days)
    near, far = (after, before) if direction == PAST else (before, after)
    if near and (not far or abs((far[-1 if direction == PAST else 0] - today).days) > SLACK_FAR):
        closest = near[0] if direction == PAST else near[-1]
        if abs((closest - today).days) <= SLACK_DAYS:
            return closest  # a day just past the reference in a past sentence: the reference is a bit early
    if direction == PAST:
        return before[-1] if before else None
    return after[0] if after else None


def weekday(target: int, today: dt.date, direction: str | None, strict: bool = False) -> dt.date:
    """The day of a weekday named alone ("vendredi", "lundi dernier"), Monday being 0."""
    back = (today.weekday() - target) % 7
    ahead = (target - today.weekday()) % 7
    if back == 0:
        if not strict:
            return today
        back = ahead = 7
    if direction is None:
        direction = PAST if back <= ahead else FUTURE
    if direction == PAST:
        return today - dt.timedelta(days=back)
    return today + dt.timedelta(days=ahead)


def nearest_weekday(target: int, day: dt.date, window: int = 3) -> dt.date | None:
    """The day with this weekday at most `window` days from `day` ("jeudi, le 31 octobre": that very Thursday)."""
    for distance in range(window + 1):
        for candidate in (day - dt.timedelta(days=distance), day + dt.timedelta(days=distance)):
            if candidate.weekday() == target:
                return candidate
    return None


def weekday_and_day(target: int, day: int, today: dt.date, window: int = 45) -> dt.date | None:
    """The date nearest to `today` that is both this weekday and this day of the month ("mardi 22")."""
    for distance in range(window + 1):
        for candidate in (today - dt.timedelta(days=distance), today + dt.timedelta(days=distance)):
            if candidate.weekday() == target and candidate.day == day:
                return candidate
    return None


def week(today: dt.date, offset: int) -> str:
    """Monday-to-Sunday interval of the week `offset` weeks from the one holding `today`."""
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
    return iso_interval(monday, monday + dt.timedelta(days=6))


def weekend(today: dt.date, direction: str | None, strict: bool = False) -> str:
    """Saturday-Sunday interval: the one under way (unless strict), else the last one or the coming one."""
    saturday = today - dt.timedelta(days=(today.weekday() - 5) % 7)  # the latest Saturday at or before today
    in_progress = today.weekday() >= 5
    if in_progress and not strict:
        pass  # "ce week-end" written on a Saturday or a Sunday
    elif direction == PAST:
        saturday -= dt.timedelta(days=7 if in_progress else 0)
    else:
        saturday += dt.timedelta(days=7)
    return iso_interval(saturday, saturday + dt.timedelta(days=1))


def shift_month(ref: Reference, offset: int) -> str | None:
    """The month `offset` months from the reference ("le mois dernier" is -1)."""
    if ref.month is None:
        return None
    index = ref.year * 12 + ref.month - 1 + offset
    return iso_month(index // 12, index % 12 + 1)
