"""Shared fixtures: the repository's corpus, the ../shared data (read by path) and spaCy.

Plain helpers many test files use (documents built by hand, one check run alone, first fixes
applied, the ``--no-models`` pipeline, the in-process CLI) live in ``tests/helpers.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from textfix.stages.analyse import load_spacy

    return load_spacy()
