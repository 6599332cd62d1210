"""Training end to end on small slices: losses fall, folders load back and predict.

``--tiny`` configurations train in seconds so CI never needs the full models.
"""

from __future__ import annotations

import pytest

from textfix.errors import BackendError
from textfix.models.lm import HealthLM
from textfix.models.quality import QualityModel
from textfix.training.lm import train_lm
from textfix.training.quality import train_quality


@pytest.fixture(scope="module")
def tiny_models(shared_dir, tmp_path_factory):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    data = shared_dir / "data"
    root = tmp_path_factory.mktemp("models")
    quiet = lambda message: None  # noqa: E731
    lm = train_lm(data, root / "lm", tiny=True, steps=40, log=quiet)
    quality = train_quality(data, root / "quality", tiny=True, steps=30,
                            tokenizer_path=str(root / "lm"), log=quiet)
    return lm, quality


@pytest.mark.slow
def test_lm_loss_goes_down_and_the_folder_loads_back(tiny_models):
    lm, _ = tiny_models
    assert lm.history[-1] < lm.history[0]
    files = {p.name for p in lm.out.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "README.md"} <= files
    model = HealthLM.load(str(lm.out))
    assert next(model.model.parameters()).dtype.is_floating_point
    [tokens] = model.surprisal(["The rash goes away in a week."])
    assert tokens and all(bits > 0 for _, _, bits in tokens)


@pytest.mark.slow
def test_quality_loss_goes_down_and_the_folder_predicts(tiny_models):
    _, quality = tiny_models
    assert quality.history[-1] < quality.history[0]
    assert "dev_words" in quality.metrics
    card = (quality.out / "README.md").read_text(encoding="utf-8")
    assert "MCC" in card and "textfix train quality" in card
    model = QualityModel.load(str(quality.out))
    text = "The doctor prescribed a pills for him headache."
    [pred] = model.predict([text])
    assert [text[s:e] for s, e, _ in pred.word_spans][:3] == ["The", "doctor", "prescribed"]
    assert all(0.0 <= p <= 1.0 for _, _, p in pred.word_spans)
    assert 0.0 <= pred.sentence_score <= 1.0


@pytest.mark.slow
def test_models_load_offline_and_unknown_ids_fail_clearly(tiny_models, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert QualityModel.load(str(tiny_models[1].out)).predict(["Rest well."])[0].word_spans
    with pytest.raises(BackendError, match="cannot load quality model from no-such-org/model"):
        QualityModel.load("no-such-org/model")


@pytest.mark.slow
def test_missing_and_corrupt_model_folders_give_clear_errors(tmp_path, tiny_models):
    with pytest.raises(BackendError, match="not found at .*run make models"):
        QualityModel.load(str(tmp_path / "nowhere"))
    broken = tmp_path / "broken"
    broken.mkdir()
    for item in tiny_models[1].out.iterdir():
        (broken / item.name).write_bytes(item.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(BackendError, match="cannot load quality model"):
        QualityModel.load(str(broken))
    with pytest.raises(BackendError, match="not found"):
        HealthLM.load(str(tmp_path / "nowhere"))
