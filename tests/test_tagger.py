"""The awkwardness tagger: fine-tuned MiniLM behind the ``fluency`` check."""

from __future__ import annotations

import pytest

from textfix.config import Config
from textfix.errors import BackendError
from textfix.models.loading import MODELS_DIR
from textfix.models.words import split_words

TAGGER_DIR = MODELS_DIR / "tagger"
ODD_TEXT = ("Naïve patients at café Zoë 😀 took Аспирин twice — “daily”, e.g. 5mg/kg.  "
            "The ﬁbre-rich diet helps. Ｆｕｌｌ-width too.")


@pytest.fixture(scope="module")
def untrained():
    """The package's MiniLM with fresh heads: enough to test the word ↔ wordpiece mapping."""
    from textfix.models.tagger import SharedEncoder, TaggerSettings, WordTagger, default_heads
    from textfix.training.tagger import start_model

    model, tokenizer = start_model(None)
    model = SharedEncoder(model.encoder, default_heads(model.encoder.config.hidden_size))
    return WordTagger(model, tokenizer, TaggerSettings(), max_words=6)


@pytest.fixture(scope="module")
def shipped():
    if not (TAGGER_DIR / "textfix_tagger.json").is_file():
        pytest.skip("models/tagger is not built (make models)")
    from textfix.models.tagger import WordTagger

    return WordTagger.load(TAGGER_DIR, int8=False)


def test_every_word_maps_back_to_the_original_text(untrained):
    """The encoder lower-cases and strips accents, but spans point into the user's text: each
    word (accents, emoji, Cyrillic, ligatures, full-width) gets its own span and a prediction,
    also when a long text is scored in chunks."""
    texts = [ODD_TEXT, "", "word " * 40]
    preds = untrained.predict(texts)
    for text, pred in zip(texts, preds, strict=True):
        words = split_words(text)
        assert [text[s:e] for s, e, _ in pred.word_spans] == [w for w, _, _ in words]
        assert all(0.0 < p < 1.0 for _, _, p in pred.word_spans)  # a wordpiece for every word
    assert preds[1].word_spans == [] and preds[1].sentence_score == 0.0


def test_first_wordpiece_of_each_word(untrained):
    from textfix.models.tagger import encode_words

    text = "Naïve Аспирин 😀 hadn't"
    spans = [(s, e) for _, s, e in split_words(text)]
    ids, firsts = encode_words(untrained.tokenizer, text, spans)
    pieces = untrained.tokenizer.convert_ids_to_tokens(ids)
    assert len(ids) < 20  # no padding to the tokenizer.json's 128
    assert [pieces[f] for f in firsts][:3] == ["naive", "а", "[UNK]"]
    assert len(set(firsts)) == len(firsts) and min(firsts) > 0


def test_missing_model_folder_is_a_clear_error(tmp_path, monkeypatch):
    from textfix.checks.fluency import FluencyCheck
    from textfix.models.tagger import WordTagger

    with pytest.raises(BackendError, match="tagger model not found at .*--no-models"):
        WordTagger.load(tmp_path / "missing")
    monkeypatch.setenv("TEXTFIX_TAGGER_MODEL", str(tmp_path / "missing"))
    with pytest.raises(BackendError, match="tagger model not found at .*--no-models"):
        FluencyCheck(Config())


def test_the_fluency_check_prefers_the_tagger_and_keeps_the_quality_model(monkeypatch):
    from textfix.models.word_model import word_model_source

    monkeypatch.delenv("TEXTFIX_TAGGER_MODEL", raising=False)
    monkeypatch.delenv("TEXTFIX_QUALITY_MODEL", raising=False)
    if (TAGGER_DIR / "textfix_tagger.json").is_file():
        assert word_model_source() == ("tagger", str(TAGGER_DIR))
    monkeypatch.setenv("TEXTFIX_QUALITY_MODEL", str(MODELS_DIR / "quality"))
    assert word_model_source() == ("quality", str(MODELS_DIR / "quality"))


def test_int8_and_fp32_agree_on_labels(shipped):
    from textfix.models.tagger import quantise

    sentences = ["Excess weight. Extra kilos load the knees.",
                 "The level of sugar of the blood depends from the food.",
                 "Drink enough water during the day.",
                 "Children at type 1 diabetes need insulin every day."]
    q = type(shipped)(quantise(shipped.model), shipped.tokenizer, shipped.settings)
    fp32, int8 = shipped.predict(sentences), q.predict(sentences)
    pairs = [(p, p8) for pred, pred8 in zip(fp32, int8, strict=True)
             for (*_, p), (*_, p8) in zip(pred.word_spans, pred8.word_spans, strict=True)]
    same = [(p >= shipped.threshold) == (p8 >= shipped.threshold) for p, p8 in pairs]
    assert sum(same) >= 0.9 * len(pairs)  # the calibrated P(BAD) of many words is near 0.22
    clear = [ok for (p, _), ok in zip(pairs, same, strict=True)
             if abs(p - shipped.threshold) >= 0.1]
    assert clear and all(clear)  # int8 never flips a clear decision
    assert any(p >= shipped.threshold for p, _ in pairs)  # the awkward sentences get flags


