"""Fragment check: MT-style broken sentences are flagged, clean English and structure labels not."""

from __future__ import annotations

import pytest

from textfix.checks.fragment import FragmentCheck
from textfix.config import Config
from textfix.records import Issue

from .helpers import parts_document, run_check
from .medquad import flagged_clean_sentences


@pytest.fixture(scope="module")
def check() -> FragmentCheck:
    return FragmentCheck(Config())


def run(nlp, check: FragmentCheck, parts: list[tuple[str, str]]) -> tuple[str, list[Issue]]:
    document = parts_document(parts)
    return document.text, run_check(check, nlp, document)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Why the feet when running?", "fragment/no-finite-verb"),
        ("Besides, strong sweating, leading to the loss of sodium.", "fragment/no-finite-verb"),
        ("Reduces blood pressure.", "fragment/no-subject"),
        ("In muscles with heavy exercise accumulates uric acid.", "fragment/inverted-subject"),
        ("During a long fast in the human body begins to produce ketones.",
         "fragment/inverted-subject"),
        ("What can be provoked spasms", "fragment/broken-passive"),
    ],
)
def test_flags_mt_sentence_with_sentence_span(nlp, check, sentence, rule):
    intro = "Cramps are common in older adults."
    text, issues = run(nlp, check, [("paragraph", f"{intro} {sentence}")])
    assert [i.rule for i in issues] == [rule]
    issue = issues[0]
    assert text[issue.start : issue.end] == sentence
    assert issue.category == "fragment"
    assert issue.suggestions == []  # the editor rewrites; no automatic fix
    assert 0 < issue.confidence < 1


def test_verbless_clause_spans_the_clause(nlp, check):
    text, issues = run(nlp, check, [("paragraph", "When varicose veins, the small vessels are "
                                                  "stretched.")])
    assert [i.rule for i in issues] == ["fragment/verbless-clause"]
    assert text[issues[0].start : issues[0].end] == "When varicose veins"
    assert "When" in issues[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "Drink plenty of water every day.",
        "See a doctor if the pain does not go away.",
        "For more information, visit the clinic website.",
        "Not always.",
        "The main symptoms are:",
        "Among the common causes are dehydration and low potassium.",
        "Although rare, the condition can be serious.",
        "When necessary, the doctor prescribes painkillers.",
        "If untreated, the infection spreads to the joints.",
        "Patients may be given antibiotics for two weeks.",
        "Symptoms usually improve within a few days.",
        "In most cases, the cramps stop after a few minutes.",
        "Potassium helps muscles contract normally.",
        "The muscle relaxes when the nerve signal stops.",
        "It is caused by mutations in the CFTR gene.",
        "Is it safe to exercise during pregnancy?",
        "(See the section on diet below.)",
        "Lower the salt in your meals and soups.",
        "or a feeling of pressure in the middle of the chest",
        "Blood samples were taken a median of three days after admission.",
        "A spokesman for the U.S.",
    ],
)
def test_clean_english_is_not_flagged(nlp, check, sentence):
    _, issues = run(nlp, check, [("paragraph", sentence)])
    assert issues == []


def test_headings_and_list_item_labels_are_exempt(nlp, check):
    parts = [
        ("heading", "Why the calves when walking?"),
        ("list_item", "Increased sweating, leading to the loss of potassium."),
        ("list_item", "Dehydration."),
        ("paragraph", "Reduces muscle tone."),
    ]
    text, issues = run(nlp, check, parts)
    assert [text[i.start : i.end] for i in issues] == ["Reduces muscle tone."]


def test_later_sentences_of_a_list_item_are_prose(nlp, check):
    """A numbered item labels itself in its first sentence; what follows is checked."""
    item = "Physical activity. Raises muscle tone."
    text, issues = run(nlp, check, [("list_item", item)])
    assert [(i.rule, text[i.start : i.end]) for i in issues] == [
        ("fragment/no-subject", "Raises muscle tone.")
    ]


def test_offsets_point_into_the_document_not_the_segment(nlp, check):
    parts = [("heading", "Leg cramps"), ("paragraph", "Cramps hurt. Reduces muscle tone.")]
    text, issues = run(nlp, check, parts)
    assert len(issues) == 1
    assert text[issues[0].start : issues[0].end] == "Reduces muscle tone."


@pytest.mark.slow
def test_few_false_alarms_on_clean_health_text(nlp, check):
    flagged, total = flagged_clean_sentences(nlp, check)
    assert len(flagged) / total < 0.03, flagged
