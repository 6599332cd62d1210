"""Names in a parsed text: their spelling is no typo.

A capitalised proper noun inside a sentence is a name (on MT, most often a transliteration), so
the grammar check drops a spelling lint on it; and the engine's spelling rule is not even asked
about it, because suggestions for unknown words were most of harper's time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def names_blanked(doc: Doc, text: str) -> str:
    """``text`` (the doc's text) with the names blanked whose spelling lint ``keep`` would drop
    (``is_proper_noun_mid_sentence``), for the engine's spelling rule only: on MT most unknown
    words are transliterated names, and their spelling suggestions were most of harper's time.
    Only a name harper reads as the same word is blanked (letters only, not joined to the next
    word by an apostrophe or hyphen), so what the rule says of every other word is unchanged."""
    pieces, last = [], 0
    for token in doc:
        start, end = token.idx, token.idx + len(token.text)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if _is_name(token) and token.is_alpha and not _joins(before) and not _joins(after):
            pieces += [text[last:start], " " * (end - start)]
            last = end
    return "".join(pieces) + text[last:] if pieces else text


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
