"""The collocation check's rules with their examples (run by tests/test_rule_examples.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ...example import Example, Rule


def collocation_rules() -> Iterator[Rule]:
    yield Rule("collocation/preposition", "collocation", (
        Example.flagged("How fast the wound heals depends from the blood supply.",
                        fix="How fast the wound heals depends on the blood supply."),
        Example.flagged("Teenagers are rarely interested by their cholesterol levels.",
                        fix="Teenagers are rarely interested in their cholesterol levels."),
        Example.flagged("These bacteria are resistant for penicillin.",
                        fix="These bacteria are resistant to penicillin."),
        Example.ok("How fast the wound heals depends on the blood supply."),
        Example.ok("Most patients are treated at home with rest and fluids."),
    ), origin="src/textfix/checks/collocation/rules.py")
    yield Rule("collocation/verb-noun", "collocation", (
        Example.flagged("The doctor put the diagnosis after the scan.",
                        fix="The doctor made the diagnosis after the scan."),
        Example.ok("The doctor made the diagnosis after the scan."),
        Example.ok("Put the tablets out of the reach of children."),
    ), origin="src/textfix/checks/collocation/rules.py")
    yield Rule("collocation/article", "collocation", (
        Example.flagged("The obesity raises the risk of heart disease.",
                        fix="Obesity raises the risk of heart disease."),
        Example.ok("Obesity raises the risk of heart disease."),
        Example.ok("The stomach makes acid that helps digest food."),
    ), origin="src/textfix/checks/collocation/rules.py")
    yield Rule("collocation/intensity", "collocation", (
        Example.flagged("Smoking strongly increases the risk of a stroke.",
                        fix="Smoking greatly increases the risk of a stroke."),
        Example.ok("Smoking greatly increases the risk of a stroke."),
        Example.ok("Doctors strongly recommend the vaccine for older adults."),
    ), origin="src/textfix/checks/collocation/rules.py")
