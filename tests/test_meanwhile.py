"""Work done while a forked worker loads the model: an edited article's rebuild runs the build's `meanwhile`
tasks in the parent, gets the claims one process would, and never runs them when nothing is forked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract import workers
from extract.ingest import read_article

SCRIPT = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from extract import workers
from extract.ingest import read_article

article = read_article(Path(sys.argv[2]), Path(sys.argv[1]), "fr")
ran = []
def loaded():
    return "extract.nlp" in sys.modules and sys.modules["extract.nlp"].load.cache_info().currsize
def task():
    ran.append(("ran", os.getpid(), loaded()))
def failing():
    raise RuntimeError("a prefetch that breaks")
with workers.meanwhile(failing), workers.meanwhile(task):
    results = list(workers.extract([article], "fr_core_news_sm", workers=int(sys.argv[3])))
[(indices, [claims])] = results
print(json.dumps({"ran": ran, "parent": os.getpid(), "claims": [c.to_json() for c in claims],
                  "loaded_here": loaded(),
                  "left": len(workers._MEANWHILE)}))
"""


def _run(root: Path, article: Path, count: int) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(root), str(article), str(count)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def edited(root: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("meanwhile") / "2024-11-05-une-depeche.md"
    path.write_text("---\ntitle: Une dépêche\nsource: agence-test\npublished: 2024-11-05\n---\n\n"
                    "Selon un responsable ukrainien, près de 3 000 soldats auraient été déployés mardi près de "
                    "la frontière. « Nous suivons la situation heure par heure », a déclaré la ministre Irène "
                    "Valcourt lundi.\n", encoding="utf-8")
    return path


def test_tasks_run_in_the_parent_while_a_worker_parses(root: Path, edited: Path, nlp) -> None:
    forked = _run(root, edited, 2)
    # The task ran once, in the parent, which never loaded the model: the worker did.
    assert [entry[:2] for entry in forked["ran"]] == [["ran", forked["parent"]]]
    assert not forked["ran"][0][2] and not forked["loaded_here"] and forked["left"] == 0
    article = read_article(edited, root, "fr")
    from extract import claims as claims_module

    here = claims_module.extract(nlp(claims_module.masked_text(article)), article)
    assert forked["claims"] == [c.to_json() for c in here] and forked["claims"]


def test_no_task_runs_when_nothing_is_forked(root: Path, edited: Path) -> None:
    alone = _run(root, edited, 1)  # one process asked for: parsed here, the task dropped
    assert alone["ran"] == [] and alone["loaded_here"] and alone["left"] == 0


def test_the_model_already_loaded_here_parses_here(nlp, root: Path, edited: Path) -> None:
    ran: list[int] = []
    article = read_article(edited, root, "fr")
    with workers.meanwhile(lambda: ran.append(1)):
        [(_, [claims])] = list(workers.extract([article], "fr_core_news_sm", workers=2))
    assert ran == [] and claims and workers._MEANWHILE == []


BUILD = r"""
import json, sys
sys.path.insert(0, ".")
import build
summary = build.build(build.ROOT, oneshot=sys.argv[1] == "oneshot")
nlp = sys.modules.get("extract.nlp")
print(json.dumps({"parsed": summary.parsed, "model_here": bool(nlp and nlp.load.cache_info().currsize)}))
"""


@pytest.mark.parametrize("mode", ["oneshot", "serve"])
def test_a_command_line_rebuild_forks_the_parse_and_serve_keeps_the_model(seed_build, tmp_path: Path,
                                                                         mode: str) -> None:
    """The command line's process ends with the build: a worker loads the model for the edited article. serve
    rebuilds in one process: it loads the model itself, once, and keeps it. Either way the same site."""
    import shutil

    from tests.test_build import run_build, tree_digest

    built, _ = seed_build
    where = tmp_path / "checkout"
    shutil.copytree(built, where, symlinks=True)
    article = sorted((where / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nUn porte-parole a évoqué 4 200 soldats blessés "
                       "selon un bilan provisoire.\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1735689600", "HOME": str(where)}
    done = subprocess.run([sys.executable, "-c", BUILD, mode], cwd=where, capture_output=True, text=True,
                          timeout=600, check=False, env=env)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome == {"parsed": 1, "model_here": mode == "serve" or workers.usable_cpus() < 2}
    cold = tmp_path / "cold"
    shutil.copytree(where, cold, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site", "data"))
    assert run_build(cold).returncode == 0
    assert tree_digest(where / "site") == tree_digest(cold / "site")
    assert tree_digest(where / "data") == tree_digest(cold / "data")
