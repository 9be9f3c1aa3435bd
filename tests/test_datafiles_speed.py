"""data/ written from pieces and read back from JSON copies: same bytes and same data as whole YAML dumps."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import datafiles, safeyaml
from extract.errors import InputError
from tests.crossref_helpers import Corpus

TEXTS = st.text(alphabet=st.sampled_from("ab é«»:#-'\"\n\t\\ {}[],&*!|>%@`0123456789.eE"), max_size=40)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False), TEXTS,
                    st.text(alphabet="ab é", min_size=0, max_size=3).map(lambda t: t * 3000))  # long lines
KEYS = st.sampled_from(["claim", "on", "null", "reports", "claims", "no", "y", "id", "a b", "Clé", "x_y"])
LEAVES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(KEYS, SCALARS, max_size=3))
ENTRIES = st.dictionaries(KEYS, LEAVES, max_size=4)
ITEMS = st.one_of(ENTRIES, st.tuples(ENTRIES, KEYS, st.lists(ENTRIES, max_size=3)).map(
    lambda t: {**{k: v for k, v in t[0].items() if k != t[1]}, t[1]: t[2]}))
DOCS = st.dictionaries(KEYS, st.one_of(LEAVES, st.lists(ITEMS, max_size=4)), max_size=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_pieces_add_up_to_the_whole_dump_and_reused_pieces_change_nothing(doc):
    text, parts = datafiles._text(doc, {})
    assert text == safeyaml.dump(doc, datafiles.HEADER)
    old = {digest: text[start:end] for digest, start, end in parts}
    assert datafiles._text(doc, old) == (text, parts)


def _corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a", "afp", "2024-10-20", "Quelque 3 000 soldats nord-coréens ont été envoyés en Russie.",
                   "« C'est une escalade inacceptable », a déclaré Mark Rutte le 28 octobre.")
    corpus.article("b", "reuters", "2024-10-23", "Environ 12 000 soldats nord-coréens ont été envoyés en Russie.")
    corpus.soldiers("a", "3 000 soldats nord-coréens", 3000, qualifier="approx")
    corpus.soldiers("b", "12 000 soldats nord-coréens", 12000, qualifier="approx")
    corpus.claim("a", "C'est une escalade inacceptable", "quote", speaker="Mark Rutte", direct=True)
    corpus.claim("a", "le 28 octobre", "date", date="2024-10-28")
    return corpus


def _add_report(corpus: Corpus) -> None:
    """An edit: a third outlet reports the troops figure (its topic's file is written again)."""
    corpus.article("c", "bbc", "2024-11-02", "Près de 11 000 soldats nord-coréens ont été envoyés en Russie.")
    corpus.soldiers("c", "11 000 soldats nord-coréens", 11000, qualifier="approx")


def _written_then_edited(tmp_path):
    """The topic data after the corpus was written once and then edited (_add_report): not written yet."""
    corpus = _corpus()
    _write(tmp_path, corpus.build())
    _add_report(corpus)
    return corpus.build()


def _write(tmp_path, topic_data, articles=()):
    return datafiles.write(tmp_path / "data", tuple(articles), {}, topic_data)


def test_a_second_write_of_the_same_data_dumps_and_writes_nothing(tmp_path, monkeypatch):
    data = _corpus().build()
    assert _write(tmp_path, data) == 1
    monkeypatch.setattr(safeyaml, "dump", lambda *a, **k: pytest.fail("dumped unchanged data"))
    assert _write(tmp_path, data) == 0


def test_a_changed_topic_dumps_only_its_changed_entries(tmp_path, monkeypatch):
    data = _written_then_edited(tmp_path)
    dumped = []
    real = safeyaml.dump
    monkeypatch.setattr(safeyaml, "dump", lambda doc, *a: dumped.append(doc) or real(doc, *a))
    assert _write(tmp_path, data) == 1
    text = (tmp_path / "data" / "topics" / "troupes.yaml").read_text(encoding="utf-8")
    assert text == real(data["troupes"], datafiles.HEADER)
    parts = len(list(datafiles._pieces(data["troupes"])))
    assert 0 < len(dumped) < parts / 2


def test_previous_data_comes_from_the_json_copy_equal_to_the_yaml(tmp_path, monkeypatch):
    data = _corpus().build()
    _write(tmp_path, data)
    from_yaml = safeyaml.read(str(tmp_path / "data" / "topics" / "troupes.yaml"), "troupes.yaml")
    monkeypatch.setattr(safeyaml, "read", lambda *a: pytest.fail("read the YAML"))
    assert datafiles.read_topics(tmp_path / "data") == {"troupes": from_yaml} == json.loads(json.dumps(data))


def test_a_hand_edited_topic_file_is_read_as_yaml_then_rewritten(tmp_path):
    data = _corpus().build()
    _write(tmp_path, data)
    path = tmp_path / "data" / "topics" / "troupes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("schema: 1", "schema: 7"), encoding="utf-8")
    assert datafiles.read_topics(tmp_path / "data")["troupes"]["schema"] == 7  # not the stale copy
    assert _write(tmp_path, data) == 1
    assert path.read_text(encoding="utf-8") == safeyaml.dump(data["troupes"], datafiles.HEADER)


def test_a_corrupted_topic_file_is_ignored_like_before_and_repaired(tmp_path):
    data = _corpus().build()
    _write(tmp_path, data)
    path = tmp_path / "data" / "topics" / "troupes.yaml"
    path.write_text(datafiles.HEADER + "schema: [1\n", encoding="utf-8")
    assert datafiles.read_topics(tmp_path / "data") == {}
    assert _write(tmp_path, data) == 1
    assert datafiles.read_topics(tmp_path / "data")["troupes"]["schema"] == 1


def test_a_file_an_editor_put_in_place_is_refused_even_when_the_data_is_unchanged(tmp_path):
    data = _corpus().build()
    _write(tmp_path, data)
    path = tmp_path / "data" / "topics" / "troupes.yaml"
    path.write_text("mes notes\n", encoding="utf-8")
    with pytest.raises(InputError, match="not generated by Recoupe"):
        _write(tmp_path, data)
    assert path.read_text(encoding="utf-8") == "mes notes\n"


def test_a_deleted_file_or_a_deleted_cache_gives_the_same_bytes(tmp_path):
    data = _corpus().build()
    _write(tmp_path, data)
    path = tmp_path / "data" / "topics" / "troupes.yaml"
    first = path.read_bytes()
    path.unlink()
    assert _write(tmp_path, data) == 1 and path.read_bytes() == first
    for cached in sorted((tmp_path / ".cache").rglob("*"), reverse=True):
        cached.rmdir() if cached.is_dir() else cached.unlink()
    os.utime(path, ns=(1, 1))
    assert _write(tmp_path, data) == 0 and path.read_bytes() == first
    assert datafiles.read_topics(tmp_path / "data")["troupes"] == json.loads(json.dumps(data["troupes"]))


def test_articles_named_by_their_claims_key_are_passed_over_until_something_of_theirs_changes(tmp_path, monkeypatch):
    import dataclasses

    corpus = _corpus()
    articles = tuple(corpus.articles.values())
    claims = {aid: tuple(items) for aid, items in corpus.claims.items()}
    keys = {"a": "key-a-1", "b": "key-b-1"}
    data = tmp_path / "data"
    assert datafiles.write(data, articles, claims, {}, keys) == 2
    original = datafiles.article_data
    monkeypatch.setattr(datafiles, "article_data", lambda *a: pytest.fail("built the data of an unchanged article"))
    assert datafiles.write(data, articles, claims, {}, keys) == 0
    # A new title with the same claims: built and written again.
    monkeypatch.setattr(datafiles, "article_data", original)
    retitled = tuple(dataclasses.replace(a, title="Nouveau titre") if a.id == "b" else a for a in articles)
    assert datafiles.write(data, retitled, claims, {}, keys) == 1
    assert "Nouveau titre" in (data / "articles" / "b.yaml").read_text(encoding="utf-8")
    # Other claims under a new key: written again.
    fewer = {**claims, "a": claims["a"][:1]}
    assert datafiles.write(data, retitled, fewer, {}, {**keys, "a": "key-a-2"}) == 1
    assert (data / "articles" / "a.yaml").read_text(encoding="utf-8") == safeyaml.dump(
        datafiles.article_data(corpus.articles["a"], fewer["a"]), datafiles.HEADER)
    # A file edited by hand (same keys): written back.
    path = data / "articles" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# retouche\n", encoding="utf-8")
    assert datafiles.write(data, retitled, fewer, {}, {**keys, "a": "key-a-2"}) == 1
    assert "retouche" not in path.read_text(encoding="utf-8")


def test_the_sites_yaml_download_is_the_data_file_made_from_its_pieces(tmp_path, monkeypatch):
    """The site's YAML download of a topic (datafiles.topic_text) is byte for byte feeds.topic_yaml's whole
    dump and the file write() makes, and after an edit it dumps only the entries that changed."""
    from render import feeds

    corpus = _corpus()
    data = corpus.build()
    folder = tmp_path / "data"
    assert datafiles.topic_text(folder, "troupes", data["troupes"]) == feeds.topic_yaml(data["troupes"])  # no file
    _write(tmp_path, data)
    _add_report(corpus)
    edited = corpus.build()
    dumped = []
    real = safeyaml.dump
    monkeypatch.setattr(safeyaml, "dump", lambda doc, *a: dumped.append(doc) or real(doc, *a))
    text = datafiles.topic_text(folder, "troupes", edited["troupes"])
    assert 0 < len(dumped) < len(list(datafiles._pieces(edited["troupes"]))) / 2
    monkeypatch.setattr(safeyaml, "dump", real)
    assert text == feeds.topic_yaml(edited["troupes"])
    _write(tmp_path, edited)
    assert (folder / "topics" / "troupes.yaml").read_text(encoding="utf-8") == text


def test_a_topic_file_larger_than_what_people_write_is_still_read_back(tmp_path):
    """The build writes topics of several MB at a thousand articles; the previous data it compares with (what
    changed, what is new on the topic page) must be read back, from its copy or as YAML, not dropped."""
    data = _corpus().build()
    index, figure = next((i, f) for i, f in enumerate(data["troupes"]["figures"]) if f["claims"])
    claim = figure["claims"][0]
    figure["claims"] = [{**claim, "claim": f"c{i:07d}", "sentence": claim["sentence"] + " " + "x" * 200}
                        for i in range(safeyaml.MAX_BYTES // 200 + 10)]
    _write(tmp_path, data)
    path = tmp_path / "data" / "topics" / "troupes.yaml"
    assert path.stat().st_size > safeyaml.MAX_BYTES
    assert len(datafiles.read_topics(tmp_path / "data")["troupes"]["figures"][index]["claims"]) == len(figure["claims"])
    for copy in (tmp_path / ".cache" / datafiles.COPIES).iterdir():  # no copy: the YAML itself
        copy.unlink()
    assert datafiles.read_topics(tmp_path / "data")["troupes"]["figures"][index]["claims"][-1]["claim"] == \
        figure["claims"][-1]["claim"]


def test_the_index_is_read_once_while_its_file_is_unchanged_and_each_caller_gets_its_own_copy(tmp_path, monkeypatch):
    cache = tmp_path / ".cache"
    datafiles.memofile.write(cache / datafiles.INDEX, {"version": datafiles._version(), "files": {
        "topics/t.yaml": {"data": "d1", "stat": [1, 2]}}}, ".tmp-")
    settled = os.stat(cache / datafiles.INDEX).st_mtime_ns - 10**9
    os.utime(cache / datafiles.INDEX, ns=(settled, settled))
    monkeypatch.setattr(datafiles.time, "time_ns", lambda: os.stat(cache / datafiles.INDEX).st_ctime_ns + 3 * 10**9)
    reads = []
    monkeypatch.setattr(datafiles.memofile, "read", lambda path, read=datafiles.memofile.read: reads.append(path)
                        or read(path))
    first = datafiles._load_index(cache)
    first["topics/t.yaml"]["data"] = "changed by its caller"
    assert datafiles._load_index(cache) == {"topics/t.yaml": {"data": "d1", "stat": [1, 2]}} and len(reads) == 1
    datafiles.memofile.write(cache / datafiles.INDEX, {"version": datafiles._version(), "files": {}}, ".tmp-")
    assert datafiles._load_index(cache) == {} and len(reads) == 2  # replaced: read again


def test_an_index_just_written_is_read_again_at_every_call(tmp_path, monkeypatch):
    cache = tmp_path / ".cache"
    datafiles.memofile.write(cache / datafiles.INDEX, {"version": datafiles._version(), "files": {"a": {}}}, ".tmp-")
    reads = []
    monkeypatch.setattr(datafiles.memofile, "read", lambda path, read=datafiles.memofile.read: reads.append(path)
                        or read(path))
    assert datafiles._load_index(cache) == datafiles._load_index(cache) == {"a": {}} and len(reads) == 2


def test_copies_read_ahead_give_the_same_previous_data_and_yaml(tmp_path, monkeypatch):
    """While the model loads, the build reads the topic copies and the index ahead (datafiles.prefetch): the
    previous data read back and the YAML written next are what they are without reading ahead."""
    corpus = _corpus()
    _write(tmp_path, corpus.build())
    plain = datafiles.read_topics(tmp_path / "data")
    datafiles.prefetch(tmp_path / "data")
    assert datafiles.read_topics(tmp_path / "data") == plain
    datafiles.prefetch(tmp_path / "data")
    _add_report(corpus)
    data = corpus.build()
    assert _write(tmp_path, data) == 1
    text = (tmp_path / "data" / "topics" / "troupes.yaml").read_text(encoding="utf-8")
    assert text == safeyaml.dump(data["troupes"], datafiles.HEADER)


def test_a_topic_written_again_lists_its_pieces_once_for_the_download_and_the_file(tmp_path, monkeypatch):
    """The pieces of a topic whose file will be written again are listed before the render (pieces_ahead) and
    shared by the YAML download and the data file: their digests are listed once, and both texts are the whole
    dump."""
    from render import feeds

    edited = _written_then_edited(tmp_path)
    listed = []
    real = datafiles._pieces
    monkeypatch.setattr(datafiles, "_pieces", lambda doc: listed.append(doc) or real(doc))
    folder = tmp_path / "data"
    datafiles.pieces_ahead(folder, edited, {})
    text = datafiles.topic_text(folder, "troupes", edited["troupes"])
    assert _write(tmp_path, edited) == 1
    assert listed == [edited["troupes"]]
    written = (folder / "topics" / "troupes.yaml").read_text(encoding="utf-8")
    assert text == feeds.topic_yaml(edited["troupes"]) == written
    assert not datafiles._LISTED  # the write, their last reader, lets them go
