"""Hostile or broken input files give located messages, never a crash, a hang, a path outside the tree or lost text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import config as config_module
from extract import ingest, reviews, safeyaml, sources, topics
from extract.errors import InputError

# ------------------------------------------------------------------ YAML: nesting, aliases, keys, tags, sizes

DEEP = 10_000


@pytest.mark.parametrize(
    "text",
    [
        "- " * DEEP + "x\n",  # block sequences on one line
        "[\n" * DEEP + "]\n" * DEEP,  # flow sequences, one bracket a line (a per-line count misses it)
        "{a:\n" * DEEP,  # flow mappings over many lines
        "? " * DEEP + "x\n",  # complex keys
        "".join(" " * i + "k:\n" for i in range(1500)) + " " * 1500 + "v\n",  # block mappings indented by one
        "!!seq [" * DEEP,  # tagged flow
        "a: " + "[" * 1_900_000,  # close to the size cap
    ],
    ids=["block-dashes", "flow-lines", "flow-maps", "complex-keys", "one-space-blocks", "tagged", "wide"],
)
def test_deep_nesting_is_a_located_message_in_every_style(text):
    limit = sys.getrecursionlimit()
    with pytest.raises(InputError) as info:
        safeyaml.load(text, "t.yaml")
    assert sys.getrecursionlimit() == limit
    assert re.match(r"t\.yaml:\d+:\d+: invalid YAML: nested deeper than 32 levels", str(info.value)), str(info.value)


def test_nesting_up_to_the_limit_is_read():
    assert safeyaml.load("[" * safeyaml.MAX_DEPTH + "]" * safeyaml.MAX_DEPTH, "t.yaml") is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1, 2]\nb: *x\n", "t.yaml:2:4: invalid YAML: aliases are not allowed"),
        ("a: 1\nb: 2\na: 3\n", "t.yaml:3:1: invalid YAML: duplicate key 'a'"),
        ("? [a, b]\n: c\n", "t.yaml:1:3: invalid YAML: a key must be a plain value"),
        ("{[a]: 1}\n", "t.yaml:1:2: invalid YAML: a key must be a plain value"),
        ("a: !!binary aGk=\n", "t.yaml:1:4: invalid YAML: tag 'binary' is not allowed"),
        ("a: !!set {x}\n", "t.yaml:1:4: invalid YAML: tag 'set' is not allowed"),
        ("a: !!python/object/apply:os.system [ls]\n", "t.yaml:1:4: invalid YAML: could not determine a constructor"),
        ("a: 1\nb: x\x07y\n", "t.yaml:2:5: invalid YAML: character U+0007 is not allowed"),
        ("a: 01234\n", "t.yaml:1:4: invalid YAML: '01234' would be read as the number 668"),
        ("a: [1:30]\n", "t.yaml:1:5: invalid YAML: '1:30' would be read as the number 90"),
        ("a: 1\n---\nb: 2\n", "t.yaml:2:1: invalid YAML: but found another document"),
    ],
)
def test_yaml_that_hides_mistakes_is_refused_at_its_place(text, message):
    with pytest.raises(InputError) as info:
        safeyaml.load(text, "t.yaml")
    assert str(info.value).startswith(message), str(info.value)


def test_plain_numbers_and_quoted_text_still_read():
    assert safeyaml.load("a: 0\nb: 2024\nc: '01234'\nd: 1_500\ne: 0.5\nf: '1:30'\n", "t.yaml") == {
        "a": 0, "b": 2024, "c": "01234", "d": 1500, "e": 0.5, "f": "1:30"}


def test_yaml_size_cap_is_read_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (safeyaml.MAX_BYTES + 10))
    with pytest.raises(InputError, match=r"big\.yaml:1: YAML larger than 2000000 bytes"):
        safeyaml.read(str(path), "big.yaml")


YAML_PIECES = st.sampled_from(["[", "]", "{", "}", "- ", "? ", ": ", "\n", "  ", "a", "&x ", "*x", "!!set ", "01",
                               "1:2", ",", "'", '"', "#", "|", ">", "---\n", "!!binary ", "~", "NO"])


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_yaml_shaped_noise_gives_data_or_a_located_message(text):
    try:
        safeyaml.load(text, "n.yaml")
    except InputError as exc:
        assert all(str(p).startswith("n.yaml") for p in exc.problems)


# ------------------------------------------------------------------ YAML 1.1 surprises, caught by every schema

def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(step) -> str:
    with pytest.raises(InputError) as info:
        step()
    return "\n".join(str(p) for p in info.value.problems)


FRONT = {"title": "Des chiffres", "source": "la-gazette", "published": "2023-05-02"}


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("title", "NO", "a.md:2:1: 'title' is False, read by YAML as a bool"),
        ("source", "on", "a.md:3:1: 'source' is True, read by YAML as a bool"),
        ("source", "2023", "a.md:3:1: 'source' is 2023, read by YAML as a int"),
        ("published", "01234", "a.md:4:12: invalid YAML: '01234' would be read as the number 668"),
        ("published", "20230502", "a.md:4:1: 'published' is 20230502"),
        ("url", "2023-05-02", "a.md:5:1: 'url' is datetime.date(2023, 5, 2)"),
        ("lang", "NO", "a.md:5:1: 'lang' is False, read by YAML as a bool"),
    ],
)
def test_front_matter_values_yaml_retypes_are_named(tmp_path, key, value, expected):
    fields = {**FRONT, key: value}
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    path = _write(tmp_path / "a.md", f"---\n{head}---\nUn texte.\n")
    assert expected in _problems(lambda: ingest.read_article(path, tmp_path))


def test_front_matter_dates_stay_at_their_precision(tmp_path):
    path = _write(tmp_path / "a.md", "---\ntitle: T\nsource: s\npublished: 2023-05-02\n---\nUn texte.\n")
    assert ingest.read_article(path, tmp_path).published == "2023-05-02"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("- id: agence-nord\n  country: NO\n", "sources.yaml:2:3: entry 1: 'country' is False, read by YAML as a bool"),
        ("- id: agence-nord\n  name: 2023-05-02\n", "sources.yaml:2:3: entry 1: 'name' is datetime.date"),
        ("- id: yes\n", "sources.yaml:1:3: entry 1: 'id' is True, read by YAML as a bool"),
        ("- id: 0755\n", "sources.yaml:1:7: invalid YAML: '0755' would be read as the number 493"),
        ("- id: agence-nord\n  url: 1:30\n", "sources.yaml:2:8: invalid YAML: '1:30' would be read"),
        ("- id: a--b\n", "sources.yaml:1:3: entry 1: id 'a--b' (expected lower-case letters and digits, single"),
        ("- id: ../etc\n", "sources.yaml:1:3: entry 1: id '../etc'"),
        ("- id: ａｆｐ\n", "sources.yaml:1:3: entry 1: id 'ａｆｐ'"),
        ("- id: agence-nord\n  colour: red\n", "sources.yaml:2:3: entry 1: unknown key 'colour'"),
    ],
)
def test_sources_yaml_retypes_and_bad_ids_are_located(tmp_path, entry, expected):
    _write(tmp_path / "sources.yaml", entry)
    assert expected in _problems(lambda: sources.load(tmp_path))


TOPIC = {"title": "Titre", "question": "Combien ?", "match": "\n  lemmas: [soldat]", "figures": "[]"}


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("title", "NO", "t.md:2:1: 'title' is False"),
        ("question", "2023-05-02", "t.md:3:1: 'question' is datetime.date(2023, 5, 2)"),
        ("match", "\n  lemmas: [oui, NO]", "t.md:5:3: 'lemmas' must be a list of non-empty texts"),
        ("match", "\n  lemmas: [a]\n  min_lemmas: yes", "t.md:6:3: 'min_lemmas' is True"),
        ("match", "\n  lemmas: [a]\n  min_lemmas: 02", "t.md:6:15: invalid YAML: '02' would be read"),
        ("figures", "\n- id: f\n  label: NO\n  counted: c\n  unit: u\n  scope: s\n  match: {units: [u]}",
         "t.md:8:3: 'label' is False"),
    ],
)
def test_topic_front_matter_retypes_are_named(tmp_path, key, value, expected):
    fields = {**TOPIC, key: value}
    _write(tmp_path / "topics" / "t.md", "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items())
           + "---\nIntro.\n")
    assert expected in _problems(lambda: topics.load(tmp_path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc123:\n  action: on\n", "reviews.yaml:1:1: review of abc123: action is True"),
        ("abc123:\n  action: note\n  note: 2023-05-02\n", "review of abc123: 'note' is datetime.date"),
        ("abc123:\n  action: confirm\n  by: NO\n", "review of abc123: 'by' is False"),
        ("abc123:\n  action: correct\n  value: 01500\n  note: n\n", "reviews.yaml:3:10: invalid YAML: '01500' would"),
        ("012345670123:\n  action: confirm\n", "reviews.yaml:1:1: invalid YAML: '012345670123' would be read"),
    ],
)
def test_reviews_retypes_are_named(tmp_path, text, expected):
    path = _write(tmp_path / "reviews.yaml", text)
    assert expected in _problems(lambda: reviews.load(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("site:\n  title: NO\n", "config.yaml:2:3: 'site.title' is False"),
        ("site:\n  language: NO\n", "config.yaml:2:3: 'site.language' is False"),
        ("site:\n  full_text: 'no'\n", "config.yaml:2:3: 'site.full_text' is 'no'"),
        ("site:\n  description: 2023-05-02\n", "config.yaml:2:3: 'site.description' is datetime.date"),
        ("site:\n  title: 0123\n", "config.yaml:2:10: invalid YAML: '0123' would be read"),
    ],
)
def test_config_retypes_are_named(tmp_path, text, expected):
    _write(tmp_path / "config.yaml", text)
    assert expected in _problems(lambda: config_module.load(tmp_path))


def test_every_config_problem_points_at_its_key(tmp_path):
    _write(tmp_path / "config.yaml", "# réglages\nsite:\n  title: Dossier\n  langue: fr\n  base_url: ftp://x\n"
                                     "extract:\n  model: 3\nthemes: []\n")
    found = _problems(lambda: config_module.load(tmp_path))
    assert "config.yaml:4:3: unknown key 'site.langue'" in found
    assert "config.yaml:5:3: 'site.base_url' is 'ftp://x'" in found
    assert "config.yaml:7:3: 'extract.model' is 3" in found
    assert "config.yaml:8:1: unknown key 'themes'" in found


# ------------------------------------------------------------------ paths: links, special files, look-alikes

ARTICLE = "---\ntitle: Un titre\nsource: la-gazette\npublished: 2023-05-02\n---\nLe port a reçu 12 navires.\n"


def test_a_symlinked_article_is_not_read_and_says_so(tmp_path, caplog):
    content = tmp_path / "content"
    _write(content / "articles" / "vrai.md", ARTICLE)
    secret = _write(tmp_path / "outside" / "secret.md", ARTICLE.replace("12 navires", "le mot de passe"))
    (content / "articles" / "lien.md").symlink_to(secret)
    (content / "articles" / "passwd.txt").symlink_to("/etc/passwd")
    warnings: list = []
    articles = ingest.read_articles(content, tmp_path, warnings=warnings)
    assert [a.id for a in articles] == ["vrai"]
    assert sorted(str(w) for w in warnings) == [
        "content/articles/lien.md: warning: symbolic link not followed: not read (expected a regular file: copy "
        "the file in instead)",
        "content/articles/passwd.txt: warning: symbolic link not followed: not read (expected a regular file: "
        "copy the file in instead)",
    ]
    with caplog.at_level("WARNING"):  # without a list to fill, the warning is logged: never silent
        ingest.read_articles(content, tmp_path)
    assert "lien.md: warning: symbolic link not followed" in caplog.text


def test_a_fifo_named_like_an_article_is_skipped_not_read(tmp_path):
    import os

    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "tube.md")  # reading it would block the build forever
    (folder / "dossier.txt").mkdir()
    _write(folder / ".#vrai.md", ARTICLE)  # an editor's lock file: not input
    warnings: list = []
    assert ingest.read_articles(tmp_path / "content", tmp_path, warnings=warnings) == []
    assert sorted(w.message for w in warnings) == ["not a regular file: not read"] * 2


@pytest.mark.parametrize(
    ("names", "same"),
    [
        (("A.md", "a.txt"), "articles/a/"),
        (("Corée.md", "coree.md"), "articles/coree/"),
        (("ａｆｐ.md", "afp.txt"), "articles/afp/"),  # fullwidth letters
        (("x／y.md", "x-y.md"), "articles/x-y/"),  # fullwidth solidus is no separator
        (("a․b.md", "a-b.md"), "articles/a-b/"),  # one-dot leader is no dot
    ],
)
def test_articles_landing_on_one_page_are_an_error_naming_both(tmp_path, names, same):
    content = tmp_path / "content"
    for name in names:
        _write(content / "articles" / name, ARTICLE)
    text = _problems(lambda: ingest.read_articles(content, tmp_path))
    assert same in text
    assert all(name in text for name in names), text


@pytest.mark.parametrize("stem", ["..", "../../etc/passwd", "/etc/passwd", "a\x00b", "．．", "‥", "a/../../b", "—", ""])
def test_slugs_are_one_safe_segment(stem):
    slug = ingest.slug_of(stem)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug


@pytest.mark.parametrize("name", ["..", "../x", "/etc", "a\x00b", "．．／ｘ", "‥", ".hidden", "a/b", "\u202eevil", " "])
def test_page_paths_stay_inside_the_site(name):
    from render.paths import page_path, slugify

    for kind in ("article", "topic", "source", "person", "page", "compare", "static", "data", "pagefind"):
        for key in (name, slugify(name)):
            path = page_path(kind, key)
            parts = path.split("/")
            assert not path.startswith("/") and ".." not in parts and "." not in parts, (kind, key, path)
            assert "\x00" not in path and all(part and not part.startswith(".") for part in parts), (kind, key, path)


def test_output_refuses_a_path_that_leaves_the_site(tmp_path):
    from render.output import Output

    output = Output()
    output.add("../evil.html", "x", "test input")
    with pytest.raises(InputError, match="leaves the site"):
        output.write(tmp_path / "site")
    assert not (tmp_path / "evil.html").exists()


# ------------------------------------------------------------------ encoding

def test_invalid_utf8_points_at_the_byte_and_hints_windows_1252(tmp_path):
    path = _write(tmp_path / "a.md", "")
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"re\xc3\xa7u", b"re\xe7u"))
    text = _problems(lambda: ingest.read_article(path, tmp_path))
    assert text.startswith("a.md:6:13: not valid UTF-8 (expected UTF-8 text) — it looks like Windows-1252")


def test_invisible_characters_are_removed_and_reported_to_the_editor(tmp_path):
    content = tmp_path / "content"
    _write(content / "articles" / "a.md", ARTICLE.replace("12 navires", "1\u200b2 navires\u202e\u0007"))
    warnings: list = []
    [article] = ingest.read_articles(content, tmp_path, warnings=warnings)
    assert "12 navires." in article.text
    assert [str(w) for w in warnings] == [
        "content/articles/a.md: warning: removed invisible or control characters: U+0007, U+200B, U+202E"]


def test_text_is_nfc(tmp_path):
    path = _write(tmp_path / "a.txt", "Le port a rec\u0327u 12 navires.\n")
    assert "reçu" in ingest.read_article(path, tmp_path).text


# ------------------------------------------------------------------ limits: nothing hangs, sizes are capped

PATHOLOGICAL = {
    "dateline-spaces": "le " + " " * 200_000 + "x",
    "dateline-colon": "Publié le :" + " " * 200_000 + "3",
    "day-month-spaces": "18 octobre" + " " * 200_000 + ",",
    "credit-spaces": "(A" + " " * 200_000 + "x",
    "credit-words": "(Agence " + "mot " * 50_000 + "/ x",
    "credit-after-slash": "(A / B" + " " * 200_000 + "x",
    "digits": "1" * 200_000,
    "parentheses": "( " * 100_000,
}


def test_long_pathological_lines_do_not_hang_the_header_and_furniture_patterns(root):
    script = (
        "import json, sys, time\n"
        "from extract import ingest\n"
        "slowest = 0.0\n"
        "for line in json.loads(sys.stdin.read()).values():\n"
        "    start = time.perf_counter()\n"
        "    ingest.read_header(line + '\\nCorps.')\n"
        "    ingest.find_furniture(line + '\\n' + line)\n"
        "    slowest = max(slowest, time.perf_counter() - start)\n"
        "print(slowest)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], input=json.dumps(PATHOLOGICAL), cwd=root,
                            capture_output=True, text=True, timeout=60, check=True)
    assert float(result.stdout) < 2.0, result.stdout


def test_an_article_over_the_size_limit_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "gros.txt"
    path.write_bytes(b"Le port a recu 12 navires. " * (6_000_000 // 27 + 1))
    text = _problems(lambda: ingest.read_article(path, tmp_path))
    assert text == "gros.txt:1: article larger than 5000000 bytes (limit of one article)"


SENTENCES = (
    "Le port de Saint-Malo a accueilli {n} ferries le {d} mars 2023, selon la capitainerie.",
    "« Nous ouvrirons {n} guichets supplémentaires », a déclaré la directrice régionale.",
    "Environ {n} bénévoles étaient attendus samedi, d'après les organisateurs.",
    "La mairie évoque entre {n} et {m} visiteurs pour le festival de juillet.",
    "Le syndicat affirme que {n} agents seraient en grève depuis le {d} avril.",
    "Plus de {n} tonnes de marchandises ont transité en 2022 par le terminal.",
)


def one_paragraph(size: int) -> str:
    """Made-up news sentences run together with no line break, `size` characters or a little more."""
    parts: list[str] = []
    total, index = 0, 0
    while total < size:
        n = 100 + (index * 37) % 900
        sentence = SENTENCES[index % len(SENTENCES)].format(n=n, m=n + 250, d=1 + index % 27)
        parts.append(sentence)
        total += len(sentence) + 1
        index += 1
    return " ".join(parts) + "\n"


def _claims_keep_offsets(tmp_path: Path, text: str) -> int:
    from extract import claims as claims_module
    from extract import nlp

    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    article = ingest.read_article(path, tmp_path)
    [doc] = list(nlp.parse([claims_module.masked_text(article)]))
    assert doc.text == claims_module.masked_text(article)
    found = claims_module.extract(doc, article)
    for claim in found:
        assert article.text[claim.start : claim.end] == claim.text, claim
        assert article.text[claim.sentence_start :].startswith(claim.sentence), claim
    return len(found)


def test_a_paragraph_longer_than_a_parse_piece_keeps_every_offset(nlp, tmp_path):
    # Cut once after a sentence (the word run has no space) and once inside the 100 500-character word.
    text = one_paragraph(20_000).rstrip("\n") + " " + "x" * 100_500 + " Le quai compte 12 navires.\n"
    assert text.count("\n") == 1 and len(text) > 120_000
    assert _claims_keep_offsets(tmp_path, text) > 100


SIZE_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.test_hardening import _claims_keep_offsets, one_paragraph
text = one_paragraph(1_500_000)
assert len(text.encode("utf-8")) > 1_500_000 and text.count("\\n") == 1  # spaCy's default limit: 1 000 000
print(_claims_keep_offsets(Path(sys.argv[2]), text))
"""


