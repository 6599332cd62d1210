"""The shipped quality model and the ``fluency`` check built on it."""

from __future__ import annotations

import pytest

from textfix.config import Config
from textfix.errors import BackendError
from textfix.models.loading import MODELS_DIR
from textfix.records import Document, Segment
from textfix.stages.analyse import analyse

QUALITY_DIR = MODELS_DIR / "quality"
TEXT = (
    "Cramps in the legs at night is a frequent problem of elderly people.\n\n"
    "To remove the spasm, it is necessary to pull the sock on yourself. "
    "Drink enough water during the day."
)


@pytest.fixture(scope="module")
def model():
    if not (QUALITY_DIR / "config.json").is_file():
        pytest.skip("models/quality is not built (make models)")
    from textfix.models.quality import QualityModel

    return QualityModel.load(str(QUALITY_DIR))


@pytest.fixture(scope="module")
def adoc(nlp):
    first = TEXT.index("\n\n")
    doc = Document("t", TEXT, segments=[Segment(0, first, "paragraph"),
                                       Segment(first + 2, len(TEXT), "paragraph")])
    return analyse([doc], nlp)[0]


def test_predict_gives_word_offsets_probabilities_and_scores(model):
    texts = ["The drug don't help with the pain.", "", "Take one tablet twice a day."]
    preds = model.predict(texts)
    assert len(preds) == 3 and preds[1].word_spans == []
    words = [texts[0][s:e] for s, e, _ in preds[0].word_spans]
    assert words == ["The", "drug", "don", "'t", "help", "with", "the", "pain", "."]
    for pred in preds:
        assert all(0.0 <= p <= 1.0 for _, _, p in pred.word_spans)
        assert 0.0 <= pred.sentence_score <= 1.0


def test_batching_and_long_texts_do_not_change_predictions(model):
    sentence = "Wash your hands before you touch the wound."
    alone = model.predict([sentence])[0]
    batched = model.predict([sentence, "A much longer text " * 40])[0]
    assert [p for *_, p in batched.word_spans] == pytest.approx(
        [p for *_, p in alone.word_spans], abs=1e-4)
    long = model.predict(["word " * 500])[0]  # longer than the encoder's window: chunked
    assert len(long.word_spans) == 500


def test_fluency_check_flags_runs_and_stores_sentence_scores(model, adoc, monkeypatch):
    from textfix.checks.fluency import FluencyCheck

    monkeypatch.setenv("TEXTFIX_QUALITY_MODEL", str(QUALITY_DIR))
    check = FluencyCheck(Config())
    issues = list(check.check(adoc))
    quality = adoc.document.metadata["sentence_quality"]
    assert len(quality) == len(list(adoc.sentences())) == 3
    assert all(0.0 <= q["score"] <= 1.0 and q["start"] < q["end"] for q in quality)
    for issue in issues:
        assert (issue.category, issue.rule, issue.source) == ("fluency", "fluency/model", "model")
        assert issue.confidence >= check.threshold
        assert TEXT[issue.start : issue.end].strip() == TEXT[issue.start : issue.end]
    check.threshold = 0.0  # every word BAD: one run per sentence, from its first to last word
    check.sentence_gate = 0.0  # (its closing punctuation left out: runs end on words)
    runs = list(check.check(adoc))
    assert [TEXT[i.start : i.end] for i in runs] == [s.text.rstrip(".!?")
                                                     for s in adoc.sentences()]
    check.sentence_gate = 1.01  # no sentence needs work: its words are not flagged
    assert list(check.check(adoc)) == []


def test_fluency_check_without_a_model_is_a_clear_error(tmp_path, monkeypatch):
    from textfix.checks.fluency import FluencyCheck

    monkeypatch.setenv("TEXTFIX_QUALITY_MODEL", str(tmp_path / "missing"))
    with pytest.raises(BackendError, match="quality model not found at .*--no-models"):
        FluencyCheck(Config())
