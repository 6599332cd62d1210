"""Names in a parsed text: their spelling is no typo.

A capitalised proper noun inside a sentence is a name (on MT, most often a transliteration), so
the grammar check drops a spelling lint on it; and the engine's spelling rule is not even asked
about it, because suggestions for unknown words were most of harper's time. The same holds for a
word in mixed case ("PikabuPolitics", "mmHg"): the vocabulary accepts it as written, whatever
the engine suggests, and one such word once cost harper 2 s of suggestions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


LETTER_RUN = re.compile(r"[^\W\d_]+")


def names_blanked(doc: Doc, text: str) -> str:
    """``text`` (the doc's text) with the words blanked whose spelling lint ``keep`` would drop
    whatever the engine suggests, for the engine's spelling rule only: names
    (``is_proper_noun_mid_sentence``; on MT most unknown words are transliterated names, and
    their spelling suggestions were most of harper's time) and words in mixed case
    (``Vocabulary.accepts``). Only a word harper reads as the same word is blanked (letters
    only, not joined to a neighbour by an apostrophe or hyphen), so what the rule says of every
    other word is unchanged."""
    spans = {(t.idx, t.idx + len(t.text)) for t in doc if _is_name(t) and t.is_alpha}
    spans |= {m.span() for m in LETTER_RUN.finditer(text) if is_mixed_case(m.group())}
    pieces, last = [], 0
    for start, end in sorted(spans):
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if start >= last and not _joins(before) and not _joins(after):
            pieces += [text[last:start], " " * (end - start)]
            last = end
    return "".join(pieces) + text[last:] if pieces else text


def is_mixed_case(word: str) -> bool:
    """A capital after the first letter ("PikabuPolitics", "mmHg", "MRI"): a name, unit or
    acronym as written, never called a misspelling (``Vocabulary.accepts``)."""
    return any(c.isupper() for c in word[1:])


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and not token.is_sent_start and token.text[:1].isupper()


def _joins(char: str) -> bool:
    return char.isalnum() or char in "'’-_"


def is_proper_noun_mid_sentence(doc: Doc, start: int, end: int) -> bool:
    """spaCy tags the span as a proper noun, and it does not open a sentence."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return all(_is_name(t) for t in span)


def opens_sentence(doc: Doc, start: int) -> bool:
    """Whether the word at character ``start`` begins a sentence of ``doc``."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and bool(span[0].is_sent_start)


def may_be_a_name(doc: Doc, start: int, word: str, replacements: list[str]) -> bool:
    """A capitalised unknown word is a name as often as a typo, unless only its place capitalised
    it: it opens the sentence, the rest of it is lower case and the checker's first suggestion is
    a function word ("Beacuse" -> "Because", "Therfore" -> "Therefore"), which a transliterated
    name's nearest word never was on MLQE-PE's 7,000 MT sentences (a content word was: "Enteo",
    an activist group, -> "Enter")."""
    if not word[:1].isupper():
        return False
    best = replacements[0] if replacements else ""
    if not opens_sentence(doc, start) or not word[1:].islower() or not best[:1].isupper() or \
            not best[1:].islower():
        return True
    from ...stages.analyse import stop_words

    return best.lower() not in stop_words()
