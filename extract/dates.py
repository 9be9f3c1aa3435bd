"""French date expressions found over spaCy tokens and resolved against the publication date.

Rules match token sequences, never raw text, so "dans sa" or "mais" cannot pass for a date. Each match
becomes an `Expression` (what the words say); `resolve` turns it into an ISO date at its precision using
the publication date, the words "dernier"/"prochain"/"depuis" and the tense of the governing verb.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract import attribution, calendar, nlp
from extract.calendar import FUTURE, PAST, Reference
from extract.models import ArticleContext, Claim
from extract.numbers import UNITS
from extract.wording import norm, read_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

LATER = "later"  # a preposition that leans to the future unless the verb says otherwise

LEXICON = Path(__file__).resolve().parent / "lexicon" / "dates.yaml"
YEAR_RANGE = (1000, 2199)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
SEASON_OPENERS = {"au", "à", "en", "pendant", "durant", "depuis", "dès", "cet", "cette", "l'", "le", "du", "fin",
                  "début"}
SEASONS = {"printemps", "été", "automne"}  # winter straddles two years
SEASON_MONTHS = {"printemps": (3, 6), "été": (6, 9), "automne": (9, 12)}  # the months each season begins and ends in
PERIOD_ORDINALS = {"premier": 1, "1er": 1, "deuxième": 2, "second": 2, "2e": 2, "troisième": 3, "3e": 3,
                   "quatrième": 4, "4e": 4, "dernier": 4}
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")  # "le 4/11": a day and month, only after "le"
_MI = re.compile(r"^mi-(.+)$")
LEAP_YEAR = 2000  # checks "29 février" written without a year


@dataclass(frozen=True)
class Lexicon:
    """The words the rules know, read once from extract/lexicon/dates.yaml."""

    months: dict[str, int]
    month_abbreviations: frozenset[str]
    weekdays: dict[str, int]
    weekday_blockers: frozenset[str]
    day_words: dict[str, int]
    relative_days: dict[str, int]
    today_parts: frozenset[str]
    past_markers: frozenset[str]
    future_markers: frozenset[str]
    month_prepositions: tuple[tuple[tuple[str, ...], str | None], ...]  # longest first
    month_only_prepositions: frozenset[str]
    month_parts: frozenset[str]
    prospective_lemmas: frozenset[str]
    plan_lemmas: frozenset[str]
    decision_lemmas: frozenset[str]
    etre_verbs: frozenset[str]
    historic_day_months: frozenset[tuple[int, int]]


@functools.cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    """Load the lexicon once per process."""
    lex = read_lexicon(path.name, path.parent)
    return Lexicon(
        months=lex.table("months"),
        month_abbreviations=lex.words("month_abbreviations"),
        weekdays=lex.table("weekdays"),
        weekday_blockers=lex.words("weekday_blockers"),
        day_words=lex.table("day_words"),
        relative_days=lex.table("relative_days"),
        today_parts=lex.words("today_parts"),
        past_markers=lex.words("past_markers"),
        future_markers=lex.words("future_markers"),
        month_prepositions=tuple(
            sorted(
                ((tuple(k.split()), v) for k, v in lex.table("month_prepositions").items()),
                key=lambda item: (-len(item[0]), item[0]),
            )
        ),
        month_only_prepositions=lex.words("month_only_prepositions"),
        month_parts=lex.words("month_parts"),
        prospective_lemmas=lex.words("prospective_lemmas"),
        plan_lemmas=lex.words("plan_lemmas"),
        decision_lemmas=lex.words("decision_lemmas"),
        etre_verbs=lex.words("etre_verbs"),
        historic_day_months=frozenset((d, m) for d, m in lex.data["historic_day_months"] or []),
    )


@dataclass(frozen=True)
class Expression:
    """What a matched span says about a date, before resolution against the publication."""

    start: int  # token index in the Doc
    end: int  # exclusive
    kind: str  # day | month | year | weekday | relative_day | week | weekend | relative_month | relative_year | season
    # | year_end ("d'ici à la fin de l'année")
    # | same_day_year | same_day_month ("il y a un an jour pour jour")
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0  # for relative kinds, in the kind's unit
    direction: str | None = None  # set by the words themselves: dernier, prochain, depuis
    lean: str | None = None  # used only when the verb says nothing: "jusqu'en mars" looks ahead
    strict: bool = False  # "dernier"/"prochain" exclude the reference itself
    deictic: bool = False  # "ce lundi": the speaker's own week
    last_day: int | None = None  # ranges "du 4 au 6 décembre"
    last_month: int | None = None
    last_year: int | None = None  # month ranges "entre août 2023 et octobre 2024"


class _Scanner:
    """Matches date expressions in one sentence, token by token."""

    def __init__(self, sent: Span, lex: Lexicon, words: list[str] | None = None) -> None:
        self.lex = lex
        self.base = sent.start
        self.words = words if words is not None else [norm(t.text) for t in sent]
        self.tokens = list(sent)
        self._prepositions = _prepositions_by_first_word(lex.month_prepositions)

    # -- small token tests -------------------------------------------------------------------------

    def w(self, i: int) -> str:
        """Normalised word at sentence position i ("" outside the sentence)."""
        return self.words[i] if 0 <= i < len(self.words) else ""

    def seq(self, i: int, *words: str) -> bool:
        """Do the given (non-empty) words start at position i?"""
        return i >= 0 and tuple(self.words[i : i + len(words)]) == words

    def month(self, i: int, after_day: bool = False, capital_ok: bool = False) -> tuple[int, int] | None:
        """Month named at i and the tokens it takes; abbreviations ("janv.") only after a day number.

        Capitalised mid-sentence only when the context makes it a month (`capital_ok`, or a year right after
        it): "Mars" the planet, "Juin" the general, "Avril" the first name stay out.
        """
        word = self.w(i)
        dotted = word.endswith(".") and len(word) > 1
        word = word.rstrip(".") if dotted else word
        if word not in self.lex.months:
            return None
        width = 1
        if word in self.lex.month_abbreviations:
            if not after_day:
                return None
            if not dotted and self.w(i + 1) == ".":
                width = 2
        text = self.tokens[i].text
        if text[:1].isupper() and not (i == 0 or text.isupper() or capital_ok or self.year(i + width)):
            return None
        return self.lex.months[word], width

    def weekday(self, i: int, before_day: bool = False) -> int | None:
        """Weekday named at i; capitalised mid-sentence only before a day number (not "Vendredi" the name)."""
        word = self.w(i)
        if word not in self.lex.weekdays:
            return None
        text = self.tokens[i].text
        if text[:1].isupper() and not (i == 0 or text.isupper() or (before_day and self.day(i + 1))):
            return None
        return self.lex.weekdays[word]

    def day(self, i: int) -> int | None:
        """Day of the month written at i: "4", "1er", "premier"."""
        word = self.w(i)
        if word in self.lex.day_words:
            return int(self.lex.day_words[word])
        if word.isascii() and word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31:
            return int(word)
        return None

    def year(self, i: int) -> int | None:
        """Four-digit year at i."""
        word = self.w(i)
        if word.isascii() and word.isdigit() and len(word) == 4 and YEAR_RANGE[0] <= int(word) <= YEAR_RANGE[1]:
            return int(word)
        return None

    def marker(self, i: int) -> tuple[str | None, int]:
        """Direction word at i ("dernier", "prochain", "à venir") and how many tokens it takes."""
        if self.w(i) in self.lex.past_markers:
            return PAST, 1
        if self.w(i) in self.lex.future_markers:
            return FUTURE, 1
        if self.seq(i, "à", "venir"):
            return FUTURE, 2
        return None, 0

    def number_follows(self, i: int) -> bool:
        """Digits right after a month that are not a year ("mai 68"): not a plain date ("juin un traité" is)."""
        return self.w(i)[:1] in "0123456789" and self.w(i)[:1] != ""

    # -- leads: words before the core ------------------------------------------------------------

    def preposition(self, i: int, months: bool = False) -> tuple[int, str | None, bool]:
        """Preposition opening a month or year at i: (tokens taken, direction, found)."""
        for phrase, direction in self._prepositions.get(self.w(i), ()):
            if self.seq(i, *phrase):
                return len(phrase), direction, True
        if months and self.w(i) in self.lex.month_only_prepositions:
            return 1, None, True
        return 0, None, False

    def part(self, i: int) -> int:
        """Part-of-period words at i ("début", "la fin de", "au début du mois de"): tokens taken."""
        j = i
        if self.seq(j, "à", "la") or self.seq(j, "au") or self.seq(j, "la") or self.seq(j, "le"):
            j += 2 if self.w(j) == "à" else 1
            if self.w(j) not in self.lex.month_parts:
                return 0
        if self.w(j) not in self.lex.month_parts:
            return 0
        j += 1
        if self.w(j) == "-" and self.w(j - 1) == "mi":
            j += 1
        elif self.w(j) in ("de", "d'", "du"):
            if self.w(j) == "du" and self.w(j + 1) == "mois" and self.w(j + 2) in ("de", "d'"):
                j += 3
            elif self.w(j) != "du":
                j += 1
            else:
                return 0
        return j - i

    def month_phrase(self, i: int) -> int:
        """'au mois de', 'le mois de', 'mois d'' before a month name: tokens taken."""
        j = i + 1 if self.w(i) in ("au", "le", "du", "ce") else i
        if self.w(j) == "mois" and self.w(j + 1) in ("de", "d'"):
            return j + 2 - i
        return 0

    # -- the rules -------------------------------------------------------------------------------

    def match(self, i: int) -> Expression | None:
        """The longest date expression starting at sentence position i, if any."""
        found = [e for e in (rule(i) for rule in self.rules()) if e is not None]
        if not found:
            return None
        return max(found, key=lambda e: (e.end - e.start, -len(e.kind)))

    def rules(self) -> tuple[Any, ...]:
        """Every rule, each a function from a start position to an expression or None."""
        return (
            self.dated,
            self.monthly,
            self.seasonal,
            self.yearly,
            self.numeric,
            self.week_day,
            self.relative,
            self.ranged,
            self.ago,
            self.year_ranged,
            self.year_end,
        )

    def expression(self, i: int, j: int, kind: str, **fields: Any) -> Expression:
        """An expression over sentence positions [i, j)."""
        return Expression(start=self.base + i, end=self.base + j, kind=kind, **fields)

    def dated(self, i: int) -> Expression | None:
        """[depuis|dès] [le|ce] [weekday] day month [year] ("le 19 juin 2024", "Ce lundi 21 octobre")."""
        j = i
        direction = None
        if self.w(j) == "depuis":
            direction, j = PAST, j + 1
        elif self.w(j) == "dès":
            j += 1
        deictic = self.w(j) in ("ce", "cet", "cette")
        if self.w(j) in ("le", "l'", "ce"):
            j += 1
        weekday = self.weekday(j, before_day=True)
        if weekday is not None:
            j += 1
        day = self.day(j)
        if day is None:
            return None
        capital_ok = weekday is not None or self.w(j - 1) in ("le", "l'")
        j += 1
        found = self.month(j, after_day=True, capital_ok=capital_ok)
        if found is None:
            return None
        month, width = found
        j += width
        year = self.year(j)
        if year is not None:
            j += 1
        elif self.number_follows(j) or (day, month) in self.lex.historic_day_months:
            return None
        if calendar.valid_day(year or LEAP_YEAR, month, day) is None:
            return None
        if direction is None:
            direction, taken = self.marker(j)
            j += taken
        return self.expression(
            i,
            j,
            "day",
            year=year,
            month=month,
            day=day,
            weekday=weekday,
            direction=direction,
            deictic=deictic and weekday is not None,
        )

    def monthly(self, i: int) -> Expression | None:
        """[prep] [part] [au mois de] month [year] [dernier] ("en juin", "début août", "juin 2024")."""
        j = i
        taken, direction, has_prep = self.preposition(j, months=True)
        j += taken
        part = self.part(j)
        j += part
        phrase = self.month_phrase(j)
        j += phrase
        led = bool(has_prep or part or phrase)
        mi = _MI.match(self.w(j))
        if mi and mi.group(1) in self.lex.months and mi.group(1) not in self.lex.month_abbreviations:
            month, width = self.lex.months[mi.group(1)], 1
            led = True
        else:
            weak = has_prep and not (part or phrase) and self.w(i) in self.lex.month_only_prepositions
            found = self.month(j, capital_ok=led and not weak and self.w(j) != "mars")  # "Champ-de-Mars"
            if found is None:
                return None
            month, width = found
        j += width
        year = self.year(j)
        if year is not None:
            j += 1
        elif self.number_follows(j):
            return None  # "mai 68", "juin 40": a year written short, or a quantity
        marker, taken = self.marker(j)
        if year is None and not (led or marker):
            return None  # a bare month name is too weak a signal
        if year is None:
            j += taken
            if marker:
                direction = marker
        return self.expression(
            i,
            j,
            "month",
            year=year,
            month=month,
            direction=direction if direction in (PAST, FUTURE) else None,
            lean=FUTURE if direction == LATER else None,
            strict=bool(marker) and year is None,
        )

    def seasonal(self, i: int) -> Expression | None:
        """A season or a quarter with its year: "au printemps 2024" (that year), "au premier trimestre 2025" (its
        months). Winter straddles two years and a season with no year has no year to give: both are left out."""
        j = i
        while j < i + 2 and self.w(j) in SEASON_OPENERS:
            j += 1
        word = self.w(j)
        if word in SEASONS and j > i:  # "l'été 2023", never the participle of "a été 2023 fois"
            year = self.year(j + 1) or (self.year(j + 2) if self.w(j + 1) == "de" else None)
            marker, taken = self.marker(j + 1)
            if year is None and marker in (PAST, FUTURE) and self.w(j - 1) in ("l'", "le", "au", "cet", "du"):
                # "l'été dernier", "au printemps prochain": the last or the next one, settled from the article's date
                return self.expression(i, j + 1 + taken, "season", month=SEASON_MONTHS[word][0],
                                       last_month=SEASON_MONTHS[word][1], direction=marker)
            if year is None:
                return None
            return self.expression(i, j + 2 + (self.w(j + 1) == "de"), "year", year=year)
        part = PERIOD_ORDINALS.get(word)
        length = {"trimestre": 3, "semestre": 6}.get(self.w(j + 1))
        if part is None or length is None or part * length > 12:
            return None
        k = j + 2 + (self.w(j + 2) == "de")
        year = self.year(k)
        if year is None:
            return None
        first = (part - 1) * length + 1
        return self.expression(i, k + 1, "month", year=year, month=first, last_month=first + length - 1,
                               last_year=year)

    def yearly(self, i: int) -> Expression | None:
        """[prep] [part] year ("en 2023", "depuis 2022", "fin 2023", "mi-2024")."""
        j = i
        taken, _direction, has_prep = self.preposition(j)
        j += taken
        part = self.part(j)
        j += part
        word = self.w(j)
        mi = _MI.match(word)
        if mi and mi.group(1).isdigit() and len(mi.group(1)) == 4:
            year: int | None = int(mi.group(1))
            part = part or 1
        else:
            year = self.year(j)
        if year is None or not (has_prep or part):
            return None
        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        if nxt is not None and (nxt.pos_ == "NOUN" or self.number_follows(j + 1)) and not self.month(j + 1):
            return None  # "en 1500 exemplaires": a quantity, not a year
        return self.expression(i, j + 1, "year", year=year)

    def numeric(self, i: int) -> Expression | None:
        """[le] 19/06/2024, 19.06.2024 or 2024-06-19 written as one token."""
        j = i + 1 if self.w(i) == "le" else i
        word = self.w(j)
        if m := _NUMERIC.match(word):
            day, month, year = (int(g) for g in m.groups())
        elif m := _ISO_DAY.match(word):
            year, month, day = (int(g) for g in m.groups())
        elif (m := _DAY_MONTH.match(word)) and j == i + 1 and self.w(j + 1) not in {"de", "des", "du", "d'"}:
            day, month = (int(g) for g in m.groups())  # not "le 1/3 des effectifs", a fraction
            if not 1 <= month <= 12 or calendar.valid_day(2024, month, day) is None:  # a leap year: 29/2 is a day
                return None
            return self.expression(i, j + 1, "day", month=month, day=day)
        else:
            return None
        if not 1 <= month <= 12 or calendar.valid_day(year, month, day) is None:
            return None
        return self.expression(i, j + 1, "day", year=year, month=month, day=day)

    def week_day(self, i: int) -> Expression | None:
        """[ce] weekday [dernier|prochain] ("vendredi", "ce lundi", "mardi prochain")."""
        j = i
        deictic = self.w(j) == "ce"
        if deictic:
            j += 1
        weekday = self.weekday(j)
        if weekday is None:
            return None
        before = self.w(i - 1)
        span_of_days = before in ("au", "à") and self.w(i - 2) in self.lex.weekdays and self.w(i - 3) == "du"
        habit_word = before in ("chaque", "les", "un", "du") or (before == "le" and self.day(j + 1) is None)
        if not deictic and (habit_word or span_of_days or self.w(j + 1) in self.lex.weekday_blockers):
            return None  # habits ("le lundi", "chaque mardi", "du lundi au vendredi") and feasts ("mardi gras")
        j += 1
        day = self.day(j)  # "mardi 22": the month is left to the publication date
        if day is not None:
            j += 1
        direction, taken = self.marker(j)
        opens = self.seq(i - 3, "à", "partir", "de") or self.seq(i - 3, "à", "partir", "d'")
        return self.expression(
            i,
            j + taken,
            "weekday",
            weekday=weekday,
            day=day,
            direction=direction,
            strict=direction is not None,
            deictic=deictic,
            lean=FUTURE if opens else None,  # "à partir de mardi": a period that starts, mostly ahead
        )

    def relative(self, i: int) -> Expression | None:
        """Dates counted from the publication: hier, ce matin, la semaine dernière, l'an dernier."""
        word = self.w(i)
        if word in self.lex.relative_days:
            if self.w(i - 1) in ("d'", "de", "jusqu'", "à") or self.w(i + 1) in ("encore", "même"):
                return None  # "le monde d'aujourd'hui", "aujourd'hui encore": not a day
            return self.expression(i, i + 1, "relative_day", offset=int(self.lex.relative_days[word]))
        if word in ("ce", "cet") and self.w(i + 1) in self.lex.today_parts:
            return self.expression(i, i + 2, "relative_day", offset=0)
        this = word in ("ce", "cet", "cette")
        if not (this or word in ("la", "le", "l'")):
            return None
        j = i + 1
        unit = self.w(j)
        if unit == "week" and self.seq(j + 1, "-", "end"):
            unit, j = "week-end", j + 2
        elif unit == "mois" and self.seq(j + 1, "-", "ci"):
            unit, j = "mois-ci", j + 2
        j += 1
        kinds = {
            "semaine": "week",
            "week-end": "weekend",
            "mois": "relative_month",
            "mois-ci": "relative_month",
            "année": "relative_year",
            "an": "relative_year",
        }
        if unit not in kinds:
            return None
        direction, taken = self.marker(j)
        if this:
            if unit == "an" or direction is not None:
                return None
            return self.expression(i, j, kinds[unit], offset=0)
        if direction is None or unit == "mois-ci":
            return None  # "la semaine" alone, "le mois" alone: not a date
        offset = -1 if direction == PAST else 1
        return self.expression(i, j + taken, kinds[unit], offset=offset, direction=direction, strict=True)

    def ago(self, i: int) -> Expression | None:
        """ "il y a deux mois", "il y a 10 jours", "il y a un an": counted back from the publication, at the unit's
        precision (a week is its Monday-to-Sunday span)."""
        if not self.seq(i, "il", "y", "a") or self.w(i - 1) == "comme":
            return None  # "comme il y a 80 ans": a comparison, no event
        word = self.w(i + 3)
        count = int(word) if word.isascii() and word.isdigit() and len(word) <= 2 else UNITS.get(word)
        unit = AGO_UNITS.get(self.w(i + 4))
        if not count or unit is None or (count == 1 and self.w(i + 4).endswith("s") and self.w(i + 4) != "mois"):
            return None  # "il y a quelques jours": vague; "il y a 3 000 soldats": a figure
        if (self.w(i + 5) in ("de", "d'") and self.w(i + 6) not in ("cela", "ça")) or self.w(i + 5) == "que":
            return None  # "il y a 3 mois de salaire": an amount; "il y a deux ans que …": a duration
        if self.seq(i + 5, "jour", "pour", "jour") and unit in ("relative_year", "relative_month"):
            return self.expression(i, i + 8, "same_day_" + unit.removeprefix("relative_"), offset=-count,
                                   direction=PAST)  # "il y a un an jour pour jour": that very day
        return self.expression(i, i + 5, unit, offset=-count, direction=PAST)

    def year_end(self, i: int) -> Expression | None:
        """The end of the year of the article: "la fin de l'année", "d'ici à la fin de l'année", "en fin d'année",
        looking ahead after "d'ici", "jusqu'à" or "avant"; "de l'année dernière/prochaine" shifts it a year."""
        j = i
        direction = None
        if self.seq(j, "d'", "ici"):
            j += 2 + (self.w(j + 2) in ("à", "a"))
            direction = FUTURE
        elif self.seq(j, "jusqu'", "à") or self.w(j) == "avant":
            j += 2 if self.w(j) == "jusqu'" else 1
            direction = FUTURE
        elif self.w(j) == "à":
            j += 1
        if self.seq(j, "en", "fin", "d'", "année"):
            j += 4
        elif self.seq(j, "la", "fin", "de", "l'", "année"):
            j += 5
        else:
            return None
        marker, taken = self.marker(j)
        if self.w(j) == "en" and self.w(j + 1) == "cours":
            taken = 2
        offset = {PAST: -1, FUTURE: 1}.get(marker or "", 0)
        return self.expression(i, j + taken, "year_end", offset=offset, direction=direction or marker)

    def year_ranged(self, i: int) -> Expression | None:
        """A span of years: "entre 2017 et 2021", "de 2019 à 2022" (not "entre 2000 et 2500 soldats", a figure)."""
        opener = self.w(i)
        if opener not in ("entre", "de", "d'"):
            return None
        first, last = self.year(i + 1), self.year(i + 3)
        if first is None or last is None or self.w(i + 2) != ("et" if opener == "entre" else "à"):
            return None
        following = self.tokens[i + 4] if i + 4 < len(self.tokens) else None
        if not first < last <= first + 50 or (following is not None and following.pos_ in ("NOUN", "NUM")):
            return None
        return self.expression(i, i + 4, "year", year=first, last_year=last)

    def month_ranged(self, i: int) -> Expression | None:
        """A span of months closed by a year: "entre août 2023 et octobre 2024", "de mars à juin 2024"."""
        opener = self.w(i)
        if opener not in ("entre", "de", "d'"):
            return None
        first = self.month(i + 1, capital_ok=True)
        if first is None:
            return None
        j = i + 1 + first[1]
        first_year = self.year(j)
        j += first_year is not None
        if self.w(j) != ("et" if opener == "entre" else "à"):
            return None
        last = self.month(j + 1, capital_ok=True)
        last_year = self.year(j + 1 + last[1]) if last is not None else None
        if last is not None and last_year is None and first_year is None and first[0] < last[0] and (
            self.month(i + 1) is not None and self.month(j + 1) is not None and not self.number_follows(j + 1 + last[1])
        ):  # "entre janvier et mai", "de mars à juin": the months of one year, settled from the article's date
            return self.expression(i, j + 1 + last[1], "month", month=first[0], last_month=last[0])
        if last is None or last_year is None:
            return None
        if first_year is None:
            first_year = last_year if first[0] < last[0] else last_year - 1
        if (first_year, first[0]) >= (last_year, last[0]):
            return None
        return self.expression(i, j + 2 + last[1], "month", year=first_year, month=first[0], last_month=last[0],
                               last_year=last_year)

    def ranged(self, i: int) -> Expression | None:
        """An interval of days: "du 4 au 6 décembre", "les 12 et 13 juin", "entre le 4 et le 6 décembre" (or of
        months, tried here so that no rule more runs at every word)."""
        j = i
        if self.w(j) in ("entre", "de", "d'"):
            months = self.month_ranged(i)
            if months is not None or self.w(j) != "entre":
                return months
        if self.w(j) == "du" or self.w(j) == "les":
            j += 1
        elif self.w(j) == "entre":
            j += 1
            if self.w(j) == "le":
                j += 1
        else:
            return None
        first = self.day(j)
        if first is None:
            return None
        j += 1
        own = self.month(j, after_day=True)  # "du 28 novembre au 3 décembre"
        first_month = own[0] if own else None
        j += own[1] if own else 0
        if self.w(j) not in ("au", "et"):
            return None
        j += 1
        if self.w(j) == "le":
            j += 1
        last = self.day(j)
        if last is None:
            return None
        found = self.month(j + 1, after_day=True)
        if found is None:
            return None
        month = found[0]
        j += 1 + found[1]
        year = self.year(j)
        if year is not None:
            j += 1
        elif self.number_follows(j):
            return None
        return self.expression(
            i, j, "day", year=year, month=first_month or month, day=first, last_day=last, last_month=month
        )