@pytest.mark.slow
def test_a_one_and_a_half_megabyte_article_without_line_breaks_is_parsed_with_offsets_kept(root, tmp_path):
    result = subprocess.run([sys.executable, "-c", SIZE_SCRIPT, str(root), str(tmp_path)], cwd=root,
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) > 1_000


# Links elsewhere in content/ are not followed either.

def test_a_symlinked_free_page_is_not_published(tmp_path):
    from extract.pipeline import read_pages

    secret = _write(tmp_path / "outside" / "secret.md", "# Secret\nLe mot de passe.\n")
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "fuite.md").symlink_to(secret)
    assert read_pages(tmp_path / "content") == ()


def test_a_symlinked_topic_is_not_read(tmp_path):
    secret = _write(tmp_path / "outside" / "t.md", "---\ntitle: Secret\nquestion: Q ?\nmatch:\n  lemmas: [port]\n"
                                                   "figures: []\n---\nLe mot de passe.\n")
    (tmp_path / "content" / "topics").mkdir(parents=True)
    (tmp_path / "content" / "topics" / "fuite.md").symlink_to(secret)
    assert topics.load(tmp_path / "content") == []


def test_yaml_files_in_windows_1252_are_located_with_the_hint(tmp_path):
    (tmp_path / "sources.yaml").write_bytes("- id: agence-nord\n  name: Agence du Nord\n  kind: agence\n"
                                            "- id: presse-est\n  name: Presse de l'Est, édition\n".encode("cp1252"))
    text = _problems(lambda: sources.load(tmp_path))
    assert text == ("content/sources.yaml:5:26: not valid UTF-8 (expected UTF-8 text) — it looks like "
                    "Windows-1252: re-save the file as UTF-8")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "//exemple.org/x",
     'https://exemple.org/a"><script>x</script>', "https://exemple.org/a b", "https://exemple.org/\u0000",
     "https://exemple.org/`x`", "ftp://exemple.org/", "https:///chemin", "http://[::1"],
)
def test_unusable_article_urls_are_not_linked_and_say_so(tmp_path, url):
    from render.markup import safe_url

    assert safe_url(url) is None
    content = tmp_path / "content"
    _write(content / "articles" / "a.md", ARTICLE.replace("published: 2023-05-02\n",
                                                          f"published: 2023-05-02\nurl: {json.dumps(url)}\n"))
    warnings: list = []
    ingest.read_articles(content, tmp_path, warnings=warnings)
    assert [w.message.split(" is not linked")[0] for w in warnings] == [f"url {url.strip()!r}"]


