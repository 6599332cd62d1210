"""An explicit hold: a stage that knows why a fix must wait for an editor says so on the
suggestion, and the apply policy reads it; confidence says only how sure the problem is."""

from __future__ import annotations

import pytest

from textfix.config import Config
from textfix.errors import ConfigError
from textfix.ingest import document_from_text
from textfix.lexicon import parse_entry
from textfix.records import Issue, Suggestion
from textfix.stages.policy import select_edits

TEXT = "The organism reacts to strong stress."


def organism_issue(hold: str | None, confidence: float = 0.9) -> Issue:
    start = TEXT.index("organism")
    return Issue(start, start + len("organism"), "calque", "calque/organism", "m", "lexicon",
                 confidence=confidence,
                 suggestions=[Suggestion("body", "lexicon", 0.9, safe=True, hold=hold)])


def test_a_held_fix_is_not_applied_however_sure_the_flag_is() -> None:
    assert select_edits([organism_issue(None)], TEXT, "safe") != []
    held = organism_issue("house style")
    assert select_edits([held], TEXT, "safe") == []
    assert select_edits([held], TEXT, "all") != []  # experiments still see every fix


def test_hold_back_keeps_every_reason_once() -> None:
    suggestion = Suggestion("body", "lexicon")
    suggestion.hold_back("house style")
    suggestion.hold_back("guard: changes a dose")
    suggestion.hold_back("house style")
    assert suggestion.hold == "house style; guard: changes a dose"
    assert suggestion.to_dict()["hold"] == suggestion.hold


def test_a_lexicon_entry_holds_its_fixes_and_keeps_its_confidence() -> None:
    raw = {"id": "x", "pattern": "organism", "message": "Say body.", "suggestions": ["body"],
           "confidence": 0.9, "hold": "house style: a lay word"}
    entry = parse_entry(raw, "test.yaml, entry 1")
    assert entry.hold == "house style: a lay word" and entry.confidence == 0.9
    with pytest.raises(ConfigError, match="hold"):
        parse_entry({**raw, "hold": ""}, "test.yaml, entry 1")


def test_a_shipped_calque_held_for_the_editor_is_offered_with_its_reason() -> None:
    from textfix.pipeline import Pipeline

    pipeline = Pipeline(Config(checks=("calque",), rank_with_lm=False, rewrite=False))
    text = "Against the background of diabetes, wounds heal slowly."
    result = pipeline.run_one(document_from_text(text, "d"))
    calque = next(i for i in result.issues if i.rule == "calque/against-the-background-of")
    assert calque.suggestions and all(s.hold for s in calque.suggestions)
    assert "editor" in calque.suggestions[0].hold
    assert result.corrected == text


def test_the_guard_holds_a_fix_it_refuses_with_its_reason() -> None:
    from textfix.stages.guard import Guard

    text = "Take 10 mg a day."
    start = text.index("10 mg")
    issue = Issue(start, start + 5, "grammar", "grammar/x", "m", "harper", confidence=0.9,
                  suggestions=[Suggestion("100 mg", "harper", 0.9), Suggestion("10 mg.", "harper")])
    Guard().review(issue, text)
    Guard().review(issue, text)  # reviewed twice: the reason is not repeated
    refused = issue.suggestions[0]
    assert refused.safe is False and refused.hold == f"guard: {refused.guard_reason}"
    assert select_edits([issue], text, "safe") == []


def test_a_house_style_dash_is_a_sure_flag_whose_fix_waits_for_the_editor() -> None:
    from textfix.pipeline import Pipeline

    pipeline = Pipeline(Config(checks=("typography",), rank_with_lm=False, rewrite=False))
    text = "Night cramps - a warning sign?"
    result = pipeline.run_one(document_from_text(text, "d"))
    (dash,) = [i for i in result.issues if i.rule == "typography/spaced-hyphen"]
    assert dash.confidence >= 0.9 and dash.suggestions[0].hold == "house style"
    assert result.corrected == text


def test_no_stage_borrows_the_policys_threshold() -> None:
    """Stages say why a fix waits with a hold; only the policy knows the threshold."""
    import pathlib

    import textfix

    root = pathlib.Path(textfix.__file__).parent
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "policy.py" and "MIN_CONFIDENCE" in path.read_text("utf-8")]
    assert offenders == []
