"""The tagger's early exit: sentences below the fluency gate stop after two layers, and nothing
the fluency check reports changes."""

from __future__ import annotations

import pytest

from textfix.models.loading import MODELS_DIR

TAGGER_DIR = MODELS_DIR / "tagger"
GATE = 0.20
SENTENCES = [  # clean health prose first (three), then MT-like sentences
    "Type 2 diabetes is a long-term condition in which the body does not use insulin well, and "
    "many people can manage it with diet and exercise.",
    "High blood pressure often has no symptoms, so it is important to have your blood pressure "
    "checked regularly by a health care provider.",
    "Most cases of the common cold are caused by viruses, and antibiotics do not help people "
    "recover faster.",
    "The level of sugar of the blood depends from the food.",
    "Knees aching when aching, so shows itself the state which the people call the knee twist.",
    "At the child the temperature rose, and the doctor put him the diagnosis of angina.",
    "Take the analysis of blood on an empty stomach in the morning.",
    "Children at type 1 diabetes need insulin every day.",
    "Anemia is a condition in which the blood does not have enough healthy red blood cells to "
    "carry oxygen to the body's tissues.",
    "It is shown to carry out the treatment under control of the doctor.",
]


@pytest.fixture(scope="module")
def tagger():
    from textfix.models.tagger import WordTagger

    if not (TAGGER_DIR / "early_exit.safetensors").is_file():
        pytest.skip("models/tagger has no early exit (scripts/fit_early_exit.py --write)")
    return WordTagger.load(TAGGER_DIR, batch_size=4)


def test_a_sentence_goes_on_with_its_full_numbers_or_stops_below_the_gate(tagger):
    """A sentence that goes past the early exit gets bit for bit the full pass's words and
    score; one that stops has no words, and the full model puts it below the gate too, so the
    fluency check loses no flag."""
    full, early = tagger.predict(SENTENCES), tagger.predict(SENTENCES, GATE)
    stopped = 0
    for text, f, e in zip(SENTENCES, full, early, strict=True):
        if e.word_spans:
            assert (e.word_spans, e.sentence_score) == (f.word_spans, f.sentence_score), text
        else:
            stopped += 1
            assert f.sentence_score < GATE and e.sentence_score < GATE, text
    assert 0 < stopped < len(SENTENCES)  # some clean sentences stop, the MT ones go on


def test_documents_batched_together_stop_as_each_does_alone(tagger):
    groups = [SENTENCES[:3], SENTENCES[3:4], [], SENTENCES[4:]]
    together = tagger.predict_many(groups, GATE)
    for group, batched in zip(groups, together, strict=True):
        alone = tagger.predict(group, GATE)
        assert [(p.word_spans, p.sentence_score) for p in batched] == \
            [(p.word_spans, p.sentence_score) for p in alone]


def test_a_text_of_several_chunks_never_stops_early():
    """A long text's score is the average over its chunks: one quiet chunk may not hide its
    words from a text that reaches the gate."""
    from textfix.models.tagger import WordTagger

    if not (TAGGER_DIR / "early_exit.safetensors").is_file():
        pytest.skip("models/tagger has no early exit")
    chunked = WordTagger.load(TAGGER_DIR, max_words=4)
    text = "Drink enough water during the day and rest well at night."
    pred = chunked.predict([text], GATE)[0]
    assert pred.word_spans and pred.word_spans == chunked.predict([text])[0].word_spans


def test_the_fluency_check_gives_the_same_issues_with_and_without_the_early_exit():
    import textfix

    if not (TAGGER_DIR / "early_exit.safetensors").is_file():
        pytest.skip("models/tagger has no early exit")
    checker = textfix.Checker(checks=("fluency",), rank_with_lm=False)
    model = next(c for c in checker.pipeline.checks if c.name == "fluency").model
    text = " ".join(SENTENCES)
    with_exit = [(i.start, i.end, i.confidence) for i in checker.check(text).issues]
    exit_, model.early_exit = model.early_exit, None
    try:
        without = [(i.start, i.end, i.confidence) for i in checker.check(text).issues]
    finally:
        model.early_exit = exit_
    assert exit_ is not None and with_exit and with_exit == without


def test_fitting_keeps_every_tuning_sentence_at_or_above_the_gate(tmp_path, tagger):
    """The margin is fitted so that no tuning sentence the full model puts at or above the gate
    stops early; what is saved loads back the same."""
    from textfix.models.early_exit import EarlyExit
    from textfix.training.early_exit import fit_early_exit

    sets = {"mt": SENTENCES[3:] * 3, "clean": SENTENCES[:3] + SENTENCES[8:9]}
    early_exit, report = fit_early_exit(tagger, sets, GATE)
    assert all(r["stopped_at_or_above_gate"] == 0 for r in report.values())
    early_exit.save(tmp_path)
    loaded = EarlyExit.load(tmp_path)
    assert (loaded.layer, loaded.bias, loaded.margin) == \
        (early_exit.layer, early_exit.bias, early_exit.margin)
    assert loaded.weight.equal(early_exit.weight)
    assert EarlyExit.load(tmp_path / "elsewhere") is None
