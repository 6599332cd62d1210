"""One rule example: a sentence a rule must flag (with the text its first fix gives), or one it
must leave alone; and a rule: its id with its examples.

Modelled on LanguageTool's ``<example correction="…">``: the examples live beside the rule (in a
lexicon entry's ``examples:`` list, or in a code check's module), so a rule and the proof that
it works travel together and ``tests/test_rule_examples.py`` runs them all. This module only
knows the shape; it imports nothing from textfix but the errors, so every rule source can use it.

Data-file shape (YAML)::

    examples:
      - flag: "Against the background of stress, blood pressure rises."
        fix: "Due to stress, blood pressure rises."   # after the rule's first suggestion
      - ok: "The rash stands out against a pale background."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

EXAMPLE_KEYS = frozenset({"flag", "fix", "ok"})


@dataclass(frozen=True)
class Example:
    """``flag`` examples must be flagged by their rule; ``ok`` ones must not.

    ``fix`` (flag examples only) is the whole sentence after the rule's first suggestion is
    applied to the flagged span; None for a rule that offers no suggestion.
    """

    text: str
    flag: bool
    fix: str | None = None

    @classmethod
    def flagged(cls, text: str, fix: str | None = None) -> Example:
        return cls(text, True, fix)

    @classmethod
    def ok(cls, text: str) -> Example:
        return cls(text, False)


def _sentence(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: example '{key}' must be a non-empty sentence")
    return value


def parse_examples(raw: Any, where: str) -> tuple[Example, ...]:
    """Validate an ``examples:`` list: each item has ``flag`` (and optional ``fix``) or ``ok``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: examples must be a list of {{flag, fix}} or {{ok}} items")
    examples: list[Example] = []
    for number, item in enumerate(raw, start=1):
        at = f"{where}, example {number}"
        if not isinstance(item, dict):
            raise ConfigError(f"{at}: must be a mapping like {{flag: ..., fix: ...}} or {{ok: ..}}")
        unknown = set(item) - EXAMPLE_KEYS
        if unknown:
            raise ConfigError(f"{at}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        if ("flag" in item) == ("ok" in item):
            raise ConfigError(f"{at}: needs exactly one of 'flag' or 'ok'")
        if "ok" in item:
            if "fix" in item:
                raise ConfigError(f"{at}: 'fix' belongs to a 'flag' example, not an 'ok' one")
            examples.append(Example.ok(_sentence(item["ok"], at, "ok")))
            continue
        fix = item.get("fix")
        examples.append(Example.flagged(
            _sentence(item["flag"], at, "flag"),
            None if fix is None else _sentence(fix, at, "fix"),
        ))
    return tuple(examples)


@dataclass(frozen=True)
class Rule:
    """A rule id as it appears in ``Issue.rule``, the check that raises it, and its examples."""

    id: str
    check: str  # the check name in Config.checks
    examples: tuple[Example, ...] = ()
    origin: str = ""  # where an editor finds the rule (file and entry), for failure messages

    @property
    def family(self) -> bool:
        """``engine/*`` declares every rule id an external engine reports under that prefix
        (harper's lint kinds, LanguageTool's rule ids); its examples test a representative."""
        return self.id.endswith("/*")

    def covers(self, rule_id: str) -> bool:
        """Whether an issue's ``rule`` is this rule, or one of this family's."""
        return rule_id.startswith(self.id[:-1]) if self.family else rule_id == self.id
