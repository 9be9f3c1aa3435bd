"""Ingest: front matter, pasted text with header lines, furniture set aside, encodings, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import InputError
from extract.ingest import find_furniture, read_article, read_header


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_markdown_front_matter_keeps_body_verbatim(tmp_path):
    body = "Le ministre a annoncé mardi l'envoi de 300 ingénieurs.\n"
    path = write(tmp_path, "2024-05-02-ingenieurs.md",
                 f"---\ntitle: Des ingénieurs\nsource: la-gazette\npublished: 2024-05-02\n---\n{body}")
    article = read_article(path, tmp_path)
    assert article.text == body
    assert article.published == "2024-05-02"
    assert article.source_id == "la-gazette"
    assert article.id == "2024-05-02-ingenieurs"
    assert article.body_line == 6


def test_month_precision_and_unknown_fields(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: unknown\nsource: unknown\npublished: 2023-11\n---\nUn texte court.\n")
    article = read_article(path, tmp_path)
    assert article.published == "2023-11"
    assert article.source_id is None
    assert article.title == "Un texte court."


def test_pasted_text_header_lines_are_inferred_and_set_aside(tmp_path):
    text = "Titre de l'article sur la frontière\n\n3 mars, 2023 / La Voix du Nord\n\nLe texte commence ici.\n"
    article = read_article(write(tmp_path, "x.txt", text), tmp_path)
    assert article.published == "2023-03-03"
    assert article.source_id == "La Voix du Nord"
    assert article.title == "Titre de l'article sur la frontière"
    assert any("2023-03-03" in note for note in article.inferred)
    assert any(article.text[s:e] == "3 mars, 2023 / La Voix du Nord" for s, e in article.furniture)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("En date du : 5 février 2022, 9 h 30", "2022-02-05"),
        (" date 2021-07 Légende d'une photo.", "2021-07"),
        ("Publié le 1er août 2020 à 18h02", "2020-08-01"),
        ("Le président a parlé le 3 mai 2020 devant la presse.", None),
        ("Dans sa réponse, il évoque 2020.", None),
    ],
)
def test_header_dates(line, expected):
    assert read_header(line + "\nCorps.\n").published == expected


def test_furniture_is_found_without_touching_sentences():
    text = ("Premier paragraphe avec 40 soldats.\nPublicité\n12 commentaires\nSignaler le commentaire\n"
            "Une photo ( AFP / JEAN DUPONT ) illustre le texte.\nLe commentaire du ministre est attendu.\n")
    spans = [text[s:e] for s, e in find_furniture(text)]
    assert spans == ["Publicité", "12 commentaires", "Signaler le commentaire", "( AFP / JEAN DUPONT )"]


def test_bom_crlf_and_invisible_characters(tmp_path):
    raw = "\ufeff---\r\ntitle: T\r\nsource: s\r\npublished: 2024\r\n---\r\nUn\u200b texte\u202e.\r\n".encode()
    article = read_article(write(tmp_path, "b.md", raw), tmp_path)
    assert article.text == "Un texte.\n"
    assert any("U+200B" in note for note in article.inferred)


def test_decomposed_accents_are_normalised(tmp_path):
    article = read_article(write(tmp_path, "c.txt", "Cor\u0065\u0301e du Sud.\n"), tmp_path)
    assert article.text == "Corée du Sud.\n"


def test_invalid_utf8_names_line_and_column_and_hints_windows_1252(tmp_path):
    path = write(tmp_path, "d.txt", b"Ligne une\nCor\xe9e du Nord\n")
    with pytest.raises(InputError) as info:
        read_article(path, tmp_path)
    message = str(info.value.problems[0])
    assert message.startswith("d.txt:2:4: not valid UTF-8")
    assert "Windows-1252" in message


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("---\ntitle: [unclosed\nsource: s\npublished: 2024\n---\nTexte.\n", "e.md:3:7"),
        ("---\ntitle: T\nsource: s\npublished: 2024\nTexte sans fin de front matter.\n", "e.md:1:1"),
        ("---\ntitle: T\nsource: s\npublished: 2024-13\n---\nTexte.\n", "e.md:4:1"),
        ("---\ntitle: T\nsource: s\npublished: 2024\n---\n\n", "e.md:6:1"),
        ("---\ntitle: T\ntitle: U\nsource: s\npublished: 2024\n---\nTexte.\n", "e.md:3:1"),
    ],
)
def test_bad_front_matter_is_located(tmp_path, content, where):
    with pytest.raises(InputError) as info:
        read_article(write(tmp_path, "e.md", content), tmp_path)
    assert str(info.value.problems[0]).startswith(where), str(info.value)


def test_yaml_typed_values_are_named(tmp_path):
    path = write(tmp_path, "f.md", "---\ntitle: 2024\nsource: NO\npublished: 2024\n---\nTexte.\n")
    with pytest.raises(InputError) as info:
        read_article(path, tmp_path)
    text = str(info.value)
    assert "'title' is 2024" in text and "'source' is False" in text


def test_wire_dateline_is_furniture_but_the_sentence_stays():
    text = "ANKARA, 2 juin (Reuters) - Le ministre a évoqué 300 camions.\nLe Texte, 5 mars (AFP) - reste.\n"
    assert [text[s:e] for s, e in find_furniture(text)] == ["ANKARA, 2 juin (Reuters) -"]
    web = "Séoul, 13 novembre 2024 (AFP) - Le ministre a évoqué 300 camions.\nRio de Janeiro, 3 mai (AP) - Suite.\n"
    assert [web[s:e] for s, e in find_furniture(web)] == ["Séoul, 13 novembre 2024 (AFP) -",
                                                          "Rio de Janeiro, 3 mai (AP) -"]


@pytest.mark.parametrize("lead, title", [
    ("Des sauveteurs dans les décombres à Lyon, le 3 mars. (Agence Alpha / PAUL MARTIN)\n\n"
     "Le bilan du séisme s'est alourdi dans la nuit.\n", "Le bilan du séisme s'est alourdi dans la nuit."),
    ("Le bilan du séisme s'est alourdi dans la nuit.\n", "Le bilan du séisme s'est alourdi dans la nuit."),
    ("Des sauveteurs à Lyon. (Agence Alpha / PAUL MARTIN)\n", "Des sauveteurs à Lyon."),
])
def test_an_untitled_article_is_not_named_after_its_photo_caption(tmp_path, lead, title):
    path = write(tmp_path, "a.md", f"---\ntitle: unknown\nsource: unknown\npublished: 2023-11\n---\n{lead}")
    article = read_article(path, tmp_path)
    assert any(lead[a:b].startswith("(Agence") for a, b in article.furniture) or "(Agence" not in lead
    assert article.title == title
