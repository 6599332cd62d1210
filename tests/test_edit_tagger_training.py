"""Training mechanics of the edit head: vocabulary, a tiny fit, saving and loading beside the
tagger's encoder, and the model hash that suggestions carry."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from textfix.models.edit_tagger import HEAD_FILE, EditHead, EditSettings, EditTagger, neighbours
from textfix.models.loading import MODELS_DIR
from textfix.training.edit_data import EditExample, split_held
from textfix.training.edit_tagger import (
    IGNORE,
    Slots,
    fit_head,
    save_head,
    thresholds,
    vocabulary,
)


def example(labels: list[str], group: str = "g") -> EditExample:
    return EditExample("x " * (len(labels) - 1), ["x"] * (len(labels) - 1), labels, "mlqe", group)


def test_vocabulary_keeps_labels_seen_often_enough_keep_first() -> None:
    rows = [example(["KEEP", "DELETE", "REPLACE_body"])] * 3 + [example(["KEEP", "APPEND_the"])]
    assert vocabulary(rows, min_count=3) == ["KEEP", "DELETE", "REPLACE_body"]
    assert vocabulary(rows, min_count=1, max_labels=2) == ["KEEP", "DELETE"]
    long = [example(["KEEP", "REPLACE_a b c d"])] * 5  # a rewrite, not an edit
    assert vocabulary(long, min_count=1) == ["KEEP"]


def test_held_out_split_keeps_groups_whole() -> None:
    rows = [example(["KEEP", "KEEP"], f"g{k // 4}") for k in range(400)]
    train, held = split_held(rows, seed=1)
    assert held and {r.group for r in train}.isdisjoint({r.group for r in held})


def test_training_inputs_are_laid_out_as_the_runtime_reads_them() -> None:
    feats = [torch.randn(4, 3), torch.randn(2, 3)]
    ys = [torch.tensor([0, 1, IGNORE, 1]), torch.tensor([1, 0])]
    slots = Slots.of(feats, ys)
    flat = slots.inputs(torch.arange(len(slots.y)), context=1)
    runtime = [neighbours(f.half().float()[None], 1)[0] for f in feats]
    expected = torch.cat([runtime[0][[0, 1, 3]], runtime[1]])
    assert torch.equal(flat, expected)


def test_a_tiny_head_learns_and_its_thresholds_come_from_held_out_slots() -> None:
    torch.manual_seed(0)
    feats, ys = [], []
    for _ in range(120):  # label 1 wherever the first feature is positive
        x = torch.randn(6, 8)
        y = (x[:, 0] > 0).long()
        feats.append(x.half())
        ys.append(y)
    head = EditHead(8, 2, width=16, context=1)
    fit = fit_head(head, (feats[:100], ys[:100]), (feats[100:], ys[100:]), 0.5, 0,
                   lambda m: None, tiny=True, epochs=30)
    assert fit["steps"] > 0 and fit["held_loss"] < 0.65  # chance: ln 2 = 0.69
    logits = head(torch.stack([f.float() for f in feats[100:]])).flatten(0, 1)
    y = torch.cat(ys[100:])
    chosen = thresholds(torch.softmax(logits, -1), y, torch.ones_like(y, dtype=torch.bool))
    assert 0.3 <= chosen["min_confidence"] <= 0.95


@pytest.mark.slow
@pytest.mark.skipif(not (MODELS_DIR / "tagger" / "model.safetensors").is_file(),
                    reason="needs the shipped tagger encoder")
def test_a_saved_head_loads_beside_the_encoder_and_has_a_hash(tmp_path: Path) -> None:
    for f in (MODELS_DIR / "tagger").iterdir():
        if f.name not in (HEAD_FILE, "edit_labels.json", "README.md"):
            (tmp_path / f.name).symlink_to(f)
    settings = EditSettings(labels=["KEEP", "DELETE"], width=8)
    head = EditHead(384, 2, width=8)
    save_head(head, settings, tmp_path)
    tagger = EditTagger.load(tmp_path)
    [edits] = tagger.tag(["The the pain is strong."])
    assert isinstance(edits, list)
    first = tagger.model_ref
    torch.nn.init.normal_(head.net[0].weight)
    save_head(head, settings, tmp_path)
    assert EditTagger.load(tmp_path).model_ref != first  # other weights, other hash


@pytest.mark.skipif(not (MODELS_DIR / "tagger" / HEAD_FILE).is_file(),
                    reason="needs the shipped tagger with its edit head")
def test_the_edit_tagger_and_the_fluency_tagger_share_one_encoder() -> None:
    from textfix.models.tagger import WordTagger

    words = WordTagger.load(MODELS_DIR / "tagger")
    edits = EditTagger.load(MODELS_DIR / "tagger")
    assert edits.model.encoder is words.model.encoder  # one copy in memory, two heads' worth


@pytest.mark.skipif(not (MODELS_DIR / "tagger" / HEAD_FILE).is_file(),
                    reason="needs the shipped tagger with its edit head")
def test_a_sentences_edits_do_not_depend_on_the_sentences_tagged_with_it() -> None:
    tagger = EditTagger.load(MODELS_DIR / "tagger")
    sentence = "Violation of venous outflow from the skull leads to an increase of pressure."
    others = ["The organism reacts to the overstrain by a spasm of the vessels.",
              "Why does the nape hurt when bending at work every day and night?"]
    alone = tagger.tag([sentence], min_confidence=0.2)[0]
    together = tagger.tag([*others, sentence], min_confidence=0.2)[-1]
    assert [(e.start, e.end, e.replacement) for e in alone] == \
        [(e.start, e.end, e.replacement) for e in together]


@pytest.mark.skipif(not (MODELS_DIR / "tagger" / "tokenizer.json").is_file(),
                    reason="needs the shipped tagger's tokenizer")
def test_fine_tuning_batches_lay_out_slots_as_the_runtime_reads_them() -> None:
    """A padded training batch gives each sentence the logits the runtime computes for it
    alone, and each label sits on its slot (the start slot, then one per word)."""
    from transformers import BertConfig, BertModel

    from textfix.models.edit_tagger import encode_slots
    from textfix.models.tagger import SharedEncoder
    from textfix.training.edit_data import words_of
    from textfix.training.edit_finetune import batch_logits, edit_rows
    from textfix.training.tagger import start_model

    _, tokenizer = start_model(str(MODELS_DIR / "tagger"))
    torch.manual_seed(0)
    encoder = BertModel(BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=16,
                                   num_hidden_layers=1, num_attention_heads=2,
                                   intermediate_size=32)).eval()
    texts = ["The pain is strong.", "Doctors say that the rehabilitation lasts long."]
    rows = edit_rows([EditExample(t, words_of(t), ["KEEP"] * (len(words_of(t)) + 1), "mlqe", "g")
                      for t in texts], tokenizer, {"KEEP": 0})
    head = EditHead(16, 3, width=8).eval()
    with torch.no_grad():
        logits, y = batch_logits(encoder, head, rows, tokenizer.pad_token_id or 0)
        alone = encode_slots(SharedEncoder(encoder, {}), tokenizer, texts, batch_size=1)
        for k, (_, slots) in enumerate(alone):
            expected = head(slots[None])[0]
            assert torch.allclose(logits[k, : len(expected)], expected, atol=1e-5)
            assert (y[k, : len(expected)] == 0).all() and (y[k, len(expected):] == IGNORE).all()


@pytest.mark.slow
def test_a_tiny_fine_tuned_edit_tagger_saves_its_own_encoder_and_loads_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--fine-tune`` writes a folder with an encoder and no detection heads; the runtime loads
    it through ``TEXTFIX_EDIT_TAGGER_MODEL`` and its suggestions name that model."""
    from textfix.models.edit_tagger import ENV_VAR, edit_tagger_folder
    from textfix.training.edit_finetune import fine_tune_edit_tagger

    data = MODELS_DIR.parent.parent / "shared" / "data"
    if not (data / "mlqe-pe-ru-en").is_dir() or not (MODELS_DIR / "tagger").is_dir():
        pytest.skip("needs ../shared/data and the shipped tagger")
    out = tmp_path / "edit"
    result = fine_tune_edit_tagger(data, out, tiny=True, max_minutes=1, log=lambda _: None)
    assert result.metrics["steps"] > 0 and not (out / "heads.safetensors").exists()
    assert "fine-tune" in (out / "README.md").read_text(encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(out))
    assert edit_tagger_folder() == out
    tagger = EditTagger.load(edit_tagger_folder())
    assert tagger.model_ref.startswith("textfix-edit-tagger-finetuned@")
    [edits] = tagger.tag(["The the pain is strong."], min_confidence=0.0)
    assert all(0 <= e.start <= e.end <= len("The the pain is strong.") for e in edits)
    from textfix.errors import BackendError
    from textfix.models.tagger import WordTagger

    with pytest.raises(BackendError, match="no heads.safetensors"):  # not a fluency tagger
        WordTagger.load(out)


def test_without_a_choice_a_shipped_fine_tuned_edit_tagger_wins_over_the_shared_head(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textfix.models import loading
    from textfix.models.edit_tagger import ENV_VAR, edit_tagger_folder

    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(loading, "MODELS_DIR", tmp_path)
    assert edit_tagger_folder() == tmp_path / "tagger"
    (tmp_path / "edit-tagger").mkdir()
    assert edit_tagger_folder() == tmp_path / "tagger"  # an empty folder is no model
    (tmp_path / "edit-tagger" / HEAD_FILE).write_bytes(b"")
    assert edit_tagger_folder() == tmp_path / "edit-tagger"
