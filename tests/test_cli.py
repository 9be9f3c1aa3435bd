"""The command-line contracts other code relies on: `claims --format json`, exit codes, stdout kept clean."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SEED = "tests/fixtures/seeds/002_0adbdf73f538a5b0.txt"


def run(root, *args, stdin=None):
    return subprocess.run([sys.executable, str(root / "build.py"), *args], capture_output=True, text=True,
                          cwd=root, input=stdin, timeout=300, check=False)


@pytest.fixture(scope="module")
def claims_json(root):
    result = run(root, "claims", SEED, "--published", "2024-10-18", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_claims_json_is_the_only_stdout_and_follows_the_contract(root, claims_json):
    assert claims_json["article"] == SEED
    text = (root / SEED).read_text(encoding="utf-8")
    assert claims_json["claims"], "the seed article has claims"
    for claim in claims_json["claims"]:
        assert claim["kind"] in ("quantity", "date", "quote")
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert isinstance(claim["hedged"], bool)
        assert claim["id"] and len(claim["id"]) == 12
        if claim["kind"] == "quote":
            assert isinstance(claim["direct"], bool)
    ids = [c["id"] for c in claims_json["claims"]]
    assert len(ids) == len(set(ids))


def test_claims_ids_are_stable_across_runs(root, claims_json):
    again = json.loads(run(root, "claims", SEED, "--published", "2024-10-18", "--format", "json").stdout)
    assert [c["id"] for c in again["claims"]] == [c["id"] for c in claims_json["claims"]]


def test_claims_rejects_a_bad_date_with_a_message(root):
    result = run(root, "claims", SEED, "--published", "18/10/2024", "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "--published" in result.stderr and "expected YYYY-MM-DD" in result.stderr


def test_claims_of_a_missing_file(root):
    result = run(root, "claims", "nope.txt", "--format", "json")
    assert result.returncode == 1
    assert "nope.txt: no such file" in result.stderr


def test_claims_piped_into_a_reader_that_stops_early_is_quiet(root):
    """`build.py claims … | head`: the reader closing the pipe is no error worth a traceback."""
    claims = subprocess.Popen([sys.executable, str(root / "build.py"), "claims", SEED, "--published", "2024-10-18",
                               "--format", "json"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert claims.stdout is not None and claims.stderr is not None
    assert claims.stdout.read(200)  # the first claims, then the reader goes away
    claims.stdout.close()
    errors = claims.stderr.read().decode("utf-8")
    assert claims.wait(timeout=300) == 0, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors
