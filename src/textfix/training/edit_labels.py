"""GECToR-style edit labels: one label per word that turns a source sentence into its correction.

A sentence of ``n`` words has ``n + 1`` label slots: slot 0 is a virtual start word (only
``KEEP`` or ``APPEND_w``: a word before the first one), slot ``i + 1`` is word ``i``. Labels:

- ``KEEP``, ``DELETE``, ``REPLACE_w``, ``APPEND_w`` (``w`` may be two or three words, "of the");
- ``$CASE_LOWER``, ``$CASE_CAPITAL``, ``$CASE_UPPER``: the word's letter case;
- ``$INFLECT_<TAG>`` (``$INFLECT_VBD:1`` for the second form): the same lemma in another Penn
  tag, from ``lemminflect`` (verb forms, noun number, comparatives), never a hand-made rule.

``REPLACE_w`` is stored in lower case when the word it replaces gives it its case pattern
("A" → "The" is ``REPLACE_the``), verbatim otherwise (a name, an acronym). Labels are read off an
alignment of source and target words (ERRANT's, in ``edit_data``); every label this module
emits reproduces the target exactly when applied (``apply_labels``), which the tests check.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from ..models.edit_labels import (
    APPEND,
    CASES,
    DELETE,
    INFLECT,
    KEEP,
    REPLACE,
    apply_word,
    change_case,
    inflections,
    with_case,
)

MAX_PHRASE = 3  # words in one REPLACE/APPEND label

# (source start, source end, target words): one aligned edit, in word indices of the source
Span = tuple[int, int, Sequence[str]]


def transform(src: str, tgt: str) -> str | None:
    """A case or inflection label that turns ``src`` into ``tgt``, if one does."""
    if src == tgt:
        return None
    if src.lower() == tgt.lower():
        for label in CASES:
            if change_case(src, label) == tgt:
                return label
        return None
    for tag, forms in inflections(src).items():
        for k, form in enumerate(forms):
            if with_case(form, src) == tgt:
                return f"{INFLECT}{tag}" + (f":{k}" if k else "")
    return None


def word_label(src: str, tgt_words: Sequence[str]) -> str:
    """The label that turns one source word into ``tgt_words`` (empty: ``DELETE``)."""
    if not tgt_words:
        return DELETE
    if len(tgt_words) == 1:
        if tgt_words[0] == src:
            return KEEP
        label = transform(src, tgt_words[0])
        if label:
            return label
    phrase = " ".join(tgt_words)
    lowered = phrase.lower()
    return REPLACE + (lowered if with_case(lowered, src) == phrase else phrase)


def _append(label: str, src: str, words: Sequence[str]) -> str:
    """Fold an insertion after a word into that word's label (one label per slot)."""
    if label == KEEP:
        return APPEND + " ".join(words)
    if label.startswith(APPEND):
        return f"{label} {' '.join(words)}"
    return word_label(src, [*apply_word(src, label), *words])


def labels_from_edits(src: Sequence[str], edits: Sequence[Span]) -> list[str]:
    """``len(src) + 1`` labels from aligned edits (source word spans and their target words);
    within an edit, words that match apart from case are paired first."""
    labels = [KEEP] * (len(src) + 1)
    for start, end, tgt in edits:
        tgt = list(tgt)
        matcher = SequenceMatcher(None, [w.lower() for w in src[start:end]],
                                  [w.lower() for w in tgt], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            i1, i2 = i1 + start, i2 + start
            if op == "insert":
                slot = i1  # the slot of the word before (0: the start slot)
                word = src[i1 - 1] if i1 else ""
                labels[slot] = (_append(labels[slot], word, tgt[j1:j2]) if i1 else
                                APPEND + " ".join(_sentence_case(tgt[j1:j2])))
                continue
            pieces = _share(list(range(i1, i2)), tgt[j1:j2])
            for i, words in pieces:
                labels[i + 1] = word_label(src[i], words)
    return labels


def _sentence_case(words: Sequence[str]) -> list[str]:
    """A word put before the first one is stored lower case: ``apply_labels`` restores the
    capital a sentence starts with."""
    return [words[0].lower() if words[0].istitle() else words[0], *words[1:]]


def _share(indices: list[int], tgt: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Target words shared out over source words: one each, the rest to the last word."""
    if not indices:
        return []
    out = [(i, [tgt[k]] if k < len(tgt) else []) for k, i in enumerate(indices)]
    if len(tgt) > len(indices):
        out[-1][1].extend(tgt[len(indices):])
    return out


def apply_labels(src: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The target words: each slot's label applied to its word (the inverse of
    ``labels_from_edits`` on the words it can express)."""
    out: list[str] = []
    if labels[0].startswith(APPEND):
        out.extend(labels[0][len(APPEND):].split(" "))
    for word, label in zip(src, labels[1:], strict=True):
        out.extend(apply_word(word, label))
    if out and src and src[0][:1].isupper() and out[0][:1].islower():
        out[0] = out[0][:1].upper() + out[0][1:]
    return out


def phrase_ok(label: str) -> bool:
    """Labels of at most ``MAX_PHRASE`` words (longer ones are rewrites, not edits)."""
    for prefix in (REPLACE, APPEND):
        if label.startswith(prefix):
            return len(label[len(prefix):].split(" ")) <= MAX_PHRASE
    return True
