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
