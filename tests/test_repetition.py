"""Repetition check: MT echoes of one lemma are flagged, idioms and parallel phrases are not."""

from __future__ import annotations

import pytest

from textfix.checks.repetition import RepetitionCheck
from textfix.config import Config

from .helpers import apply_first, parts_document, run_check
from .medquad import flagged_clean_sentences


@pytest.fixture(scope="module")
def check() -> RepetitionCheck:
    return RepetitionCheck(Config())


@pytest.mark.parametrize(
    ("sentence", "rule", "span"),
    [
        ("Feet cramping when cramping at night.", "repetition/same-word",
         "cramping when cramping"),
        ("The inflammation is provoked by such inflammations of the joints.",
         "repetition/same-lemma", "inflammation is provoked by such inflammations"),
        ("The disease of the liver causes liver disease-like symptoms in children.",
         "repetition/same-word", "liver causes liver"),
        ("The patient complains that the pain complains him at night.", "repetition/same-word",
         "complains that the pain complains"),
    ],
)
def test_flags_mt_echo_covering_both_occurrences(nlp, check, sentence, rule, span):
    issues = run_check(check, nlp, sentence)
    assert [(i.rule, sentence[i.start : i.end]) for i in issues] == [(rule, span)]
    issue = issues[0]
    assert issue.category == "repetition"
    assert issue.suggestions == []  # a rewrite needs an editor
    first_word = span.split()[0]
    assert f"'{first_word}'" in issue.message


def test_headings_are_checked_too(nlp, check):
    heading = parts_document([("heading", "Hands shaking when shaking: the causes")])
    issues = run_check(check, nlp, heading)
    assert [i.rule for i in issues] == ["repetition/same-word"]


def test_closer_repeats_are_more_confident(nlp, check):
    near = run_check(check, nlp, "Feet cramping when cramping at night.")[0]
    far = run_check(check, nlp,
                    "The inflammation is provoked by such inflammations of the joints.")[0]
    assert near.confidence > far.confidence


def test_doubled_word_has_a_safe_fix(nlp, check):
    text = "Take the the pills twice a day."
    issues = run_check(check, nlp, text)
    assert [(i.rule, text[i.start : i.end]) for i in issues] == [("repetition/doubled-word",
                                                                  "the the")]
    assert apply_first(text, issues) == "Take the pills twice a day."


@pytest.mark.parametrize(
    "sentence",
    [
        "Recovery goes step by step.",
        "The pain comes back from time to time.",
        "Day after day, the swelling went down.",
        "Move the foot from side to side.",
        "Check your blood pressure and blood sugar every month.",
        "The marrow makes red blood cells, white blood cells, and platelets.",
        "Some genes interact with other genes.",
        "He said that that was fine.",
        "She had had two operations before.",
        "The gene makes a protein that activates other proteins.",
        "The disease is a kidney cancer, not a bladder cancer.",
        "Type 1 and type 2 diabetes differ.",
        "Fulguration Fulguration is a procedure that destroys tissue.",
        "Muscle cramps are sudden, painful contractions of a muscle.",
        # each occurrence names its own thing, a heading runs into its text, a reference back
        "Similar viruses cause similar symptoms in bats.",
        "The bile passes through the cystic duct to the common bile duct.",
        "Use a tissue to touch the touch screen.",
        "Gene therapy Gene therapy is a way to treat a disease by changing genes.",
        "Use water and soap when soap is at hand.",
        "Wash your hands often to keep the hands free of germs.",
    ],
)
def test_legitimate_repeats_are_not_flagged(nlp, check, sentence):
    assert run_check(check, nlp, sentence) == []


def test_repeats_in_different_sentences_are_not_flagged(nlp, check):
    assert run_check(check, nlp, "Walking helps. Walking daily helps more.") == []


@pytest.mark.slow
def test_few_false_alarms_on_clean_health_text(nlp, check):
    flagged, total = flagged_clean_sentences(nlp, check)
    assert len(flagged) / total < 0.02, flagged
