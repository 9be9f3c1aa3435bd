"""Editors' commands: `new` imports a page without ever overwriting, `check` validates without writing."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = """<!doctype html><html lang="fr"><head><title>Frontière : des renforts | Le Courrier du Soir</title>
<meta property="og:site_name" content="Le Courrier du Soir">
<meta property="article:published_time" content="2024-11-05T08:30:00+01:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Frontière : des renforts envoyés</h1>
<p>Le ministère de la Défense a annoncé mardi l’envoi de 300 soldats supplémentaires vers la frontière orientale,
selon un communiqué publié dans la matinée par les autorités.</p>
<p>« Ces renforts arriveront avant la fin du mois », a précisé le porte-parole du gouvernement, Paul Marchand,
lors d’un point presse organisé dans la capitale.</p></article>
<footer>Publicité — Tous droits réservés</footer></body></html>"""


def run(where: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "build.py", *args], cwd=where, capture_output=True, text=True,
                          input=stdin, timeout=600, check=False)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(seed_build, tmp_path_factory):
    where = tmp_path_factory.mktemp("editor")
    shutil.copytree(seed_build[0], where, dirs_exist_ok=True)  # same code and cache: nothing to re-parse
    return where


def test_new_imports_a_saved_page_and_never_overwrites(project, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    before = digest(project / "content")
    result = run(project, "new", str(saved))
    assert result.returncode == 0, result.stderr
    created = project / "content" / "articles" / "2024-11-05-frontiere-des-renforts-envoyes.md"
    assert created.is_file(), result.stdout
    text = created.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Frontière : des renforts envoyés"\nsource: "Le Courrier du Soir"\n'
                           "published: 2024-11-05\n---\n")
    assert "300 soldats supplémentaires" in text and "Publicité" not in text and "Accueil" not in text
    assert "300 soldats" in result.stdout and "claims (id, kind" in result.stdout
    figure = next(line for line in result.stdout.splitlines() if "'300 soldats" in line)
    assert re.match(r"  [0-9a-f]{12} quantity ", figure) and "[300 soldiers; source: " in figure, figure
    after = digest(project / "content")
    assert {k: v for k, v in after.items() if k in before} == before, "no existing file changed"
    again = run(project, "new", str(saved))
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert created.read_text(encoding="utf-8") == text
    created.unlink()


def test_new_says_what_the_article_changes_in_the_topics(project, tmp_path):
    """`new` tells what the next build will change, as the build's summary does: the topics the article adds
    claims to, and which of its figures confirm or contradict which sources; it writes no data and no site."""
    text = ("Selon les services ukrainiens, environ 11 000 soldats nord-coréens seraient arrivés en Russie "
            "depuis la fin de l'été, a indiqué lundi un responsable à Kiev.\n")
    saved = tmp_path / "renforts.md"
    saved.write_text("---\ntitle: Des renforts venus de Pyongyang\nsource: le-courrier-du-soir\n"
                     "published: 2024-12-09\n---\n" + text, encoding="utf-8")
    before = digest(project / "data"), digest(project / "site")
    result = run(project, "new", str(saved))
    assert result.returncode == 0, result.stderr
    assert re.search(r"^changed: soldats-nord-coreens: \d+ added, 1 confirms$", result.stdout, re.M), result.stdout
    assert re.search(r"^  confirms [^\n]+: «\u202fenviron 11 000 soldats nord-coréens\u202f» \(le-courrier-du-soir\) "
                     r"like (unknown-)?\w", result.stdout, re.M), result.stdout
    assert (digest(project / "data"), digest(project / "site")) == before
    next((project / "content" / "articles").glob("2024-12-09-*.md")).unlink()


def test_new_gives_the_sources_entry_of_an_outlet_not_listed_yet(project, tmp_path):
    """An outlet the page names but content/sources.yaml does not list: `new` prints the entry to add (id, name,
    site; nothing invented), and once added the article's source resolves to it (check warns no more)."""
    saved = tmp_path / "page.html"
    saved.write_text(PAGE.replace("Le Courrier du Soir", "L’Écho des Deux Rives").replace(
        "</head>", '<link rel="canonical" href="https://echo-rives.example/monde/renforts"></head>'), encoding="utf-8")
    result = run(project, "new", str(saved))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("new outlet: 'L’Écho des Deux Rives' is not in content/sources.yaml (shown under that name); "
                        "to list it, add:")
    entry = "\n".join(line[2:] for line in lines[start + 1:start + 6])
    assert entry == ('- id: l-echo-des-deux-rives\n  name: "L’Écho des Deux Rives"\n'
                     '  url: "https://echo-rives.example"\n  country: null\n  kind: null')
    created = next((project / "content" / "articles").glob("2024-11-05-*.md"))
    sources = project / "content" / "sources.yaml"
    before = sources.read_text(encoding="utf-8")
    try:
        assert "L’Écho des Deux Rives' is not in content/sources.yaml" in run(project, "check").stderr
        sources.write_text(before + entry + "\n", encoding="utf-8")
        checked = run(project, "check")
        assert checked.returncode == 0, checked.stderr
        assert "Deux Rives" not in checked.stderr
    finally:
        sources.write_text(before, encoding="utf-8")
        created.unlink()


def test_new_from_standard_input_names_its_placeholders(project):
    result = run(project, "new", "-", stdin="Un texte collé sans titre ni date. Il cite 40 véhicules blindés.\n")
    assert result.returncode == 0, result.stderr
    assert "to fill in: title, source, published" in result.stdout
    created = next((project / "content" / "articles").glob("undated-*.md"))
    assert "published: unknown  # not found" in created.read_text(encoding="utf-8")
    created.unlink()


def test_check_writes_nothing_and_strict_fails_on_warnings(project):
    (project / "content" / "articles" / "2024-11-06-x.md").write_text(
        "---\ntitle: X\nsource: un-journal-inconnu\npublished: 2024-11-06\n---\nLe texte.\n", encoding="utf-8")
    before = digest(project)
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert "un-journal-inconnu' is not in content/sources.yaml" in result.stderr
    assert "checked 6 articles" in result.stdout
    strict = run(project, "check", "--strict")
    assert strict.returncode == 1
    assert digest(project) == before, "check never writes"
    (project / "content" / "articles" / "2024-11-06-x.md").unlink()
