"""On clean professional health text, under one sentence in ten gets any flag (whole pipeline)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.mark.slow
def test_clean_medquad_sentences_are_rarely_flagged(shared_dir):
    sys.path.insert(0, str(SCRIPTS))
    try:
        from clean_text_rate import flag_rate, held_out_sentences
    finally:
        sys.path.remove(str(SCRIPTS))
    sentences = held_out_sentences(300, path=shared_dir / "data/medquad/answers.txt.gz")
    assert len(sentences) == 300
    rate, rules = flag_rate(sentences)
    assert rate < 0.10, f"{rate:.1%} of clean sentences flagged; top rules {rules.most_common(5)}"