AGO_UNITS = {"jour": "relative_day", "jours": "relative_day", "semaine": "week", "semaines": "week",
             "mois": "relative_month", "an": "relative_year", "ans": "relative_year", "année": "relative_year",
             "années": "relative_year"}

# Words the rules need besides the lexicon's tables (relative periods).
PERIOD_WORDS = frozenset({"an", "ans", "année", "années", "mois", "mois-ci", "semaine", "semaines", "week-end",
                          "weekend", "week", "aujourd'hui", "mi", "jour", "jours"})


@functools.cache
def _prepositions_by_first_word(prepositions: tuple[tuple[tuple[str, ...], str | None], ...]
                                ) -> dict[str, tuple[tuple[tuple[str, ...], str | None], ...]]:
    """The month prepositions grouped by their first word, longest first as in the lexicon: one lookup a token."""
    grouped: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
    for phrase, direction in prepositions:
        grouped.setdefault(phrase[0], []).append((phrase, direction))
    return {word: tuple(items) for word, items in grouped.items()}


@functools.cache
def _triggers() -> frozenset[str]:
    """Every word without which no date expression can be found in a sentence."""
    lex = lexicon()
    return frozenset(lex.months) | lex.month_abbreviations | frozenset(lex.weekdays) | frozenset(lex.day_words) \
        | frozenset(lex.relative_days) | lex.today_parts | PERIOD_WORDS | SEASON_MARKERS


