"""Verbs the small spaCy tagger reads as nouns or adjectives, for the fragment check.

A sentence the tagger gives no finite verb is a fragment only if no word in it could be the verb
it missed. On clean native English the misses are regular: a plural subject before a verb that
is also a noun ("Colobomas involving the retina result in ..."), a demonstrative subject ("This
results in ..."), a noun the tagger calls an adjective before the verb ("the pandemic causes"),
a past tense read as a reduced relative ("equine coronavirus diverged from"), and imperatives
that open with a verb which is also a noun ("Lather hands with soap", "Scrub for 20 seconds").
The spaCy lemmatizer's own index says which words can be verbs and which can be nouns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import ConfigError
from ..stages.analyse import load_spacy

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Demonstratives standing alone as a subject: "This results in ...", "These cause ..."
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# What follows an imperative verb: its object ("Lather hands", "Wash your hands", "Cover it")
OBJECT_TAGS = frozenset({"DT", "PRP$", "PRP", "NNS"})
# "Scrub for 20 seconds", "Boil until 5 minutes have passed": a duration after the verb
DURATION_WORDS = frozenset({"for", "until"})
# "-ing" form at most this much rarer (Zipf; 1.25 is about 18 times) than the base: a verb
VERB_USE_MARGIN = 1.25


@dataclass(frozen=True)
class Lexicon:
    """Base forms of English verbs and nouns, from the spaCy lemmatizer's index (empty if the
    model has none, and then no word counts as a hidden verb)."""

    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()

    def can_be_verb(self, word: str) -> bool:
        """Whether ``word`` can be a present-tense or base verb: "develop", "impairs"."""
        if word in self.verbs:
            return True
        if not word.endswith("s") or len(word) < 4:
            return False
        stems = (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else "")
        return any(stem in self.verbs for stem in stems if stem)

    def can_be_noun(self, word: str) -> bool:
        return word in self.nouns or (word.endswith("s") and word[:-1] in self.nouns)


def lexicon(config: Config) -> Lexicon:
    try:
        nlp = load_spacy(config.spacy_model)
    except ConfigError:
        return Lexicon()
    if "lemmatizer" not in nlp.pipe_names:
        return Lexicon()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return Lexicon()
    index = lookups.get_table("lemma_index")
    return Lexicon(frozenset(index.get("verb", ())), frozenset(index.get("noun", ())))


def _could_be_subject(prev: Token, words: Lexicon) -> bool:
    """A word right before a hidden verb that could be its subject (or the subject's head)."""
    if prev.pos_ in ("NOUN", "PROPN", "PRON") or prev.tag_ == "RB":
        return True
    if prev.lower_ in DEMONSTRATIVES:
        # "This results in ...", but "these causes of pain" is a noun phrase
        following = prev.doc[prev.i + 2] if prev.i + 2 < len(prev.doc) else None
        return following is None or following.lower_ != "of"
    # a noun the tagger called an adjective: "the retina result", "the pandemic causes"
    return prev.pos_ == "ADJ" and prev.dep_ in ("compound", "amod") and words.can_be_noun(
        prev.lower_) and prev.i > 0 and prev.doc[prev.i - 1].tag_ == "DT"


def hidden_verb(span: Span | list[Token], words: Lexicon) -> bool:
    """A word after a possible subject that may be a verb the tagger took for a noun or
    adjective: "This hormone significantly impairs ...", "nervous excitability increases."."""
    tokens = list(span)
    for prev, tok in zip(tokens[:-1], tokens[1:], strict=True):
        if tok.tag_ not in ("NNS", "NNPS", "JJ", "NN", "VB") or not words.can_be_verb(tok.lower_):
            continue
        if _could_be_subject(prev, words):
            return True
    return False


def mistagged_verb(root: Token) -> bool:
    """A noun root that behaves like a verb: the tagger read "stays"/"aid" as nouns.

    A root noun with its own subject ("sugar stays"), or led by a plural noun used as a
    compound ("Eosinophils aid in ..."), is a finite verb in a sentence spaCy got wrong.
    """
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        c.dep_ in SUBJECT_DEPS or (c.dep_ == "compound" and c.tag_ == "NNS" and c.i == root.i - 1)
        for c in root.children
    )


def past_tense_read_as_participle(span: Span, words: Lexicon) -> bool:
    """A past tense the parse hangs on a noun, with its own subject ("OC43 diverged from") or
    straight after the noun phrase that opens the clause ("In the 1790s, equine coronavirus
    diverged from the bovine coronavirus"): a regular "-ed" verb with a prepositional
    complement, and no "by" agent, which would make it a participle ("pain caused by ...")."""
    for t in span:
        if t.tag_ not in ("VBN", "VBD"):
            continue
        if any(c.dep_ == "nsubj" for c in t.children) and not any(
                c.dep_ in ("aux", "auxpass") for c in t.children):
            return True
        if (t.dep_ == "acl" and t.head.dep_ == "ROOT" and t.head.i == t.i - 1
                and t.lower_.endswith("ed") and t.lemma_.lower() in words.verbs
                and _opens_clause(t.head) and any(c.dep_ == "prep" for c in t.children)
                and not any(c.dep_ == "agent" for c in t.children)):
            return True
    return False


def _opens_clause(noun: Token) -> bool:
    """The noun phrase starts the sentence, or follows a fronted phrase closed by a comma."""
    first = min(t.i for t in noun.subtree)
    start = noun.sent.start
    return first == start or (first > start and noun.doc[first - 1].text == ",")


def used_as_verb(word: str) -> bool:
    """Whether English uses ``word`` mostly as a verb: its "-ing" form is common next to it
    ("scrub"/"scrubbing", "lather"/"lathering"), as it is not for a noun that can also be a
    verb ("pain"/"paining", "joint"/"jointing")."""
    from .grammar.frequency import zipf

    stem = word[:-1] if word.endswith("e") else word
    forms = {word + "ing", stem + "ing", word + word[-1:] + "ing"}
    return max(zipf(f) for f in forms) >= zipf(word) - VERB_USE_MARGIN


def misread_imperative(words_of: list[Token], words: Lexicon) -> bool:
    """A sentence opening with a verb's base form the tagger read as a noun or an adjective,
    followed by its object or a duration: "Lather hands with soap", "Scrub for 20 seconds";
    not a noun that can be a verb ("Joint pains at night", "Pain for two weeks")."""
    if len(words_of) < 2:
        return False
    first, second = words_of[0], words_of[1]
    if not first.text[:1].isupper() or first.lower_ not in words.verbs:
        return False
    if not used_as_verb(first.lower_):
        return False
    if second.tag_ in OBJECT_TAGS:
        return True
    return second.lower_ in DURATION_WORDS and len(words_of) > 2 and words_of[2].like_num


__all__ = ["Lexicon", "lexicon", "hidden_verb", "mistagged_verb",
           "past_tense_read_as_participle", "misread_imperative"]
