"""Data-file lexicons (calques, glossary): load, validate, compile to a spaCy ``Matcher``, match.

Editors curate the entries in YAML (or TSV) files, so the matching rules are data, not code. One
entry names a phrase by lemmas ("reduce (the) leg"), so every inflection of it ("reduces the
legs", "reduce legs") is one entry with one rule id. The pattern syntax is documented at the top of
``data/calques.yaml``; in short, tokens are separated by spaces and each token is one of:

``word`` (a lemma, any case) · ``a|b`` (any of these lemmas) · ``=word`` (this exact form, not
the lemma) · ``_`` (any token) · ``{name}`` (any token, captured for the suggestions; ``{name=a|b}``
limits it to lemmas) · ``^word`` (starts a sentence) ·
``...:NOUN`` or ``...:NOUN|PROPN`` (part-of-speech constraint) · a ``+``/``*``/``?`` suffix
(one or more / zero or more / optional) · ``(...)`` (an optional group of one or more tokens).

Suggestions are templates: ``{name}`` copies a captured slot, ``{s}`` adds "s" when the matched
noun is plural, ``{pl:feet|foot}`` picks by number and ``{v:cause}`` inflects "cause" like the
matched verb ("reduces" → "causes").

One module per job: ``pattern`` (the pattern language and its compiler), ``templates`` (suggestion
rendering and inflection), ``loading`` (YAML/TSV entries, validation, examples), ``glossary``
(concepts), ``matching`` (the ``Lexicon`` Matcher) and ``entries`` (the data classes). Nothing here
imports spaCy until a ``Lexicon`` is built.
"""

from .entries import Context, Entry, LexMatch
from .glossary import CONCEPT_KEYS, VARIANT_KEYS, Concept, Variant, load_glossary, parse_concept
from .loading import (
    CONTEXT_KEYS,
    DATA_DIR,
    ENTRY_KEYS,
    ID_RE,
    SEVERITIES,
    TSV_COLUMNS,
    WINDOWS,
    load_entries,
    load_entries_from,
    parse_context,
    parse_entry,
    read_raw,
    read_tsv,
    shipped,
)
from .matching import Lexicon, context_words
from .pattern import MAX_EXPANSIONS, UPOS, PatternToken, compile_pattern, lemma_spec
from .templates import check_template, inflect_verb, render

__all__ = [
    "CONCEPT_KEYS", "CONTEXT_KEYS", "DATA_DIR", "ENTRY_KEYS", "ID_RE", "MAX_EXPANSIONS",
    "SEVERITIES", "TSV_COLUMNS", "UPOS", "VARIANT_KEYS", "WINDOWS", "Concept", "Context",
    "Entry", "LexMatch", "Lexicon", "PatternToken", "Variant", "check_template",
    "compile_pattern", "context_words", "inflect_verb", "lemma_spec", "load_entries",
    "load_entries_from", "load_glossary", "parse_concept", "parse_context", "parse_entry",
    "read_raw", "read_tsv", "render", "shipped",
]