def test_plain_and_percent_encoded_urls_are_linked():
    from render.markup import safe_url

    for url in ("https://exemple.org/a?b=1&c=2#x", "https://fr.wikipedia.org/wiki/Cor%C3%A9e", "http://exemple.org"):
        assert safe_url(url) == url


# ------------------------------------------------------------------ every editor file: data or located problems

FIELD_NOISE = st.one_of(
    st.sampled_from(["NO", "yes", "~", "01234", "2023-05-02", "[a, b]", "{a: 1}", "''", "-1", "1e3", "é", "x: y",
                     "[", "&a x", "*a", "!!set {}", "\t", "1:30", "null", "'01'", '"\\u0000"']),
    st.text(max_size=8),
)


def _yaml_entries(keys: list[str], indent: str = "  "):
    return st.lists(st.tuples(st.sampled_from(keys), FIELD_NOISE), max_size=6).map(
        lambda pairs: "".join(f"{indent}{k}: {v}\n" for k, v in pairs))


@settings(max_examples=150, deadline=None)
@given(st.lists(_yaml_entries(["id", "name", "url", "country", "kind", "autre"]), max_size=3))
def test_sources_yaml_noise_gives_sources_or_located_problems(entries):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "sources.yaml").write_text("".join("-\n" + e for e in entries), encoding="utf-8")
        try:
            found = sources.load(Path(folder))
        except InputError as exc:
            assert all(str(p).startswith("content/sources.yaml") for p in exc.problems)
            return
        assert all(sources.ID.fullmatch(s.id) for s in found)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(alphabet="abcdef0123456789", min_size=1, max_size=12),
                       _yaml_entries(["action", "note", "reason", "by", "value", "low", "high", "qualifier",
                                      "claimant", "date", "speaker", "with"]), max_size=3))
