"""The guard's word tables, read once from the shipped data files.

The tables are data, not code (``data/guard_numbers.yaml``, ``guard_units.yaml``,
``guard_words.yaml``): each file says in its header what it protects and why. They are loaded
when the guard package is first imported and checked for the shape the guard relies on, so a
typo in a file fails loudly instead of silently unprotecting a word.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from ...errors import ConfigError


def _load(name: str) -> dict[str, Any]:
    path = resources.files("textfix").joinpath(f"data/{name}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of tables")
    return data


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    """A list of words; YAML's true/false ("no", "on") is refused rather than read as a bool."""
    values = data.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"guard table '{key}': expected a list of words (quote 'no', 'on')")
    return tuple(values)


def _mapping(data: dict[str, Any], key: str, value_type: type) -> dict[str, Any]:
    values = data.get(key)
    if not isinstance(values, dict) or not all(
        isinstance(k, str) and isinstance(v, value_type) for k, v in values.items()
    ):
        raise ConfigError(
            f"guard table '{key}': expected words mapped to {value_type.__name__} values"
        )
    return dict(values)


_numbers = _load("guard_numbers.yaml")
_units = _load("guard_units.yaml")
_words = _load("guard_words.yaml")

# numbers (guard_numbers.yaml)
NUMBER_WORDS: dict[str, int] = _mapping(_numbers, "number_words", int)
MULTIPLIERS: dict[str, int] = _mapping(_numbers, "multipliers", int)
FRACTION_WORDS: dict[str, str] = _mapping(_numbers, "fraction_words", str)
FRACTION_CHARS: dict[str, str] = _mapping(_numbers, "fraction_chars", str)
TIMES_WORDS: dict[str, str] = _mapping(_numbers, "times_words", str)
ROMAN_CONTEXT = frozenset(_strings(_numbers, "roman_context"))

# units, doses, frequencies (guard_units.yaml)
UNITS: dict[str, str] = _mapping(_units, "units", str)
NUMBER_UNITS: dict[str, str] = _mapping(_units, "number_units", str)
NUMBER_UNIT_WORDS = frozenset(_strings(_units, "number_unit_words"))
PERIODS: dict[str, str] = _mapping(_units, "periods", str)
PERIOD_ADVERBS: dict[str, str] = _mapping(_units, "period_adverbs", str)
FREQUENCY_ABBREVIATIONS: dict[str, str] = _mapping(_units, "frequency_abbreviations", str)

# negations and function words (guard_words.yaml)
NEGATIONS: dict[str, str] = _mapping(_words, "negations", str)
NEGATIONS_WITHOUT_APOSTROPHE = frozenset(_strings(_words, "negations_without_apostrophe"))
NEGATIVE_PREFIXES: dict[str, int] = _mapping(_words, "negative_prefixes", int)  # -> min stem
GRAMMATICAL_DOUBLES = frozenset(_strings(_words, "grammatical_doubles"))
STOPWORDS = frozenset(_strings(_words, "stopwords"))
NAME_STOPWORDS = frozenset(_strings(_words, "name_stopwords"))
