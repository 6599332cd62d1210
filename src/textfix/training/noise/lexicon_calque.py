"""The calque family: the project's own lexicon (``data/calques.yaml``) read backwards.

Where a clean sentence has an entry's fluent suggestion ("heavy bleeding", "in the body"), the
entry's literal translation is written instead ("abundant bleeding", "in the organism"). New
lexicon entries thus become training data without code changes.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

from ...lexicon import inflect_verb, load_entries, shipped
from .core import Parsed, Site

WORD_RE = re.compile(r"[A-Za-z][\w'-]*")
_GROUP_RE = re.compile(r"\(([^()]*)\)|(\S+)")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
VERB_TAGS = ("VB", "VBZ", "VBD", "VBG")
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "about",
    "as", "and", "or", "it", "is", "are", "this", "that", "these", "those", "its", "their",
    "your", "his", "her", "out", "up",
})


@dataclass(frozen=True)
class _Atom:
    """One position of a calque pattern, as needed to write it out (not to match it)."""

    words: tuple[str, ...] = ()  # alternatives (lemmas or exact forms); empty for a slot
    slot: str | None = None
    optional: bool = False
    verb: bool = False  # tagged :VERB: inflected like the suggestion's {v:...}
    noun: bool = False  # tagged :NOUN: the word made plural for {s}
    exact: bool = False  # =form: written as is, never inflected


@dataclass(frozen=True)
class CalqueRule:
    """A fluent phrase (regex over a clean sentence) and the literal pattern to write instead."""

    entry_id: str
    fluent: re.Pattern[str]
    atoms: tuple[tuple[_Atom, ...], ...]  # required pieces; a piece of several atoms is a group
    verb_lemma: str | None  # the fluent side's {v:lemma}: inflect the pattern's verb alike
    plural_form: str | None  # the plural of the fluent side's {pl:plural|singular}


def _parse_pattern(pattern: str) -> tuple[tuple[_Atom, ...], ...] | None:
    """Pieces of a pattern; None for what cannot be written out (``_``, "be" + participle)."""
    pieces: list[tuple[_Atom, ...]] = []
    for group, atom in _GROUP_RE.findall(pattern):
        texts = group.split() if group else [atom]
        atoms = []
        for text in texts:
            parsed = _parse_atom(text)
            if parsed is None:
                return None
            atoms.append(parsed)
        if group:
            atoms = [replace(a, optional=True) for a in atoms]
        pieces.append(tuple(atoms))
    return tuple(pieces)


def _parse_atom(text: str) -> _Atom | None:
    optional = text[-1] in "?*" and len(text) > 1
    text = text.rstrip("+*?").lstrip("^")
    if text.startswith("{"):
        head = text[1:-1].partition(":")[0]
        name, _, alts = head.partition("=")
        return _Atom(tuple(alts.split("|")) if alts else (), name, optional)
    word, _, pos = text.partition(":")
    words = tuple(w.lstrip("=").lower() for w in word.split("|"))
    if "_" in words or "be" in words:
        return None
    tags = pos.split("|")
    return _Atom(words, None, optional, "VERB" in tags, "NOUN" in tags, "=" in word)


def _fluent_regex(template: str, slots: dict[str, tuple[str, ...]], at_start: bool) -> str | None:
    """A regex finding a suggestion's text in clean English; None if it has no literal word."""
    literal = WORD_RE.findall(_PLACEHOLDER_RE.sub(" ", template))
    if not literal or (len(literal) == 1 and literal[0].lower() in FUNCTION_WORDS):
        return None  # "with" or "{x}" alone would turn every "with" or any word into a calque
    out, pos = [], 0
    for m in _PLACEHOLDER_RE.finditer(template):
        out.append(re.escape(template[pos : m.start()]))
        name = m.group(1)
        if name == "s":
            out.append("(?P<_s>s?)")
        elif name.startswith("pl:"):
            plural, _, singular = name[3:].partition("|")
            out.append(f"(?P<_pl>{re.escape(plural)}|{re.escape(singular)})")
        elif name.startswith("v:"):
            forms = "|".join(dict.fromkeys(inflect_verb(name[2:], t) for t in VERB_TAGS))
            out.append(f"(?P<_v>{forms})")
        elif slots.get(name):
            out.append(f"(?P<{name}>{'|'.join(re.escape(a) for a in slots[name])})")
        else:
            out.append(rf"(?P<{name}>[A-Za-z][\w-]*)")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    body = "".join(out)
    return ("^" if at_start else r"(?<![\w-])") + body + r"(?![\w-])"


