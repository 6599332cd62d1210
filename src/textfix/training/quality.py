"""Train the quality-estimation model behind the ``fluency`` check (``textfix train quality``):
masked-LM pre-training, then MLQE-PE word tags and sentence HTER."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from ..detok import detokenize
from ..errors import InputError
from ..models.loading import cpu_threads
from ..models.quality import HEAD_FILE, SETTINGS_FILE, SentenceHead, WordEncoder, spacing
from ..models.words import align_tokens, project_tags, split_words
from .common import (
    SPECIAL_TOKENS,
    TRAIN_THREADS,
    Log,
    TrainResult,
    _batches,
    _blocks,
    _pad,
    _save_fp16,
    _stderr,
    folder_size_mb,
    load_or_train_tokenizer,
    optimizer_and_schedule,
    update,
    write_card,
)
from .data import MlqeExample, find_medquad, find_mlqe, read_medquad, read_mlqe
from .metrics import binary_scores, pearson

MLM_SHARE = 0.3  # share of the quality time budget for masked-LM pre-training


@dataclass
class TaggedRow:
    ids: list[int]
    labels: list[int]  # per subword: 0 OK, 1 BAD, -100 ignored
    hter: float
    words_bad: list[bool]


def tagged_rows(examples: Sequence[MlqeExample], encoder: WordEncoder) -> list[TaggedRow]:
    """Words of the detokenized MT (as a user's text is split) with the MT tokens' tags."""
    rows = []
    for ex in examples:
        text = detokenize(" ".join(ex.tokens))
        words = split_words(text)
        spans = [(s, e) for _, s, e in words]
        bad = project_tags(align_tokens(ex.tokens, text), ex.bad, spans)
        ids, firsts = encoder.encode([w for w, _, _ in words], spacing(text, spans))
        labels = [-100] * len(ids)
        for first, flag in zip(firsts, bad, strict=True):
            if first >= 0:
                labels[first] = int(flag)
        rows.append(TaggedRow(ids, labels, ex.hter, bad))
    return rows


def _mask_tokens(ids: torch.Tensor, mask: torch.Tensor, tokenizer, rng: torch.Generator):
    labels = ids.clone()
    special = ids < len(SPECIAL_TOKENS)
    chosen = (torch.rand(ids.shape, generator=rng) < 0.15) & mask.bool() & ~special
    labels[~chosen] = -100
    inputs = ids.clone()
    replace = chosen & (torch.rand(ids.shape, generator=rng) < 0.8)
    inputs[replace] = tokenizer.mask_token_id
    randomise = chosen & ~replace & (torch.rand(ids.shape, generator=rng) < 0.5)
    inputs[randomise] = torch.randint(len(SPECIAL_TOKENS), len(tokenizer), ids.shape,
                                      generator=rng)[randomise]
    return inputs, labels


def _keep_best(best: dict | None, step: int, held: dict, tagger, head, log: Log) -> dict:
    """Remember the weights with the best held-out MCC: small data overfits within epochs."""
    log(f"quality step {step}: held-out MCC {held['mcc']:.3f} at threshold {held['threshold']:.3f}")
    if best is not None and held["mcc"] <= best["mcc"]:
        return best
    return {"step": step, "mcc": held["mcc"],
            "tagger": {k: v.detach().clone() for k, v in tagger.state_dict().items()},
            "head": {k: v.detach().clone() for k, v in head.state_dict().items()}}


def _best_threshold(probs: Sequence[float], gold: Sequence[bool]) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in [i / 40 for i in range(4, 38)]:
        mcc = binary_scores([p >= t for p in probs], gold)["mcc"]
        if mcc > best[1]:
            best = (t, mcc)
    return best


@dataclass
class QualityData:
    """MLQE-PE train (minus the held-out tail), held-out, dev, and MedQuAD answers."""

    train: list[MlqeExample]
    heldout: list[MlqeExample]
    dev: list[MlqeExample]
    medquad: list[str]

    @property
    def english(self) -> list[str]:
        """The English side for pre-training: detokenized MT, then the post-edits."""
        return ([detokenize(" ".join(ex.tokens)) for ex in self.train]
                + [detokenize(ex.pe) for ex in self.train])


def read_quality_data(data: Path, tiny: bool) -> QualityData:
    """The last 500 training sentences (tiny: 30) are held out; dev and MedQuAD are optional."""
    train_all = read_mlqe(find_mlqe(data, "train"), limit=160 if tiny else None)
    try:
        dev = read_mlqe(find_mlqe(data, "dev"), limit=40 if tiny else None)
    except InputError:
        dev = []
    held = 30 if tiny else 500
    try:
        medquad = read_medquad(find_medquad(data), limit=100 if tiny else 1500)
    except InputError:
        medquad = []
    return QualityData(train_all[:-held], train_all[-held:], dev, medquad)


def quality_config(tokenizer, hidden: int, layers: int | None, tiny: bool, max_length: int):
    from transformers import RobertaConfig

    return RobertaConfig(
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers or 2,
        num_attention_heads=2 if tiny else 4, intermediate_size=hidden * 4,
        max_position_embeddings=max_length + 2, pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        type_vocab_size=1, num_labels=2, id2label={0: "OK", 1: "BAD"},
        label2id={"OK": 0, "BAD": 1},
    )


@dataclass
class Clock:
    """The time budget of one training run, shared by both stages."""

    start: float
    seconds: float

    def elapsed(self) -> float:
        return time.time() - self.start


def pretrain_mlm(config, tokenizer, corpus: QualityData, steps: int, tiny: bool,
                 rng: random.Random, gen: torch.Generator, clock: Clock, share: float,
                 log: Log):
    """Stage 1: masked-LM pre-training. Returns the model and the steps it took."""
    from transformers import RobertaForMaskedLM

    mlm_rows = [r for r in tokenizer(corpus.english, add_special_tokens=True, truncation=True,
                                     max_length=config.max_position_embeddings - 2)["input_ids"]]
    for block in _blocks(tokenizer, corpus.medquad, 62 if not tiny else 30):
        mlm_rows.append([tokenizer.bos_token_id, *block, tokenizer.eos_token_id])
    mlm = RobertaForMaskedLM(config)
    log(f"quality: {mlm.num_parameters() / 1e6:.1f}M parameters; masked-LM pre-training on "
        f"{len(mlm_rows)} rows, {steps} steps")
    optimizer, scheduler = optimizer_and_schedule(mlm.parameters(), 2e-3 if tiny else 7e-4,
                                                  steps, warmup=200,
                                                  seconds=clock.seconds * share)
    mlm.train()
    running: list[float] = []
    log_every = max(1, steps // 20)
    done = 0
    for done, idx in enumerate(_batches(len(mlm_rows), 32 if not tiny else 8, rng), start=1):
        if done > steps or clock.elapsed() > clock.seconds * share:
            break
        ids, mask = _pad([mlm_rows[i] for i in idx], tokenizer.pad_token_id)
        inputs, labels = _mask_tokens(ids, mask, tokenizer, gen)
        states = mlm.roberta(input_ids=inputs, attention_mask=mask).last_hidden_state
        chosen = labels != -100  # the vocabulary head only on masked positions: CPU time
        loss = nn.functional.cross_entropy(mlm.lm_head(states[chosen]), labels[chosen])
        running.append(update(loss, mlm.parameters(), optimizer, scheduler))
        if done % log_every == 0:
            log(f"mlm step {done}/{steps} loss {sum(running) / len(running):.3f} "
                f"({clock.elapsed():.0f}s)")
            running = []
    return mlm, done - 1  # the loop breaks before the step it would take


class Tagger:
    """Stage 2's model: word tags (OK/BAD) and a sentence head predicting HTER."""

    def __init__(self, config, mlm, tokenizer, rows: Sequence[TaggedRow]) -> None:
        from transformers import RobertaForTokenClassification

        self.tagger = RobertaForTokenClassification(config)
        self.tagger.roberta.load_state_dict(mlm.roberta.state_dict(), strict=False)
        self.head = SentenceHead(config.hidden_size)
        self.tokenizer = tokenizer
        n_bad = sum(sum(1 for x in r.labels if x == 1) for r in rows)
        self.n_all = sum(sum(1 for x in r.labels if x >= 0) for r in rows)
        self.bad_share = n_bad / self.n_all
        self.bad_weight = min(6.0, (self.n_all - n_bad) / max(1, n_bad))
        self.ce = nn.CrossEntropyLoss(weight=torch.tensor([1.0, self.bad_weight]),
                                      ignore_index=-100)

    @property
    def parameters(self) -> list:
        return list(self.tagger.parameters()) + list(self.head.parameters())

    def train(self, mode: bool = True) -> None:
        self.tagger.train(mode)
        self.head.train(mode)

    def run(self, batch_rows: Sequence[TaggedRow]):
        ids, mask = _pad([r.ids for r in batch_rows], self.tokenizer.pad_token_id)
        labels, _ = _pad([r.labels for r in batch_rows], 0, fill_labels=True)
        out_ = self.tagger(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        score = self.head(out_.hidden_states[-1], mask)
        return out_.logits, score, labels

    def loss(self, batch_rows: Sequence[TaggedRow]):
        logits, score, labels = self.run(batch_rows)
        hter = torch.tensor([r.hter for r in batch_rows])
        return (self.ce(logits.view(-1, 2), labels.view(-1))
                + 4.0 * nn.functional.mse_loss(score, hter))

    def evaluate(self, eval_rows: Sequence[TaggedRow], threshold: float | None = None) -> dict:
        """Word MCC / F1-BAD at ``threshold`` (None: the best one), loss, r with HTER."""
        self.train(False)
        probs: list[float] = []
        gold: list[bool] = []
        scores: list[float] = []
        losses = []
        with torch.no_grad():
            for i in range(0, len(eval_rows), 64):
                logits, score, labels = self.run(eval_rows[i : i + 64])
                losses.append(float(self.ce(logits.view(-1, 2), labels.view(-1))))
                p = torch.softmax(logits, -1)[..., 1]
                for r, row_labels in enumerate(labels.tolist()):
                    for k, lab in enumerate(row_labels):
                        if lab >= 0:
                            probs.append(float(p[r, k]))
                            gold.append(bool(lab))
                scores.extend(score.tolist())
        self.train()
        if threshold is None:
            threshold, _ = _best_threshold(probs, gold)
        result = binary_scores([p >= threshold for p in probs], gold)
        result["loss"] = sum(losses) / max(1, len(losses))
        result["threshold"] = threshold
        result["pearson_hter"] = pearson(scores, [r.hter for r in eval_rows])
        return result


@dataclass
class FineTuneRun:
    steps: int  # steps taken
    batch: int
    kept_step: int  # the step whose weights were kept (best held-out MCC)
    seconds: float
    history: list[float]


def fine_tune(model: Tagger, rows: list[TaggedRow], held_rows: list[TaggedRow],
              dev_rows: list[TaggedRow], steps: int, tiny: bool, rng: random.Random,
              clock: Clock, log: Log) -> FineTuneRun:
    """Stage 2: word tags + sentence HTER, keeping the weights with the best held-out MCC."""
    batch = 8 if tiny else 32
    optimizer, scheduler = optimizer_and_schedule(model.parameters, 2e-3 if tiny else 3e-4,
                                                  steps, warmup=100,
                                                  seconds=clock.seconds - clock.elapsed())
    log(f"quality: fine-tuning on {len(rows)} sentences ({model.bad_share:.1%} BAD words, "
        f"BAD weight {model.bad_weight:.1f}), {steps} steps of {batch}")
    model.train()
    history: list[float] = []
    running: list[float] = []
    best: dict | None = None  # early stopping on the held-out training sentences
    log_every = max(1, steps // 20)
    fine_start = time.time()
    done = 0
    for done, idx in enumerate(_batches(len(rows), batch, rng), start=1):
        loss = model.loss([rows[i] for i in idx])
        running.append(update(loss, model.parameters, optimizer, scheduler))
        if done % log_every == 0:
            history.append(sum(running) / len(running))
            running = []
            log(f"quality step {done}/{steps} loss {history[-1]:.3f} ({clock.elapsed():.0f}s)")
        if not tiny and done % 200 == 0:
            best = _keep_best(best, done, model.evaluate(held_rows), model.tagger, model.head,
                              log)
            if dev_rows and done % 400 == 0:
                m = model.evaluate(dev_rows, 0.5)
                log(f"quality step {done}: dev loss {m['loss']:.3f} MCC {m['mcc']:.3f} "
                    f"F1-BAD {m['f1_bad']:.3f} r(HTER) {m['pearson_hter']:.3f} (threshold 0.5)")
        if done >= steps or clock.elapsed() > clock.seconds:
            break
    if best is not None and best["step"] != done:
        log(f"quality: restoring step {best['step']} (best held-out MCC {best['mcc']:.3f})")
        model.tagger.load_state_dict(best["tagger"])
        model.head.load_state_dict(best["head"])
    kept = best["step"] if best else done
    return FineTuneRun(done, batch, kept, time.time() - fine_start, history)


def train_quality(data: Path, out: Path, steps: int | None = None, tiny: bool = False,
                  tokenizer_path: str | None = None, mlm_steps: int | None = None,
                  max_minutes: float = 18.0, seed: int = 0, command: str = "",
                  hidden: int | None = None, layers: int | None = None,
                  mlm_share: float = MLM_SHARE, log: Log = _stderr) -> TrainResult:
    """Masked-LM pre-training on English MT, post-edits and medquad, then word tags + HTER.

    The last 500 training sentences (tiny: 30) are held out to pick the BAD threshold; MLQE dev
    is only evaluated on.
    """
    cpu_threads(TRAIN_THREADS)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    corpus = read_quality_data(data, tiny)
    tokenizer = load_or_train_tokenizer(tokenizer_path, corpus.english + corpus.medquad,
                                        600 if tiny else 8000, log)
    max_length = 256
    hidden = hidden or (32 if tiny else 128)
    config = quality_config(tokenizer, hidden, layers, tiny, max_length)
    clock = Clock(time.time(), max_minutes * 60)
    mlm_steps = mlm_steps if mlm_steps is not None else (10 if tiny else 2500)
    mlm, mlm_done = pretrain_mlm(config, tokenizer, corpus, mlm_steps, tiny, rng, gen, clock,
                                 mlm_share, log)
    mlm_seconds = clock.elapsed()
    encoder = WordEncoder(tokenizer, max_length)
    rows = tagged_rows(corpus.train, encoder)
    model = Tagger(config, mlm, tokenizer, rows)
    del mlm
    held_rows = tagged_rows(corpus.heldout, encoder)
    dev_rows = tagged_rows(corpus.dev, encoder)
    run = fine_tune(model, rows, held_rows, dev_rows, steps or (20 if tiny else 1500), tiny,
                    rng, clock, log)
    threshold = model.evaluate(held_rows)["threshold"] if held_rows else 0.5
    metrics = {"threshold": threshold, "steps": run.steps,
               "mlm_steps": min(mlm_done, mlm_steps), "kept_step": run.kept_step}
    if dev_rows:
        dev_metrics = model.evaluate(dev_rows, threshold)
        metrics["dev_words"] = {k: round(v, 4) for k, v in dev_metrics.items()}
        log(f"quality: dev MCC {dev_metrics['mcc']:.3f} F1-BAD {dev_metrics['f1_bad']:.3f} "
            f"r(HTER) {dev_metrics['pearson_hter']:.3f} at threshold {threshold:.3f}")
    seconds = clock.elapsed()
    save_quality(out, model, max_length, metrics)
    write_quality_card(out, model, corpus, metrics, run, mlm_seconds, command)
    return TrainResult(out, seconds, metrics, run.history)


def save_quality(out: Path, model: Tagger, max_length: int, metrics: dict) -> None:
    """The tagger (fp16), its tokenizer, the sentence head and the settings the runtime reads."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    _save_fp16(model.tagger, out)
    model.tokenizer.save_pretrained(out)
    save_file({k: v.half().contiguous() for k, v in model.head.state_dict().items()},
              out / HEAD_FILE)
    (out / SETTINGS_FILE).write_text(json.dumps(
        {"threshold": metrics["threshold"], "max_length": max_length, "metrics": metrics},
        indent=2) + "\n", encoding="utf-8")


def write_quality_card(out: Path, model: Tagger, corpus: QualityData, metrics: dict,
                       run: FineTuneRun, mlm_seconds: float, command: str) -> None:
    config = model.tagger.config
    threshold = metrics["threshold"]
    dev_line = ""
    if "dev_words" in metrics:
        d = metrics["dev_words"]
        dev_line = (f"MLQE-PE ru-en dev, on the words textfix splits (see `textfix eval` for the "
                    f"corpus-token figures): MCC {d['mcc']:.3f}, F1-BAD {d['f1_bad']:.3f}, "
                    f"Pearson r with HTER {d['pearson_hter']:.3f}.")
    write_card(out, "textfix quality-estimation model", {
        "What": f"A RoBERTa-style encoder ({config.num_hidden_layers} layers, "
                f"{config.hidden_size} hidden, "
                f"{model.tagger.num_parameters() / 1e6:.1f}M parameters) that tags each word of "
                "English MT as OK/BAD (would a post-editor change it?) plus a sentence head "
                "(`sentence_head.safetensors`) that predicts HTER. Used by the `fluency` check.",
        "Data": "Masked-LM pre-training: MLQE-PE ru-en train MT and post-edits (detokenized) and "
                f"{len(corpus.medquad)} MedQuAD answers. Fine-tuning: MLQE-PE ru-en train word "
                "tags (English side) and HTER; tags are projected from the MT tokens onto the "
                "words textfix splits user text into. The last 500 training sentences pick the "
                f"BAD threshold ({threshold:.3f}). MLQE-PE dev is never trained on. "
                "CC0 / CC BY 4.0.",
        "Command": f"`{command or 'textfix train quality'}`",
        "Training": f"{metrics['mlm_steps']} masked-LM steps ({mlm_seconds / 60:.1f} min) then "
                    f"{run.steps} fine-tuning steps of {run.batch} sentences "
                    f"({run.seconds / 60:.1f} min, weights kept from step "
                    f"{metrics['kept_step']}, best held-out MCC) on a shared CPU, 1 thread; BAD "
                    f"class weight {model.bad_weight:.1f}; weights in fp16 "
                    f"({folder_size_mb(out):.1f} MB folder).",
        "Metrics": dev_line or "No dev set was given.",
    })
