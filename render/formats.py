"""Dates and numbers formatted by Babel for the interface language, keeping each date's precision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A claimant as the extractor found it may start a sentence ("Les renseignements sud-coréens ont...").
_DETERMINER = re.compile(r"^(Le|La|Les|Un|Une|Des|L['’])(?=\s|(?<=['’])\w)")
# Press titles keep their capital ("selon Le Monde"); the outlets of content/sources.yaml are added per site.
PRESS_TITLES = ("Le Monde", "Le Figaro", "Les Echos", "Les Échos", "La Croix", "Le Parisien", "L'Express",
                "L’Express", "Le Point", "La Tribune", "Le Temps", "Le Soir", "La Libre Belgique", "L'Obs",
                "L’Obs", "L'Humanité", "L’Humanité", "Le Devoir", "La Presse", "Le Journal du dimanche",
                "Le Canard enchaîné", "La Dépêche", "Le Progrès", "La Voix du Nord", "Le Télégramme",
                "L'Opinion", "L’Opinion", "Le Dauphiné libéré", "La Montagne", "Le Courrier")


@dataclass(frozen=True)
class PartialDate:
    """An ISO date at its precision (year, month or day): a month is never pinned to its 1st."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """Back to the ISO text it came from, so sorting and machine output keep the precision."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    @property
    def month_key(self) -> str:
        """The month it falls in ('YYYY-MM'), or the year alone when the month is unknown."""
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def as_date(self) -> dt.date:
        """A full date for Babel and feeds: the first day of its period."""
        return dt.date(self.year, self.month or 1, self.day or 1)


def iso_text(value: object) -> str | None:
    """Any date-like value from YAML or models (date, datetime, str) as ISO text, None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_partial(value: object) -> PartialDate | None:
    """Read 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (or a date object); None for anything else."""
    text = iso_text(value)
    if text is None:
        return None
    match = _ISO.match(text.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def format_partial(value: object, locale: str) -> str:
    """'19 juin 2024', 'octobre 2024', '2024', or a 'start – end' interval; unknown text is shown as is."""
    text = iso_text(value)
    if text is None:
        return ""
    if "/" in text:
        start, _, end = text.partition("/")
        return f"{format_partial(start, locale)} – {format_partial(end, locale)}"
    date = parse_partial(text)
    if date is None:
        return text
    if date.day:
        text = format_date(date.as_date(), "long", locale=locale)
        if date.day == 1 and locale.split("_")[0] == "fr" and text.startswith("1 "):
            text = "1er " + text[2:]  # French writes the first of the month as an ordinal
        return text
    if date.month:
        return format_skeleton("yMMMM", date.as_date(), locale=locale)
    return str(date.year)


def period(value: object) -> tuple[int, int] | None:
    """The first and last day (ordinals) a date or 'start/end' interval may mean; None when unreadable."""
    text = iso_text(value)
    if text is None:
        return None
    if "/" in text:
        start, _, end = text.partition("/")
        first, last = period(start), period(end)
        return (first[0], last[1]) if first and last else None
    date = parse_partial(text)
    return None if date is None else partial_period(date)


def partial_period(date: PartialDate) -> tuple[int, int]:
    """The first and last day a date may mean: a day is itself, a month or a year its whole length."""
    if date.day:
        day = date.as_date().toordinal()
        return day, day
    if date.month:
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return dt.date(date.year, date.month, 1).toordinal(), following.toordinal() - 1
    return dt.date(date.year, 1, 1).toordinal(), dt.date(date.year, 12, 31).toordinal()


def date_order(value: object) -> tuple[int, int]:
    """Sort key for dates of mixed precision: by last possible day, then first ('2024-10' after
    '2024-10-18', as docs/data-schema.md says); undated or unreadable last."""
    span = period(value)
    return (span[1], span[0]) if span else (dt.date.max.toordinal() + 1, 0)


def precision(value: object) -> str:
    """'day', 'month' or 'year' for a date (an interval counts as its start); '' when unreadable."""
    text = iso_text(value)
    date = parse_partial(text.split("/", 1)[0]) if text else None
    if date is None:
        return ""
    return "day" if date.day else ("month" if date.month else "year")


def format_month(key: str, locale: str) -> str:
    """A timeline group heading from a month key ('2024-10' → 'octobre 2024')."""
    return format_partial(key, locale)


def format_number(value: object, locale: str) -> str:
    """A figure with the locale's grouping ('12 000' with a narrow no-break space in French)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return format_decimal(value, locale=locale)
    return str(value)