def test_documents_batched_together_get_the_numbers_each_gets_alone(shipped):
    """``predict_many`` batches the sentences of many documents together, padded: every word's
    P(BAD) and the HTER are bit for bit those of the document checked alone (int8 scales per
    token, attention and heads per row), so flags never depend on the neighbours, on --jobs or
    on how a batch was chunked."""
    from textfix.models.tagger import quantise

    int8 = type(shipped)(quantise(shipped.model), shipped.tokenizer, shipped.settings,
                         batch_size=3)
    groups = [["The level of sugar of the blood depends from the food."],
              ["The level of salt in the blood depends from the food we eat every day."],
              ["Rest helps."], ["Excess weight.", "Extra kilos load the knees."], [], [""],
              ["Children at type 1 diabetes need insulin every day, say the doctors."]]
    together = int8.predict_many(groups)
    lengths = {len(job.ids) for group in groups for job in int8.chunk_jobs(group)}
    assert len(lengths) > 3  # rows of different lengths really are padded together
    for group, batched in zip(groups, together, strict=True):
        alone = int8.predict(group)
        assert [(p.word_spans, p.sentence_score) for p in batched] == \
            [(p.word_spans, p.sentence_score) for p in alone]
    assert any(p >= 0.3 for *_, p in together[0][0].word_spans)


def test_confidence_is_the_calibrated_probability(shipped):
    import torch

    logits = torch.tensor([[0.5, 2.5]])
    t, b = shipped.settings.temperature, shipped.settings.bias
    expected = 1 / (1 + torch.exp(torch.tensor(-(2.0 / t + b))))
    assert float(shipped.probabilities(logits)[0]) == pytest.approx(float(expected), abs=1e-6)


@pytest.mark.slow
def test_tiny_training_learns_and_loads_back(tmp_path):
    from textfix.models.tagger import WordTagger
    from textfix.training.tagger import train_tagger

    data = MODELS_DIR.parent.parent / "shared" / "data"
    if not (data / "mlqe-pe-ru-en").is_dir():
        pytest.skip("../shared/data is not there")
    result = train_tagger(data, tmp_path / "tagger", tiny=True, log=lambda _: None)
    assert min(result.history[1:]) < result.history[0]  # the loss goes down
    card = (tmp_path / "tagger" / "README.md").read_text(encoding="utf-8")
    assert "Reliability" in card and "MLQE-PE" in card and "CC BY 4.0" in card
    tagger = WordTagger.load(tmp_path / "tagger")
    pred = tagger.predict(["Naïve patients take Аспирин 😀."])[0]
    assert len(pred.word_spans) == 6 and 0.0 <= pred.sentence_score <= 1.0
    assert tagger.settings.temperature == result.metrics["temperature"]


def test_fluency_check_reads_the_gate_its_tagger_was_tuned_with(tmp_path, monkeypatch):
    """The gate and word threshold belong to one trained model (chosen for it by
    scripts/choose_fluency_gate.py): another tagger folder brings its own."""
    import json

    from textfix.checks.fluency import TAGGER_GATE, FluencyCheck

    if not (TAGGER_DIR / "textfix_tagger.json").is_file():
        pytest.skip("no shipped tagger")
    settings = json.loads((TAGGER_DIR / "textfix_tagger.json").read_text(encoding="utf-8"))
    for key in ("fluency_gate", "fluency_threshold"):
        settings.pop(key, None)

    def tagger_folder(name: str, **choice: float) -> str:
        folder = tmp_path / name
        folder.mkdir()
        for item in TAGGER_DIR.iterdir():
            if item.name != "textfix_tagger.json":
                (folder / item.name).symlink_to(item)
        (folder / "textfix_tagger.json").write_text(json.dumps({**settings, **choice}),
                                                    encoding="utf-8")
        return str(folder)

    monkeypatch.setenv("TEXTFIX_TAGGER_MODEL", tagger_folder("tuned", fluency_gate=0.37,
                                                             fluency_threshold=0.61))
    check = FluencyCheck(Config())
    assert (check.sentence_gate, check.threshold) == (0.37, 0.61)
    monkeypatch.setenv("TEXTFIX_TAGGER_MODEL", tagger_folder("untuned"))
    check = FluencyCheck(Config())  # a tagger without a choice: the check's defaults
    assert check.sentence_gate == TAGGER_GATE
    assert check.threshold == max(settings["threshold"], 0.30)


def test_a_run_of_punctuation_alone_is_no_fluency_issue_and_runs_end_on_words():
    """Post-editors change words: a run of flagged punctuation is dropped and a run's flagged
    punctuation at either end is left out of its span."""
    from textfix.checks.fluency import flagged_runs

    text = "Pain , in the leg - of the night ; rest."
    high = {",", "in", "the", "leg", "-", ";"}  # runs: ", in the leg -", "the", ";"
    words = [(s, e, 0.9 if w in high else 0.1) for w, s, e in split_words(text)]
    runs = [text[run[0][0]:run[-1][1]] for run in flagged_runs(text, words, 0.5, 0.2, 0.3)]
    assert runs == ["in the leg", "the"]
    assert flagged_runs(text, words, 0.1, 0.2, 0.3) == []  # below the sentence gate
