"""The apply policy: which suggestions become edits under safe, none and all."""

from __future__ import annotations

import pytest

from textfix.errors import ConfigError
from textfix.records import Edit, Issue, Suggestion
from textfix.stages.apply import apply_edits
from textfix.stages.guard import Guard
from textfix.stages.policy import select_edits
from textfix.stages.ranking import merge_issues


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard()


def issue_at(text, old, suggestions, category="calque", confidence=0.8, rule=None, safe=None):
    start = text.index(old)
    return Issue(start, start + len(old), category, rule or f"{category}/{old}", "m", "lexicon",
                 confidence=confidence,
                 suggestions=[Suggestion(s, "lexicon", score=0.8, safe=safe) for s in suggestions])


TEXT = ("Against the background of stress the organism loses water.\n"
        "Take 10 mg of magnesium a day. It hurts the the calf.\n")


def checked(guard: Guard) -> list[Issue]:
    issues = [
        issue_at(TEXT, "Against the background of", ["Because of"]),
        issue_at(TEXT, "organism", ["body"]),
        issue_at(TEXT, "10 mg", ["100 mg"], category="grammar"),  # would change the dose
        issue_at(TEXT, "the the", ["the"], category="repetition"),
        issue_at(TEXT, "loses water", ["dries out"], confidence=0.3),  # too unsure
        issue_at(TEXT, "calf", []),  # flagged, nothing to suggest
    ]
    issues = merge_issues(issues, TEXT)
    guard.review_all(issues, TEXT)
    return issues


def test_safe_applies_only_guarded_confident_fixes(guard: Guard) -> None:
    corrected = apply_edits(TEXT, select_edits(checked(guard), TEXT, "safe"))
    assert corrected == ("Because of stress the body loses water.\n"
                         "Take 10 mg of magnesium a day. It hurts the calf.\n")


def test_all_applies_every_best_suggestion_guard_ignored(guard: Guard) -> None:
    corrected = apply_edits(TEXT, select_edits(checked(guard), TEXT, "all"))
    assert corrected == ("Because of stress the body dries out.\n"
                         "Take 100 mg of magnesium a day. It hurts the calf.\n")


def test_none_returns_no_edit_and_the_input_unchanged(guard: Guard) -> None:
    boilerplate = Issue(0, 10, "boilerplate", "boilerplate/teaser", "m", "parser", 0.9)
    edits = select_edits([*checked(guard), boilerplate], TEXT, "none")
    assert edits == []
    assert apply_edits(TEXT, edits) == TEXT


def test_unreviewed_or_unsafe_best_suggestion_is_not_applied() -> None:
    text = "The organism loses water."
    unreviewed = issue_at(text, "organism", ["body"])
    assert select_edits([unreviewed], text, "safe") == []
    # the best suggestion is unsafe: a lower-ranked safe one is not applied in its place
    mixed = issue_at(text, "organism", [])
    mixed.suggestions = [Suggestion("person", "memory", 0.9, safe=False),
                         Suggestion("body", "harper", 0.4, safe=True)]
    assert select_edits([mixed], text, "safe") == []
    assert select_edits([mixed], text, "all") == [Edit(4, 12, "person")]


def test_confidence_threshold_is_inclusive_and_adjustable() -> None:
    text = "The organism loses water."
    at_threshold = issue_at(text, "organism", ["body"], confidence=0.5, safe=True)
    assert select_edits([at_threshold], text, "safe") == [Edit(4, 12, "body")]
    assert select_edits([at_threshold], text, "safe", min_confidence=0.6) == []


def test_overlapping_issues_give_one_edit_the_more_confident() -> None:
    text = "Against the background of stress, cramps start."
    wide = issue_at(text, "Against the background of stress", ["Because of stress"],
                    confidence=0.9, safe=True)
    narrow = issue_at(text, "background", ["backdrop"], confidence=0.6, safe=True)
    edits = select_edits([narrow, wide], text, "safe")
    assert edits == [Edit(0, 32, "Because of stress")]


ARTICLE = ("Leg cramps at night\n"
           "\n"
           "Read also: why the calf hurts\n"
           "\n"
           "Continue reading →\n"
           "\n"
           "Cramps come from a lack of water.\n"
           "\n"
           "Share on social networks\n")


def boilerplate_issue(text: str, line: str) -> Issue:
    start = text.index(line)
    return Issue(start, start + len(line), "boilerplate", "boilerplate/teaser", "not article",
                 "parser", confidence=0.9)


def test_boilerplate_is_deleted_with_its_blank_lines() -> None:
    issues = [boilerplate_issue(ARTICLE, "Read also: why the calf hurts"),
              boilerplate_issue(ARTICLE, "Continue reading →"),
              boilerplate_issue(ARTICLE, "Share on social networks")]
    for policy in ("safe", "all"):
        edits = select_edits(issues, ARTICLE, policy)
        assert apply_edits(ARTICLE, edits) == (
            "Leg cramps at night\n\nCramps come from a lack of water.\n"
        )
    assert select_edits(issues, ARTICLE, "safe", keep_boilerplate=True) == []


def test_boilerplate_deletion_wins_over_a_fix_inside_it() -> None:
    teaser = boilerplate_issue(ARTICLE, "Read also: why the calf hurts")
    inside = issue_at(ARTICLE, "calf hurts", ["calf aches"], safe=True)
    edits = select_edits([inside, teaser], ARTICLE, "safe")
    assert len(edits) == 1 and edits[0].replacement == ""
    kept = select_edits([inside, teaser], ARTICLE, "safe", keep_boilerplate=True)
    assert kept == [Edit(inside.start, inside.end, "calf aches")]


def test_unknown_policy_and_spans_outside_the_text_are_refused() -> None:
    with pytest.raises(ConfigError):
        select_edits([], "text", "aggressive")
    from textfix.stages.apply import EditConflict

    with pytest.raises(EditConflict):
        select_edits([Issue(2, 99, "grammar", "r", "m", "harper",
                            suggestions=[Suggestion("x", "harper", safe=True)])], "text", "all")


def test_a_preposition_chosen_by_counts_is_offered_never_applied(guard):
    # "threats from" -> "threats to" reverses who threatens whom: the guard cannot see it
    text = "The agency responds to threats from abroad.\n"
    found = Issue(text.index("threats from"), text.index(" abroad"), "collocation",
                  "collocation/governed", "m", "ngram", confidence=0.9,
                  suggestions=[Suggestion("threats to", "ngram", score=0.9)])
    merged = merge_issues([found], text)
    for issue in merged:
        guard.review(issue, text)
    assert merged[0].suggestions[0].safe is True  # nothing the guard protects changes ...
    assert "offered only" in merged[0].suggestions[0].hold  # ... yet it waits for an editor
    assert select_edits(merged, text, "safe") == []
    assert found.suggestions[0].hold is None  # the check's own issue is left as it was
    assert [e.replacement for e in select_edits(merged, text, "all")] == ["threats to"]
