"""The terminology check: glossary terms with context rules, and one name per concept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from textfix.checks.terminology import TerminologyCheck
from textfix.config import Config
from textfix.errors import ConfigError
from textfix.records import Issue

from .helpers import apply_first, run_check


@pytest.fixture(scope="module")
def check() -> TerminologyCheck:
    return TerminologyCheck(Config())


def rules(issues: list[Issue]) -> list[str]:
    return [i.rule for i in issues]


@pytest.mark.parametrize(
    "text",
    [
        "At night the calf muscles go into convulsions.",
        "Seizures in the leg muscles wake her at night.",
        "Convulsions of the toes are rare.\n",
    ],
)
def test_convulsions_in_muscle_context_become_cramps(check, nlp, text):
    wanted = ("terminology/convulsions-for-cramps", "terminology/seizures-for-cramps")
    issues = [i for i in run_check(check, nlp, text) if i.rule in wanted]
    assert len(issues) == 1
    fixed = apply_first(text, issues[:1])
    assert re.search(r"\b[Cc]ramps\b", fixed)
    assert issues[0].category == "terminology" and issues[0].suggestions[0].source == "glossary"


@pytest.mark.parametrize(
    "text",
    [
        "Convulsions are the main sign of epilepsy.",
        "A high fever can cause seizures in young children.",
        "Seizures start in the brain and may spread to the leg muscles.",
        "Tissue ischemia causes severe pain.",
    ],
)
def test_convulsions_in_epilepsy_or_fever_context_are_left_alone(check, nlp, text):
    assert run_check(check, nlp, text) == []


def test_the_context_window_is_the_paragraph(check, nlp):
    text = "Cramps hit the calf muscles. Convulsions come at night.\n\nConvulsions come at night."
    issues = [i for i in run_check(check, nlp, text)
              if i.rule == "terminology/convulsions-for-cramps"]
    assert [text[i.start : i.end] for i in issues] == ["Convulsions"]
    assert issues[0].start == text.index("Convulsions")


@pytest.mark.parametrize(
    ("text", "rule", "fixed"),
    [
        ("Flat-footedness changes the gait.", "flat-footedness", "Flat feet changes the gait."),
        ("Flatfoot is common in children.", "flatfoot", "Flat feet is common in children."),
        ("Swelling of the lower extremities.", "lower-extremities", "Swelling of the legs."),
        ("Increased perspiration drains potassium.", "perspiration",
         "Increased sweating drains potassium."),
        ("Check your arterial pressure daily.", "arterial-pressure",
         "Check your blood pressure daily."),
        ("He had angina with a sore throat and swollen tonsils.", "angina-for-tonsillitis",
         "He had tonsillitis with a sore throat and swollen tonsils."),
        ("Avitaminosis weakens the muscles.", "avitaminosis",
         "Vitamin deficiency weakens the muscles."),
    ],
)
def test_glossary_terms_are_flagged_with_a_replacement(check, nlp, text, rule, fixed):
    issues = run_check(check, nlp, text)
    assert f"terminology/{rule}" in rules(issues)
    entry_issues = [i for i in issues if not i.rule.startswith("terminology/inconsistent-")]
    assert apply_first(text, entry_issues) == fixed


def test_low_confidence_entries_say_so(check, nlp):
    [issue] = run_check(check, nlp, "Pain in the lower extremities.")
    assert issue.confidence <= 0.4
    assert issue.suggestions[0].text == "legs"


def test_angina_of_the_heart_is_correct_english(check, nlp):
    text = "Angina is chest pain caused by reduced blood flow to the heart."
    assert run_check(check, nlp, text) == []


def test_mixed_names_of_one_concept_are_flagged_as_inconsistent(check, nlp):
    text = (
        "Flatfoot is common. Flatfoot rarely hurts.\n"
        "Children with flat-footedness may tire sooner."
    )
    issues = [i for i in run_check(check, nlp, text)
              if i.rule == "terminology/inconsistent-flat-feet"]
    assert [text[i.start : i.end] for i in issues] == ["flat-footedness"]
    assert issues[0].severity == "info"
    assert [s.text for s in issues[0].suggestions] == ["flatfoot", "flat feet"]


def test_inconsistent_muscle_names_suggest_the_preferred_term(check, nlp):
    text = (
        "Leg cramps wake many people. The calf cramps last minutes.\n"
        "A muscle spasm of the calf is painful. Stretch the calf to stop the spasms."
    )
    issues = [i for i in run_check(check, nlp, text)
              if i.rule == "terminology/inconsistent-muscle-cramp"]
    assert [text[i.start : i.end] for i in issues] == ["spasm", "spasms"]
    assert [i.suggestions[0].text for i in issues] == ["cramp", "cramps"]
    fixed = apply_first(text, issues)
    assert "A muscle cramp of the calf" in fixed and "stop the cramps" in fixed


def test_one_name_throughout_is_not_flagged(check, nlp):
    text = "Leg cramps are common.\nStretch the calf when the cramps start."
    assert run_check(check, nlp, text) == []


def test_user_glossary_files_add_entries_and_concepts(nlp, tmp_path: Path):
    extra = tmp_path / "house.yaml"
    extra.write_text(
        "entries:\n"
        "  - id: tummy\n"
        "    pattern: tummy\n"
        "    message: House style says 'stomach'.\n"
        "    suggestions: ['stomach']\n"
        "concepts:\n"
        "  - id: heart-attack\n"
        "    preferred: heart-attack\n"
        "    variants:\n"
        "      - {name: heart-attack, pattern: heart attack, form: 'heart attack{s}'}\n"
        "      - {name: myocardial-infarction, pattern: myocardial infarction}\n",
        encoding="utf-8",
    )
    tsv = tmp_path / "house.tsv"
    tsv.write_text("sick-leave\tsick list\tSay 'sick leave'.\tsick leave\n", encoding="utf-8")
    check = TerminologyCheck(Config(extra_glossary=(extra, tsv)))
    text = "A heart attack hurts the tummy less than a myocardial infarction. Get a sick list."
    found = rules(run_check(check, nlp, text))
    assert {"terminology/tummy", "terminology/sick-leave",
            "terminology/inconsistent-heart-attack"} <= set(found)


def test_malformed_glossary_concept_names_file_and_concept(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "concepts:\n  - id: pain\n    preferred: ache\n    variants:\n"
        "      - {name: pain, pattern: pain}\n      - {name: soreness, pattern: soreness}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"bad\.yaml, concept 1 \(pain\).*preferred"):
        TerminologyCheck(Config(extra_glossary=(bad,)))


def test_sample_article_terms(check, nlp, shared_dir):
    path = shared_dir / "samples" / "leg-cramps-mt-article.txt"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    text = path.read_text(encoding="utf-8")
    issues = run_check(check, nlp, text)
    flagged = {(i.rule, text[i.start : i.end].lower()) for i in issues}
    assert ("terminology/flat-footedness", "flat-footedness") in flagged
    assert ("terminology/perspiration", "perspiration") in flagged
    assert ("terminology/lower-extremities", "lower extremities") in flagged
    assert ("terminology/inconsistent-flat-feet", "flat-footedness") in flagged
    assert any(rule == "terminology/convulsions-for-cramps" for rule, _ in flagged)
    # "Tissue ischemia causes convulsions" has no muscle word nearby: left alone
    ischemia = text.index("Tissue ischemia causes convulsions")
    assert not any(ischemia <= i.start < ischemia + 40 for i in issues)
