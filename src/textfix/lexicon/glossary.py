"""Glossary concepts: one idea with several names ("flat feet", "flatfoot", "pes planus"), which
an article should not mix; each name is found by a compiled entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..example import Example, parse_examples
from .entries import Entry
from .loading import ID_RE, checked_header, load_files, parse_entry


@dataclass(frozen=True)
class Variant:
    """One name of a concept: the pattern that finds it and the form written when suggesting it."""

    name: str
    entry: Entry  # the compiled pattern; its first suggestion is the variant's form


@dataclass(frozen=True)
class Concept:
    id: str
    preferred: str  # a variant name
    variants: tuple[Variant, ...]
    origin: str = ""
    examples: tuple[Example, ...] = ()  # of its rule "terminology/inconsistent-<id>"

    def form(self, name: str) -> str:
        return next(v.entry.suggestions[0] for v in self.variants if v.name == name)


CONCEPT_KEYS = frozenset({"id", "preferred", "variants", "context", "examples"})
VARIANT_KEYS = frozenset({"name", "pattern", "form"})


def parse_concept(raw: Any, origin: str) -> Concept:
    """Validate a glossary concept: an id, its variants (name, pattern, form) and the preferred."""
    concept_id, where = checked_header(raw, origin, "a concept", CONCEPT_KEYS)
    raw_variants = raw.get("variants")
    if not isinstance(raw_variants, list) or len(raw_variants) < 2:
        raise ConfigError(f"{where}: variants must list at least two names")
    variants: list[Variant] = []
    for number, item in enumerate(raw_variants, start=1):
        if not isinstance(item, dict) or set(item) - VARIANT_KEYS:
            raise ConfigError(f"{where}: variant {number} must have only name, pattern, form")
        name = item.get("name")
        if not isinstance(name, str) or not ID_RE.match(name):
            raise ConfigError(f"{where}: variant {number} needs a name like 'flat-feet'")
        entry = parse_entry(
            {
                "id": f"{concept_id}-{name}",
                "pattern": item.get("pattern"),
                "message": f"{concept_id}: {name}",
                "suggestions": [item.get("form") or name.replace("-", " ")],
                "context": raw.get("context"),
            },
            f"{where}, variant {number}",
        )
        variants.append(Variant(name, entry))
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: variant names must be unique")
    preferred = raw.get("preferred")
    if preferred not in names:
        raise ConfigError(f"{where}: preferred must be one of the variant names {names}")
    examples = parse_examples(raw.get("examples"), where)
    return Concept(concept_id, preferred, tuple(variants), where, examples)


def load_glossary(paths: Iterable[Path]) -> tuple[list[Entry], list[Concept]]:
    """Entries and concepts of glossary files (TSV files hold entries only); later ids win."""
    entries, tops = load_files(paths)
    concepts: dict[str, Concept] = {}
    for path, top in tops:
        raw_concepts = top.get("concepts") or []
        if not isinstance(raw_concepts, list):
            raise ConfigError(f"{path}: 'concepts' must be a list")
        for index, raw in enumerate(raw_concepts, start=1):
            concept = parse_concept(raw, f"{path}, concept {index}")
            concepts[concept.id] = concept
    return entries, list(concepts.values())
