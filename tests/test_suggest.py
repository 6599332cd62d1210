"""Merging issues from several checks and ranking their suggestions."""

from __future__ import annotations

import random

from textfix.records import Issue, Suggestion
from textfix.stages.ranking import (
    Candidate,
    best_suggestion,
    merge_issues,
    rank,
    resolve_overlaps,
)

TEXT = "It hurts the the leg when walking at night."
DOUBLE = (9, 16)  # "the the"


def issue(span, category, rule, source, suggestions, confidence=0.5, severity="warning"):
    return Issue(span[0], span[1], category, rule, f"message of {rule}", source,
                 confidence=confidence, severity=severity,
                 suggestions=[Suggestion(t, s, score=sc) for t, s, sc in suggestions])


def test_same_span_from_two_backends_becomes_one_issue_with_the_union() -> None:
    assert TEXT[DOUBLE[0] : DOUBLE[1]] == "the the"
    harper = issue(DOUBLE, "grammar", "harper/repeated", "harper",
                   [("the", "harper", 0.9)], confidence=0.6)
    lt = issue(DOUBLE, "spelling", "lt/ENGLISH_WORD_REPEAT_RULE", "languagetool",
               [("the", "languagetool", 0.8), ("a", "languagetool", 0.3)],
               confidence=0.8, severity="error")
    merged = merge_issues([harper, lt], TEXT)
    assert len(merged) == 1
    only = merged[0]
    assert only.rule == "lt/ENGLISH_WORD_REPEAT_RULE"  # the most confident member leads
    assert only.confidence == 0.8
    assert only.severity == "error"
    assert [s.text for s in only.suggestions] == ["the", "a"]  # deduplicated by text


def test_duplicate_suggestion_keeps_the_better_ranked_instance() -> None:
    a = issue(DOUBLE, "grammar", "r1", "harper", [("the", "harper", 0.5)])
    b = issue(DOUBLE, "grammar", "r2", "parser", [("the", "parser", 0.5)])
    (merged,) = merge_issues([a, b], TEXT)
    assert [(s.text, s.source) for s in merged.suggestions] == [("the", "parser")]


def test_source_prior_ranks_curated_fixes_above_models_at_equal_score() -> None:
    span = (20, 36)  # "leg when walking"
    found = issue(span, "calque", "c", "lexicon", [
        ("model fix", "model", 0.7),
        ("lt fix", "languagetool", 0.7),
        ("memory fix", "memory", 0.7),
        ("lexicon fix", "lexicon", 0.7),
        ("harper fix", "harper", 0.7),
        ("typo fix", "typography", 0.7),
    ])
    (merged,) = merge_issues([found], TEXT)
    assert [s.source for s in merged.suggestions] == [
        "memory", "lexicon", "typography", "languagetool", "harper", "model",
    ]
    # a clearly better score still beats a better source
    strong_model = Suggestion("x", "model", score=0.95)
    weak_harper = Suggestion("y", "harper", score=0.3)
    assert rank(strong_model) > rank(weak_harper)


def test_suggestion_equal_to_the_span_is_dropped() -> None:
    found = issue(DOUBLE, "grammar", "r", "harper", [("the the", "harper", 0.9)])
    (merged,) = merge_issues([found], TEXT)
    assert merged.suggestions == []
    assert best_suggestion(found, TEXT) is None


def test_incompatible_categories_on_one_span_stay_apart_and_order_is_stable() -> None:
    issues = [
        issue((30, 36), "typography", "t/x", "typography", [("Walking", "typography", 0.9)]),
        issue(DOUBLE, "repetition", "rep/word", "parser", [("the", "parser", 0.9)]),
        issue(DOUBLE, "grammar", "g/repeat", "harper", [("the", "harper", 0.9)]),
        issue((3, 8), "calque", "c/hurts", "lexicon", [("aches", "lexicon", 0.9)]),
    ]
    expected = [(3, 8, "c/hurts"), (9, 16, "g/repeat"), (9, 16, "rep/word"), (30, 36, "t/x")]
    for seed in range(5):
        shuffled = issues[:]
        random.Random(seed).shuffle(shuffled)
        merged = merge_issues(shuffled, TEXT)
        assert [(i.start, i.end, i.rule) for i in merged] == expected


def test_ties_are_broken_the_same_way_whatever_the_input_order() -> None:
    suggestions = [("b", "harper", 0.5), ("a", "harper", 0.5), ("c", "harper", 0.5)]
    orders = set()
    for seed in range(6):
        shuffled = suggestions[:]
        random.Random(seed).shuffle(shuffled)
        (merged,) = merge_issues([issue(DOUBLE, "grammar", "r", "harper", shuffled)], TEXT)
        orders.add(tuple(s.text for s in merged.suggestions))
    assert orders == {("a", "b", "c")}


def test_merging_does_not_modify_the_input_issues() -> None:
    original = issue(DOUBLE, "grammar", "r", "harper", [("the the", "harper", 0.9),
                                                        ("the", "harper", 0.8)])
    merge_issues([original], TEXT)
    assert [s.text for s in original.suggestions] == ["the the", "the"]


def candidate(start, end, priority, rule="r", replacement="x"):
    return Candidate(issue((start, end), "grammar", rule, "harper", []), start, end,
                     replacement, priority)


def test_resolve_overlaps_prefers_priority_then_the_shorter_span() -> None:
    long = candidate(0, 10, 0.9, "long")
    short = candidate(2, 4, 0.5, "short")
    assert [c.issue.rule for c in resolve_overlaps([short, long])] == ["long"]
    long_equal = candidate(0, 10, 0.5, "long")
    chosen = resolve_overlaps([long_equal, short, candidate(6, 8, 0.5, "short2")])
    assert [c.issue.rule for c in chosen] == ["short", "short2"]


def test_resolve_overlaps_treats_insertions_like_apply_does() -> None:
    touching = [candidate(0, 5, 0.5, "a"), candidate(5, 9, 0.5, "b")]
    assert len(resolve_overlaps(touching)) == 2  # adjacent spans do not overlap
    two_inserts = [candidate(5, 5, 0.6, "i1"), candidate(5, 5, 0.5, "i2")]
    assert [c.issue.rule for c in resolve_overlaps(two_inserts)] == ["i1"]
    insert_then_replace = [candidate(5, 5, 0.6, "ins"), candidate(5, 8, 0.5, "rep")]
    assert [c.issue.rule for c in resolve_overlaps(insert_then_replace)] == ["ins"]
    replace_then_insert = [candidate(2, 5, 0.6, "rep"), candidate(5, 5, 0.5, "ins")]
    assert len(resolve_overlaps(replace_then_insert)) == 2
