"""Extraction in forked workers gives exactly the one-process claims, reports failures, and leaves no orphans."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from extract import claims as claims_module
from extract import ingest, pipeline, workers
from extract import nlp as nlp_module
from extract.models import Article

MODEL = "fr_core_news_sm"


@pytest.fixture(scope="module")
def seeds(fixtures: Path, root: Path) -> tuple[Article, ...]:
    """The five seed articles read as the `claims` command reads a file."""
    paths = sorted((fixtures / "seeds").glob("*.txt"))
    assert len(paths) == 5
    return tuple(ingest.read_article(p, root, "fr", display=p.name) for p in paths)


def made_up(number: int, text: str) -> Article:
    """A small article with invented text (never a seed's wording)."""
    return Article(id=f"a{number:02d}", source_id=None, title="t", url=None, published="2024-03-15", lang="fr",
                   text=text, path=f"content/articles/a{number:02d}.md", digest=str(number))


def flat(results: list[tuple[range, list[tuple]]], count: int) -> list[tuple]:
    """Per-article claims in article order, whatever order the chunks completed in."""
    out: list[tuple | None] = [None] * count
    for indices, found in results:
        for index, item in zip(indices, found, strict=True):
            assert out[index] is None, "each article is extracted once"
            out[index] = item
    assert all(item is not None for item in out)
    return out


def alive(pid: int) -> bool:
    """A process that still runs (a zombie waiting to be reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


# -- planning ---------------------------------------------------------------------------------------------


def test_chunks_cover_every_article_once_in_order_and_shrink() -> None:
    lengths = [3_000 + (i * 7919) % 9_000 for i in range(100)]
    cuts = workers.chunks(lengths, 2)
    assert [i for cut in cuts for i in cut] == list(range(100))
    sizes = [sum(lengths[i] for i in cut) for cut in cuts]
    assert sizes[0] > sizes[-2] and 4 <= len(cuts) <= 40
    assert max(sizes) <= sum(lengths) / 6 + max(lengths)  # no chunk holds a third of the work


def test_chunks_of_nothing_or_tiny_texts() -> None:
    assert workers.chunks([], 2) == []
    assert workers.chunks([10, 10, 10], 2) == [range(0, 3)]  # too little text to split


def test_worker_count_setting_env_and_default(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
                                              ) -> None:
    monkeypatch.setenv(workers.ENV, "1")
    assert workers.worker_count() == 1
    assert workers.worker_count(3) == 3  # an explicit setting wins over the environment
    monkeypatch.setenv(workers.ENV, "0")
    assert workers.worker_count() == workers.usable_cpus()
    monkeypatch.setenv(workers.ENV, "deux")
    assert workers.worker_count() == workers.usable_cpus()
    assert workers.ENV in caplog.text
    monkeypatch.delenv(workers.ENV)
    assert workers.worker_count() == len(os.sched_getaffinity(0))


# -- same claims ------------------------------------------------------------------------------------------


def test_parallel_gives_the_serial_claims_on_the_seeds(nlp, seeds: tuple[Article, ...]) -> None:
    serial = flat(list(workers.extract(seeds, MODEL, workers=1)), len(seeds))
    assert len(workers.chunks([len(a.text) for a in seeds], 2)) > 1, "the seeds must make several chunks"
    before = set(multiprocessing.active_children())
    results = []
    seen_workers = False
    for item in workers.extract(seeds, MODEL, workers=2, min_articles=2):
        results.append(item)
        seen_workers = seen_workers or bool(set(multiprocessing.active_children()) - before)
    assert seen_workers, "the chunks ran in worker processes"
    assert flat(results, len(seeds)) == serial
    assert sum(len(c) for c in serial) > 50
    assert not set(multiprocessing.active_children()) - before, "workers end with the extraction"


def test_extract_all_caches_the_same_claims_with_one_or_two_workers(nlp, tmp_path: Path,
                                                                   seeds: tuple[Article, ...]) -> None:
    one = pipeline.extract_all(seeds, tmp_path / "one", MODEL, workers=1)
    two = pipeline.extract_all(seeds, tmp_path / "two", MODEL, workers=2)
    assert list(two) == list(one) == [a.id for a in seeds]
    assert two == one
    names = sorted(p.name for p in (tmp_path / "two" / ".cache" / "claims").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "one" / ".cache" / "claims").iterdir())
    assert len(names) == 5 and not [n for n in names if n.startswith(".tmp")]
    again = pipeline.Summary()
    assert pipeline.extract_all(seeds, tmp_path / "two", MODEL, again, workers=2) == one
    assert (again.parsed, again.cached) == (0, 5)


def test_parse_joins_back_to_the_exact_text(nlp) -> None:
    text = ("  Le ministère a recensé 1 200 blessés.\n\n\nSelon l'agence, 35 villages   restent isolés.  \n"
            "\u00a0\n« Nous attendons », a déclaré la maire le 3 mars.\n" + "Un mot. " * 300 + "\nFin")
    texts = [text, "", "\n", "Seul.", "\n\nDeux lignes\n"]
    for batch_size in (1, 256):
        assert [d.text for d in nlp_module.parse(texts, model=MODEL, batch_size=batch_size)] == texts


def test_a_huge_paragraph_is_cut_into_pieces_that_join_back() -> None:
    text = "Le convoi est parti. " * 40 + "sans point " * 30 + "\n\nFin.\n"
    pieces = nlp_module.paragraphs(text, limit=100)
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) <= 100 and len(pieces) > 10


# -- failures ---------------------------------------------------------------------------------------------


def invented_articles() -> tuple[Article, ...]:
    sentences = ["Le préfet a annoncé mardi que 48 familles seraient relogées avant le 12 avril.",
                 "Selon la mairie, 3,5 millions d'euros ont été débloqués en 2023.",
                 "« Nous ne céderons pas », a répété la syndicaliste devant 300 manifestants."]
    return tuple(made_up(i, " ".join(sentences[(i + k) % 3] for k in range(60))) for i in range(8))


def test_a_failing_worker_raises_the_serial_error(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = invented_articles()
    real = claims_module.extract

    def broken(doc, article):
        if article.id == "a05":
            raise ValueError(f"cannot extract {article.id}")
        return real(doc, article)

    monkeypatch.setattr(claims_module, "extract", broken)
    errors = []
    for count in (1, 2):
        with pytest.raises(ValueError) as caught:
            list(workers.extract(articles, MODEL, workers=count, min_articles=2))
        errors.append((type(caught.value), str(caught.value)))
    assert errors[0] == errors[1] == (ValueError, "cannot extract a05")


def test_a_worker_that_dies_is_reported_not_waited_for(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def dies(doc, article):
        if os.getpid() != parent:
            os._exit(3)
        raise AssertionError("runs in a worker only")

    monkeypatch.setattr(claims_module, "extract", dies)
    with pytest.raises(RuntimeError, match=workers.ENV):
        list(workers.extract(invented_articles(), MODEL, workers=2, min_articles=2))


SLOW_RUN = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    from extract import workers
    from extract.models import Article

    def slow(articles, model):
        os.write(1, f'{os.getpid()}\\n'.encode())  # one write: the two workers' lines never mix
        time.sleep(60)
        return [()] * len(articles)

    workers.preload = lambda model: None  # no model needed to test process handling
    workers._extract_chunk = slow
    articles = [Article(str(i), None, "t", None, None, "fr", "mot " * 4000, "a.md", "d") for i in range(8)]
    for _ in workers.extract(articles, "none", workers=2, min_articles=2):
        pass
""")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_workers_die_with_their_parent(root: Path, signum: int) -> None:
    run = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(root)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    pids: list[int] = []
    try:
        pids += [int(run.stdout.readline()) for _ in range(2)]
        assert all(alive(pid) for pid in pids)
        run.send_signal(signum)
        run.wait(timeout=20)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in pids if alive(pid)], "no worker outlives its parent"
        if signum == signal.SIGTERM:
            assert run.returncode == 128 + signal.SIGTERM
        assert run.returncode != 0
    finally:
        for pid in [run.pid, *pids]:  # a failed check must not leave this test's processes behind
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        run.communicate(timeout=20)
