"""Typography check: exact offsets, safe mechanical fixes, numbers and URLs left alone."""

from __future__ import annotations

import pytest

from textfix.checks.typography import TypographyCheck
from textfix.config import Config

from .helpers import apply_first, lines_document, run_check


@pytest.fixture(scope="module")
def check() -> TypographyCheck:
    return TypographyCheck(Config())


@pytest.mark.parametrize(
    ("text", "rule", "span", "corrected"),
    [
        ("Night cramps - a warning sign?", "typography/spaced-hyphen", "-",
         "Night cramps \u2013 a warning sign?"),
        ("Rest -- then stretch.", "typography/spaced-hyphen", "--", "Rest \u2013 then stretch."),
        ("Drink  more water.", "typography/double-space", "  ", "Drink more water."),
        ("Cramps hurt , especially at night .", "typography/space-before-punctuation", " ,",
         "Cramps hurt, especially at night."),
        ("Stretch the calf ,then rest.", "typography/misplaced-space", " ,",
         "Stretch the calf, then rest."),
        ("The pain stops.Then it returns.", "typography/missing-space", ".",
         "The pain stops. Then it returns."),
        ("Eat bananas,nuts and beans.", "typography/missing-space", ",",
         "Eat bananas, nuts and beans."),
        ("It hurts!! Call a doctor.", "typography/repeated-punctuation", "!!",
         "It hurts! Call a doctor."),
        ("Salt,, sugar and coffee.", "typography/repeated-punctuation", ",,",
         "Salt, sugar and coffee."),
    ],
)
def test_rule_fires_with_exact_span_and_safe_fix(nlp, check, text, rule, span, corrected):
    issues = run_check(check, nlp, text)
    assert issues, f"nothing flagged in {text!r}"
    assert issues[0].rule == rule
    assert text[issues[0].start : issues[0].end] == span
    assert all(i.category == "typography" for i in issues)
    suggestion = issues[0].suggestions[0]
    assert suggestion.source == "typography" and suggestion.score >= 0.85
    assert apply_first(text, issues) == corrected


@pytest.mark.parametrize(
    "text",
    [
        "Take 10-20 mg a day.",
        "Take 10 - 20 mg a day.",
        "A well-known, long-term side-effect.",
        "The dose is 1.5 mg, e.g. after meals.",
        "See www.example.org/cramps,legs or write to help.desk@clinic.org.",
        "Wait... the pain returns.",
        "About 1,000 people, i.e. most patients.",
        "It is called \u201cspasm\u201d in medicine.",
        'It is called "spasm" in medicine.',
        "The U.S. guidance changed in 2020.",
        "- Drink water.\n- Rest your legs.",
    ],
)
def test_clean_text_is_not_flagged(nlp, check, text):
    assert run_check(check, nlp, text) == []


def test_mixed_quotes_follow_the_majority(nlp, check):
    text = ('Doctors call it \u201cspasm\u201d or \u201ccramp\u201d.\n'
            'People say "my leg is cramping".')
    issues = run_check(check, nlp, text)
    assert {i.rule for i in issues} == {"typography/mixed-quotes"}
    assert [text[i.start : i.end] for i in issues] == ['"', '"']
    assert apply_first(text, issues).endswith("People say \u201cmy leg is cramping\u201d.")


def test_mixed_quotes_minority_curly_becomes_straight(nlp, check):
    text = 'Say "rest" and "stretch".\nThey call it \u201ccramp\u201d.'
    issues = run_check(check, nlp, text)
    assert [text[i.start : i.end] for i in issues] == ["\u201c", "\u201d"]
    assert apply_first(text, issues).endswith('They call it "cramp".')


def test_offsets_are_document_offsets_and_boilerplate_is_skipped(nlp, check):
    text = "Leg cramps - causes\n\nContinue reading  ->\n\nThe calf hurts !"
    issues = run_check(check, nlp, lines_document(text, kinds={0: "heading", 2: "boilerplate"}))
    assert [(i.rule, text[i.start : i.end]) for i in issues] == [
        ("typography/spaced-hyphen", "-"),
        ("typography/space-before-punctuation", " !"),
    ]
    expected = "Leg cramps \u2013 causes\n\nContinue reading  ->\n\nThe calf hurts!"
    assert apply_first(text, issues) == expected
