"""Every rule the shipped checks can raise, with its examples (see ``example.py``).

``tests/test_rule_examples.py`` runs each rule's examples through the pipeline and fails for a
rule without a ``flag`` and an ``ok`` example, so a rule cannot ship without proof that it
fires where it should and stays silent on a near miss.

Adding a code check's rules: give its spec (``textfix.catalogue.CheckSpec``) a ``rules``
function that yields one ``Rule`` per rule id it can raise, with its examples in Python::

    def typography_rules() -> Iterator[Rule]:
        yield Rule("typography/straight-quotes", "typography", (
            Example.flagged('He said "rest" helps.', fix="He said \u201crest\u201d helps."),
            Example.ok("The 5\u2033 scar healed."),
        ))

The test builds only the checks the rules name, without models.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .example import Example, Rule

__all__ = ["Example", "Rule", "all_rules", "calque_rules", "glossary_rules"]


def calque_rules() -> Iterator[Rule]:
    """The shipped calque lexicon's entries (``data/calques.yaml``), the calque check's rules."""
    from .lexicon import load_entries, shipped

    for entry in load_entries([shipped("calques.yaml")]):
        yield Rule(f"calque/{entry.id}", "calque", entry.examples, entry.origin)


def glossary_rules() -> Iterator[Rule]:
    """The shipped glossary's entries and concepts (``data/glossary.yaml``), the terminology
    check's rules."""
    from .lexicon import load_glossary, shipped

    entries, concepts = load_glossary([shipped("glossary.yaml")])
    for entry in entries:
        yield Rule(f"terminology/{entry.id}", "terminology", entry.examples, entry.origin)
    for concept in concepts:
        yield Rule(
            f"terminology/inconsistent-{concept.id}", "terminology", concept.examples,
            concept.origin,
        )


def all_rules(names: Iterable[str] | None = None) -> list[Rule]:
    """Every rule of the catalogue's checks (default: all), in catalogue order; ids are unique."""
    from .catalogue import catalogue

    rules: dict[str, Rule] = {}
    for rule in catalogue().rules(names):
        if rule.id in rules:
            raise ValueError(f"rule {rule.id} is declared twice ({rules[rule.id].origin}, "
                             f"{rule.origin})")
        rules[rule.id] = rule
    return list(rules.values())

