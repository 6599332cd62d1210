"""Train the seq2seq rewrite model (``textfix train rewriter``).

Trained from scratch on three sources (see ``training_pairs``): clean MedQuAD sentences corrupted
by the MT noise model (``noise.py``), MLQE-PE ru-en train MT → post-edit pairs, and the even lines
of JFLEG dev (the odd lines are kept for measuring). ``--init`` continues an existing model.
"""

from __future__ import annotations

import random
import shlex
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from ..detok import detokenize
from ..errors import InputError
from ..models.loading import MODELS_DIR, cpu_threads, load_pretrained
from ..models.rewriter import MAX_TOKENS, Rewriter
from .common import (
    TRAIN_THREADS,
    Log,
    _pad,
    _stderr,
    folder_size_mb,
    load_or_train_tokenizer,
    optimizer_and_schedule,
    read_card,
    update,
    write_card,
)
from .data import (
    find_jfleg,
    find_medquad,
    find_mlqe,
    jfleg_split,
    medquad_sentences,
    read_medquad,
    read_mlqe,
)
from .evaluate import words_line
from .metrics import gleu
from .noise import noisy_pairs

TRAIN_THREADS_NOTE = "1 thread, nice 10, beside other work on 2 cores"


@dataclass
class PairSet:
    train: list[tuple[str, str]]
    dev_noisy: list[tuple[str, str]]  # held-out medquad sentences, corrupted
    dev_jfleg: list[tuple[str, list[str]]]  # JFLEG odd lines (source, references)
    counts: dict[str, int]


def training_pairs(data: Path, tiny: bool = False, seed: int = 0,
                   max_sentences: int | None = None) -> PairSet:
    """(source, target) pairs from the three sources; dev data never enters ``train``.

    MLQE-PE post-edits and JFLEG references are repeated (2× and 3×) so the few real pairs are
    not drowned by the synthetic ones.
    """

    rng = random.Random(seed)
    answers = read_medquad(find_medquad(data), limit=60 if tiny else None)
    sentences = medquad_sentences(answers)
    rng.shuffle(sentences)
    n_dev = 20 if tiny else 200
    limit = max_sentences or (200 if tiny else 60000)
    dev_sentences, sentences = sentences[:n_dev], sentences[n_dev : n_dev + limit]
    synthetic = [(noisy, clean) for noisy, clean, _ in noisy_pairs(sentences, seed)]
    dev_noisy = [(noisy, clean) for noisy, clean, names in noisy_pairs(dev_sentences, seed + 1)
                 if names]
    mlqe: list[tuple[str, str]] = []
    try:
        for ex in read_mlqe(find_mlqe(data, "train"), limit=100 if tiny else None):
            mlqe.append((detokenize(" ".join(ex.tokens)), detokenize(ex.pe)))
    except InputError:
        pass
    jfleg_train: list[tuple[str, str]] = []
    dev_jfleg: list[tuple[str, list[str]]] = []
    try:
        even, odd = jfleg_split(find_jfleg(data))
        jfleg_train = [(src, ref) for src, refs in even[: 20 if tiny else None] for ref in refs
                       if ref.strip()]
        dev_jfleg = odd[: 16 if tiny else 80]
    except InputError:
        pass
    train = synthetic + mlqe * 2 + jfleg_train * 3
    rng.shuffle(train)
    counts = {"medquad_noisy": len(synthetic), "mlqe_train": len(mlqe),
              "jfleg_even": len(jfleg_train), "train_rows": len(train)}
    return PairSet(train, dev_noisy, dev_jfleg, counts)


@dataclass
class RewriterResult:
    out: Path
    seconds: float
    metrics: dict
    history: list[float]


def _encode(tokenizer, pairs: Sequence[tuple[str, str]]) -> list[tuple[list[int], list[int]]]:
    eos = tokenizer.eos_token_id
    sources = tokenizer([s for s, _ in pairs], add_special_tokens=False)["input_ids"]
    targets = tokenizer([t for _, t in pairs], add_special_tokens=False)["input_ids"]
    return [(s[: MAX_TOKENS - 1] + [eos], t[: MAX_TOKENS - 1] + [eos])
            for s, t in zip(sources, targets, strict=True)]


def _length_batches(rows: Sequence[tuple[list[int], list[int]]], size: int,
                    rng: random.Random):
    """Endless batches of similar length (less padding: CPU time), in random order."""
    while True:
        order = list(range(len(rows)))
        rng.shuffle(order)
        pool = size * 50
        for p in range(0, len(order), pool):
            chunk = sorted(order[p : p + pool], key=lambda i: len(rows[i][0]))
            batches = [chunk[i : i + size] for i in range(0, len(chunk), size)]
            rng.shuffle(batches)
            yield from batches


