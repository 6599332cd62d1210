"""The fluency check flags a tagger's word only when the word and its sentence are both clearly
bad: below the word threshold or the sentence gate, clean text stays unflagged."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


def _check(monkeypatch, word_p: float, sentence_score: float):
    from textfix.checks import fluency
    from textfix.models import word_model
    from textfix.models.quality import QualityPrediction

    def predict(texts):
        return [QualityPrediction([(0, 4, word_p)], sentence_score) for _ in texts]

    stub = SimpleNamespace(kind="tagger", threshold=0.22, predict=predict)
    monkeypatch.setattr(word_model, "load_word_model", lambda path=None: stub)
    from tests.helpers import no_models_config

    return fluency.FluencyCheck(no_models_config())


@pytest.mark.parametrize(("word_p", "score", "flagged"), [
    (0.9, 0.9, True),
    (0.26, 0.9, False),  # above the model's own threshold (0.22), below the flag threshold
    (0.9, 0.15, False),  # a sentence the tagger scores as nearly clean
])
def test_a_word_is_flagged_only_above_both_thresholds(monkeypatch, nlp, word_p, score, flagged):
    from tests.helpers import paragraphs_document
    from textfix.stages.analyse import analyse

    check = _check(monkeypatch, word_p, score)
    [adoc] = analyse([paragraphs_document("Take this drug daily.", "d")], nlp)
    assert bool(list(check.check(adoc))) is flagged
