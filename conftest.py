"""Shared pytest fixtures: the spaCy pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    """The French pipeline, loaded once for the whole run."""
    from extract import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse one text the way the build does (paragraph by paragraph) and return its Doc."""
    from extract import nlp as nlp_module

    def _parse(text: str):
        return next(nlp_module.parse([text]))

    return _parse


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root, whatever the current directory."""
    return ROOT


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The tests' own fixtures folder (seed texts and gold claims)."""
    return FIXTURES


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed corpus built once per session in a temporary checkout: (folder, the build's result)."""
    from tests.test_build import checkout, run_build

    where = checkout(ROOT, tmp_path_factory.mktemp("seed-build"))
    result = run_build(where)
    assert result.returncode == 0, result.stderr + result.stdout
    return where, result