SEASON_MARKERS = frozenset({"dernier", "prochain"})  # "l'été dernier" holds no other word a rule starts from


def _may_date(word: str, triggers: frozenset[str]) -> bool:
    return any(c.isdigit() for c in word) or word in triggers or any(p in triggers for p in word.split("-"))


def scan(doc: Doc) -> list[Expression]:
    """Every date expression of a parsed text, left to right, never overlapping."""
    lex = lexicon()
    triggers = _triggers()
    found: list[Expression] = []
    for sent in doc.sents:
        words = [norm(t.text) for t in sent]
        if not any(_may_date(word, triggers) for word in words):
            continue  # no word any rule starts from or needs: most sentences, skipped cheaply
        scanner = _Scanner(sent, lex, words)
        i = 0
        while i < len(sent):
            expr = scanner.match(i)
            if expr is None:
                i += 1
                continue
            found.append(expr)
            i = expr.end - sent.start
    return found


# -- tense --------------------------------------------------------------------------------------------


def _verb_tense(verb: Token, lex: Lexicon) -> str | None:
    """Past, future or None (present, unknown) for one verb, looking at its auxiliaries."""
    morph = verb.morph
    form = morph.get("VerbForm")
    tense = morph.get("Tense")
    mood = morph.get("Mood")
    if "Fin" in form and any(c.dep_ == "aux:tense" for c in verb.children) and any(
        c.dep_ == "aux:pass" and c.lower_ == "été" for c in verb.children
    ):
        form, tense = ["Part"], ["Past"]  # "a été perturbé" the tagger read as a present: a compound past passive
    if "Part" in form and "Past" in tense:
        auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop")]
        if any("Fut" in a.morph.get("Tense") for a in auxes):
            return FUTURE
        reflexive = any(c.lower_ in ("se", "s'", "s\u2019") for c in verb.children)
        if (len(auxes) == 1 and auxes[0].lemma_ == "être" and "Cnd" in auxes[0].morph.get("Mood")
                and not reflexive and verb.lemma_ not in lex.etre_verbs):
            return FUTURE  # "seraient déployés dès janvier": a passive conditional, whatever the parser calls the aux
        passive = [a for a in auxes if a.dep_ == "aux:pass" or (a.dep_ == "cop" and a.lemma_ == "être")]
        tense_auxes = [a for a in auxes if a not in passive]  # "est fixée au 21": "est" read as a copula, a passive
        if passive and not tense_auxes and not reflexive and verb.lemma_ not in lex.etre_verbs:
            # a present passive ("est attendu lundi"), not a compound past ("sont arrivés", "s'est rendu")
            if any("Cnd" in a.morph.get("Mood") for a in passive):
                return FUTURE
            return FUTURE if verb.lemma_ in lex.prospective_lemmas else None
        if not auxes and verb.lemma_ in lex.prospective_lemmas and verb.dep_ != "ROOT":
            return None  # "l'investiture, prévue le 20 janvier": a plan, dated on either side of the article
        return PAST  # passé composé, plus-que-parfait, past conditional, bare participle
    if "Inf" in form:
        head = verb.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and "Inf" not in head.morph.get("VerbForm"):
            if _plan_still_on(head, lex):
                return FUTURE  # "a prévu de se rassembler dimanche": what is planned is still to come
            return FUTURE if _verb_tense(head, lex) == FUTURE else None
        return None
    if "Fin" in form:
        if "Cnd" in mood and not attribution.conditional(verb):
            return PAST  # "dépassait" read as a conditional: an imperfect
        if "Fut" in tense or "Cnd" in mood or _future_form(verb) or (
            "Imp" in tense and attribution.conditional(verb) and attribution.reported_after_past_saying(verb)
        ):  # "a indiqué qu'il remettrait sa démission mardi", the conditional read as an imperfect
            return FUTURE
        if "Past" in tense or "Imp" in tense:
            return PAST
        if verb.lemma_ in lex.prospective_lemmas:
            return FUTURE
    return None


