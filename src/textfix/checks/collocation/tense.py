"""The tense of the clause around a noun, for the article rules: "the" before a generic noun is a
calque in a general statement ("The obesity raises the risk") but specific in a story ("the fever
started two days ago")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})


def _verb_tags(verb: Token) -> set[str]:
    """The tags of a verb and its auxiliaries ("has been", "can be", "was given")."""
    return {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _clause_tags(token: Token) -> set[str]:
    """Verb tags of the clause ``token`` stands in and of the sentence's main clause."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return _verb_tags(verb) | _verb_tags(token.sent.root)


def narrative(token: Token) -> bool:
    """The clause or the sentence is in the past tense: "the fever started two days ago" tells
    of one fever, so "the" is specific there."""
    return bool(_clause_tags(token) & PAST_TAGS)


def generic_clause(token: Token) -> bool:
    """The clause around ``token`` states something in general: the present tense or a modal,
    no past."""
    tags = _clause_tags(token)
    return bool(tags & PRESENT_TAGS) and not tags & PAST_TAGS
