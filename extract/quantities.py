"""Figures an article states about the world: counts, distances, sums, durations, with their source.

Precision first: a number becomes a figure only when it counts something the text names right after it
("12 000 soldats", "1,5 million d'euros", "quatre brigades"). Dates, clock times, references
("article 4"), ordinals, idioms ("les deux pays"), vague amounts ("plusieurs milliers") and page furniture
("12 commentaires") are left out. Percentages are figures (unit "percent") because they are checkable
measures; a bare number with no counted noun is not, since a reader could not tell what it counts.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract import attribution, entities, nlp
from extract.models import ArticleContext, Claim
from extract.numbers import NUMBER_WORDS, Number, find_numbers, parse_digits, parse_words
from extract.wording import SPACES, norm, read_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

TIME_UNITS = {"years", "months", "weeks", "days", "hours", "minutes"}
CLOCK_PREPOSITIONS = {"à", "vers", "dès", "jusqu'à", "avant", "après"}
# "le journal de 20 heures", "l'édition de 13 h": a broadcast named by its clock time, not a duration
BROADCASTS = {"journal", "jt", "édition", "flash", "bulletin", "matinale", "émission", "rendez-vous", "direct"}
CHANGE_VERB_RE = re.compile(  # "passé de 1 500 à 12 000": a change between two figures, not a range
    r"^(?:pass|grimp|augment|chut|baiss|diminu|recul|progress|évolu|gonfl|tomb|ramen|relev)"
    r"(?:e|é|ée|és|ées|ent|ait|aient|ant|era|eront|erait|eraient)$"
)
PRE_ADJECTIVES = {"nouveaux", "nouvelles", "autres", "premiers", "premières", "derniers", "dernières",
                  "jeunes", "petits", "petites", "grands", "grandes", "anciens", "anciennes", "vrais",
                  "bons", "seuls", "seules", "gros", "grosses", "millions", "milliards"}  # fmt: skip
QUOTE_MARKS = {"«", "»", "“", "”", '"'}
SCALE_NOUNS = {"millier": 1000, "milliers": 1000}
NUMBER_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "million": 10**6, "millions": 10**6,
                 "milliard": 10**9, "milliards": 10**9}  # fmt: skip
MILLIONS_RE = re.compile(r"(?:million|milliard)s?$")  # "trois millions d'obus": the counted noun follows "de"
SCALE_RE = re.compile(r"[ \u00a0\u202f]+(?:de[ \u00a0\u202f]+)?(milliers?)(?=[ \u00a0\u202f]+d(?:e\b|[’']))", re.I)
CLOCK_RANGE_RE = re.compile(  # "de 14 h à 18 h", "entre 9 heures et 12 heures": opening hours, not durations
    r"[ \u00a0\u202f]*(?:h|heures?)[ \u00a0\u202f]*(?:à|et|-|–)[ \u00a0\u202f]*\d{1,2}[ \u00a0\u202f]*(?:h|heures?)\b",
    re.IGNORECASE,
)
CLOCK_RANGE_END_RE = re.compile(  # the "18 h" that ends "de 14 h à 18 h"
    r"(?<!\d)\d{1,2}[ \u00a0\u202f]*(?:h|heures?)[ \u00a0\u202f]*(?:à|et|-|–)[ \u00a0\u202f]*$", re.IGNORECASE
)
MEASURES = {"km", "m", "mm", "kg", "km2", "hectares", "tonnes", "percent", "euros", "dollars", "won", "rubles",
            "francs", "cfa_francs"}
GROUP_DETERMINERS = {"ces", "ses", "leurs", "nos", "vos"}
NUMBER_OF = ("le", "nombre", "de")  # "le nombre de X" names what a bare number counts
NUMBER_OF_TOTAL = ("le", "nombre", "total", "de")
AMONG_THEM = ("d'", "entre")  # "8 000 d'entre eux": the count of a group named just before


@dataclass(frozen=True)
class Lexicon:
    """Quantity word lists, normalised once."""

    before: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest phrase first
    after: tuple[tuple[str, str], ...]
    qualifier_verbs: tuple[tuple[str, str], ...]  # (verb stem, qualifier)
    approximators: dict[str, int]
    reference_nouns: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    excluded_nouns: frozenset[str]
    furniture_phrases: tuple[str, ...]
    idiom_nouns: frozenset[str]
    anaphoric_determiners: frozenset[str]
    time_units: frozenset[str]
    relative_time_markers: tuple[str, ...]
    relative_time_after: tuple[str, ...]
    framing_time_markers: tuple[str, ...]
    slogan_quote_max_words: int
    units: dict[str, str]
    military_context: frozenset[str]
    group_nouns: frozenset[str]  # "des unités de 500 hommes": the size of each group, not a total
    casualty_words: frozenset[str]  # "tués ou blessés": one toll of two kinds
    age_nouns: frozenset[str]  # "un soldat de 20 ans": an age, with the people nouns of the units
    age_verbs: frozenset[str]  # "il a 40 ans"
    seniority_nouns: frozenset[str]  # "30 ans de carrière": someone's working life
    sized_things: frozenset[str]  # "une famille de six personnes", "un sac de 50 kilos": the size of one thing
    parent_nouns: frozenset[str]  # "père de quatre enfants": a personal detail
    counting_stems: tuple[str, ...]  # "en recense 9 800": verbs of counting, whatever the tagger reads
    degree_adverbs: frozenset[str]  # "dont une centaine grièvement": how badly, closing a part of a count


def _phrases(table: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    pairs = {(norm(str(p)), q) for q, phrases in table.items() for p in phrases}
    return tuple(sorted(pairs, key=lambda pq: (-len(pq[0]), pq)))


@functools.cache
def lexicon() -> Lexicon:
    """Load the quantity word lists once per process."""
    lex = read_lexicon("quantities.yaml")
    unit_lex = read_lexicon("quantities_units.yaml")
    units = {norm(str(word)): unit for unit, nouns in unit_lex.data["units"].items() for word in nouns}
    return Lexicon(
        before=_phrases(lex.data["qualifiers_before"]),
        after=_phrases(lex.data["qualifiers_after"]),
        qualifier_verbs=_phrases(lex.data["qualifier_verbs"]),
        approximators={k: int(v) for k, v in lex.table("approximators").items()},
        reference_nouns=lex.words("reference_nouns"),
        months=lex.words("months"),
        weekdays=lex.words("weekdays"),
        excluded_nouns=lex.words("excluded_nouns"),
        furniture_phrases=lex.phrases("furniture_phrases"),
        idiom_nouns=lex.words("idiom_nouns"),
        anaphoric_determiners=lex.words("anaphoric_determiners"),
        time_units=lex.words("time_units"),
        relative_time_markers=lex.phrases("relative_time_markers"),
        relative_time_after=lex.phrases("relative_time_after"),
        framing_time_markers=lex.phrases("framing_time_markers"),
        slogan_quote_max_words=int(lex.data["slogan_quote_max_words"]),
        units=units,
        military_context=unit_lex.words("military_context"),
        group_nouns=lex.words("group_nouns"),
        casualty_words=lex.words("casualty_words"),
        age_nouns=lex.words("age_nouns") | {w for w, u in units.items() if u in {"people", "soldiers"}}
        | {form for role in entities.names().roles for form in (role, role + "s")},  # "le médecin de 47 ans"
        age_verbs=lex.words("age_verbs"),
        seniority_nouns=lex.words("seniority_nouns"),
        sized_things=lex.words("sized_things"),
        parent_nouns=lex.words("parent_nouns"),
        counting_stems=lex.phrases("counting_stems"),
        degree_adverbs=lex.words("degree_adverbs"),
    )


@dataclass(frozen=True)
class Figure:
    """A number or range found in the text, before its counted noun is read."""

    start: int  # of the figure text, qualifier included
    num_start: int
    num_end: int  # end of the (last) number
    value: int | float | None
    low: int | float | None
    high: int | float | None
    qualifier: str | None
    small_word: bool  # written in words and below ten: idioms lurk here
    approximator: bool  # "une dizaine de": the counted noun follows "de"
    multiplied: bool  # "1,5 million": the counted noun follows "de"


def extract(doc: Doc, ctx: ArticleContext) -> list[Claim]:
    """Quantity claims of one parsed article, in text order."""
    text = nlp.text_of(doc)  # the parsed text, never joined again from the tokens
    claims: list[Claim] = []
    previous: Claim | None = None
    countable: Claim | None = None  # the last figure of things "en" may stand for (not "240 mm", "300 km")
    for figure in figures(text):
        claim = _claim(doc, text, ctx, figure, previous, countable)
        if claim is not None and previous is not None:
            claim = _part_of_previous(text, claim, previous)
        if claim is not None:
            claims.append(claim)
            previous = claim
            if claim.unit not in QUALIFYING_MEASURES:
                countable = claim
    return sorted(claims, key=lambda c: (c.start, c.end))


PART_LINK_RE = re.compile(r"[ \u00a0\u202f]*,[ \u00a0\u202f]*dont[ \u00a0\u202f]+")
PART_AFTER_RE = re.compile(r"[^,.;:«»()\d\n]{0,60},[ \u00a0\u202f]*dont[ \u00a0\u202f]+")  # a short complement between


def _part_of_previous(text: str, claim: Claim, previous: Claim) -> Claim:
    """A figure right after ", dont" is part of the one before ("plus de 7 000 morts, dont 2 100 civils"): whoever
    gives the whole gives the part."""
    if claim.asserted_by is not None or previous.asserted_by is None or previous.sentence_start != claim.sentence_start:
        return claim
    if PART_LINK_RE.fullmatch(text[previous.end : claim.start]) is None:
        return claim
    return dataclasses.replace(claim, asserted_by=previous.asserted_by)


# --- numbers to figures (text only) ----------------------------------------------------------------


def _words_before(text: str, start: int, count: int = 3) -> list[str]:
    """The last few words before a position on the same line, normalised."""
    line_start = max(text.rfind("\n", max(0, start - 200), start) + 1, start - 200)  # bounded: stays linear
    return re.findall(r"[\w'’°%$€\-]+", norm(text[line_start:start]))[-count:]


def _word_after(text: str, end: int) -> str:
    """The next word after a position on the same line, normalised."""
    match = re.match(r"[ \u00a0\u202f\t]*([^\W\d_][\w'’\-]*|[%€$°])", text[end : end + 200])
    return norm(match.group(1)) if match else ""


def _is_number_candidate(text: str, number: Number) -> bool:
    """Rule out numbers that are dates, clock times, references, codes or articles."""
    lex = lexicon()
    if number.words and number.value == 1:
        return False  # "un", "une": the article
    if number.words and number.value == 100 and _after_a_number_and_pour(text, number.start):
        return False  # the "cent" of "nonante pour cent": the unit of the figure before, not a hundred
    if not number.words and len(number.digits) > 1 and number.digits.startswith("0") and not re.match(
        r"0[,.]\d", number.digits
    ):
        return False  # "07" of a clock time, codes; "0,3 %" is a figure
    if number.value == 0:
        return False
    if not number.words and re.fullmatch(r"\d{3}", number.digits) and re.search(
        r"(?<![\d.,])\d{1,3}[ \u00a0\u202f]*\n[ \u00a0\u202f]*$", text[max(0, number.start - 12) : number.start]
    ):
        return False  # "1\n500 soldats": a thousands group cut by a line break, its value unknown
    after = _word_after(text, number.end)
    before = _words_before(text, number.start)
    if after in lex.months or (
        before
        and before[-1] in lex.weekdays
        and after not in lex.units  # "a requis mercredi huit ans de prison": a sentence, not the 8th
        and re.search(r"[^\W\d_][ \u00a0\u202f]+$", text[max(0, number.start - 40) : number.start])
    ):
        return False  # "mardi 5", but not "dans la nuit de samedi à dimanche, 34 drones"
    if len(before) >= 2 and re.fullmatch(r"[\d/.]+-", before[-1]) and text[number.start - 1] == "-":
        before = before[:-1]  # "la loi n° 2024-512": the second part of a reference's code
        if not (re.sub(r"^\w{1,5}['’]", "", before[-1]) in lex.reference_nouns or before[-1].endswith("n°")):
            before = [*before, "-"]
    if before and (re.sub(r"^\w{1,5}['’]", "", before[-1]) in lex.reference_nouns or before[-1].endswith("n°")):
        return False  # "résolution 2270", "l'article 51": a number that names, not one that counts
    if len(before) >= 3 and before[-1] in {"à", "ou"} and before[-3] in RATIO_NOUNS:
        return False  # the "cinq" of "d'un facteur quatre à cinq"
    if after in {"h", "heure", "heures"} and (
        re.match(r"\s*h\s*\d", text[number.end :], re.IGNORECASE)
        or (after == "h" and number.value <= 24 and _time_stamp(text, number.start))
        or (before and before[-1] in CLOCK_PREPOSITIONS)
        or (len(before) >= 2 and before[-1] == "de" and before[-2] in BROADCASTS)
        or (number.value <= 24 and CLOCK_RANGE_RE.match(text, number.end))
        or (number.value <= 24 and CLOCK_RANGE_END_RE.search(text[max(0, number.start - 20) : number.start]))
    ):
        return False
    is_year = not number.words and re.fullmatch(r"\d{4}", number.digits) and 1800 <= number.value <= 2100
    return not (is_year and lex.units.get(after) in (None, *TIME_UNITS))


def _size_of_each(text: str, start: int, lex: Lexicon) -> bool:
    """A figure after "des/en/par <groups> de" ("des bataillons de 500 hommes", "par vagues de 2 000"): it
    sizes each of several groups; "un contingent de 12 000 hommes" (one group) stays a count."""
    words = _words_before(text, start, 4)
    if words and words[-1] in {"de", "d'"}:
        words = words[:-1]
    return len(words) >= 2 and words[-2] in {"des", "en", "par"} and words[-1] in lex.group_nouns


SINGLE_DETERMINERS = {"un", "une", "le", "la", "l'", "du", "d'un", "d'une", "ce", "cet", "cette", "chaque", "par"}


def _size_of_one(text: str, start: int, lex: Lexicon) -> bool:
    """ "une famille de six personnes", "le sac de farine de 50 kilos", "père de quatre enfants": a figure after one
    household, one container or one parent names how big that one thing is, not how many the story counts ("des
    familles, 600 personnes" stays)."""
    words = _words_before(text, start, 6)
    if not words or words[-1] not in {"de", "d'"}:
        return False
    words = words[:-1]
    if words and words[-1] in lex.parent_nouns:
        return True  # "Josué, père de quatre enfants": a personal detail, like an age
    if len(words) >= 3 and words[-2] in {"de", "d'"}:  # "sac de farine de": what the thing holds
        words = words[:-2]
    elif len(words) >= 3 and words[-1].startswith("d'") and len(words[-1]) > 2:  # "bidon d'huile de"
        words = words[:-1]
    return len(words) >= 2 and words[-1] in lex.sized_things and words[-2] in SINGLE_DETERMINERS


def _time_stamp(text: str, start: int) -> bool:
    """ "(15 novembre, 16 h)", "— 16 h :": an hour after a comma, a bracket or a dash stamps a time, lasts nothing."""
    before = text[max(0, start - 40) : start].rstrip(" \u00a0\u202f")
    return (start < 40 and not before) or before[-1:] in {",", "(", "\n", "—", "–"}


def _after_a_number_and_pour(text: str, start: int) -> bool:
    """Whether "pour" right before start follows a number ("trente pour cent"), not a noun ("pour cent personnes")."""
    before = _words_before(text, start, 2)
    if len(before) < 2 or before[-1] != "pour":
        return False
    word = before[-2]
    return word[-1:].isdigit() or all(part in NUMBER_WORDS for part in word.split("-") if part != "et")


def _qualifier_before(text: str, start: int) -> tuple[int, str | None]:
    """A qualifier phrase ending right before start: (its start, qualifier)."""
    window_start = max(text.rfind("\n", 0, start) + 1, start - 40)
    raw = text[window_start:start]
    window = norm(raw)
    for phrase, qualifier in lexicon().before:
        aside = ",?" if " " in phrase and not phrase.endswith((" de", " d'", "à", " que")) else ""  # "Au bas mot, 5"
        if re.search(rf"(?:^|[\s(«“\"']){re.escape(phrase)}{aside}\s*$", window):
            found = window.rstrip().rfind(phrase)
            return window_start + _raw_index(raw, found), qualifier
    return start, None


def _raw_index(raw: str, index: int) -> int:
    """Where the character at `index` of norm(raw) is in `raw`: norm folds a run of spaces into one (a double
    space, a blanked dateline before "Environ 11 000"), so the two offsets differ after one."""
    position = 0
    previous_space = False
    for i, char in enumerate(raw):
        space = SPACES.fullmatch(char) is not None
        if space and previous_space:
            continue
        if position >= index:
            return i
        position += 1 if space else len(norm(char))
        previous_space = space
    return len(raw)


def _change_verb_before(text: str, start: int) -> bool:
    """Whether "de A à B" follows a verb of change ("est passé de 1 500 à 12 000"): two figures, not a range."""
    return any(CHANGE_VERB_RE.match(word) for word in _words_before(text, start, 4)[:-1])


def figures(text: str) -> list[Figure]:
    """Numbers and ranges of a text that may be figures, with their qualifier (no parse needed)."""
    numbers = [n for n in find_numbers(text) if _is_number_candidate(text, n)]
    approx = _approximators(text)
    numbers = [n for n in numbers if not any(a.num_start <= n.start < a.num_end for a in approx)]
    out: list[Figure] = list(approx)
    i = 0
    while i < len(numbers):
        first = numbers[i]
        second = numbers[i + 1] if i + 1 < len(numbers) else None
        span_start, qualifier = _qualifier_before(text, first.start)
        if second is not None:
            between = norm(text[first.end : second.start])
            if between.lstrip().startswith("%") and _word_after(text, second.end) == "%":
                between = between.lstrip()[1:]  # "entre 30 % et 50 %": the unit said twice, one range
            before = _words_before(text, first.start, 1)
            opener = re.sub(r"^(?:qu|lorsqu|puisqu)['’]", "", before[-1]) if before else ""  # "qu'entre 70 et 80"
            is_range = (
                (between == " et " and opener == "entre")
                or (between in {" à ", " a "} and not _change_verb_before(text, first.start))
                or between in {"-", "–", " - ", " – "}
                or (between == " ou " and first.words and second.words)
            )
            if is_range and "\n" not in text[first.start : second.end]:
                low, high = _scaled(first, second), second.value
                if between == " ou ":
                    low = _or_low(text, first, second)
                start = first.start
                lead = re.search(r"(?:entre|de|d['’])\s*$", text[max(0, first.start - 8) : first.start], re.I)
                if lead and opener in {"entre", "de", "d'"} and between not in {"-", "–", " ou "}:
                    start = first.start - len(lead.group())
                q_start, qualifier = _qualifier_before(text, start)
                if low is not None and low < high:
                    out.append(
                        Figure(
                            q_start,
                            first.start,
                            second.end,
                            None,
                            low,
                            high,
                            qualifier,
                            False,
                            False,
                            (second.end != second.start + len(second.digits) and not second.words)
                            or (second.words and bool(MILLIONS_RE.search(norm(text[second.start : second.end])))),
                        )
                    )
                    i += 2
                    continue
        multiplied = not first.words and first.end != first.start + len(first.digits)
        multiplied = multiplied or (first.words and bool(MILLIONS_RE.search(norm(text[first.start : first.end]))))
        small = first.words and first.value < 10
        out.append(
            Figure(span_start, first.start, first.end, first.value, None, None, qualifier, small, False, multiplied)
        )
        i += 1
    return sorted((_with_scale(text, f) for f in out), key=lambda f: (f.start, f.num_end))


def _with_scale(text: str, figure: Figure) -> Figure:
    """ "une dizaine de milliers", "trois milliers de": a scale noun multiplies the figure before it."""
    match = SCALE_RE.match(text, figure.num_end)
    if match is None or figure.value is None:
        return figure
    factor = SCALE_NOUNS[match.group(1).lower()]
    return dataclasses.replace(
        figure,
        num_end=match.end(1),
        value=figure.value * factor,
        multiplied=True,
        approximator=False,
        small_word=False,
    )


def _or_low(text: str, first: Number, second: Number) -> int | float | None:
    """ "deux ou trois cents hommes" runs from 200 to 300: the scale word of the second number counts for both."""
    words = text[second.start : second.end].split()
    if len(words) < 2 or words[-1].lower() not in NUMBER_SCALES:
        return first.value
    lead = parse_words(" ".join(words[:-1]))
    if lead is None or not first.value < lead or lead * NUMBER_SCALES[words[-1].lower()] != second.value:
        return None  # "dix ou trois mille": no range to read
    return first.value * NUMBER_SCALES[words[-1].lower()]


def _scaled(first: Number, second: Number) -> int | float | None:
    """Low bound of a range, scaled like the high one: "entre 10 et 12 millions" starts at 10 millions, and so do
    "de 10 à 12 000" (ten thousand: French drops the thousands of the first bound) and "entre dix et douze mille"."""
    if first.words or second.words:
        return _scaled_words(first, second)
    second_digits = parse_digits(second.digits)
    if second_digits and second.value != second_digits and first.end == first.start + len(first.digits):
        factor = second.value / second_digits
        return int(first.value * factor) if float(first.value * factor).is_integer() else first.value * factor
    if (
        isinstance(first.value, int)
        and first.digits.isdigit()
        and first.value < 1000
        and re.fullmatch(r"\d{1,3}[ \u00a0\u202f\u2009.'’]\d{3}", second.digits)
        and first.value < second.value // 1000
    ):
        return first.value * 1000  # "de 10 à 12 000 soldats": ten to twelve thousand, not ten
    return first.value


def _scaled_words(first: Number, second: Number) -> int | float | None:
    """ "entre dix et douze mille": the scale word closing the high bound scales the low one when the low one is
    smaller than the high one's count of that scale ("entre cinq cents et mille" stays as written)."""
    if not (first.words and second.words):
        return first.value
    for scale in (10**9, 10**6, 1000):
        if second.value % scale == 0 and second.value >= scale * 2 and first.value < second.value // scale:
            return first.value * scale if first.value < 1000 else first.value
    return first.value


SIZE_WORDS = r"(?:bon|bonne|petit|petite|gros|grosse|large|grande?)"


def _approximators(text: str) -> list[Figure]:
    """ "une dizaine de", "un millier d'" as approximate figures."""
    lex = lexicon()
    names = "|".join(sorted(lex.approximators, key=len, reverse=True))
    out = []
    for match in re.finditer(rf"(?:(?<![\w'’])|(?<=\bd['’]))(une?)\s+(?:{SIZE_WORDS}\s+)?({names})s?\b", text,
                             re.IGNORECASE):  # "un bon millier", "une petite centaine": still about that many
        value = lex.approximators[norm(match.group(2))]
        start, qualifier = _qualifier_before(text, match.start())  # "plus d'un millier": at least a thousand
        out.append(Figure(start, match.start(), match.end(), value, None, None, qualifier or "approx", False, True,
                          False))
    for match in re.finditer(r"(?<=\bd['’])un\s+(million|milliard)\b(?=\s+d)", text, re.IGNORECASE):
        value = 10**6 if norm(match.group(1)) == "million" else 10**9  # "plus d'un million de barils"
        start, qualifier = _qualifier_before(text, match.start())
        out.append(Figure(start, match.start(), match.end(), value, None, None, qualifier, False, True, False))
    return sorted(out, key=lambda f: f.start)


# --- figures to claims (with the parse) ------------------------------------------------------------


def _token_at(doc: Doc, text: str, char: int) -> Token | None:
    """The first non-space token that starts at or after char."""
    while char < len(text) and text[char].isspace():
        char += 1
    if char >= len(text):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[0]
    while token.is_space and token.i + 1 < len(doc):
        token = doc[token.i + 1]
    return token


def _counted(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """First and last token of the counted noun phrase after the number ("soldats nord-coréens")."""
    lex = lexicon()
    token = _token_at(doc, text, figure.num_end)
    if token is None or token.idx < figure.num_end or "\n" in text[figure.num_end : token.idx]:
        return None
    sent_end = token.sent.end
    while token.text in QUOTE_MARKS and token.i + 1 < sent_end:  # « plus de 100 » soldats
        token = doc[token.i + 1]
    number_of = NUMBER_OF_TOTAL if _words_at(doc, token, NUMBER_OF_TOTAL) else NUMBER_OF
    named = _words_at(doc, token, number_of) and token.i + len(number_of) < sent_end
    if named:  # "à 11 000 le nombre de soldats"
        token = doc[token.i + len(number_of)]  # or "le nombre total de ses troupes"
        if norm(token.text) in GROUP_DETERMINERS and token.i + 1 < sent_end:  # "le nombre de ces soldats"
            token = doc[token.i + 1]
    if (figure.approximator or figure.multiplied) and not named:  # "à un bon millier le nombre d'enfants"
        if norm(token.text) in {"de", "d'"}:
            token = doc[token.i + 1] if token.i + 1 < sent_end else token
        elif figure.approximator:
            return None
    word = norm(token.text)
    if word in {"%", "pour"}:
        if word == "pour":
            if token.i + 1 < sent_end and doc[token.i + 1].lower_ == "cent":
                return token, doc[token.i + 1]
            return None
        return token, token
    if word in {"€", "$"}:
        return token, token
    first = token
    if word in PRE_ADJECTIVES and token.i + 1 < sent_end:
        token = doc[token.i + 1]
        word = norm(token.text)
    compound = _hyphen_compound(doc, token)
    if compound is not None and compound[1] in lex.units:  # "20 lance-roquettes", split by the tokenizer
        last, i, unit = compound[0], compound[0].i + 1, lex.units[compound[1]]
        return first, _complement(doc, last, i, unit)
    if not token.is_alpha and word not in lex.units:
        return None
    if token.pos_ not in {"NOUN", "PROPN"} and word not in lex.units:
        return None
    if word in lex.months or word in lex.weekdays or word in lex.excluded_nouns or word in lex.degree_adverbs:
        return None  # "contre 12 000 dimanche matin": a day, never what is counted
    if word not in lex.units and _elided_noun(doc, token):
        return None  # "sur un total de 79 lancés par Moscou": the noun counted is left unsaid
    last = token
    i = token.i + 1
    unit = lex.units.get(word)
    two = _two_word_unit(doc, token)
    if two is not None:  # "600 kilomètres carrés"
        last, i, unit = doc[token.i + 1], token.i + 2, two
    if unit not in MEASURES:  # "35 mm destinées aux chars": what follows a measure qualifies another noun
        while i < sent_end and _adjective(doc[i]) and not _agrees_elsewhere(doc, token, i):
            last = doc[i]
            i += 1
    return first, _complement(doc, last, i, unit)


def _agrees_elsewhere(doc: Doc, noun: Token, i: int) -> bool:
    """ "le chiffre de 100 000 soldats avancé par certains", "un immeuble de neuf étages éventré": a word that does not
    agree in number with the plural counted noun qualifies another noun ("soldats envoyés par Pyongyang" agrees and
    stays; an invariable compound such as "sol-air" stays too)."""
    written = doc[i].lower_
    if "-" in written or (i + 1 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_):
        return False
    plural_noun = noun.lower_.endswith(("s", "x")) or noun.morph.get("Number") == ["Plur"]
    return plural_noun and not written.endswith(("s", "x"))


def _complement(doc: Doc, last: Token, i: int, unit: str | None) -> Token:
    """The end of the counted noun phrase with its "de" complement ("conteneurs de munitions nord-coréennes")."""
    lex = lexicon()
    sent_end = last.sent.end
    if i + 1 < sent_end and norm(doc[i].text) in {"de", "d'"} and unit not in TIME_UNITS:
        noun = doc[i + 1]
        if noun.pos_ == "NOUN" and noun.is_alpha and norm(noun.text) not in lex.months:
            last = noun
            j = noun.i + 1
            while j < sent_end and _adjective(doc[j]):
                last = doc[j]
                j += 1
    return last


def _hyphen_compound(doc: Doc, token: Token) -> tuple[Token, str] | None:
    """ "lance-roquettes" cut into "lance", "-", "roquettes": the last piece and the word as written."""
    k = token.i
    if k + 2 >= token.sent.end or token.whitespace_ or doc[k + 1].text != "-" or doc[k + 1].whitespace_:
        return None
    if not doc[k + 2].is_alpha:
        return None
    return doc[k + 2], norm(f"{token.text}-{doc[k + 2].text}")


def _two_word_unit(doc: Doc, token: Token) -> str | None:
    """The unit of a two-word measure starting at token ("kilomètres carrés"), if the lexicon has one."""
    if token.i + 1 >= token.sent.end:
        return None
    return lexicon().units.get(norm(f"{token.text} {doc[token.i + 1].text}")) if " " not in token.text else None


def _elided_noun(doc: Doc, token: Token) -> bool:
    """A past participle standing for an unsaid noun ("79 lancés par Moscou", "3 000 annoncés")."""
    if not token.lower_.endswith(("é", "és", "ée", "ées")):
        return False
    following = doc[token.i + 1] if token.i + 1 < token.sent.end else None
    return "Part" in token.morph.get("VerbForm") or (following is not None and following.lower_ == "par")


def _words_at(doc: Doc, token: Token, words: tuple[str, ...]) -> bool:
    """Whether the tokens from token on read as the given words ("de" also matches "d'")."""
    for k, word in enumerate(words):
        i = token.i + k
        if i >= len(doc):
            return False
        found = norm(doc[i].text)
        if found != word and not (word == "de" and found == "d'"):
            return False
    return True


def _counted_before(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "Le nombre de soldats ... dépasse 3 000": the counted noun phrase before a bare number."""
    number = _token_at(doc, text, figure.num_start)
    if number is None:
        return None
    sent = number.sent
    for token in reversed(doc[max(sent.start, number.i - 14) : number.i]):
        if token.text in {".", ";", "?", "!"}:
            return None
        if norm(token.text) == "nombre" and token.i + 2 < number.i and norm(doc[token.i + 1].text) in {"de", "d'"}:
            first = doc[token.i + 2]
            if first.pos_ not in {"NOUN", "PROPN"}:
                return None
            last = first
            while last.i + 1 < number.i and _adjective(doc[last.i + 1]):
                last = doc[last.i + 1]
            return first, last
    return None


NUMBERED_AS_RE = re.compile(  # ", au nombre de " right before a figure
    r"[,(]?[ \u00a0\u202f]*au[ \u00a0\u202f]+nombre[ \u00a0\u202f]+d(?:e[ \u00a0\u202f]+|['’])$"
)


def _numbered_as(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "Les soldats envoyés à Koursk, au nombre de 11 000 selon Kiev, …": the plural noun the phrase stands after."""
    marker = NUMBERED_AS_RE.search(text, max(0, figure.start - 20), figure.start)
    number = _token_at(doc, text, figure.num_start) if marker else None
    if marker is None or number is None:
        return None
    sent = number.sent
    for token in reversed(doc[max(sent.start, number.i - 16) : number.i]):
        if token.idx >= marker.start() or token.pos_ in {"ADJ", "ADP", "DET", "PROPN"} or (
            token.pos_ != "NOUN" and attribution.participle(token)
        ) or token.lemma_ == "être":  # "Les réfugiés étaient au nombre de 2 000"
            continue
        if token.pos_ != "NOUN" or token.text in {".", ";", ":", "?", "!"}:
            return None
        if not (token.lower_.endswith(("s", "x")) or token.morph.get("Number") == ["Plur"]):
            continue  # "dans l'oblast de Koursk": the place the counted ones are in
        last = token
        while last.i + 1 < number.i and _adjective(doc[last.i + 1]):
            last = doc[last.i + 1]
        return token, last
    return None


def _among_them(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "8 000 d'entre eux": the tokens of "d'entre eux" when they follow the number."""
    token = _token_at(doc, text, figure.num_end)
    if token is None or token.i + 2 >= len(doc) or not _words_at(doc, token, AMONG_THEM):
        return None
    pronoun = doc[token.i + 2]
    return (token, pronoun) if pronoun.lower_ in {"eux", "elles"} else None


_SP = "[ \u00a0\u202f]"
KEY_FIGURE_RE = re.compile(
    rf"{_SP}*:{_SP}*(?:(?:le{_SP}+)?nombre{_SP}+(?:de{_SP}+|d['’])|de{_SP}+|d['’])?"
    # "1 200. C'est le nombre de soldats …": a newsletter's figure of the day
    rf"|{_SP}*[.:,]{_SP}*[Cc]['’]est{_SP}+le{_SP}+nombre(?:{_SP}+total)?{_SP}+(?:de{_SP}+|d['’])"
)


def _key_figure(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "- 11.000 : nombre de soldats envoyés", "• 3 : brigades": a key-figures box line, its noun after the colon."""
    line_start = text.rfind("\n", 0, figure.start) + 1
    if not re.fullmatch(r"[ \t]*(?:[-*•–—][ \t]+)?", text[line_start : figure.start]):
        return None
    match = KEY_FIGURE_RE.match(text, figure.num_end)
    noun = _token_at(doc, text, match.end()) if match else None
    if noun is None or noun.pos_ not in {"NOUN", "PROPN"} or "\n" in text[figure.num_end : noun.idx]:
        return None
    if "nombre" not in text[figure.num_end : noun.idx] and not (
        noun.text[:1].islower() and (noun.lower_.endswith(("s", "x")) or noun.morph.get("Number") == ["Plur"])
    ):
        return None  # "• 3 : brigades", not "• 2024 : Année de la Corée" nor "• 1 : le chef"
    last = noun
    while last.i + 1 < len(doc) and _adjective(doc[last.i + 1]) and "\n" not in doc[last.i].whitespace_:
        last = doc[last.i + 1]
    return noun, last


def _of_these(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "8 000 de ces soldats": a count out of a group named by a demonstrative or possessive, its noun counted."""
    token = _token_at(doc, text, figure.num_end)
    if token is None or token.i + 2 >= len(doc) or token.idx > figure.num_end + 1:
        return None
    if norm(token.text) != "de" or norm(doc[token.i + 1].text) not in GROUP_DETERMINERS:
        return None
    noun = doc[token.i + 2]
    if noun.pos_ != "NOUN" or norm(noun.text) in {"derniers", "dernières", "chiffres", "estimations"}:
        return None
    last = noun
    while last.i + 1 < len(doc) and last.i + 1 < noun.sent.end and _adjective(doc[last.i + 1]):
        last = doc[last.i + 1]
    return noun, last


ANSWER_HEAD_RE = re.compile(r"[ \t*]*(?:[-–—]|R[ \t]*[.:]|Réponse[ \t]*:)?[ \t]*")
ASKED_RE = re.compile(rf"\bcombien{_SP}+(?:de{_SP}+|d['’])", re.IGNORECASE)


def _asked(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "— Combien de soldats … ? — Environ 11 000.": an interview answer opening on a bare figure counts the noun
    its question asked about."""
    line_start = text.rfind("\n", 0, figure.start) + 1
    if not ANSWER_HEAD_RE.fullmatch(text, line_start, figure.start):
        return None
    following = _token_at(doc, text, figure.num_end)
    if following is None or following.text not in {",", ".", ";", "!", "…"}:
        return None  # the figure is the whole answer's subject, nothing after it could be its noun
    question_end = len(text[:line_start].rstrip())
    question_start = text.rfind("\n", 0, question_end) + 1
    question = text[question_start:question_end]
    asked = ASKED_RE.search(question)
    if not question.endswith("?") or asked is None:
        return None
    noun = _token_at(doc, text, question_start + asked.end())
    if noun is None or noun.pos_ not in {"NOUN", "PROPN"} or norm(noun.text) not in lexicon().units:
        return None  # "combien de temps": only a noun the lexicon counts (people, arms, money) is kept
    last = noun
    while last.i + 1 < len(doc) and _adjective(doc[last.i + 1]) and doc[last.i + 1].idx < question_end:
        last = doc[last.i + 1]
    return noun, last


def _clitic_en(doc: Doc, text: str, figure: Figure, previous: Claim) -> tuple[Token, Token] | None:
    """ "il en a envoyé 3 000": the pronoun "en" stands for the noun of the figure just before."""
    number = _token_at(doc, text, figure.num_start)
    if number is None or previous.sentence_start < number.sent.start_char - 600:
        return None
    sent = number.sent
    if previous.start < _previous_sentence_start(doc, sent) or previous.start >= figure.num_start:
        return None
    for token in reversed(doc[max(sent.start, number.i - 5) : number.i]):
        if token.text in {",", ";", ".", ":"}:
            return None
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if norm(token.text) in {"en", "d'en"} and following is not None and (following.pos_ in {"VERB", "AUX"} or (
            following.is_lower and norm(following.text).startswith(lexicon().counting_stems)
        )):  # "le ministère en recense 9 800", "les autorités en comptent 142 000", the verb read as a noun
            return token, token
    return None


SCALE_WORD_RE = re.compile(r"\b(?:mille|millions?|milliards?|mds?|mrds?)\b|\d\s*(?:k|M|G|Mds?|Md)\s*[€$]",
                           re.IGNORECASE)
ELLIPSIS_BEFORE = {"de", "d'", "à", "jusqu'à", "contre", "dont", "et", "ou", "soit", ",", "à peine", "quelque", "(",
                   "non"}  # "48 000 habitants, et non 60 000 comme l'affirme X"
ELLIPSIS_AFTER = {",", ".", ";", ")", "!", "?", "selon", "d'après", "contre", "comme", "lors"}
PART_PLACES = {"dans", "à", "au", "aux", "en", "chez", "sur"}  # "…, dont 18 dans l'usine voisine", "dont 40 à Lyon"


def _elided_after(doc: Doc, text: str, figure: Figure, previous: Claim) -> tuple[Token, Token] | None:
    """ "Séoul avance 12 000 soldats, Kiev 15 000.", "de 1 200 morts à 3 000": a bare number closing a clause
    counts what the figure just before it in the same sentence counts (a known unit only)."""
    number = _token_at(doc, text, figure.num_start)
    last = _token_at(doc, text, figure.num_end - 1)
    if number is None or last is None or previous.end > figure.start:
        return None
    part = _word_before_figure(doc, text, figure) == "dont" and PART_AFTER_RE.fullmatch(
        text[previous.end : figure.start]) is not None  # "62 reclassements (au sein du groupe), dont 18 dans …"
    if previous.unit is None and not (previous.counted and (_word_before_figure(doc, text, figure) == "contre"
                                                            or part)):
        return None  # "412 000 manifestants, contre 1,2 million selon X": set against it, the same count
    sent = number.sent
    if _share_of_amount(doc, text, figure, previous, sent):
        return number, number
    sent_start = sent.start_char
    if doc[sent.start].text == "," and sent.start > 0:  # the parser cut the sentence at a comma: no sentence starts so
        sent_start = doc[sent.start - 1].sent.start_char
    if previous.start < sent_start or number.i == sent.start:
        return None
    if SCALE_WORD_RE.search(previous.text) and not figure.multiplied and (figure.value or 0) < 1000 and (
        not SCALE_WORD_RE.search(text[figure.start : figure.num_end])
    ):
        return None  # "3 millions d'obus, puis 5": five millions, most likely, not five shells
    after = doc[last.i + 1] if last.i + 1 < sent.end else None
    if after is not None and _word_before_figure(doc, text, figure) == "dont" and (
        norm(after.text) in lexicon().degree_adverbs
    ):  # "1 200 blessés, dont une centaine grièvement": the part of the count the adverb sets apart
        after = doc[after.i + 1] if after.i + 1 < sent.end else None
    if after is not None and norm(after.text) not in ELLIPSIS_AFTER and not _d_apres(doc, after) and not (
        part and norm(after.text) in PART_PLACES
    ):  # "…, dont 18 dans l'usine voisine": the part of the count the place sets apart
        return None
    before = doc[number.i - 1]
    if norm(before.text) not in ELLIPSIS_BEFORE and before.pos_ != "PROPN" and figure.qualifier is None:
        return None
    if norm(before.text) == "non" and figure.qualifier is None and (
        attribution.as_claimed_by(doc[number.i : last.i + 1]) is None
    ):
        return None  # "12 morts, et non 21 comme écrit par erreur": a bare figure the text rejects, nobody's
    return number, number


# Units of a measure that qualifies a thing ("obus de 152 mm", "d'une portée de 300 km"): "en" never stands for them.
ROUND_WORDS = {"cent", "mille"}  # a bare round word before an idiom's noun ("mille raisons", "cent fois")
PROPERTY_MEASURES = {"mm"}  # millimetres: the calibre of a gun or a shell, part of what the thing is
QUALIFYING_MEASURES = {"mm", "kg", "m", "km", "km2", "hectares", "percent", *TIME_UNITS}
DIFFERENCE_RE = re.compile(r"[ \u00a0\u202f]+de[ \u00a0\u202f]+(?:plus|moins)[ \u00a0\u202f]+qu", re.IGNORECASE)
PERIOD_WORDS = {"dernier", "dernière", "derniers", "dernières", "prochain", "prochaine", "prochains", "prochaines"}
AMOUNT_NOUNS = {"montant", "somme", "enveloppe", "total", "budget", "reste"}
FUND_NOUNS = {"montant", "somme", "enveloppe", "budget", "fonds", "prêt", "emprunt", "crédit", "rallonge", "dotation"}
CURRENCIES = {"euros", "dollars", "francs", "cfa_francs", "won", "rubles"}


def _share_of_amount(doc: Doc, text: str, figure: Figure, previous: Claim, sent: Span) -> bool:
    """ "… 3,9 milliards de francs. Sur ce montant, 1'500 millions sont allés à …", "Le reste …", "un fonds de 25
    milliards": millions with no noun, after an amount of money, in a sentence that points back to that amount (or in
    its own sentence, or after a fund's noun), are that money."""
    if not figure.multiplied or previous.unit not in CURRENCIES or _word_after(text, figure.num_end) in {"de", "d"}:
        return False
    if previous.start >= sent.start_char:
        return True
    before = _words_before(text, figure.start, 4)
    if before[-1:] == ["de"] and ((before[-2:-1] and before[-2] in FUND_NOUNS) or (
        len(before) == 4 and before[0] in FUND_NOUNS and before[1] in {"de", "d'"}
    )):
        return True  # "un fonds de péréquation de 25 milliards" after an amount in francs: francs again
    start = _previous_sentence_start(doc, sent)
    return previous.start >= start and any(norm(t.text) in AMOUNT_NOUNS for t in sent if t.i < doc[sent.start].i + 6)


THEY = {"ils", "elles"}
WERE = {"étaient", "sont", "seraient", "auraient", "ont", "avaient", "furent"}  # "auraient été", "ont été"


def _they_were(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "Ils étaient 18 000 selon la préfecture": a bare figure after "ils/elles" and "être", credited right after
    it by 'selon X', counts the people the pronoun stands for (a crowd, a toll); the pronoun is what is counted."""
    number = _token_at(doc, text, figure.num_start)
    last = _token_at(doc, text, figure.num_end - 1)
    start = _token_at(doc, text, figure.start)
    if number is None or last is None or start is None or last.i + 1 >= last.sent.end:
        return None
    if norm(doc[last.i + 1].text) not in {"selon", "d'après"} and not _d_apres(doc, doc[last.i + 1]):
        return None
    k = start.i - 1
    if k >= start.sent.start and norm(doc[k].text) == "été":
        k -= 1
    if k - 1 < start.sent.start or norm(doc[k].text) not in WERE or norm(doc[k - 1].text) not in THEY:
        return None
    if norm(doc[k].text) in {"auraient", "ont", "avaient"} and norm(doc[k + 1].text) != "été":
        return None  # "ils ont 30 ans": not a count
    return doc[k - 1], doc[k - 1]


def _d_apres(doc: Doc, token: Token) -> bool:
    """ "d'après", which the tokenizer may split in two ("d'" + "après")."""
    return norm(token.text) == "d'" and token.i + 1 < len(doc) and norm(doc[token.i + 1].text) == "après"


def _word_before_figure(doc: Doc, text: str, figure: Figure) -> str:
    """The word right before a figure, its approximator or qualifier included ("contre une centaine")."""
    token = _token_at(doc, text, figure.start)
    return norm(doc[token.i - 1].text) if token is not None and token.i > token.sent.start else ""


def _credited_right_after(span: Span) -> str | None:
    """ "…, contre 1,2 million selon la CGT": the 'selon X' right after a bare figure names who gives that figure."""
    doc = span.doc
    after = doc[span.end] if span.end < span.sent.end else None
    if after is None or not (norm(after.text) in {"selon", "d'après"} or _d_apres(doc, after)):
        return None
    source = attribution.source_phrase(span.sent, span)
    return source[0] if source is not None and not source[1] else None


def _elided_source(doc: Doc, number: Token) -> str | None:
    """The name right before an elided figure, after a comma ("…, Kiev 15 000"): the source of that figure."""
    k = number.i - 1
    while k > number.sent.start and doc[k].pos_ == "PROPN":
        k -= 1
    if k == number.i - 1:
        return None
    if doc[k].pos_ == "DET" and k > number.sent.start:  # "…, la Croix-Rouge 300"
        k -= 1
    return doc[k + 1 : number.i].text if doc[k].text == "," else None


COMPACT_MONEY_RE = re.compile(r"[ \u00a0\u202f]?(k|M|G|Mds?|Mrds?)[ \u00a0\u202f]?(€|\$)")  # "1,1 G$": Québec's billion
GLUED_CURRENCY_RE = re.compile(r"(€|\$)")
COMPACT_SCALES = {"k": 1000, "M": 10**6, "G": 10**9, "Md": 10**9, "Mds": 10**9, "Mrd": 10**9, "Mrds": 10**9}
COMPACT_CURRENCIES = {"€": "euros", "$": "dollars"}


def _compact_money(doc: Doc, text: str, figure: Figure) -> tuple[Figure, Token, str] | None:
    """ "120 M€", "2,8 Md$", "300 k€": the figure scaled, the token holding the currency, and its symbol."""
    if figure.value is None and figure.high is None:
        return None
    match = None if figure.multiplied else COMPACT_MONEY_RE.match(text, figure.num_end)
    glued = GLUED_CURRENCY_RE.match(text, figure.num_end) if text[figure.num_end - 1].isalpha() else None
    if match is None and glued is None:
        return None
    if glued is not None:  # "2,8 Md$": the scale was read with the number, the currency is glued to it
        token = _token_at(doc, text, figure.num_end - 1)
        return (dataclasses.replace(figure, num_end=glued.end()), token, glued.group(1)) if token else None
    token = _token_at(doc, text, match.start(1))
    if token is None:
        return None
    factor = COMPACT_SCALES[match.group(1)]

    def scaled(value: int | float | None) -> int | float | None:
        if value is None:
            return None
        product = value * factor
        return round(product) if abs(product - round(product)) < 1e-3 else product

    grown = dataclasses.replace(figure, value=scaled(figure.value), low=scaled(figure.low), high=scaled(figure.high),
                                num_end=match.end())
    return grown, token, match.group(2)


RATIO_NOUNS = {"facteur", "coefficient"}
def _table_row_label(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "| Blessés | plus de 1 100 | + 30 % |": a Markdown table's cell holding only a figure counts what the row's
    first cell names (its first word must be a known unit: "Blessés", "Civils tués", not "Indicateur")."""
    line_start = text.rfind("\n", 0, figure.start) + 1
    line_end = text.find("\n", figure.start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not (line.lstrip().startswith("|") and line.rstrip().endswith("|")):
        return None
    bars = [line_start + k for k, char in enumerate(line) if char == "|"]
    if len(bars) < 3 or not bars[1] < figure.start:
        return None
    cell_start = max(b for b in bars if b < figure.start) + 1
    cell_end = min(b for b in bars if b > figure.start)
    if text[cell_start : cell_end].strip() != text[figure.start : figure.num_end].strip():
        return None  # the cell says more than the figure
    label = text[bars[0] + 1 : bars[1]]
    first = _token_at(doc, text, bars[0] + 1 + len(label) - len(label.lstrip()))
    if first is None or norm(first.text) not in lexicon().units or first.idx >= bars[1]:
        return None
    last = first
    while last.i + 1 < len(doc) and doc[last.i + 1].idx < bars[1] and (doc[last.i + 1].is_alpha or
                                                                        doc[last.i + 1].text in {"-", "'"}):
        last = doc[last.i + 1]
    return first, last


CURRENCY_CODES = {"chf", "usd", "eur", "$", "€"}


def _currency_before(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "un crédit de CHF 120 millions", "USD 3 milliards": the currency written before the amount."""
    number = _token_at(doc, text, figure.num_start)
    if number is None or number.i == 0 or number.idx != figure.num_start:
        return None
    currency = doc[number.i - 1]
    if norm(currency.text) not in CURRENCY_CODES or number.sent.start > currency.i:
        return None
    return currency, currency


def _shared_after(doc: Doc, text: str, figure: Figure) -> tuple[Token, Token] | None:
    """ "âgés de 8 et 11 ans": the first number counts the unit the second one names (a known unit only)."""
    token = _token_at(doc, text, figure.num_end)
    if token is None or token.idx < figure.num_end or norm(token.text) not in {"et", "ou"}:
        return None
    k = token.i + 1
    while k < token.sent.end and doc[k].like_num and k - token.i <= 3:
        k += 1
    if k == token.i + 1 or k >= token.sent.end:
        return None
    noun = doc[k]
    return (noun, noun) if noun.is_alpha and norm(noun.text) in lexicon().units else None


_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS | {"un", "une"}, key=len, reverse=True))
RATIO_AFTER_RE = re.compile(rf"[ \u00a0\u202f]+sur[ \u00a0\u202f]+(\d+|(?:{_NUMBER_WORD})\b)", re.I)
RATIO_BEFORE_RE = re.compile(
    rf"(?<![\w\d])(\d+|{_NUMBER_WORD})[ \u00a0\u202f]+[^\W\d_][\w'’\-]*[ \u00a0\u202f]+sur[ \u00a0\u202f]+$", re.I
)


RATE_BASES = {100, 1_000, 10_000, 100_000, 1_000_000}
PER_HEAD_RE = re.compile(
    r"(?<![\w\d])(?:un|une|1)[ \u00a0\u202f]+[^\W\d_][\w\-]*(?:[ \u00a0\u202f]+(?:de|du|des)[ \u00a0\u202f]+|"
    r"[ \u00a0\u202f]+d['’])?(?:[^\W\d_][\w\-]*)?[ \u00a0\u202f]+pour[ \u00a0\u202f]+$", re.I
)


def _ratio_term(word: str) -> int | float | None:
    """The value of one term of "un sur dix", "1 sur 10"."""
    return parse_digits(word) if word[:1].isdigit() else ({"un": 1, "une": 1}.get(norm(word)) or parse_words(word))


def _one_in(text: str, figure: Figure, last: Token) -> bool:
    """ "1 soldat sur 10", "deux recrues sur trois": both terms of a ratio, no count ("3 000 soldats sur 12 000"
    and "10 000 soldats sur 30 kilomètres" stay counts)."""
    if figure.value is None:
        return False
    after = RATIO_AFTER_RE.match(text, last.idx + len(last.text))
    if after is not None:
        whole = _ratio_term(after.group(1))
        return figure.value <= 20 and whole is not None and figure.value < whole <= 100 and (
            _word_after(text, after.end()) not in lexicon().units
        )
    unit = lexicon().units.get(norm(last.text))
    if PER_HEAD_RE.search(text[max(0, figure.start - 60) : figure.start]) and unit in {"inhabitants", "people"}:
        return True  # "un médecin pour 10 000 habitants", "un point d'eau pour 2 300 personnes": a rate per head
    before = _words_before(text, figure.start, 3)
    if before[-1:] == ["pour"] and figure.value in RATE_BASES and figure.low is None and (
        unit in {"inhabitants", "people"}
    ) and any(w[:1].isdigit() for w in before[:-1]):
        return True  # "96 cas pour 100 000 habitants": the base of a rate, no count ("pour cent personnes" is one)
    before = RATIO_BEFORE_RE.search(text[max(0, figure.start - 60) : figure.start])
    if before is None:
        return False
    part = _ratio_term(before.group(1))
    return part is not None and part <= 20 and part < figure.value <= 100 and (
        _word_after(text, figure.num_end) not in lexicon().units
    )


AGE_GROUP_RE = re.compile(r"\b(?:les|des|aux|chez les|parmi les)[ \u00a0\u202f]+$", re.I)
AND_OVER_RE = re.compile(r"[ \u00a0\u202f]+et[ \u00a0\u202f]+(?:plus|moins)\b")
AGE_CLOSE_RE = re.compile(r"[ \u00a0\u202f]*(?:[,;)]|[.!?](?:\s|$)|$)")


def _an_age(text: str, figure: Figure, last: Token, lex: Lexicon) -> bool:
    """Whether "N ans" gives someone's age: after "âgé(s) de", after a person ("une recrue de 19 ans"), after "avoir"
    ("il a 40 ans"), or set apart after a name ("Olha, 34 ans, …", "(52 ans)")."""
    if AGE_GROUP_RE.search(text, max(0, figure.start - 12), figure.start) and (
        re.fullmatch(r"\d+[-–]\d+", text[figure.start : figure.num_end])
        or AND_OVER_RE.match(text, last.idx + len(last.text))
    ):
        return True  # "les 15-24 ans", "des 65 ans et plus": an age group, no figure
    words = _words_before(text, figure.start, 7)
    while words and (words[-1] in {"respectivement", "entre", "et", "ou"} or words[-1][:1].isdigit()
                     or words[-1] in NUMBER_WORDS):
        words.pop()  # "âgées de 6 et 9 ans", "ont entre 18 et 25 ans": the words before the first number
    if words and words[-1] in lex.age_verbs:
        return True
    if words and words[-1] in {"de", "d'"}:
        words.pop()
        if words and words[-1] == "respectivement":  # "âgés respectivement de 19 et 22 ans"
            words.pop()
        return bool(words) and (words[-1].startswith("âgé") or words[-1] in lex.age_nouns)
    if words and words[-1].startswith("âgé"):
        return True
    return _set_apart(text, figure.start) and AGE_CLOSE_RE.match(text, last.idx + len(last.text)) is not None


SENIORITY_RE = re.compile(r"[ \u00a0\u202f]+d(?:e|['’])[ \u00a0\u202f]*([^\W\d_]+)")


def _seniority(text: str, last: Token, lex: Lexicon) -> bool:
    """Whether "N ans" counts someone's working or married life ("27 ans de maison", "après 30 ans de carrière",
    "40 ans de mariage"): a personal detail like an age, not a figure of the story."""
    match = SENIORITY_RE.match(text, last.idx + len(last.text))
    return match is not None and norm(match.group(1)) in lex.seniority_nouns


def _set_apart(text: str, start: int) -> bool:
    """Whether the figure opens an aside after someone: a comma after any word ("Olha, 34 ans,", "Le général, 58
    ans,"), a bracket after a name or a person ("Ri Song-chol (29 ans)", not "une peine de prison (10 ans)")."""
    match = re.search(r"([^\W\d_][\w'’\-]*)[ \u00a0\u202f]*([,(])[ \u00a0\u202f]*$", text[max(0, start - 60) : start])
    if match is None:
        return False
    word = match.group(1)
    return match.group(2) == "," or word[:1].isupper() or norm(word) in lexicon().age_nouns


def _toll_pair(doc: Doc, last: Token) -> Token | None:
    """The second word of "tués ou blessés", "morts et blessés" right after a counted casualty word, if any."""
    words = lexicon().casualty_words
    k = last.i
    if norm(last.text) not in words or k + 2 >= last.sent.end:
        return None
    link, other = doc[k + 1], doc[k + 2]
    if norm(link.text) not in {"ou", "et"} or norm(other.text) not in words:
        return None
    return other if norm(other.text)[:4] != norm(last.text)[:4] else None


def _previous_sentence_start(doc: Doc, sent: Span) -> int:
    """Character offset where the sentence before this one starts (or this one, if it is the first)."""
    if sent.start == 0:
        return sent.start_char
    return doc[sent.start - 1].sent.start_char


def _apostrophes(text: str) -> str:
    """One apostrophe, so a text parsed with ’ turned into ' still matches the article."""
    return text.replace("\u2019", "'")


def _adjective(token: Token) -> bool:
    """A word that qualifies the counted noun right after it ("nord-coréens", "blindés")."""
    if not re.fullmatch(r"[^\W\d_][\w'’\-]*", token.text) or token.lower_ in {"environ"}:
        return False
    if token.pos_ == "ADJ" or norm(token.text) in lexicon().units:
        return True
    # a participle or a nationality the small model tags as a verb ("biélorusses", "blindés")
    return (
        token.pos_ == "VERB"
        and token.morph.get("VerbForm") == ["Part"]
        and not any(c.dep_.startswith("aux") for c in token.children)
    )


def _qualifier_verb(text: str, start: int) -> str | None:
    """A verb just before the number that bounds it ("dépasse déjà 3 000", "avoisine 500")."""
    words = _words_before(text, start, 5)
    for n in range(len(words) - 1, max(-1, len(words) - 4), -1):
        word = words[n][2:] if words[n].startswith(("n'", "n’")) else words[n]
        for stem, qualifier in lexicon().qualifier_verbs:
            if word.startswith(stem):
                if not bounding_negated(words, n):
                    return qualifier
                # "ne dépassaient pas 35 millions": at most that; "n'avoisine pas 500" bounds it no way
                return "at_most" if qualifier == "at_least" else None
    return None


NEGATION_WORDS = {"pas", "jamais", "guère", "plus"}


def bounding_negated(words: list[str], n: int) -> bool:
    """Whether the bounding verb at words[n] is negated ("ne dépasse pas", "n'excède jamais")."""
    elided = words[n].startswith(("n'", "n’"))
    before = elided or any(w in {"ne", "n'"} for w in words[max(0, n - 2) : n])
    return before and any(w in NEGATION_WORDS for w in words[n + 1 :])


def _qualifier_after(doc: Doc, text: str, last: Token) -> tuple[Token, str] | None:
    """A qualifier written after the counted noun ("1.500 soldats environ")."""
    following = text[last.idx + len(last.text) : last.idx + len(last.text) + 25]
    line = norm(following.split("\n")[0])
    for phrase, qualifier in lexicon().after:
        if re.match(rf"\s{re.escape(phrase)}(?![\w'])", line):
            end_char = last.idx + len(last.text) + len(re.match(rf"\s*{re.escape(phrase)}", line).group())
            span = doc.char_span(last.idx, end_char, alignment_mode="expand")
            if span is not None:
                return span[-1], qualifier
    return None


def _unit(doc: Doc, first: Token, last: Token) -> str | None:
    """Normalised English unit of the counted noun, reading "hommes" as soldiers in a military sentence."""
    lex = lexicon()
    head = first
    if norm(head.text) in PRE_ADJECTIVES and head.i < last.i:
        head = doc[head.i + 1]
    word = norm(head.text)
    if word == "pour":
        return "percent"
    compound = _hyphen_compound(doc, head)
    if compound is not None and compound[1] in lex.units:
        return lex.units[compound[1]]
    unit = _two_word_unit(doc, head) or lex.units.get(word) or lex.units.get(norm(head.lemma_))
    if unit == "people" and word in {"homme", "hommes"}:
        lemmas = {norm(t.lemma_) for t in head.sent} | {norm(t.text) for t in head.sent}
        if lemmas & lex.military_context:
            return "soldiers"
    return unit


def _in_slogan(doc: Doc, sent: Span, first_char: int, unit: str | None) -> bool:
    """A duration inside a short quoted fragment is wording ("en 24 heures"), not a measured figure."""
    if unit not in TIME_UNITS:
        return False
    text = sent.text
    offset = first_char - sent.start_char
    opens = [m.start() for m in re.finditer(r"[«“\"]", text[:offset])]
    if not opens:
        return False
    start = opens[-1]
    close = re.search(r"[»”\"]", text[offset:])
    if close is None:
        return False
    inner = text[start + 1 : offset + close.start()]
    return len(inner.split()) <= lexicon().slogan_quote_max_words


def _claim(doc: Doc, text: str, ctx: ArticleContext, figure: Figure, previous: Claim | None,
           countable: Claim | None = None) -> Claim | None:
    """Turn one figure into a claim, or None when it counts nothing or is an idiom."""
    lex = lexicon()
    money = _compact_money(doc, text, figure)
    if money is not None:  # "120 M€", "2,8 Md$": the scale and the currency glued after the number
        figure = money[0]
        counted = (money[1], money[1])
    else:
        counted = _counted(doc, text, figure)
    before_number = among = False
    if counted is None:
        counted = _counted_before(doc, text, figure)
        before_number = counted is not None
    if counted is None and not figure.small_word:
        counted = _among_them(doc, text, figure)
        among = counted is not None
    if counted is None and not figure.small_word:
        counted = _of_these(doc, text, figure) or _key_figure(doc, text, figure)
    clitic = False
    if counted is None and not figure.small_word and countable is not None:
        counted = _clitic_en(doc, text, figure, countable)
        before_number = clitic = counted is not None
    numbered = False
    if counted is None and not figure.small_word:
        counted = _asked(doc, text, figure) or _shared_after(doc, text, figure)
        if counted is None:
            counted = _numbered_as(doc, text, figure)
            numbered = counted is not None
        before_number = counted is not None
    they_were = False
    if counted is None and not figure.small_word:
        counted = _they_were(doc, text, figure)
        before_number = they_were = counted is not None
    elided = False
    if counted is None and not figure.small_word and previous is not None:
        counted = _elided_after(doc, text, figure, previous)
        before_number = elided = counted is not None
    currency_first = False
    if counted is None and not figure.small_word:
        counted = _currency_before(doc, text, figure)
        before_number = currency_first = counted is not None
    if counted is None and not figure.small_word:
        counted = _table_row_label(doc, text, figure)
        before_number = counted is not None
    if counted is None:
        return None
    first, last = counted
    sent = first.sent
    if before_number:
        number_sent = (_token_at(doc, text, figure.num_start) or first).sent
        if number_sent.start > first.i:
            sent = number_sent  # the noun was asked in the question before: the answer is the sentence
    head = first if norm(first.text) not in PRE_ADJECTIVES else doc[first.i + 1]
    head_word = norm(head.text)
    previous_unit = previous.unit if previous is not None else None
    en = before_number and norm(first.text) == "en"
    unit = previous_unit if among or elided or en else _unit(doc, first, last)
    if clitic and countable is not None:
        unit = countable.unit  # "il en a livré 3 000": what the last count of things counted
    if they_were:
        unit = "people"  # "Ils étaient 18 000 selon la préfecture": a crowd counted
    if money is not None:
        unit = COMPACT_CURRENCIES[money[2]]
    if unit in PROPERTY_MEASURES:
        return None  # "des obusiers de 170 mm": a calibre names a kind of weapon, it counts nothing in the story
    if figure.value is not None and head_word in lex.idiom_nouns and (
        figure.value < 10 or norm(text[figure.num_start : figure.num_end]) in ROUND_WORDS
    ):
        return None  # "trois questions sur …", "il y a mille raisons de …": a figure of speech
    if figure.small_word:
        before = _words_before(text, figure.num_start, 2)
        if before and (before[-1] in lex.anaphoric_determiners or " ".join(before) in lex.anaphoric_determiners):
            return None  # "les deux pays", "ses trois fils": a reference, not a count
        if figure.value == 2 and unit is None:
            return None  # "deux" with a generic noun is usually an idiom
    if _one_in(text, figure, last):
        return None  # "un soldat sur dix", "1 recrue sur 4": a ratio, neither a count of soldiers nor of anything
    if unit == "years" and (_an_age(text, figure, last, lex) or _seniority(text, last, lex)):
        return None  # "Olha, 34 ans,", "âgés de 18 à 25 ans", "un soldat de 20 ans": someone's age, no figure
    if unit in TIME_UNITS:
        before = " ".join(_words_before(text, figure.start, 3))
        if any(before.endswith(m) for m in lex.relative_time_markers):
            return None  # "il y a deux ans": a relative date, left to the dates extractor
        if any(before == m or before.endswith(" " + m) for m in lex.framing_time_markers):
            return None  # "12 blindés détruits en deux jours", "5 milliards sur douze ans": the time a figure took
        window = norm(text[figure.num_end : last.idx + len(last.text)])
        if before.rsplit(" ", 1)[-1] in PERIOD_WORDS or any(w in PERIOD_WORDS for w in window.split()):
            return None  # "au cours des dernières 24 heures", "les 72 prochaines heures": the period a figure covers
        following = norm(text[last.idx + len(last.text) : last.idx + len(last.text) + 20]).lstrip()
        if any(re.match(rf"{re.escape(m)}\b", following) for m in lex.relative_time_after):
            return None  # "Dix jours plus tard, …": a date counted from another, not a duration
    if _in_slogan(doc, sent, figure.num_start, unit):
        return None
    if _size_of_each(text, figure.start, lex) or _size_of_one(text, figure.start, lex):
        return None  # "répartis dans des unités de 1 000 à 2 000 hommes": each group's size, not how many in all
    if not before_number and unit != "percent" and DIFFERENCE_RE.match(text, last.idx + len(last.text)):
        return None  # "80 réfugiés de plus qu'en 2023": a difference between two counts, neither of them
    sentence_words = norm(text[sent.start_char : sent.end_char])  # the sentence once, not once per phrase
    if any(phrase in sentence_words for phrase in lex.furniture_phrases):
        return None  # "1 € par mois pendant 6 mois, sans engagement": a subscription offer
    toll = None if before_number else _toll_pair(doc, last)
    if toll is not None:  # "3 000 tués ou blessés": one toll of both kinds, not a death count
        if norm(head.text) in lex.casualty_words:
            unit = "casualties"
        last = toll
    end_token = last
    qualifier = figure.qualifier or _qualifier_verb(text, figure.num_start)
    after = _qualifier_after(doc, text, last)
    if after is not None and qualifier is None:
        end_token, qualifier = after
    start = figure.start
    end = end_token.idx + len(end_token.text)
    opening = re.search(r"[«“]\s*$", text[max(0, start - 3) : start])
    if opening and re.search(r"[»”]", text[start:end]):  # keep « plus de 100 » soldats whole
        start -= len(opening.group())
    if before_number or money is not None:
        end = figure.num_end
        head = _token_at(doc, text, figure.num_start) or head
    if currency_first and figure.qualifier is None:
        start, qualifier_before = _qualifier_before(text, first.idx)  # "plus de CHF 3 milliards"
        qualifier = qualifier_before or qualifier  # "CHF 120 millions": the currency is part of the amount
    claim_text = ctx.text[start:end]
    if _apostrophes(text[start:end]) != _apostrophes(claim_text) or "\n" in claim_text:
        return None  # overlaps page furniture or a line break
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if span[0].sent.start != span[-1].sent.start and first.idx > start:  # "1 200. C'est le nombre de soldats …,
        span = doc.char_span(first.idx, end, alignment_mode="expand") or span  # selon X": the sentence that says it
    asserted_by = attribution.asserted_by(doc, span, head)
    if elided and attribution.as_claimed_by(span) is None:  # "Séoul avance 12 000 soldats, Kiev 15 000": Kiev's
        # figure, whoever the sentence cites first (unless the figure is credited right after it: "comme l'affirme X")
        asserted_by = _elided_source(doc, head) or asserted_by
    if elided and (credited := _credited_right_after(span)) is not None:
        asserted_by = credited  # "412 000 manifestants, contre 1,2 million selon la CGT": the CGT's, not the verb's
    hedged = attribution.hedged(span, head) and not numbered  # "X, au nombre de 11 000, seraient …": an aside
    sent_start, sent_end = sent.start_char, sent.end_char
    number_token = _token_at(doc, text, figure.num_start)
    if number_token is not None and number_token.sent.start_char < sent_start:
        sent_start = number_token.sent.start_char  # the parser cut the sentence inside the figure ("12 | 000 soldats")
    raw_sentence = ctx.text[sent_start:sent_end]  # as written, even if parsed normalised
    sentence = raw_sentence.strip()
    sentence_start = sent_start + (len(raw_sentence) - len(raw_sentence.lstrip()))
    counted_text = ctx.text[first.idx : last.idx + len(last.text)]
    if clitic and countable is not None:
        counted_text = countable.counted or counted_text  # "d'en envoyer 10 000": the noun counted before
    elif (elided or en) and before_number and previous is not None:
        counted_text = previous.counted or counted_text
    if money is not None:
        counted_text = money[2]
    return Claim(
        id="",
        article_id=ctx.article_id,
        kind="quantity",
        sentence=sentence,
        text=claim_text,
        start=start,
        end=end,
        hedged=hedged,
        asserted_by=asserted_by,
        sentence_start=sentence_start,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        qualifier=qualifier,
        counted=counted_text,
        unit=unit,
    )
