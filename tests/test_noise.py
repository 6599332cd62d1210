"""The MT noise model: each noise makes its documented corruption, and runs repeat exactly."""

from __future__ import annotations

import dataclasses
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
                       "Plentiful bleeding is common after surgery.",
                       "Heavy bleeding is common after operative intervention."}
    assert len(outputs) == 3


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
def test_every_noise_is_documented_and_has_a_rate(n):
    entry = noise.FAMILIES[n]
    assert 0 < entry.rate <= 1
    assert entry.sites.__doc__ and len(entry.sites.__doc__) > 30
    assert f"``{n}`` {entry.rate:g}" in noise.__doc__  # the module doc lists it with its rate


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


# --------------------------------------------------------------------------- the broadened families
# (sentences written for these tests; each family on its own, every eligible site fired)

FAMILY_CASES = [
    ("government", "The outcome depends on the dose.", "on", {"from"}),
    ("government", "Children are often allergic to nuts.", "to", {"on"}),
    ("government", "The symptoms appear at the age of forty.", "at", {"in"}),
    ("collocation", "The doctor made the diagnosis after the scan.", "made", {"put"}),
    ("collocation", "The nurse prescribes antibiotics for a week.", "prescribes",
     {"writes out", "appoints"}),
    ("collocation", "You should take a test every year.", "take a test",
     {"hand over an analysis"}),
    ("genitive_chain", "Check your blood sugar level every morning.", "blood sugar level",
     {"level of sugar of blood", "level of the sugar of the blood", "level of sugar of the blood",
      "level of the sugar of blood"}),
    ("noun_calque", "Preventive measures include vaccination.", "Preventive measures",
     {"Measures of prevention", "Prophylactic measures"}),
    ("generic_article", "Stress raises your heart rate.", "Stress", {"The stress"}),
    ("intensity", "My knee hurts a lot after running.", "hurts a lot",
     {"strongly hurts", "very much hurts", "very strongly hurts"}),
    ("intensity", "Severe pain needs attention.", "Severe", {"Strong"}),
    ("disease_course", "The illness progresses slowly.", "progresses", {"proceeds", "flows"}),
    ("disease_course", "Pain often occurs at night.", "occurs", {"arises"}),
    ("disease_course", "People with severe asthma need an inhaler.", "severe asthma",
     {"asthma in a severe form", "asthma in severe form", "asthma in a heavy form",
      "asthma in heavy form"}),
    ("recommendation", "Bed rest is recommended.", "recommended", {"indicated", "shown"}),
    ("recommendation", "Patients should rest for two days.", "should rest", {"are shown rest"}),
]


def only(name: str, rate: float = 1.0) -> list[noise.Noise]:
    return [dataclasses.replace(noise.FAMILIES[name], probability=rate)]


@pytest.mark.parametrize(("family", "text", "original", "written"), FAMILY_CASES)
def test_each_family_fires_and_reports_the_changed_words(family, text, original, written):
    seen = set()
    for seed in range(8):
        result = noise.corrupt_edits(text, seed, only(family), attempts=1)
        assert result.families == [family]
        edit = next(e for e in result.edits if e.original == original)
        assert result.noisy[edit.start : edit.end] == edit.text  # offsets into the noisy text
        assert edit.text in written
        seen.add(edit.text)
        # the noisy sentence is the clean one with exactly the reported spans replaced
        rebuilt, pos = [], 0
        for e in sorted(result.edits, key=lambda e: e.start):
            rebuilt.append(result.noisy[pos : e.start] + e.original)
            pos = e.end
        assert "".join(rebuilt) + result.noisy[pos:] == text
    assert seen


CLEAN_WITHOUT_SITES = {
    "government": "Wash your hands with soap.",
    "collocation": "Wash your hands with soap.",
    "genitive_chain": "Wash your hands with soap.",
    "noun_calque": "Wash your hands with soap.",
    "generic_article": "The nurse washed her hands.",
    "intensity": "The nurse washed her hands.",
    "disease_course": "The nurse washed her hands.",
    "recommendation": "The nurse washed her hands.",
}


@pytest.mark.parametrize("family", sorted(CLEAN_WITHOUT_SITES))
def test_a_sentence_without_an_eligible_site_stays_unchanged(family):
    text = CLEAN_WITHOUT_SITES[family]
    assert noise.FAMILIES[family].sites(noise.Parsed(text)) == []
    assert noise.corrupt(text, 3, only(family)) == (text, [])


def test_corrupt_reports_the_same_as_corrupt_edits_and_many():
    texts = [case[1] for case in FAMILY_CASES]
    singles = [noise.corrupt_edits(t, random.Random(5)) for t in texts]
    assert [noise.corrupt(t, random.Random(5)) for t in texts] == [
        (c.noisy, c.families) for c in singles]
    assert list(noise.corrupt_many(texts, 9)) == list(noise.corrupt_many(texts, 9))
    assert any(c.edits for c in noise.corrupt_many(texts, 9))


def test_rates_are_respected_on_a_batch():
    texts = ["The outcome depends on the dose.", "She suffers from migraines.",
             "Children are often allergic to nuts.", "The result depends on your age."] * 100
    parsed = list(noise.parse_many(texts))
    rng = random.Random(0)
    for rate in (0.2, 0.6):
        family = only("government", rate)
        sites = sum(len(family[0].sites(p)) for p in parsed)
        fired = sum(len(noise.corrupt_parsed(p, rng, family, attempts=1).edits) for p in parsed)
        assert sites >= 400
        assert abs(fired / sites - rate) < 0.06


def test_the_shipped_mix_corrupts_most_sentences_and_leaves_the_rest_alone():
    texts = [case[1] for case in FAMILY_CASES] * 3
    results = list(noise.corrupt_many(texts, 1))
    changed = [r for r in results if r.noisy != r.clean]
    assert len(changed) >= 0.8 * len(texts)
    assert all(r.edits for r in changed) and all(not r.edits for r in results if r not in changed)
