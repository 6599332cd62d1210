"""``collocation/intensity-calque``: an adverb of degree put before a finite verb the way Russian
puts «очень», «сильно», «слабо» ("very helps", "strongly coughs", "weakly raises").

The counts of verb + intensity adverb (``va`` in ``models/ngrams``) are too sparse to judge most
verbs (65 pairs reach the minimum count), so this rule works on the part of speech and lets the
counts veto:

- "very" or "much" right before a finite verb (VB, VBZ, VBP, VBD) is never English: always
  flagged ("much helps", "very much worries").
- "strongly", "weakly" and "very strongly" right before a finite verb are flagged unless the
  verb is one English pairs with them (``DEGREE_VERBS``: stance and association verbs,
  "strongly recommend", "weakly binds") or clean health English has the pair at all.

The confusion set of the suggestion is {a lot, a little, greatly, slightly}: after the verb when
it has no object ("coughs a lot", "helps a little"), before it when it has one ("greatly harms
the liver", "slightly raises blood pressure").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

FINITE = frozenset({"VB", "VBZ", "VBP", "VBD"})
CALQUES = {"very": "strong", "much": "strong", "strongly": "strong", "weakly": "weak"}
ALWAYS = frozenset({"very", "much"})  # never before a finite verb in English
# Verbs English does pair with "strongly"/"weakly": stance, advice, association, binding.
DEGREE_VERBS = frozenset({
    "recommend", "advise", "urge", "encourage", "suggest", "believe", "feel", "support",
    "oppose", "agree", "disagree", "object", "argue", "deny", "condemn", "prefer", "favour",
    "favor", "emphasise", "emphasize", "suspect", "associate", "correlate", "link", "relate",
    "predict", "indicate", "influence", "depend", "bind", "react", "interact", "express",
    "resemble", "smell", "taste", "contribute", "resist", "hold", "doubt", "discourage",
    "consider", "impact", "attract", "absorb", "inhibit", "stimulate", "activate", "induce",
    "correspond", "contrast", "affect",
})
MARGIN = 4.0  # nominal: a part-of-speech rule has no count ratio


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "ccomp", "xcomp", "prt") for c in verb.children)


def _suggestion(strength: str, verb: Token) -> tuple[str, bool]:
    """(words, before the verb?)"""
    if _has_object(verb):
        return ("greatly" if strength == "strong" else "slightly"), True
    return ("a lot" if strength == "strong" else "a little"), False


def intensity_calque(table: NgramTable, token: Token) -> Finding | None:
    adverb = token.lower_
    if adverb not in CALQUES or token.i + 1 >= len(token.doc):
        return None
    first = token
    if adverb in ("strongly", "much") and token.i > 0 and token.nbor(-1).lower_ == "very":
        first = token.nbor(-1)  # "very strongly differ", "very much helps"
    if token.dep_ != "advmod":
        return None  # "much remains unknown": a subject
    verb = token.nbor()
    if verb.tag_ not in FINITE or verb.pos_ != "VERB" or token.head.i != verb.i or \
            not (verb.dep_ == "conj" or any(c.dep_ == "nsubj" for c in verb.children)):
        return None  # a finite verb has its subject ("provide strongly suggestive evidence")
    lemma = verb.lemma_.lower()
    if adverb not in ALWAYS and (lemma in DEGREE_VERBS or table.count("va", lemma, adverb) > 0):
        return None
    words, before = _suggestion(CALQUES[adverb], verb)
    text = f"{words} {verb.text}" if before else f"{verb.text} {words}"
    found = token.doc[first.i : verb.i + 1].text.lower()
    message = f"'{found}' follows the Russian; English says '{text}'."
    return Finding("collocation/intensity-calque", first, verb, match_case(text, first.text),
                   MARGIN, message)


__all__ = ["CALQUES", "DEGREE_VERBS", "intensity_calque"]
