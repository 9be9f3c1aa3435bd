"""French number forms as news text writes them; no parse needed."""

from __future__ import annotations

import pytest

from extract.numbers import find_numbers, parse_digits, parse_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1500", 1500),
        ("1.500", 1500),
        ("12.000", 12000),
        ("1.500.000", 1500000),
        ("12 000", 12000),
        ("12\u00a0000", 12000),
        ("12\u202f000", 12000),
        ("1 234 567", 1234567),
        ("1,5", 1.5),
        ("3,25", 3.25),
        ("1.5", 1.5),
        ("12,000", 12000),
        ("2 500,5", 2500.5),
        ("0,5", 0.5),
    ],
)
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1 23", "-5", "12 0000"])
def test_parse_digits_rejects(text: str) -> None:
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("quatre", 4),
        ("douze", 12),
        ("vingt-et-un", 21),
        ("vingt et un", 21),
        ("soixante-dix", 70),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("quatre-vingt-dix", 90),
        ("cent", 100),
        ("deux cents", 200),
        ("deux cent cinquante", 250),
        ("mille", 1000),
        ("douze mille", 12000),
        ("dix mille cinq cents", 10500),
        ("deux cent cinquante mille", 250000),
        ("un million", 1000000),
        ("trois millions deux cent mille", 3200000),
        ("un milliard cinq cents millions", 1500000000),
    ],
)
def test_parse_words(text: str, value: int) -> None:
    assert parse_words(text) == value


@pytest.mark.parametrize("text", ["", "plusieurs", "quatre soldats", "milliers"])
def test_parse_words_rejects(text: str) -> None:
    assert parse_words(text) is None


def spans(text: str) -> list[tuple[str, float]]:
    return [(text[n.start : n.end], n.value) for n in find_numbers(text)]


def test_find_grouped_and_decimal_numbers() -> None:
    text = "Entre 10.000 et 12\u00a0000 soldats, soit 1,5 million d'euros et douze mille obus."
    assert spans(text) == [
        ("10.000", 10000),
        ("12\u00a0000", 12000),
        ("1,5 million", 1500000),
        ("douze mille", 12000),
    ]


def test_numbers_never_glue_across_a_line_break() -> None:
    assert spans("Le bilan atteint 12\n000 morts") == [("12", 12), ("000", 0)]


def test_year_then_grouped_number_stay_apart() -> None:
    assert spans("En 2024 12 000 soldats") == [("2024", 2024), ("12 000", 12000)]


def test_codes_ordinals_and_slashed_dates_are_not_numbers() -> None:
    assert spans("Su-27, KN-23, G7, le 1er mai, la 3e brigade, le 21/10/2024, 13h07") == []


def test_hyphenated_range_gives_both_numbers() -> None:
    assert spans("10 000-12 000 hommes") == [("10 000", 10000), ("12 000", 12000)]


def test_number_words_inside_other_words_are_ignored() -> None:
    assert spans("Le centre de Sixte et la Neuville") == []


def test_multiplier_words_scale_digits() -> None:
    assert spans("2,3 milliards de dollars et 26 millions d'habitants") == [
        ("2,3 milliards", 2300000000),
        ("26 millions", 26000000),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entre septante et huitante chars", [("septante", 70), ("huitante", 80)]),
        ("de trente et quarante ans", [("trente", 30), ("quarante", 40)]),
        ("entre dix et douze mille hommes", [("dix", 10), ("douze mille", 12000)]),
        ("vingt et un blindés et soixante et onze drones", [("vingt et un", 21), ("soixante et onze", 71)]),
        ("quatre-vingt-et-une recrues", [("quatre-vingt-et-une", 81)]),
    ],
)
def test_et_joins_only_un_and_onze(text: str, expected: list[tuple[str, int]]) -> None:
    assert spans(text) == expected
