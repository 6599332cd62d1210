"""Evaluation metrics: word-level MCC/F1-BAD, Pearson r, TER and JFLEG's GLEU.

GLEU follows Napoles et al. (2015, 2016 revision), as in the official ``gleu.py`` of JFLEG: for
each sentence one reference is drawn at random (fixed seeds, 500 draws averaged); n-gram
(n = 1..4) precision counts hypothesis n-grams that match the reference, minus those that match
the source but not the reference (the source n-grams a correction should have changed), and the
corpus score is the geometric mean of those precisions times BLEU's brevity penalty.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence


def binary_scores(pred: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Matthews correlation, and precision/recall/F1 of the BAD class."""
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if not p and g)
    tn = len(gold) - tp - fp - fn
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = (tp * tn - fp * fn) / denom if denom else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"mcc": mcc, "f1_bad": f1, "precision_bad": precision, "recall_bad": recall}


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation; 0.0 when either side is constant (a system that scores nothing)."""
    n = len(x)
    if n < 2:
        return 0.0
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def ter(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """Corpus TER in % (edits with shifts / reference words), sacrebleu's implementation.

    Inputs are compared as given (space-separated words): callers tokenize both sides alike.
    """
    from sacrebleu.metrics import TER

    return TER().corpus_score(list(hypotheses), [list(references)]).score


def _ngrams(words: Sequence[str], n: int) -> Counter:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _gleu_stats(hyp: list[str], ref: list[str], src: list[str], order: int) -> list[int]:
    stats = [len(hyp), len(ref)]
    for n in range(1, order + 1):
        h, r, s = _ngrams(hyp, n), _ngrams(ref, n), _ngrams(src, n)
        src_not_ref = Counter({k: v for k, v in s.items() if k not in r})
        penalty = sum((h & src_not_ref).values())
        stats.append(max(0, sum((h & r).values()) - penalty))
        stats.append(max(0, len(hyp) + 1 - n))
    return stats


def _gleu_from_stats(stats: Sequence[int], order: int) -> float:
    hyp_len, ref_len = stats[0], stats[1]
    if any(v == 0 for v in stats[2:]):
        return 0.0
    log_prec = sum(math.log(stats[2 + 2 * i] / stats[3 + 2 * i]) for i in range(order)) / order
    return math.exp(min(0.0, 1 - ref_len / hyp_len) + log_prec)


def gleu(sources: Sequence[str], references: Sequence[Sequence[str]],
         hypotheses: Sequence[str], order: int = 4, iterations: int = 500) -> float:
    """Corpus GLEU (0..1) of tokenized ``hypotheses``; ``references[k][i]`` is ref k of sentence i.

    Each iteration draws one reference per sentence (seeded, so runs repeat exactly); the result
    is the mean over iterations, as JFLEG's ``compute_gleu`` reports it.
    """
    src = [s.split() for s in sources]
    hyp = [h.split() for h in hypotheses]
    refs = [[r[i].split() for r in references] for i in range(len(sources))]
    per_sentence = [
        [_gleu_stats(hyp[i], ref, src[i], order) for ref in refs[i]] for i in range(len(src))
    ]
    scores = []
    for it in range(iterations):
        rng = random.Random(it * 101)  # the seeds of JFLEG's compute_gleu
        total = [0] * (2 + 2 * order)
        for i in range(len(src)):
            stats = per_sentence[i][rng.randint(0, len(refs[i]) - 1)]
            total = [a + b for a, b in zip(total, stats, strict=True)]
        scores.append(_gleu_from_stats(total, order))
    return sum(scores) / len(scores)
