"""``collocation/adverb-order``: an adverb of manner put before a finite verb, the way Russian
puts «очень быстро», «плохо», «хорошо» ("the child very badly sleeps", "the drug very quickly
acts", "he well sees"). English puts these after the verb ("sleeps very badly").

The confusion set is the adverb's place, before or after the verb; the rule lists no verbs:

- "very", "so" or "too" + an adverb of manner right before a finite verb: on 8,333 clean
  sentences (TICO-19, held-out MedQuAD, MLQE-PE post-edits) this never occurs but for degree
  words ("very often", "very much"), which ``NOT_MANNER`` leaves alone;
- a bare adverb English never puts before a finite verb (``AFTER_ONLY``: "well", "fast",
  "hard", "poorly", "badly" with no object; "badly needs" is a degree): none on the same text,
  where only "quickly", "rapidly" and "often" stood there ("rapidly spread").

The adverb moves after the verb, its particle and a predicate adjective ("get tired very
quickly"); a verb with an object keeps the adverb after the object when that object is a short
noun phrase ("lowers blood sugar very quickly"), else the rule stays silent. Words are copied
as written, so a number or a term never changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

FINITE = frozenset({"VB", "VBZ", "VBP", "VBD"})
DEGREE_WORDS = frozenset({"very", "so", "too"})
# Adverbs after a degree word that are not of manner: frequency and degree go before a verb.
NOT_MANNER = frozenset({"often", "much", "rarely", "seldom", "frequently", "strongly", "weakly",
                        "likely", "probably", "well"})  # "very well may": a modal idiom
AFTER_ONLY = frozenset({"well", "fast", "hard", "poorly", "badly"})
MAX_OBJECT_WORDS = 4  # an object this short is passed over ("lowers blood sugar very fast")
FOLLOWERS = frozenset({"prt", "acomp"})  # "falls out", "get tired": the adverb goes after them
MARGIN = 4.0  # nominal: a word-order rule has no count ratio


def _start(adverb: Token) -> Token | None:
    """The first word of the adverb phrase: the degree word before a manner adverb, or a bare
    after-only adverb; None when the token opens no such phrase."""
    word = adverb.lower_
    before = adverb.nbor(-1) if adverb.i > 0 else None
    if before is not None and before.lower_ in DEGREE_WORDS and word not in NOT_MANNER:
        return before
    if word in AFTER_ONLY and (before is None or before.lower_ not in DEGREE_WORDS):
        return adverb
    return None


def _finite(verb: Token) -> bool:
    """A finite verb with its subject (an imperative, "Well done", "Fast for 8 hours", has
    none), or a past tense the tagger read as a participle ("the pain very quickly passed": a
    subject and no auxiliary)."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return verb.tag_ in FINITE or verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _end_of_verb_phrase(verb: Token) -> Token | None:
    """The last word the adverb goes after: the verb, its particle or predicate adjective, or
    a short object after them; None when the object is long or a clause."""
    last = verb
    for child in verb.rights:
        if child.dep_ in FOLLOWERS and child.i == last.i + 1:
            last = child
        elif child.dep_ == "dobj" and child.left_edge.i == last.i + 1:
            if child.right_edge.i - child.left_edge.i + 1 > MAX_OBJECT_WORDS or \
                    any(t.like_num for t in child.subtree):
                return None
            last = child.right_edge
        elif child.dep_ in ("ccomp", "xcomp", "dobj"):
            return None
    return last


def adverb_order(table: NgramTable, token: Token) -> Finding | None:
    if token.pos_ != "ADV" or token.i + 1 >= len(token.doc) or token.i == 0:
        return None
    first = _start(token)
    verb = token.nbor()
    if first is None or not _finite(verb) or token.head.i != verb.i:
        return None
    if first is token and token.lower_ == "badly" and \
            any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children):
        return None  # "badly needs rest", "badly damaged the liver": a degree
    last = _end_of_verb_phrase(verb)
    if last is None:
        return None
    adverb = token.doc[first.i : token.i + 1].text
    moved = token.doc[verb.i : last.i + 1].text
    text = f"{moved} {adverb.lower() if first.i == first.sent.start else adverb}"
    return Finding("collocation/adverb-order", first, last, match_case(text, first.text),
                   MARGIN, f"'{adverb} {verb.text}' follows the Russian word order; English "
                           f"puts the adverb after the verb: '{text}'.")


__all__ = ["adverb_order"]
