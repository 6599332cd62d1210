"""Every rule the shipped checks can raise, with its examples (see ``example.py``).

``tests/test_rule_examples.py`` runs each rule's examples through the pipeline and fails for a
rule without a ``flag`` and an ``ok`` example, so a rule cannot ship without proof that it
fires where it should and stays silent on a near miss.

Adding a code check's rules: write a function in the check's module that yields one
``Rule`` per rule id it can raise, with its examples in Python, e.g.::

    def rules() -> Iterator[Rule]:
        yield Rule("typography/straight-quotes", "typography", (
            Example.flagged('He said "rest" helps.', fix="He said \u201crest\u201d helps."),
            Example.ok("The 5\u2033 scar healed."),
        ))

and add ``"textfix.checks.typography:rules"`` to ``SOURCES`` below. (Once checks declare their
specs in one catalogue, ``all_rules`` can walk the catalogue instead of this list.) The test
builds only the checks the rules name, without models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module

from .example import Example


@dataclass(frozen=True)
class Rule:
    """A rule id as it appears in ``Issue.rule``, the check that raises it, and its examples."""

    id: str
    check: str  # the check name in Config.checks
    examples: tuple[Example, ...] = ()
    origin: str = ""  # where an editor finds the rule (file and entry), for failure messages


def lexicon_rules() -> Iterator[Rule]:
    """The shipped calque and glossary entries, and the glossary's concepts."""
    from .lexicon import load_entries, load_glossary, shipped

    for entry in load_entries([shipped("calques.yaml")]):
        yield Rule(f"calque/{entry.id}", "calque", entry.examples, entry.origin)
    entries, concepts = load_glossary([shipped("glossary.yaml")])
    for entry in entries:
        yield Rule(f"terminology/{entry.id}", "terminology", entry.examples, entry.origin)
    for concept in concepts:
        yield Rule(
            f"terminology/inconsistent-{concept.id}", "terminology", concept.examples,
            concept.origin,
        )


# "module:function" names of rule sources, imported only when asked for; each function yields
# Rule objects. Add a code check's source here (see the module docstring).
SOURCES: tuple[str, ...] = ("textfix.rule_examples:lexicon_rules",)


def _load(source: str) -> Callable[[], Iterable[Rule]]:
    module, _, name = source.partition(":")
    return getattr(import_module(module), name)


def all_rules(sources: Iterable[str] = SOURCES) -> list[Rule]:
    """Every rule of every source, in source order; a rule id appears once."""
    rules: dict[str, Rule] = {}
    for source in sources:
        for rule in _load(source)():
            if rule.id in rules:
                raise ValueError(f"rule {rule.id} comes from two sources: {source}")
            rules[rule.id] = rule
    return list(rules.values())


def all_examples(sources: Iterable[str] = SOURCES) -> Iterator[tuple[Rule, Example]]:
    """(rule, example) pairs of every rule: what the generic example test parametrizes over."""
    for rule in all_rules(sources):
        for example in rule.examples:
            yield rule, example
