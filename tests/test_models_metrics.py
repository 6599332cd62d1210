"""Metrics used by ``textfix eval``: checked against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from textfix.training.metrics import binary_scores, gleu, pearson, ter


def test_binary_scores_mcc_and_f1_bad():
    gold = [True, True, False, False, False, False]
    pred = [True, False, True, False, False, False]
    s = binary_scores(pred, gold)
    # tp=1 fp=1 fn=1 tn=3
    assert s["mcc"] == pytest.approx((1 * 3 - 1 * 1) / math.sqrt(2 * 2 * 4 * 4))
    assert s["f1_bad"] == pytest.approx(0.5)
    assert binary_scores([False] * 6, gold)["mcc"] == 0.0  # flagging nothing is not a signal


def test_pearson():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_ter_counts_word_edits_per_reference_word():
    assert ter(["the pain is mild"], ["the pain is mild"]) == 0.0
    assert ter(["the pain is strong"], ["the pain is mild"]) == pytest.approx(25.0)
    # a moved phrase costs one shift, not two edits
    assert ter(["is mild the pain"], ["the pain is mild"]) == pytest.approx(25.0)


def test_gleu_rewards_corrections_and_penalises_kept_errors():
    src = ["the patient go to the doctor every day after knee surgery"]
    refs = [["the patient goes to the doctor every day after the knee surgery"],
            ["the patient went to the doctor every day after a knee surgery"]]
    perfect = gleu(src, refs, [refs[0][0]], iterations=50)
    fixed = gleu(src, refs, ["the patient goes to the doctor every day after knee surgery"],
                 iterations=50)
    copied = gleu(src, refs, src, iterations=50)
    assert perfect > fixed > copied
    assert gleu(src, [refs[0]], [refs[0][0]], iterations=5) == pytest.approx(1.0)
