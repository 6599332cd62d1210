"""The shipped health-English LM: surprisal maps to characters and prefers fluent English."""

from __future__ import annotations

import pytest

from textfix.models.loading import MODELS_DIR

LM_DIR = MODELS_DIR / "lm"


@pytest.fixture(scope="module")
def lm():
    if not (LM_DIR / "config.json").is_file():
        pytest.skip("models/lm is not built (make models)")
    from textfix.models.lm import HealthLM

    return HealthLM.load(str(LM_DIR))


def test_surprisal_spans_cover_the_sentence_characters(lm):
    text = "High blood pressure often has no symptoms."
    [tokens] = lm.surprisal([text])
    covered = "".join(text[s:e] for s, e, _ in tokens)
    assert covered == text.replace(" ", "")
    assert all(bits >= 0 for _, _, bits in tokens)


def test_batched_and_single_scores_agree(lm):
    sentences = ["Drink plenty of water.", "Your doctor may order a blood test to check it."]
    together = lm.sentence_score(sentences)
    alone = [lm.sentence_score([s])[0] for s in sentences]
    assert together == pytest.approx(alone, abs=1e-3)


def test_fluent_health_english_scores_better_than_scrambled(lm):
    fluent = "Most people with a cold get better in about a week."
    scrambled = "Week a about in better get cold a with people most."
    assert lm.sentence_score([fluent])[0] < lm.sentence_score([scrambled])[0]
    original = "Symptoms include the pain in joints."
    ranks = lm.rank(original, ["Symptoms include joint pain.", "Joints pain in symptoms the."])
    assert ranks[0] < ranks[1]


def test_relative_bits_are_the_differences_of_whole_sentence_surprisal(lm):
    """Ranking reads only original-minus-variant bits; skipping the shared prefix must not
    change them (variants early, late, longer, shorter, identical, a text in two groups)."""
    groups = [["The level of sugar in the blood depends from the food.",
               "The level of sugar in the blood depends on the food.",
               "The level of sugar in the blood depends of the food.",
               "The level of sugar in the blood depends from the food. Really."],
              ["Patient should take tablet.", "The patient should take a tablet.",
               "Patient should take tablet."],
              ["The level of sugar in the blood depends from the food.", "Sugar depends."],
              ["Drink water", "Drink water."]]
    totals = {text: sum(b for *_, b in tokens) for group in groups
              for text, tokens in zip(group, lm.surprisal(group), strict=True)}
    got = lm.relative_bits(groups)
    for group, gains in zip(groups, got, strict=True):
        expected = [totals[group[0]] - totals[text] for text in group[1:]]
        assert gains == pytest.approx(expected, abs=1e-3)
    assert got[0][0] > 0  # "depends on" reads better than "depends from"
    assert got[1][1] == 0  # the same text saves nothing