def _tensors(rows, pad: int):
    ids, mask = _pad([r[0] for r in rows], pad)
    labels, _ = _pad([r[1] for r in rows], pad, fill_labels=True)
    return ids, mask, labels


def evaluate_rewriter(rewriter: Rewriter, dev_noisy: Sequence[tuple[str, str]],
                      dev_jfleg: Sequence[tuple[str, list[str]]]) -> dict:
    """Greedy rewrites of held-out pairs: exact-match, copy rate and GLEU (JFLEG odd lines)."""
    metrics: dict = {}
    if dev_noisy:
        hyps = [c[0] if c else "" for c in rewriter.candidates([s for s, _ in dev_noisy], k=1)]
        metrics["noisy_exact"] = round(
            sum(h == t for h, (_, t) in zip(hyps, dev_noisy, strict=True)) / len(hyps), 4)
        metrics["noisy_copy"] = round(
            sum(h == s for h, (s, _) in zip(hyps, dev_noisy, strict=True)) / len(hyps), 4)
    if dev_jfleg:
        src = [s for s, _ in dev_jfleg]
        hyps = [c[0] if c else s for c, s in zip(rewriter.candidates(src, k=1), src,
                                                 strict=True)]
        src_w = [words_line(s) for s in src]
        refs_w = [[words_line(r[k]) for _, r in dev_jfleg] for k in range(len(dev_jfleg[0][1]))]
        metrics["jfleg_gleu_source"] = round(gleu(src_w, refs_w, src_w, iterations=50), 4)
        metrics["jfleg_gleu"] = round(
            gleu(src_w, refs_w, [words_line(h) for h in hyps], iterations=50), 4)
        metrics["jfleg_copy"] = round(
            sum(h == s for h, s in zip(hyps, src, strict=True)) / len(hyps), 4)
    return metrics


def train_rewriter(data: Path, out: Path, steps: int | None = None, tiny: bool = False,
                   tokenizer_path: str | None = None, max_minutes: float = 22.0, seed: int = 0,
                   command: str = "", hidden: int | None = None, layers: int | None = None,
                   init: str | None = None, log: Log | None = None) -> RewriterResult:
    """Train the rewrite model and save it (fp16) with a model card.

    From scratch by default; ``init`` (a folder or Hugging Face id of a seq2seq model) continues
    training that model instead, with its own tokenizer: one session's CPU budget is too short
    for a good model, and a pretrained grammar model only needs fine-tuning.
    """
    log = log or _stderr
    cpu_threads(TRAIN_THREADS)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    start = time.time()
    pairs = training_pairs(data, tiny=tiny, seed=seed)
    log(f"rewriter: {pairs.counts} ({time.time() - start:.0f}s to build)")
    earlier = earlier_training(Path(init)) if init else ""  # now: ``out`` may be ``init``
    tokenizer, model = _start_model(pairs, init, tokenizer_path, tiny, hidden, layers, log)
    run = RewriterRun(model, tokenizer, pairs, _encode(tokenizer, pairs.dev_noisy), log)
    rows = _encode(tokenizer, pairs.train)
    steps = steps or (30 if tiny else 6000)
    batch = 8 if tiny else 32  # more, smaller updates: copying is learned sooner
    log(f"rewriter: {model.num_parameters() / 1e6:.1f}M parameters, {len(rows)} pairs, "
        f"{steps} steps of {batch} (at most {max_minutes:.0f} min)")
    done, seconds, history = run.fit(rows, steps, batch, tiny, max_minutes, bool(init), rng)
    metrics = run.dev_report(done)
    metrics["steps"] = done
    save_rewriter(out, model, tokenizer)
    _write_card(out, model, tokenizer, pairs, metrics, seconds, done, batch,
                command or "textfix train rewriter " + shlex.join(["--out", str(out)]),
                folder_size_mb(out), init, earlier)
    return RewriterResult(out, seconds, metrics, history)


def _start_model(pairs: PairSet, init: str | None, tokenizer_path: str | None, tiny: bool,
                 hidden: int | None, layers: int | None, log: Log):
    """(tokenizer, model): ``init`` loaded to continue, or a fresh model and tokenizer."""
    if init:
        from transformers import AutoModelForSeq2SeqLM

        tokenizer, model = load_pretrained(init, "rewriter", AutoModelForSeq2SeqLM)
        cpu_threads(TRAIN_THREADS)  # loading set the inference thread count
        log(f"rewriter: continuing from {init}")
        return tokenizer, model
    if tokenizer_path is None and not tiny and (MODELS_DIR / "lm" / "tokenizer.json").is_file():
        tokenizer_path = str(MODELS_DIR / "lm")
    texts = [t for pair in pairs.train[:3000] for t in pair]
    tokenizer = load_or_train_tokenizer(tokenizer_path, texts, 600 if tiny else 8000, log)
    model = _new_model(tokenizer, hidden or (32 if tiny else 256), layers or (1 if tiny else 2),
                       tiny)
    return tokenizer, model