@lru_cache(maxsize=4)
def calque_rules(paths: tuple[Path, ...] = ()) -> tuple[CalqueRule, ...]:
    """Reverse rules from the shipped calque lexicon (and extra files), built once."""
    rules = []
    for entry in load_entries([shipped("calques.yaml"), *paths]):
        for pattern in entry.patterns:
            pieces = _parse_pattern(pattern)
            if pieces is None:
                continue
            slots = {a.slot: a.words for piece in pieces for a in piece if a.slot}
            if any(a.slot and not a.words for piece in pieces for a in piece) and not all(
                "{" + s + "}" in " ".join(entry.suggestions) for s in slots
            ):
                continue
            at_start = pattern.lstrip().startswith("^")
            for suggestion in entry.suggestions:
                regex = _fluent_regex(suggestion, slots, at_start)
                if regex is None:
                    continue
                verb = re.search(r"\{v:(\w+)\}", suggestion)
                plural = re.search(r"\{pl:([^|}]+)\|", suggestion)
                rules.append(CalqueRule(entry.id, re.compile(regex, re.IGNORECASE), pieces,
                                        verb.group(1) if verb else None,
                                        plural.group(1).lower() if plural else None))
    return tuple(rules)


def _plural(word: str) -> str:
    if re.search(r"(s|sh|ch|x|z)$", word):
        return word + "es"
    return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"


def _write_calque(rule: CalqueRule, match: re.Match[str], rng: random.Random) -> str:
    groups = match.groupdict()
    tag = "VB"
    if rule.verb_lemma and groups.get("_v"):
        form = groups["_v"].lower()
        tag = next((t for t in VERB_TAGS if inflect_verb(rule.verb_lemma, t) == form), "VB")
    plural = bool(groups.get("_s")) or (
        rule.plural_form is not None and (groups.get("_pl") or "").lower() == rule.plural_form
    )
    chosen: list[tuple[_Atom, str]] = []
    for piece in rule.atoms:
        if any(a.optional for a in piece) and rng.random() < 0.5:
            continue
        for atom in piece:
            if atom.slot:
                value = groups.get(atom.slot) or ""
                if value:
                    chosen.append((atom, value))
                continue
            words = atom.words
            if atom.exact and len(words) > 1:  # "=reason|=reasons": the form that agrees
                words = tuple(w for w in words if w.endswith("s") == plural) or words
            chosen.append((atom, rng.choice(words)))
    if not chosen:
        return match.group(0)
    literal = [i for i, (a, _) in enumerate(chosen) if not a.slot]
    if rule.verb_lemma and literal:
        verbs = [i for i in literal if chosen[i][0].verb] or literal[:1]
        atom, word = chosen[verbs[0]]
        chosen[verbs[0]] = (atom, inflect_verb(word, tag))
    nouns = [i for i in literal if chosen[i][0].noun] or [
        i for i in literal if chosen[i][1] not in FUNCTION_WORDS and not chosen[i][0].verb]
    if plural and nouns and not chosen[nouns[-1]][0].exact:
        atom, word = chosen[nouns[-1]]
        chosen[nouns[-1]] = (atom, _plural(word))
    text = " ".join(w for _, w in chosen)
    text = re.sub(r"\s+-\s+", "-", text)
    if match.group(0)[:1].isupper():
        text = text[:1].upper() + text[1:]
    return text


def calque_sites(parsed: Parsed) -> list[Site]:
    """Write a lexicon calque in place of its fluent form: "heavy bleeding" → "abundant
    bleeding", "in the body" → "in the organism"."""
    return [Site(m.start(), m.end(), partial(_write_calque, rule, m))
            for rule in calque_rules() for m in rule.fluent.finditer(parsed.text)]
