"""Property tests: whatever text comes in, ingest and extraction never crash and keep their invariants."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import claims as claims_module
from extract import safeyaml
from extract.errors import InputError
from extract.ingest import read_article

FRAGMENTS = [
    "Selon le ministère,", "environ 1 500 soldats", "jusqu’à 12.000 hommes", "entre 3 et 5 brigades",
    "le 19 juin 2024", "vendredi", "fin octobre", "« Nous répondrons »,", "a-t-il déclaré", "qu’il",
    "aurait déployé", "plus de 40 000 conteneurs", "à Koursk", "l’Otan", "Kim Jong Un", "13 h 07",
    "12 commentaires", "( AFP / JEAN )", "\n", "\n\n", ".", ",", "\u00a0", "\u202f", "\u200b", "douze mille",
    "1,5 million d’euros", "« ", " »", '"', "“", "”", "la semaine dernière", "en janvier", "M. Durand",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map(" ".join)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def valid_date(value: str) -> bool:
    for part in value.split("/"):
        if not DATE_RE.match(part):
            return False
        pieces = [int(p) for p in part.split("-")]
        if len(pieces) >= 2 and not 1 <= pieces[1] <= 12:
            return False
        if len(pieces) == 3:
            date(*pieces)
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400))
def test_ingest_never_crashes_on_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    try:
        article = read_article(path, tmp_path)
    except InputError as exc:
        assert all(str(p).startswith("a.txt") for p in exc.problems)
        return
    for start, end in article.furniture:
        assert 0 <= start <= end <= len(article.text)
    assert "\r" not in article.text and "\u200b" not in article.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.text(max_size=200), body=texts)
def test_front_matter_gives_an_article_or_located_errors(tmp_path: Path, head: str, body: str) -> None:
    path = tmp_path / "b.md"
    path.write_text(f"---\n{head}\n---\n{body}", encoding="utf-8")
    try:
        read_article(path, tmp_path)
    except InputError as exc:
        assert exc.problems and all(str(p).startswith("b.md") for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_yaml_loader_returns_data_or_input_error(text: str) -> None:
    try:
        safeyaml.load(text, "x.yaml")
    except InputError as exc:
        assert str(exc.problems[0]).startswith("x.yaml")


@pytest.mark.parametrize("published", ["2024-12-04", "2024-10", None])
@SLOW
@given(text=texts)
def test_extraction_invariants(parse, tmp_path: Path, published: str | None, text: str) -> None:
    path = tmp_path / "c.txt"
    path.write_text(text, encoding="utf-8")
    try:
        article = read_article(path, tmp_path)
    except InputError:
        return
    article = dataclasses.replace(article, published=published)
    found = claims_module.extract(parse(claims_module.masked_text(article)), article)
    assert len({c.id for c in found}) == len(found)
    for claim in found:
        assert 0 <= claim.start < claim.end <= len(article.text)
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.kind in ("quantity", "date", "quote")
        if claim.kind == "date":
            assert claim.date and valid_date(claim.date), claim
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high, claim
        for start, end in article.furniture:
            assert claim.end <= start or claim.start >= end, "no claim comes from page furniture"
