"""``once_each``: the stages' shared way of working on a repeated text once."""

from __future__ import annotations

from textfix.repeats import once_each


def test_distinct_items_are_computed_once_in_order_and_repeats_get_copies():
    calls: list[list[str]] = []

    def compute(unique: list[str]) -> list[list[str]]:
        calls.append(unique)
        return [[item.upper()] for item in unique]

    found = once_each(["b", "a", "b", "b"], compute, list)
    assert calls == [["b", "a"]]
    assert found == [["B"], ["A"], ["B"], ["B"]]
    assert found[0] is not found[2] and found[2] is not found[3]  # editing one leaves the rest


def test_without_repeats_the_results_are_returned_as_computed():
    results = [[1], [2]]
    found = once_each(["x", "y"], lambda unique: results, list)
    assert found == results and found[0] is results[0]
