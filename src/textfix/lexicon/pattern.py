"""The pattern language: readable lexicon patterns compiled to spaCy ``Matcher`` patterns.

Tokens are separated by spaces and each is one of: ``word`` (a lemma, any case) · ``a|b`` (any
of these lemmas) · ``=word`` (this exact form) · ``_`` (any token) · ``{name}`` (any token,
captured; ``{name=a|b}`` limits it to lemmas, ``{name==a|b}`` to forms) · ``^word`` (starts
a sentence) · ``...:NOUN`` or ``...:NOUN|PROPN`` (part of speech) · a ``+``/``*``/``?`` suffix ·
``(...)`` (an optional group).
The full syntax is documented at the top of ``data/calques.yaml``. No spaCy import: the output is
plain dicts, handed to a Matcher only when a lexicon is built.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

# spaCy's Universal POS tags (spacy.parts_of_speech.IDS; tests/test_lexicon.py keeps them equal)
UPOS = frozenset({"ADJ", "ADP", "ADV", "AUX", "CONJ", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
                  "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "EOL", "SPACE"})
MAX_EXPANSIONS = 64  # optional multi-token groups expand into this many patterns at most

_GROUP_RE = re.compile(r"\(([^()]*)\)|(\S+)")


@dataclass(frozen=True)
class PatternToken:
    """One compiled pattern position: the Matcher spec and the slot it captures, if any."""

    spec: dict[str, Any]
    slot: str | None = None


# Singular nouns ending in -s that spaCy's lemmatiser cuts as plurals ("diabetes" -> "diabete"):
# a pattern naming the word matches that lemma too.
CUT_LEMMAS = {"diabetes": "diabete", "measles": "measle", "herpes": "herpe", "rabies": "rabie",
              "rickets": "ricket", "mumps": "mump", "scabies": "scabie", "shingles": "shingle",
              "hives": "hive", "pancreas": "pancrea"}


def gerund_stems(word: str) -> list[str]:
    """The verb a noun in -ing may be lemmatised to when the tagger reads it as a verb
    ("bleeding" -> "bleed", "smoking" -> "smoke", "swelling" -> "swell", "clotting" ->
    "clot"): every candidate, since a stem that is no lemma never matches."""
    w = word.lower()
    if not w.endswith("ing") or len(w) < 7 or not w.isalpha():
        return []
    stem = w[:-3]
    stems = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stems.append(stem[:-1])  # "clotting" -> "clot"
    return stems


def lemma_spec(alts: Sequence[str]) -> dict[str, Any]:
    """Match any of these lemmas in any common casing.

    spaCy keeps the capital in some lemmas (a heading's "Flatfoot" tagged PROPN); the native
    LEMMA attribute with every casing is many times faster than a lower-casing extension. A
    noun in -ing also matches as the verb spaCy may lemmatise it to ("abundant bleeding":
    "bleeding" tagged VBG, lemma "bleed").
    """
    alts = [*alts, *(CUT_LEMMAS[a.lower()] for a in alts if a.lower() in CUT_LEMMAS),
            *(stem for a in alts for stem in gerund_stems(a))]
    forms = list(dict.fromkeys(f for a in alts
                               for f in (a, a.lower(), a.capitalize(), a.upper())))
    return {"LEMMA": {"IN": forms}}


def compile_pattern(pattern: str, where: str) -> list[tuple[PatternToken, ...]]:
    """Compile a readable pattern into Matcher patterns (optional groups are expanded)."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise ConfigError(f"{where}: pattern must be a non-empty string")
    if pattern.count("(") != pattern.count(")"):
        raise ConfigError(f"{where}: unbalanced parentheses in pattern {pattern!r}")
    pieces: list[tuple[bool, list[PatternToken]]] = []  # (optional group?, tokens)
    for group, atom in _GROUP_RE.findall(pattern):
        if atom:
            if "(" in atom or ")" in atom:
                raise ConfigError(f"{where}: nested or unspaced parentheses in {pattern!r}")
            pieces.append((False, _parse_atom(atom, where)))
            continue
        tokens = [t for a in group.split() for t in _parse_atom(a, where)]
        if not tokens:
            raise ConfigError(f"{where}: empty optional group in pattern {pattern!r}")
        if len(tokens) == 1 and "OP" not in tokens[0].spec:
            only = tokens[0]
            pieces.append((False, [PatternToken({**only.spec, "OP": "?"}, only.slot)]))
        else:
            pieces.append((True, tokens))
    optional = [i for i, (opt, _) in enumerate(pieces) if opt]
    if 2 ** len(optional) > MAX_EXPANSIONS:
        raise ConfigError(f"{where}: too many optional groups in pattern {pattern!r}")
    compiled = []
    for keep in itertools.product((True, False), repeat=len(optional)):
        dropped = {i for i, k in zip(optional, keep, strict=True) if not k}
        seq = tuple(t for i, (_, toks) in enumerate(pieces) if i not in dropped for t in toks)
        if not any(t.spec.get("OP") not in ("?", "*") for t in seq):
            raise ConfigError(f"{where}: pattern {pattern!r} can match nothing")
        compiled.append(seq)
    return compiled


def _parse_atom(atom: str, where: str) -> list[PatternToken]:
    """Compile one space-free pattern token; a hyphenated word becomes several tokens."""
    op = None
    if len(atom) > 1 and atom[-1] in "+*?":
        atom, op = atom[:-1], atom[-1]
    sent_start = atom.startswith("^") and len(atom) > 1
    atom = atom[1:] if sent_start else atom
    slot = None
    if atom.startswith("{") and atom.endswith("}"):
        slot, spec, pos = _parse_slot(atom[1:-1], where)
    else:
        word, _, pos_text = atom.partition(":")
        pos = pos_text.split("|") if pos_text else []
        exact = word.startswith("=")
        word = word.lstrip("=").lower()
        if not word:
            raise ConfigError(f"{where}: empty word in pattern token {atom!r}")
        if "-" in word and len(word) > 1 and "|" not in word:
            if op or pos:
                raise ConfigError(f"{where}: put ':POS' or '{op}' on a hyphenated word's parts")
            parts = [p for p in re.split(r"(-)", word) if p]
            return [PatternToken({"LOWER": p} if exact else lemma_spec([p])) for p in parts]
        spec = {} if word == "_" else _word_spec(word, atom, exact, sent_start, where)
    bad_pos = [p for p in pos if p not in UPOS]
    if bad_pos:
        raise ConfigError(f"{where}: unknown part of speech {', '.join(bad_pos)} in {atom!r}")
    if pos:
        spec["POS"] = pos[0] if len(pos) == 1 else {"IN": pos}
    if sent_start:
        spec["IS_SENT_START"] = True
    if op:
        spec["OP"] = op
    return [PatternToken(spec, slot)]


def _parse_slot(inner: str, where: str) -> tuple[str, dict[str, Any], list[str]]:
    """``name``, ``name=a|b`` or ``name:POS``: (slot name, spec, parts of speech)."""
    head, _, pos_text = inner.partition(":")
    slot, _, lemmas = head.partition("=")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", slot) or slot in ("s", "v"):
        raise ConfigError(f"{where}: bad slot name {{{inner}}} (letters, not 's' or 'v')")
    pos = pos_text.split("|") if pos_text else []
    spec: dict[str, Any] = {}
    if lemmas:
        exact = lemmas.startswith("=")  # {p==me|us}: these forms, not lemmas ("me", not "I")
        alts = lemmas.lstrip("=").split("|")  # as written: spaCy keeps the case of some lemmas
        if not all(alts):
            raise ConfigError(f"{where}: bad alternatives in slot {{{inner}}}")
        spec.update({"LOWER": {"IN": [a.lower() for a in alts]}} if exact else lemma_spec(alts))
    return slot, spec, pos


def _word_spec(word: str, atom: str, exact: bool, sent_start: bool,
               where: str) -> dict[str, Any]:
    """The spec of ``word``, ``a|b`` or ``=a|b`` (its marks already stripped from the front)."""
    marks = ("=" if exact else "") + ("^" if sent_start else "")
    # "=a|=b" means "=a|b"; a mark only on a later alternative would be silently
    # matched as a literal character and never fire
    alts = [a.lstrip(marks) if marks else a for a in word.split("|")]
    if any(a[:1] in ("=", "^") for a in alts if a):
        raise ConfigError(
            f"{where}: '=' and '^' mark the whole token {atom!r}: put them before its "
            "first alternative"
        )
    if any(not a or " " in a for a in alts):
        raise ConfigError(f"{where}: bad alternatives {word!r}")
    if any("-" in a and a != "-" for a in alts):
        raise ConfigError(
            f"{where}: hyphenated alternatives {word!r}: write them as separate patterns"
        )
    return {"LOWER": {"IN": alts}} if exact else lemma_spec(alts)
