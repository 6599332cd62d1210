"""The MT noise model: each noise makes its documented corruption, and runs repeat exactly."""

from __future__ import annotations

import random

import pytest

from textfix.training import noise


def rng(seed: int = 0) -> random.Random:
    return random.Random(seed)


def all_outputs(fn, text: str, seeds: int = 30) -> set[str]:
    return {fn(text, rng(s)) for s in range(seeds)}


def test_calque_writes_the_lexicon_phrase_back():
    outputs = all_outputs(noise.calque, "Heavy bleeding is common after surgery.")
    assert outputs <= {"Abundant bleeding is common after surgery.",
                       "Plentiful bleeding is common after surgery."}
    assert len(outputs) == 2


def test_calque_body_becomes_organism():
    outputs = all_outputs(noise.calque, "Alcohol harms cells in the body.")
    assert "Alcohol harms cells in the organism." in outputs
    assert "Alcohol harms cells in the body." not in outputs


def test_calque_inflects_the_verb_like_the_fluent_form():
    outputs = all_outputs(noise.calque, "Low potassium causes leg cramps at night.")
    assert "Low potassium reduces the leg at night." in outputs or \
        "Low potassium reduces leg at night." in outputs


def test_calque_keeps_plural_agreement():
    outputs = all_outputs(noise.calque, "The main causes are unknown.")
    assert outputs == {"The main reasons are unknown."}


def test_calque_leaves_text_without_a_fluent_form_alone():
    assert noise.calque("Wash your hands.", rng()) == "Wash your hands."


def test_repetition_repeats_a_word():
    for seed in range(10):
        out = noise.repetition("Pain in the legs comes at night.", rng(seed))
        words = [w.strip(".").lower() for w in out.split()]
        assert len(words) == 8
        assert len(set(words)) == 7  # the seven words, one of them twice


def test_drop_article_removes_articles_and_fixes_the_capital():
    out = noise.drop_article("The pain in the leg is sharp.", rng(3))
    assert len(out.split()) < 7
    assert out[0].isupper()
    assert noise.drop_article("Pain hurts.", rng()) == "Pain hurts."


def test_drop_subject():
    assert noise.drop_subject("It can cause swelling.", rng()) == "Can cause swelling."
    assert noise.drop_subject("Swelling can occur.", rng()) == "Swelling can occur."


def test_wrong_preposition_swaps_one_preposition():
    outputs = all_outputs(noise.wrong_preposition, "Allergy to nuts is common.")
    assert outputs == {"Allergy for nuts is common.", "Allergy in nuts is common."}


def test_wrong_agreement():
    assert noise.wrong_agreement("The symptoms are mild.", rng()) == "The symptoms is mild."


def test_adverb_order_puts_the_adverb_before_the_auxiliary():
    assert noise.adverb_order("It is usually caused by a virus.", rng()) == \
        "It usually is caused by a virus."


def test_inversion_fronts_the_place_and_the_verb():
    assert noise.inversion("Pain appears in the leg at night.", rng()) == \
        "In the leg at night appears pain."
    assert noise.inversion("Pain can appear in the leg.", rng()) == "Pain can appear in the leg."


@pytest.mark.parametrize("n", [n.name for n in noise.NOISES])
def test_every_noise_is_documented_and_has_a_probability(n):
    entry = next(x for x in noise.NOISES if x.name == n)
    assert 0 < entry.probability <= 1
    assert entry.fn.__doc__ and len(entry.fn.__doc__) > 30


def test_corrupt_is_deterministic_and_reports_what_it_did():
    text = "It is usually caused by heavy bleeding in the body."
    first = noise.corrupt(text, 7)
    assert first == noise.corrupt(text, 7)
    assert first[0] != text and first[1]
    outputs = {noise.corrupt(text, s)[0] for s in range(20)}
    assert len(outputs) > 5


def test_noisy_pairs_keep_some_sentences_clean_and_repeat():
    sentences = ["It is usually caused by stress.", "The main causes are unknown."] * 20
    pairs = noise.noisy_pairs(sentences, seed=1, keep_clean=0.3)
    assert pairs == noise.noisy_pairs(sentences, seed=1, keep_clean=0.3)
    assert all(clean == s for (_, clean, _), s in zip(pairs, sentences, strict=True))
    assert any(noisy == clean for noisy, clean, _ in pairs)
    assert any(noisy != clean for noisy, clean, _ in pairs)