def _future_form(verb: Token) -> bool:
    """ "qui se tiendra samedi", "ils reviendront": a future by its ending when the tagger calls it a past (a simple
    past of an -er verb, "il déclara", ends the same way and is kept apart by its lemma)."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    if word.endswith("ront") and len(word) > 5:
        return True
    return word.endswith("ra") and len(word) > 3 and not (lemma.endswith("er") and word == lemma[:-2] + "a")


def _month_length(year: int, month: int) -> int:
    """Days in a month, so that "il y a un mois jour pour jour" from 31 March lands on 28 or 29 February."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _plan_still_on(verb: Token, lex: Lexicon) -> bool:
    """A plan in the present perfect ("a prévu de", "ont envisagé de"), not in the pluperfect ("avait prévu")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense")]
    return (
        verb.lemma_ in lex.prospective_lemmas
        and "Part" in verb.morph.get("VerbForm")
        and len(auxes) == 1
        and "Pres" in auxes[0].morph.get("Tense")
    )


def tense(span: Span, lex: Lexicon | None = None, through_nouns: bool = True) -> str | None:
    """Tense of the verb governing a span: walk up the parse to the first verb.

    With `through_nouns` False, a date that qualifies a noun ("avant son retour en janvier") takes no tense
    from the verb above that noun: the event it dates has its own time.
    """
    lex = lex or lexicon()
    if _opening_participle(span, lex):
        return PAST
    token = span.root
    for _ in range(8):
        if token.head.i == token.i:
            if token.pos_ in ("VERB", "AUX"):
                return None
            copula = next((c for c in token.children if c.dep_ == "cop" and c.pos_ == "AUX"), None)
            if copula is not None and _verb_tense(copula, lex) is not None:
                return _verb_tense(copula, lex)  # "Dimanche, il était l'invité de …": the copula's tense
            return _sentence_tense(span, lex)
        token = token.head
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            return _verb_tense(token, lex)
        copula = next((c for c in token.children if c.dep_ == "cop" and c.pos_ == "AUX"), None)
        if copula is not None and token.pos_ == "ADJ" and _verb_tense(copula, lex) is not None:
            return _verb_tense(copula, lex)  # "qu'un fonds serait opérationnel le 1er mars": the copula's tense
        if not through_nouns and token.pos_ in ("NOUN", "PROPN"):
            return None
    return None


def _governing_verb(span: Span) -> Token | None:
    """The first verb up the parse from a span, as `tense` finds it."""
    token = span.root
    for _ in range(8):
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            return token
    return None


def _said_then_due(span: Span, expr: Expression, lex: Lexicon) -> bool:
    """A weekday the past verb does not date: a measure starting then, decided in the present perfect ("a décrété
    trois jours de deuil à partir de mardi"), or a plan in the imperfect ("la SNCF prévoyait un TER sur deux
    jeudi"); the day may fall before or after the writing, so the nearest one is meant."""
    verb = _governing_verb(span)
    if verb is None:
        return False
    if expr.lean == FUTURE:
        auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense")]
        return len(auxes) == 1 and "Pres" in auxes[0].morph.get("Tense") and "Ind" in auxes[0].morph.get("Mood") and (
            any(t.lemma_ in lex.decision_lemmas for t in span.doc[span.sent.start : span.start])
        )  # "le trafic a été perturbé à partir de jeudi" tells what happened: the last Thursday
    return "Imp" in verb.morph.get("Tense") and "Fin" in verb.morph.get("VerbForm") and verb.lemma_ in lex.plan_lemmas


PAST_OPENERS = {"joint", "jointe", "joints", "jointes", "atteint", "atteinte", "rejoint", "rejointe"}
PROSPECTIVE_FORMS = ("prév", "attendu", "programm", "planifi", "envisag", "projet", "annoncé pour")


def _opening_participle(span: Span, lex: Lexicon) -> bool:
    """ "Contactée mercredi, la ministre juge …", "Joint au téléphone mercredi, X estime …": a participle opening
    the sentence tells what was done before it was written, whatever the tense of the main verb (a plan such as
    "Prévu mercredi, le vote …" is not one)."""
    sent = span.sent
    first = next((t for t in sent if t.is_alpha), None)
    if first is None or first.i >= span.start or not first.text[:1].isupper():
        return False
    if any(t.text in {",", ";", ":", "«", "»"} for t in span.doc[first.i : span.start]):
        return False  # the date is past the opening phrase
    if not any(t.text == "," for t in span.doc[span.end : sent.end]):
        return False
    word = first.lower_
    if word.startswith(PROSPECTIVE_FORMS) or first.lemma_.lower() in lex.prospective_lemmas:
        return False
    return word in PAST_OPENERS or (word.endswith(("é", "ée", "és", "ées")) and len(word) > 4 and (
        first.pos_ in {"VERB", "ADJ", "PROPN", "NOUN"} and "Fin" not in first.morph.get("VerbForm")
    ))


def _sentence_tense(span: Span, lex: Lexicon) -> str | None:
    """The tense every verb of a sentence agrees on, for a date the parser hung on no verb.

    "Les soldats, faits prisonniers le 9 janvier, ont été interrogés": the small model makes the adjective the
    root and the date never meets a verb; the sentence's own verbs still say it is told in the past.
    """
    found = {_verb_tense(t, lex) for t in span.sent if t.pos_ == "VERB" and not t.is_punct}
    found |= {PAST for t in span.sent if _etre_past(t, lex)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


ETRE_PRESENT = {"est", "sont", "était", "étaient", "suis", "sommes", "êtes", "es"}
PARTICIPLE_STEMS = (("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"), ("ties", "tir"), ("tis", "tir"),
                    ("tie", "tir"), ("ti", "tir"), ("nus", "nir"), ("nues", "nir"), ("nue", "nir"), ("nu", "nir"),
                    ("tes", "ir"), ("te", "ir"), ("ts", "ir"), ("t", "ir"), ("s", "ître"), ("e", "ître"))


def _etre_past(token: Token, lex: Lexicon) -> bool:
    """ "un drone est tombé", "ils sont arrivés": a compound past of a verb of motion the tagger read as an adjective
    after a copula (the passive "est fermé" is not one: only the verbs that take être)."""
    if token.pos_ not in {"ADJ", "NOUN"} or not any(
        c.dep_ in {"cop", "aux", "aux:tense", "aux:pass"} and c.lower_ in ETRE_PRESENT for c in token.children
    ):
        return False
    word = token.lower_
    for ending, infinitive in PARTICIPLE_STEMS:
        if word.endswith(ending) and word[: -len(ending)] + infinitive in lex.etre_verbs:
            return True
    return word in {"mort", "morte", "morts", "mortes", "né", "née", "nés", "nées", "venu", "venue", "venus", "venues"}


# -- resolution ---------------------------------------------------------------------------------------


def resolve(
    expr: Expression, ref: Reference | None, verb_tense: str | None, anchor: dt.date | None = None
) -> str | None:
    """ISO date of an expression at its precision, or None when the reference cannot settle it."""
    direction = expr.direction or verb_tense or expr.lean
    today = ref.date if ref else None
    if expr.kind == "year":
        return f"{expr.year:04d}/{expr.last_year:04d}" if expr.last_year else f"{expr.year:04d}"
    if expr.kind == "day":
        return _resolve_day(expr, ref, direction)
    if expr.kind == "month" and expr.last_year is not None and expr.year is not None and expr.last_month:
        return f"{calendar.iso_month(expr.year, expr.month or 1)}/{calendar.iso_month(expr.last_year, expr.last_month)}"
    if expr.kind == "month" and expr.year is None and expr.last_month:  # "entre janvier et mai"
        assert expr.month is not None
        last_year = calendar.month_year(expr.last_month, ref, direction, strict=expr.strict) if ref else None
        if last_year is None:
            return None
        return f"{calendar.iso_month(last_year, expr.month)}/{calendar.iso_month(last_year, expr.last_month)}"
    if expr.kind == "month":
        assert expr.month is not None
        year = expr.year
        if year is None and ref is not None:
            year = calendar.month_year(expr.month, ref, direction, strict=expr.strict)
        return calendar.iso_month(year, expr.month) if year is not None else None
    if expr.kind == "season":  # "l'été dernier": this year's once it is over, else last year's
        assert expr.month is not None and expr.last_month is not None
        if ref is None or ref.month is None or ref.month in (expr.month, expr.last_month):
            return None  # published in the season's first or last month: which one is meant is unsure
        if expr.direction == PAST:
            return f"{ref.year if ref.month > expr.last_month else ref.year - 1:04d}"
        return f"{ref.year if ref.month < expr.month else ref.year + 1:04d}"
    if expr.kind == "year_end":  # "d'ici à la fin de l'année": the last month of the writer's year
        if ref is None or (expr.offset == 0 and direction == PAST):
            return None  # "à la fin de l'année, il comptait …" in a past story: which year is unsure
        return calendar.iso_month(ref.year + expr.offset, 12)
    if expr.kind == "relative_year":
        return f"{ref.year + expr.offset:04d}" if ref else None
    if expr.kind == "relative_month":
        return calendar.shift_month(ref, expr.offset) if ref else None
    if expr.kind == "weekday":
        assert expr.weekday is not None
        day = today or anchor
        if day is None:
            return None
        if expr.day is not None:
            found = calendar.weekday_and_day(expr.weekday, expr.day, day)
            return calendar.iso_day(found) if found else None
        return calendar.iso_day(calendar.weekday(expr.weekday, day, direction, strict=expr.strict))
    if today is None:
        return None
    if expr.kind in ("same_day_year", "same_day_month"):
        months = today.year * 12 + today.month - 1 + expr.offset * (12 if expr.kind == "same_day_year" else 1)
        year, month = divmod(months, 12)
        day = min(today.day, _month_length(year, month + 1))
        return calendar.iso_day(dt.date(year, month + 1, day))
    if expr.kind == "relative_day":
        if expr.offset == 0 and verb_tense is None and expr.end - expr.start == 1:
            return None  # "aujourd'hui" with a present verb reads "nowadays", not a day
        return calendar.iso_day(today + dt.timedelta(days=expr.offset))
    if expr.kind == "week":
        return calendar.week(today, expr.offset)
    if expr.kind == "weekend":
        return calendar.weekend(today, direction, strict=expr.strict)
    raise ValueError(f"unknown date expression kind {expr.kind!r}")


def _resolve_day(expr: Expression, ref: Reference | None, direction: str | None) -> str | None:
    """A day (or a range of days) with or without its year."""
    assert expr.month is not None and expr.day is not None
    if expr.year is not None:
        first = calendar.valid_day(expr.year, expr.month, expr.day)
    elif ref is not None:
        first = calendar.day_month(expr.month, expr.day, ref, direction, strict=expr.strict)
    else:
        first = None
    if first is None:
        return None
    if expr.weekday is not None and first.weekday() != expr.weekday:
        log.debug("weekday does not match %s", first)
    if expr.last_day is None:
        return calendar.iso_day(first)
    last_month = expr.last_month or expr.month
    year = first.year + (1 if last_month < first.month else 0)
    last = calendar.valid_day(year, last_month, expr.last_day)
    if last is None or last <= first:
        return None
    return calendar.iso_interval(first, last)


def anchor_day(exprs: list[Expression], ref: Reference | None) -> dt.date | None:
    """The writer's day when only the month is known: a "ce lundi 21 octobre" whose weekday agrees."""
    if ref is None or ref.month is None or ref.day is not None:
        return None
    days = set()
    for expr in exprs:
        if expr.kind == "day" and expr.deictic and expr.weekday is not None and expr.last_day is None:
            value = _resolve_day(expr, ref, None)
            if value is None:
                continue
            day = dt.date.fromisoformat(value)
            if day.weekday() == expr.weekday and (day.year, day.month) == (ref.year, ref.month):
                days.add(day)
    if not days or max(days) - min(days) >= dt.timedelta(days=7):
        return None  # none, or several that disagree on the week
    return max(days)


# -- claims -------------------------------------------------------------------------------------------


LINE_HEAD_RE = re.compile(r"[\s#*>-]*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[\s,]*)?", re.IGNORECASE)


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Whether a date fills its line by itself (a heading or a dateline), weekday and punctuation aside."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    tail = text[end : len(text) if line_end < 0 else line_end]
    return bool(LINE_HEAD_RE.fullmatch(text[line_start:start])) and not tail.strip(" \t.,:–—-")


def _in_apposition(span: Span) -> bool:
    """ "X, aujourd'hui consultant, …": a day word between commas before a noun or an adjective, with no verb."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].text != "," or span.end >= len(doc):
        return False
    following = doc[span.end : min(len(doc), span.end + 6)]
    close = next((t.i for t in following if t.text in {",", ".", ";"}), None)
    if close is None or close == span.end:
        return False
    words = doc[span.end : close]
    return words[0].pos_ in {"NOUN", "ADJ", "ADP", "DET"} or (
        words[0].pos_ == "VERB" and "Part" in words[0].morph.get("VerbForm") and not any(
            t.pos_ == "AUX" for t in words
        )
    )


COMPARATIVES = {"plus", "moins", "autant", "aussi", "davantage", "mieux", "pire"}


def _compared(span: Span) -> bool:
    """ "nous paierons plus cher qu'aujourd'hui": today as the term of a comparison, not the day of an event."""
    doc = span.doc
    if span.start == 0 or norm(doc[span.start - 1].text) not in {"que", "qu'"}:
        return False
    return any(t.lower_ in COMPARATIVES for t in doc[span.sent.start : span.start - 1])


# "Cet article, publié le 1er décembre, a été mis à jour ce lundi", "Prochaine mise à jour : …"
SELF_STAMP = re.compile(
    r"\W*(?:(?:prochaine|dernière|nouvelle)\s+(?:mise\s+à\s+jour|actualisation)\b"
    r"|(?:cet\s+article|cette\s+(?:page|chronologie|infographie)"
    r"|ce\s+(?:décryptage|fil|direct|récapitulatif)|notre\s+(?:article|décryptage))"
    r"\b[^.!?]{0,40}?\b(?:publi|mis\s+à\s+jour|mise\s+à\s+jour|actualis|modifi|complét|corrig|mis\s+en\s+ligne))",
    re.IGNORECASE,
)
STAMP_LINE = re.compile(  # "Publié le 26/11 à 18 h 30", "Mis à jour : 4/12, 09:15": a page's stamp, no event
    r"\W*(?:publi[ée]e?|mise?\s+à\s+jour|modifi[ée]e?|actualis[ée]e?|mise?\s+en\s+ligne)\s*:?\s*(?:le\s+)?"
    r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?(?:\s*(?:à|,|-|–)?\s*\d{1,2}\s*[h:]\s*\d{0,2})?[\s.]*$",
    re.IGNORECASE,
)
STAMP_AFTER_BYLINE = re.compile(  # "Par la rédaction — Mis à jour le 17 mars 2025 à 18h40": the page's stamp
    r"(?:^|[—–|•·]\s*)(?:publi[ée]e?|mise?\s+à\s+jour|modifi[ée]e?|actualis[ée]e?|mise?\s+en\s+ligne)\s*:?\s*"
    r"(?:le\s+)?$",
    re.IGNORECASE | re.MULTILINE,
)
EDITION_DAY = re.compile(
    r"\b(?:actualité|essentiel|édition|sommaire|newsletter|revue de presse)"
    r"(?:\s+(?!(?:de|du|des|la|le|les)\b|l['’])[\w'’-]+){0,2}\s+(?:de|du)\s+(?:ce\s+|cette\s+)?$",
    re.IGNORECASE,
)


QUOTE_CLOSE = re.compile("[»”]")


def _after_quotation(span: Span) -> bool:
    """Whether a quotation closes before the span in its sentence, no verb of the sentence telling its time."""
    doc = span.doc
    return any(t.text in {"»", "”"} for t in doc[span.sent.start : span.start]) and not any(
        t.pos_ in {"VERB", "AUX"} and t.is_lower and not _inside_quotes(doc, t.i, span.sent.start) for t in span.sent
    )


def _inside_quotes(doc: Doc, i: int, start: int) -> bool:
    """Whether token i stands between an opening and a closing quotation mark of its sentence."""
    depth = 0
    for token in doc[start:i]:
        if token.text in {"«", "“"}:
            depth += 1
        elif token.text in {"»", "”"}:
            depth = max(0, depth - 1)
    return depth > 0


# What may stand between a weekday and the date it names: "jeudi, le 31 octobre", "de jeudi à vendredi, le 31"
WEEKDAY_GLUE = re.compile(
    r"[ \u00a0\u202f]*(?:,|\(|[-–—]|(?:à|au|et)(?=[ \u00a0\u202f]))?[ \u00a0\u202f]*(?:l[ea][ \u00a0\u202f]+)?"
)
WEEKDAY_TIMES = re.compile(r"[ \u00a0\u202f]+(?:soir|matin|midi|après-midi)\b")


def _pinned_weekdays(doc: Doc, text: str, exprs: list[Expression], ref: Reference | None) -> dict[int, str]:
    """Weekdays named right before a full date ("dans la nuit de jeudi à vendredi, le 31 octobre"): the days of
    that week around the date, not the weekdays nearest the publication."""
    pinned: dict[int, str] = {}
    for k, expr in enumerate(exprs):
        if expr.kind != "day" or expr.last_day is not None:
            continue
        value = _resolve_day(expr, ref, None) if expr.year is not None or ref is not None else None
        if value is None:
            continue
        day = dt.date.fromisoformat(value)
        follower = expr
        for j in range(k - 1, -1, -1):
            weekday = exprs[j]
            if weekday.kind != "weekday" or weekday.day is not None or weekday.direction or weekday.deictic:
                break
            if doc[weekday.start].sent.start != doc[follower.start].sent.start:
                break
            gap_start = doc[weekday.end - 1].idx + len(doc[weekday.end - 1].text)
            gap_end = doc[follower.start].idx
            times = WEEKDAY_TIMES.match(text, gap_start, gap_end)
            if times:
                gap_start = times.end()
            glue = WEEKDAY_GLUE.match(text, gap_start, gap_end)
            if glue is None or glue.end() != gap_end or gap_end - gap_start > 12:
                break
            assert weekday.weekday is not None
            found = calendar.nearest_weekday(weekday.weekday, day)
            if found is None:
                break
            pinned[j] = calendar.iso_day(found)
            follower = weekday
    return pinned


NIGHT_BEFORE = re.compile(r"\b(?:la\s+)?nuit\s+d[eu]\s+$", re.IGNORECASE)
NIGHT_GLUE = re.compile(r"\s+(?:à|au)\s+", re.IGNORECASE)


def _nights(text: str, doc: Doc, exprs: list[Expression]) -> dict[int, int]:
    """Weekdays opening "la nuit de samedi à dimanche" (the two days are one night, one event): each one's index,
    to the token where "la nuit" begins."""
    found: dict[int, int] = {}
    for k in range(len(exprs) - 1):
        first, second = exprs[k], exprs[k + 1]
        if first.kind != "weekday" or second.kind != "weekday" or first.weekday is None or second.weekday is None:
            continue
        if (second.weekday - first.weekday) % 7 != 1 or first.day is not None:
            continue
        begin, gap_start, gap_end = doc[first.start].idx, doc[first.end - 1].idx + len(doc[first.end - 1].text), doc[
            second.start
        ].idx
        night = NIGHT_BEFORE.search(text, max(0, begin - 15), begin)
        if night and NIGHT_GLUE.fullmatch(text, gap_start, gap_end):
            span = doc.char_span(night.start(), begin, alignment_mode="expand")
            found[k] = span.start if span is not None else first.start
    return found


def _night_of(first: str | None, second: str | None) -> str | None:
    """ "2025-03-15/2025-03-16" when the two days resolved are one night apart, else None (keep the first day)."""
    if first is None or second is None or len(first) != 10 or len(second) != 10:
        return None
    one, two = dt.date.fromisoformat(first), dt.date.fromisoformat(second)
    return f"{first}/{second}" if (two - one).days == 1 else None


def extract(doc: Doc, ctx: ArticleContext) -> list[Claim]:
    """Date claims of one article, one per occurrence, resolved against its publication date."""
    lex = lexicon()
    ref = Reference.parse(ctx.published)
    exprs = scan(doc)
    anchor = anchor_day(exprs, ref)
    claims: list[Claim] = []
    masked = nlp.text_of(doc) if exprs else ""  # the parsed text, never joined again from the tokens
    pinned = _pinned_weekdays(doc, masked, exprs, ref) if exprs else {}
    nights = _nights(masked, doc, exprs)
    for k, expr in enumerate(exprs):
        if k - 1 in nights:
            continue  # the second day of "la nuit de samedi à dimanche", claimed with the first
        span = doc[expr.start : expr.end]
        verb_tense = tense(span, lex, through_nouns=expr.kind not in ("month", "day"))
        if expr.kind == "weekday" and expr.day is None and not expr.direction and verb_tense == PAST and (
            _said_then_due(span, expr, lex)
        ):
            expr, verb_tense = replace(expr, lean=None), None  # the nearest such day, either side
        if verb_tense is None and expr.kind == "weekday" and QUOTE_CLOSE.search(
            masked, span.sent.start_char, span.start_char
        ) and _after_quotation(span):
            verb_tense = PAST  # "« … », Mark Rutte, lundi à Bruxelles": words quoted were said already
        value = pinned.get(k) or resolve(expr, ref, verb_tense, anchor)
        if value is None:
            continue
        if k in nights:
            following = exprs[k + 1]
            night = _night_of(value, pinned.get(k + 1) or resolve(following, ref, verb_tense, anchor))
            if night is not None:
                span = doc[nights[k] : following.end]  # one night, one event: "2025-03-15/2025-03-16"
                value = night
        if expr.kind == "relative_day" and expr.offset == 0 and (_in_apposition(span) or _compared(span)):
            continue  # "un ancien officier, aujourd'hui consultant,", "plus cher qu'aujourd'hui": no event
        if expr.kind == "relative_day" and expr.offset == 1 and verb_tense != FUTURE and any(
            norm(t.text) == "aujourd'hui" for t in span.sent
        ):
            continue  # "un dollar investi aujourd'hui en épargne sept demain": today and tomorrow as now and later
        start, end = span.start_char, span.end_char
        if EDITION_DAY.search(masked, max(0, start - 80), start):
            continue  # "voici l'essentiel de l'actualité de ce vendredi 8 novembre": the issue's own date, no event
        if SELF_STAMP.match(masked, span.sent.start_char, start) or STAMP_LINE.fullmatch(
            masked, span.sent.start_char, span.sent.end_char
        ):
            continue  # the article's own history (first published, updated, next update): no event of the story
        if STAMP_AFTER_BYLINE.search(masked, masked.rfind("\n", 0, start) + 1, start):
            continue  # a byline's stamp ("Par X — Publié le 3 mars"): when the page changed, no event of the story
        if _alone_on_its_line(masked, start, end):
            continue  # "Mardi 17 décembre 2024" heading a live blog's day: the page's own calendar, no claim
        sent = span.sent
        raw = masked[sent.start_char : sent.end_char]  # the sentence's text, its tokens not joined again
        sentence = raw.strip()
        sentence_start = sent.start_char + (len(raw) - len(raw.lstrip()))
        text = ctx.text[start:end]
        claims.append(
            Claim(
                id="",
                article_id=ctx.article_id,
                kind="date",
                sentence=sentence,
                text=text,
                start=start,
                end=end,
                sentence_start=sentence_start,
                expression=text,
                date=value,
            )
        )
    return claims


__all__ = ["Expression", "anchor_day", "extract", "resolve", "scan", "tense"]