def format_tick(value: float, step: float, locale: str) -> str:
    """An axis label: compact for millions ('40 M') so labels stay short, plain grouping below."""
    if abs(value) >= 1_000_000:
        digits = 0 if step >= 1_000_000 and float(value / 1_000_000).is_integer() else 1
        return format_compact_decimal(value, locale=locale, fraction_digits=digits)
    return format_decimal(value, locale=locale)


def country_name(code: str | None, locale: str) -> str:
    """An ISO 3166 code as the country's name in the interface language; the code when unknown."""
    if not code:
        return ""
    try:
        return Locale.parse(locale).territories.get(code.upper(), code)
    except (ValueError, UnknownLocaleError):
        return code


def claimant_phrase(name: str, titles: tuple[str, ...] = ()) -> str:
    """A claimant read after "selon": a leading determiner in lower case ("selon les renseignements"),
    except in a press title ("selon Le Monde"), so a name lifted from a sentence start reads right."""
    match = _DETERMINER.match(name)
    if not match:
        return name
    for title in PRESS_TITLES + titles:
        if name == title or (name.startswith(title) and not name[len(title)].isalnum()):
            return name
    return name[0].lower() + name[1:]


_DIGIT_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0](?=\d{3}(?!\d))")


def whole_numbers(text: str) -> str:
    """Article wording shown on the site with its digit groups joined by a narrow no-break space, so
    '1 500' never breaks across two lines; nothing else in the wording changes."""
    return _DIGIT_GROUP_SPACE.sub("\u202f", text)


# A wire dateline before the sentence ("SÉOUL, 21 oct. (Yonhap) -- ", "KIEV (AFP) – ") and a photo credit after it.
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’. -]{2,40}(?:, [^()—–]{1,30})?(?: ?\([^()]{1,40}\))? ?(?:--|[—–-]) ")
_CREDIT = re.compile(r" ?\((?:photos?|crédits?|illustration|©)[^()]{0,80}\)[ .]*$", re.IGNORECASE)


_DIGIT_GROUP = re.compile(r"\d[ \u00a0\u202f]\d{3}(?!\d)")  # a space inside a number: "1 500", "12 000"


def headline(sentence: str, limit: int = 160) -> str:
    """A sentence shortened to serve as an event's title: its wire dateline and photo credit dropped,
    then cut at a word before `limit` characters with an ellipsis; the wording itself is never changed."""
    text = sentence.strip()
    dateline = _DATELINE.match(text)
    if dateline and len(text) - dateline.end() > 20:
        text = text[dateline.end():]
        text = text[:1].upper() + text[1:]
    credit = _CREDIT.search(text)
    if credit and credit.start() > 0:
        text = text[:credit.start()] + ("." if credit.group().rstrip().endswith(".") else "")
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    while space > limit // 2 and _DIGIT_GROUP.match(text, space - 1):
        space = cut.rfind(" ", 0, space)  # "environ 1 500": never "environ 1…"
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


_GUILLEMETS = re.compile(r"«[\s\u00a0\u202f]*([^«»]*?)[\s\u00a0\u202f]*»")
_STRAIGHT = re.compile(r'"([^"]*)"')


def inner_quotes(text: str) -> str:
    """Quote marks inside a quote the site wraps in « » become “ ” (French nesting), so a reader never
    sees « leur « retrait immédiat » »; the words are unchanged."""
    return _STRAIGHT.sub(r"“\1”", _GUILLEMETS.sub(r"“\1”", text))