def test_reviews_noise_gives_decisions_or_located_problems(entries):
    confirm = "  action: confirm\n"
    text = "".join(f"'{cid}':\n{body or confirm}" for cid, body in entries.items())
    try:
        reviews.parse(text)
    except InputError as exc:
        assert all(str(p).startswith("content/reviews.yaml") for p in exc.problems)


@settings(max_examples=100, deadline=None)
@given(_yaml_entries(["title", "question", "match", "figures", "autre"], indent=""),
       _yaml_entries(["lemmas", "min_lemmas", "entities", "speakers", "phrases", "kinds"]))
def test_topic_noise_gives_topics_or_located_problems(head, match):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        _write(Path(folder) / "content" / "topics" / "t.md", f"---\n{head}match:\n{match}---\nIntro.\n")
        try:
            topics.load(Path(folder) / "content")
        except InputError as exc:
            assert all(str(p).startswith("content/topics/t.md") for p in exc.problems)


@pytest.mark.parametrize("stem", ["Soldats", "ａｂ", "a..b", "a／b", "a\u202eb"])
def test_topic_file_names_must_already_be_slugs(tmp_path, stem):
    _write(tmp_path / "content" / "topics" / f"{stem}.md",
           "---\ntitle: T\nquestion: Q ?\nmatch:\n  lemmas: [port]\nfigures: []\n---\nIntro.\n")
    text = _problems(lambda: topics.load(tmp_path / "content"))
    assert text == f"content/topics/{stem}.md:1:1: file name {stem!r} must be a slug (expected lower-case-words.md)"
