"""The shipped models run without ``transformers`` and give the numbers ``transformers`` gives."""

import pytest
import torch

from textfix.models.loading import MODELS_DIR, load_for_inference, load_pretrained
from textfix.models.plain import FolderTokenizer, PlainBert, PlainGPT2LM, plain_model_type

from .helpers import modules_after_cli

TEXTS = ["The level of sugar of the blood depends from the food.",
         "Naïve patients — 5 mg/kg twice a day 😀; Москва clinic",
         "  leading spaces, tabs\tand a café",
         "word " * 400,  # longer than any model's limit: truncated alike
         ""]


def _plain(values):
    return [tuple(v) if isinstance(v, (list, tuple)) else v for v in values]


@pytest.mark.parametrize("folder, kwargs", [
    ("tagger", {"add_special_tokens": True, "truncation": True, "max_length": 256,
                "return_offsets_mapping": True, "return_special_tokens_mask": True}),
    ("lm", {"add_special_tokens": False, "truncation": True, "max_length": 255,
            "return_offsets_mapping": True}),
])
def test_the_folder_tokenizer_matches_transformers(folder, kwargs):
    from transformers import AutoTokenizer

    ours, theirs = FolderTokenizer(MODELS_DIR / folder), AutoTokenizer.from_pretrained(
        MODELS_DIR / folder)
    for text in TEXTS:
        mine, ref = ours(text, **kwargs), theirs(text, **kwargs)
        assert set(mine) <= set(ref)
        for key in mine:
            assert _plain(mine[key]) == _plain(ref[key]), (key, text[:20])
    assert ours(TEXTS[:2], **kwargs)["input_ids"] == theirs(TEXTS[:2], **kwargs)["input_ids"]
    for name in ("pad_token_id", "bos_token_id", "eos_token_id"):
        assert getattr(ours, name) == getattr(theirs, name), name


def _batch(tokenizer, texts):
    rows = [tokenizer(t, truncation=True, max_length=64)["input_ids"] or [0] for t in texts]
    width = max(map(len, rows))
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for i, row in enumerate(rows):
        ids[i, : len(row)], mask[i, : len(row)] = torch.tensor(row), 1
    return ids, mask


@torch.inference_mode()
def test_the_plain_bert_encoder_matches_transformers():
    from transformers import BertModel

    tokenizer, reference = load_pretrained(str(MODELS_DIR / "tagger"), "tagger", BertModel)
    ours = PlainBert.from_folder(MODELS_DIR / "tagger")
    ids, mask = _batch(tokenizer, TEXTS[:4])  # padded rows of different lengths
    theirs = reference.eval()(input_ids=ids, attention_mask=mask).last_hidden_state
    mine = ours(ids, mask).last_hidden_state
    real = mask.bool()
    assert torch.allclose(mine[real], theirs[real], atol=1e-4)


@torch.inference_mode()
def test_the_plain_gpt2_lm_matches_transformers():
    from transformers import AutoModelForCausalLM

    tokenizer, reference = load_pretrained(str(MODELS_DIR / "lm"), "lm", AutoModelForCausalLM)
    ours = PlainGPT2LM.from_folder(MODELS_DIR / "lm")
    ids, mask = _batch(tokenizer, TEXTS[:4])
    theirs = reference.eval()(input_ids=ids, attention_mask=mask).logits
    mine = ours(ids, mask).logits
    real = mask.bool()
    assert torch.allclose(mine[real], theirs[real], atol=1e-4)


def test_only_shipped_style_folders_take_the_plain_path(tmp_path):
    assert plain_model_type(str(MODELS_DIR / "tagger")) == "bert"
    assert plain_model_type(str(MODELS_DIR / "lm")) == "gpt2"
    assert plain_model_type(str(MODELS_DIR / "rewriter")) is None  # seq2seq: transformers
    assert plain_model_type("sentence-transformers/all-MiniLM-L6-v2") is None  # a hub id
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    assert plain_model_type(str(tmp_path)) is None  # no weights, no tokenizer
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        (broken / name).write_text("{}" if name == "config.json" else "not a file of its kind")
    assert plain_model_type(str(broken)) is None


def test_a_damaged_weights_file_is_one_clear_error(tmp_path):
    from textfix.errors import BackendError

    for name in ("config.json", "tokenizer.json", "tokenizer_config.json"):
        (tmp_path / name).write_bytes((MODELS_DIR / "lm" / name).read_bytes())
    (tmp_path / "model.safetensors").write_bytes(b"\x00" * 64)
    with pytest.raises(BackendError, match="cannot load lm model from"):
        load_for_inference(str(tmp_path), "lm", "AutoModelForCausalLM")


def test_checking_with_models_never_imports_transformers(tmp_path):
    """transformers costs ~2 s and 150 MB of every start-up; the shipped models don't need it."""
    text = tmp_path / "one.txt"
    text.write_text("The level of sugar of the blood depends from the food.\n", encoding="utf-8")
    code, [transformers, torch_] = modules_after_cli(
        ["check", str(text), "--output-format", "json"], ["transformers", "torch"])
    assert code == 1 and not transformers and torch_  # the models ran, in plain torch
