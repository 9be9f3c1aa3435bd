"""French numbers as written in news text: "1.500", "12 000", "8'000", "1,5 million", "douze mille".

Pure string code (no spaCy) so the number grammar can be tested on its own. A number never spans a
line break: "12" ending one line and "000" starting the next stay two numbers, because a line break in
an article ends a paragraph, a headline or a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = " \u00a0\u202f\u2009"  # ordinary, no-break, narrow no-break and thin spaces group thousands

_SP = f"[{SPACES}]"
_DIGITS = (
    rf"\d{{1,3}}(?:{_SP}\d{{3}}(?!\d))+(?:,\d+)?"  # 12 000 / 1 500,5 (space-grouped)
    r"|\d{1,3}(?:\.\d{3}(?!\d))+(?:,\d+)?"  # 12.000 / 1.500.000
    r"|\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?(?![,\d])"  # 12,000 (English grouping, machine translation)
    r"|\d{1,3}(?:['’]\d{3}(?!\d))+(?:[.,]\d+)?"  # 12'000 (Swiss grouping)
    r"|\d+(?:[,.]\d+)?"  # 1500 / 1,5 / 1.5
)
DIGITS_RE = re.compile(rf"(?<![\w.,/:'’])(?<![^\W\d_]-)(?:{_DIGITS})(?![\w/]|[.,:'’]\d|-[^\W\d_])")

UNITS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,  # Belgian and Swiss French
}  # fmt: skip
HUNDRED = {"cent", "cents"}
THOUSAND = {"mille"}
BIG = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
NUMBER_WORDS = set(UNITS) | HUNDRED | THOUSAND | set(BIG)

_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# "et" joins only "un" and "onze" ("vingt et un", "soixante et onze"): "entre septante et huitante" is two numbers
_AND = rf"(?:-et-|{_SP}et{_SP})(?=(?:un|une|onze)(?![\w]))"
WORDS_RE = re.compile(
    rf"(?<![\w\-’'])(?:{_WORD})(?:(?:{_AND}|-|{_SP})(?:{_WORD}))*(?![\w\-])",
    re.IGNORECASE,
)
MULTIPLIER_RE = re.compile(rf"{_SP}+(millions?|milliards?|mille|mds?|mrds?)(?![\w\-])", re.IGNORECASE)
MULTIPLIERS = {"mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
               "md": 10**9, "mds": 10**9, "mrd": 10**9, "mrds": 10**9}  # fmt: skip


@dataclass(frozen=True)
class Number:
    """One number found in a text: its span, its value and how it was written."""

    start: int
    end: int
    value: int | float
    words: bool  # written in words ("quatre"), not digits
    digits: str  # the digit part as written, without multiplier ("2024", "1.500")


def _tidy(value: float) -> int | float:
    """Whole values as int so that 1,5 million compares equal to 1500000."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def parse_digits(text: str) -> int | float | None:
    """Value of a number written in digits, French or English grouping; None if it is not one."""
    raw = text.strip()
    if re.search(_SP, raw):
        if not re.fullmatch(rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?", raw):
            return None  # spaces only ever group thousands
        raw = re.sub(_SP, "", raw)
    if not raw or not raw[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):  # 1.500 / 1.500,5
        return _tidy(float(raw.replace(".", "").replace(",", ".")))
    if re.fullmatch(r"\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?", raw):  # 12'000 (Swiss grouping)
        return _tidy(float(re.sub("['’]", "", raw).replace(",", ".")))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):  # 12,000 (English grouping)
        return _tidy(float(raw.replace(",", "")))
    if re.fullmatch(r"\d+(?:[,.]\d+)?", raw):  # 1500 / 1,5 / 1.5
        return _tidy(float(raw.replace(",", ".")))
    return None


def parse_words(text: str) -> int | None:
    """Value of a number written in French words ("quatre-vingt-dix", "douze mille"); None if not one."""
    tokens = [t for t in re.split(rf"[\-{SPACES}]+", text.strip().lower()) if t and t != "et"]
    if not tokens or any(t not in NUMBER_WORDS for t in tokens):
        return None
    if tokens[0] in BIG:
        return None  # "plusieurs millions", "des milliards": a multiplier with no count is vague
    total, current, seen_big = 0, 0, False
    for token in tokens:
        if token in UNITS:
            value = UNITS[token]
            if value == 20 and 1 < current < 10:  # quatre-vingt(s)
                current *= 20
            else:
                current += value
        elif token in HUNDRED:
            current = (current or 1) * 100
        elif token in THOUSAND:
            total += (current or 1) * 1000
            current = 0
        else:
            total = (total + (current or 1)) * BIG[token] if not seen_big else total + (current or 1) * BIG[token]
            current, seen_big = 0, True
    return total + current


def find_numbers(text: str) -> list[Number]:
    """Every number of a text, in text order, with any multiplier word that follows it."""
    found: list[Number] = []
    for match in DIGITS_RE.finditer(text):
        value = parse_digits(match.group())
        if value is None:
            continue
        end = match.end()
        multiplier = MULTIPLIER_RE.match(text, end)
        if multiplier:
            value = _tidy(value * MULTIPLIERS[multiplier.group(1).lower()])
            end = multiplier.end()
        found.append(Number(match.start(), end, value, words=False, digits=match.group()))
    taken = [(n.start, n.end) for n in found]
    for match in WORDS_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        value = parse_words(match.group())
        if value is not None:
            found.append(Number(match.start(), match.end(), value, words=True, digits=""))
    return sorted(found, key=lambda n: (n.start, n.end))