class RewriterRun:
    """One training run's model with its held-out data: the loop and the dev evaluations."""

    def __init__(self, model, tokenizer, pairs: PairSet, dev_rows, log: Log) -> None:
        self.model = model
        self.pad = tokenizer.pad_token_id
        self.pairs = pairs
        self.dev_rows = dev_rows
        self.log = log
        self.rewriter = Rewriter(model, tokenizer)

    def dev_loss(self) -> float:
        model = self.model
        model.eval()
        losses = []
        with torch.no_grad():
            for i in range(0, len(self.dev_rows), 32):
                ids, mask, labels = _tensors(self.dev_rows[i : i + 32], self.pad)
                losses.append(float(model(input_ids=ids, attention_mask=mask,
                                          labels=labels).loss))
        model.train()
        return sum(losses) / max(1, len(losses))

    def dev_report(self, done: int, n: int = 100) -> dict:
        metrics = {"dev_loss": round(self.dev_loss(), 4)}
        metrics.update(evaluate_rewriter(self.rewriter, self.pairs.dev_noisy[:n],
                                         self.pairs.dev_jfleg[:n]))
        self.model.train()
        self.log(f"rewriter step {done}: {metrics}")
        return metrics

    def fit(self, rows, steps: int, batch: int, tiny: bool, max_minutes: float,
            continued: bool, rng: random.Random) -> tuple[int, float, list[float]]:
        """The training loop: (steps taken, seconds, loss at each log step)."""
        model = self.model
        # BART is post-LayerNorm: at 1e-3 it settled into an unconditional LM (loss ~3.4, every
        # input decoded to the same sentence); at 3e-4 it learns to copy its input within ~1,000
        # steps.
        optimizer, scheduler = optimizer_and_schedule(model.parameters(), 3e-3 if tiny else 3e-4,
                                                      steps, warmup=100 if continued else 300,
                                                      seconds=max_minutes * 60)
        train_start = time.time()
        history: list[float] = []
        running: list[float] = []
        log_every = max(1, steps // 100)
        budget = max_minutes * 60
        next_eval = budget / 4  # a small dev evaluation at each quarter of the time budget
        model.train()
        done = 0
        for done, idx in enumerate(_length_batches(rows, batch, rng), start=1):
            ids, mask, labels = _tensors([rows[i] for i in idx], self.pad)
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            running.append(update(loss, model.parameters(), optimizer, scheduler))
            if done % log_every == 0:
                history.append(sum(running) / len(running))
                running = []
                self.log(f"rewriter step {done}/{steps} loss {history[-1]:.3f} "
                         f"({time.time() - train_start:.0f}s)")
            if not tiny and time.time() - train_start > next_eval and done < steps:
                self.dev_report(done, 40)
                next_eval += budget / 4
            if done >= steps or time.time() - train_start > budget:
                break
        if running:
            history.append(sum(running) / len(running))
        return done, time.time() - train_start, history


def save_rewriter(out: Path, model, tokenizer) -> None:
    """Weights in fp16 with the beam-search settings the runtime generates with."""
    from transformers import GenerationConfig

    model.generation_config = GenerationConfig(
        decoder_start_token_id=tokenizer.eos_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
        forced_eos_token_id=tokenizer.eos_token_id, num_beams=4, max_new_tokens=MAX_TOKENS * 2,
    )
    out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(out, safe_serialization=True)
    model.float()
    tokenizer.save_pretrained(out)


def earlier_training(folder: Path) -> str:
    """How the model in ``folder`` was trained, from its card, so that a model trained in
    several runs (``--init``) keeps the whole recipe on its own card."""
    card = read_card(folder)
    if "Command" not in card:
        return ""
    runs = [card["Earlier training"]] if card.get("Earlier training") else []
    return "\n".join(runs + [f"- {card['Command']}: {card.get('Training', '')}"])


def _new_model(tokenizer, hidden: int, n_layers: int, tiny: bool):
    """A fresh BART-style encoder-decoder sized for a CPU session."""
    from transformers import BartConfig, BartForConditionalGeneration

    config = BartConfig(
        vocab_size=len(tokenizer), d_model=hidden, encoder_layers=n_layers,
        decoder_layers=n_layers, encoder_attention_heads=2 if tiny else 4,
        decoder_attention_heads=2 if tiny else 4, encoder_ffn_dim=hidden * 4,
        decoder_ffn_dim=hidden * 4, max_position_embeddings=MAX_TOKENS * 2 + 8,
        dropout=0.05, pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id, scale_embedding=False,  # x16 hid positions
        tie_word_embeddings=True,
    )
    return BartForConditionalGeneration(config)


def _write_card(out: Path, model, tokenizer, pairs: PairSet, metrics: dict, seconds: float,
                done: int, batch: int, command: str, size_mb: float,
                init: str | None = None, earlier: str = "") -> None:
    c = model.config
    origin = f"further trained from `{init}` (see its card)" if init else "trained from scratch"
    counts = pairs.counts
    write_card(out, "textfix rewrite model", {
        "What": f"A BART-style seq2seq ({c.encoder_layers} encoder + {c.decoder_layers} decoder "
                f"layers, d_model {c.d_model}, {model.num_parameters() / 1e6:.1f}M parameters, "
                f"byte-level BPE vocabulary of {len(tokenizer)} shared with `models/lm`) {origin} "
                "to propose a fluent rewrite of an awkward, machine-translated "
                "English sentence. textfix's rewrite stage (`--rewrite`) generates a few beam "
                "candidates, ranks them with the health LM and a meaning check, and the guard "
                "decides whether one may be applied.",
        "Data": f"(1) {counts['medquad_noisy']} MedQuAD answer sentences (CC BY 4.0) corrupted by "
                "textfix's documented MT noise model (`textfix/training/noise.py`: calques from "
                "`data/calques.yaml` in reverse, repetitions, dropped subjects and articles, "
                "wrong prepositions and agreement, adverb order, verb-subject inversion), 10% "
                "left clean; 200 other sentences held out for evaluation. "
                f"(2) {counts['mlqe_train']} MLQE-PE ru-en **train** MT → post-edit pairs "
                "(CC0), detokenized, repeated 2×; the dev split is never used. "
                f"(3) JFLEG dev (CC BY-NC-SA 4.0): only the **even** lines (0, 2, 4, ...; "
                f"{counts['jfleg_even']} source → reference pairs, repeated 3×); the odd lines "
                "are held out and are the only JFLEG data textfix reports GLEU on.",
        "Command": f"`{command}`",
        "Training": f"{done} {'more ' if init else ''}steps of {batch} pairs on CPU "
                    f"({TRAIN_THREADS_NOTE}) in "
                    f"{seconds / 60:.1f} min; AdamW, warm-up then cosine decay; weights stored in "
                    f"fp16 ({size_mb:.1f} MB folder).",
        **({"Earlier training": earlier} if earlier else {}),
        "Metrics": "Greedy decoding on held-out data. Noisy MedQuAD sentences (100): exact "
                   f"reconstruction {metrics.get('noisy_exact')}, output = input "
                   f"{metrics.get('noisy_copy')}. JFLEG odd lines (first "
                   f"{len(pairs.dev_jfleg)}): GLEU {metrics.get('jfleg_gleu')} vs "
                   f"{metrics.get('jfleg_gleu_source')} for the unchanged source (50 reference "
                   f"draws); copy rate {metrics.get('jfleg_copy')}. Dev loss "
                   f"{metrics.get('dev_loss')} nats/token. See the project README for the "
                   "pipeline-level figures (`scripts/eval_rewrite.py`).",
        "Limits": _limits(metrics),
    })


def _limits(metrics: dict) -> str:
    """An honest limits paragraph: whether the model beats leaving the text alone."""
    if (metrics.get("jfleg_gleu") or 0.0) < (metrics.get("jfleg_gleu_source") or 0.0):
        return ("**Not good enough to apply on its own.** It reads its input (it copies "
                f"{metrics.get('jfleg_copy')} of the JFLEG sentences and restores "
                f"{metrics.get('noisy_exact')} of the noised MedQuAD ones exactly), but its "
                "greedy rewrites score below the unchanged source on JFLEG: it fixes the noise "
                "model's error types and also changes what was right. The rewrite stage "
                "therefore offers its gated candidates to editors and applies one only when the "
                "health LM and the meaning check agree strongly (see `rewrite.py`); train longer "
                "(`--max-minutes`, `--steps`) or point `--rewriter-model` at a stronger seq2seq "
                "grammar model.")
    return ("Small and trained briefly on a shared CPU: it mostly copies and fixes the error "
            "types of the noise model; never apply its output without the guard.")
