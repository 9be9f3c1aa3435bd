"""Entities: one canonical name per person, organisation or place, with the tagger's noise removed."""

from __future__ import annotations

import pytest

from extract import entities


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["l'OTAN", "l’Otan", "L'Organisation du Traité de l'Atlantique-Nord", "OTAN"], "OTAN"),
        (["Kim Jong Un", "Kim Jong-Un", "Kim Jong-un"], "Kim Jong Un"),
        (["M. Rutte", "Rutte", "Mark Rutte"], "Mark Rutte"),
        (["Kiev", "Kyiv"], "Kiev"),
        (["les Etats-Unis", "États-Unis"], "États-Unis"),
        (["la Corée du Nord", "Corée du nord", "RPDC"], "Corée du Nord"),
    ],
)
def test_canonical_merges_spellings(variants: list[str], expected: str) -> None:
    assert {entities.canonical(v) for v in variants} == {expected}


def test_canonical_keeps_unknown_names_as_written() -> None:
    assert entities.canonical("  le  Parlement   européen ") == "Parlement européen"
    assert entities.canonical("Delphine Dubois") == "Delphine Dubois"  # "De…" is not the article "de"
    assert entities.canonical("Mme Léa Martin") == "Léa Martin"


@pytest.mark.parametrize(
    "name",
    ["Publicité", "Devenez", "Signaler", "le", "l'", "ministre des Affaires étrangères", "Nord-Coréen", "WALSCHAERTS"],
)
def test_noise_is_not_an_entity(name: str) -> None:
    assert entities.is_noise(name)


def test_real_names_are_not_noise() -> None:
    for name in ["ONU", "Bruxelles", "Conseil de sécurité de l'ONU", "Yonhap"]:
        assert not entities.is_noise(name)


def _all(parse, text: str) -> list[list[str]]:
    doc = parse(text)
    return [entities.sentence_entities(sent) for sent in doc.sents]


def test_sentence_entities_sorted_unique_canonical(parse) -> None:
    text = "L'Otan et l'OTAN ont reçu à Bruxelles le ministre polonais, puis l'ONU a réagi depuis Genève."
    found = [name for names in _all(parse, text) for name in names]
    assert "OTAN" in found and "ONU" in found and "Bruxelles" in found
    for names in _all(parse, text):
        assert names == sorted(set(names))


def test_elided_word_glued_to_a_name_is_dropped(parse) -> None:
    found = {name for names in _all(parse, "Selon Séoul, l’OTAN n’a pas encore réagi à l’annonce.") for name in names}
    assert "OTAN" in found
    assert not any(name.endswith(("n'", "n’")) or name in {"n'", "n’"} for name in found)


def test_page_furniture_words_are_dropped(parse) -> None:
    text = "Publicité\n\nLe Parlement européen a voté à Strasbourg.\nDevenez membre gratuitement\nSignaler\n"
    found = {name for names in _all(parse, text) for name in names}
    assert not found & {"Publicité", "Devenez", "Signaler"}
    assert "Strasbourg" in found


def test_split_korean_name_is_joined(parse) -> None:
    text = "Vladimir Poutine et Kim Jong Un à Pyongyang, le 19 juin."
    found = {name for names in _all(parse, text) for name in names}
    assert "Kim Jong Un" in found
    assert "Kim Jong" not in found


def test_surname_alone_resolves_within_the_article(parse) -> None:
    text = "Le ministre tchèque Jan Kowalczyk est arrivé à Prague. Kowalczyk a rencontré la presse."
    doc = parse(text)
    last = entities.sentence_entities(list(doc.sents)[-1])
    assert "Jan Kowalczyk" in last
    assert entities.expand_surname("Kowalczyk", entities.article_names(doc)) == "Jan Kowalczyk"


def test_surname_is_not_expanded_when_ambiguous() -> None:
    people = [(0, "Anna Berg"), (50, "Olof Berg")]
    assert entities.expand_surname("Berg", people) == "Berg"
    assert entities.expand_surname("Berg", people, pos=10) == "Anna Berg"


def test_name_after_a_job_title_is_found_when_the_tagger_misses_it(parse) -> None:
    doc = parse("Le ministre des Finances Tomas Lindgren Berg a présenté le budget.")
    assert "Tomas Lindgren Berg" in [name for _, name in entities.article_names(doc)]


def test_no_name_runs_across_a_line_break(parse) -> None:
    doc = parse(
        "Le pays a reçu 40 chars, selon les Européens\n\nEmmanuel Macron et Olaf Scholz à Berlin.\n"
        "Le ministre des Finances\nTomas Lindgren Berg a présenté le budget.\n"
    )
    people = [name for _, name in entities.article_names(doc)]
    assert "Emmanuel Macron" in people
    assert all("Européens" not in name and "Finances" not in name for name in people)
    for sent in doc.sents:
        for name in entities.sentence_entities(sent):
            assert name in sent.text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("secrétaire général de l'Otan", ("secrétaire général", "OTAN")),
        ("chef de l’Alliance", ("leader", "OTAN")),
        ("patronne de l'Organisation des Nations unies", ("leader", "ONU")),
        ("présidente de la Commission européenne", ("président", "Commission européenne")),
        ("chef de la diplomatie", None),  # a ministry's portfolio, not an organisation's name
        ("porte-parole du Kremlin", None),  # not the head
        ("chef de la diplomatie américaine", ("portfolio:affaires étrangères", "américain")),
        ("ministre américain des Affaires étrangères", ("portfolio:affaires étrangères", "américain")),
        ("ministre de la Défense sud-coréenne", ("portfolio:défense", "sud-coréen")),
    ],
)
def test_post_of_a_leader_title(title: str, expected: tuple[str, str] | None) -> None:
    assert entities.post(title) == expected


def test_same_post() -> None:
    rutte = entities.post("secrétaire général de l'OTAN")
    assert entities.same_post(entities.post("chef de l'Alliance atlantique"), rutte)
    assert not entities.same_post(entities.post("président de l'Otan"), rutte)
    assert not entities.same_post(entities.post("chef de l'ONU"), rutte)
    assert not entities.same_post(entities.post("chef de la diplomatie russe"), entities.post("chef de l'ONU"))
    assert not entities.same_post(
        entities.post("chef de la diplomatie russe"), entities.post("ministre russe de la Défense")
    )
