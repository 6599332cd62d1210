"""On clean professional health text few sentences get any flag (whole pipeline).

MedQuAD: answers the medical word list was not built from (scripts/clean_text_rate.py).
TICO-19: the held-out half of scripts/clean_text_flags.py's seeded sample of its English
originals (PubMed, Wikipedia and others), which the spelling filter was not tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _script(name: str):
    sys.path.insert(0, str(SCRIPTS))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(SCRIPTS))


@pytest.mark.slow
def test_clean_medquad_sentences_are_rarely_flagged(shared_dir):
    rate_script = _script("clean_text_rate")
    sentences = rate_script.held_out_sentences(300, path=shared_dir / "data/medquad/answers.txt.gz")
    assert len(sentences) == 300
    rate, rules = rate_script.flag_rate(sentences)
    # 5.7% with the old quality model, 7.0% with the MiniLM tagger behind the fluency check
    # (it finds more on MT and 7 of these 300 sentences): the bar stays under the old 10%
    assert rate < 0.08, f"{rate:.1%} of clean sentences flagged; top rules {rules.most_common(5)}"


@pytest.mark.slow
def test_clean_tico19_english_is_rarely_misspelt_or_flagged(shared_dir):
    flags = _script("clean_text_flags")
    sentences = flags.tico_sentences(shared_dir / "data/tico19-en-ru/tico19.en-ru.tsv")
    held_out = flags.sample(sentences, 600)["held-out"]
    figures = flags.measure(flags.make_pipeline(models=True), held_out)
    # real words and terms ("cannula", "sera", "in vivo", "mmol") are no misspellings
    assert figures["by_category"].get("spelling", 0.0) <= 0.01, figures["top_words"]
    # the grammar check's flags (harper's lints, the parser's agreement) on under 1 sentence in
    # 14; what is left is mostly real defects of the corpus (spoken transcripts without capitals)
    grammar = flags.measure_rules(figures, ("harper/", "parser/"))
    assert grammar <= 0.07, figures["by_rule"]
