"""Confusion sets scored in context: a word with known alternatives is flagged when clean health
English (counts over MedQuAD, ``models/ngrams``) clearly prefers another alternative in the same
syntactic context. Unlike the calque lexicon it lists no phrases: the parse gives the context
(head lemma, object lemma, determiner, role) and the counts decide. Five confusion sets:

- ``collocation/preposition``: the preposition a verb or adjective governs ("depends from" ->
  "depends on", "interested by" -> "interested in"). Candidates: ``PREPOSITIONS``. Score of a
  candidate p for head h and object o: log c(h, p) + log P(o | p) (add-alpha smoothed); the
  margin is the head's own log-ratio, lowered by ``OBJECT_WEIGHT`` times what the object says
  against the change, so an adjunct that fits its object ("treated at home") is not pushed
  towards the head's usual preposition. Only a preposition right after a head seen ``MIN_HEAD``
  times is judged (a fronted "In March, ..." is an adjunct, a far attachment often a parse
  error), only when that head governs one preposition (``GOVERNED_SHARE``), and only when
  clean text (almost) never has the pair found (``rare``).
- ``collocation/verb-noun`` (``verb_noun``): a verb of ``CALQUE_VERBS`` (verbs Russian MT
  picks word for word: "put a diagnosis", "carry out treatment", "hand over blood") with a noun
  object (or passive subject); its documented alternatives are scored by c(verb, object).
- ``collocation/adjective-noun``: an adjective of ``adjective.ADJECTIVE_CALQUES`` ("heavy
  form", "light form", "big dose"); its alternatives scored by clean text's adjective + noun
  bigrams, with a general-English veto.
- ``collocation/article``: "the" before a singular noun that clean text uses bare in that place
  ("the obesity"), and a bare singular count noun that clean text never uses bare there ("take
  tablet"). Scored by c(noun, determiner, post-modifier) and c(noun, determiner, context).
- ``collocation/intensity``: an intensity adverb a verb does not take ("strongly hurts") when
  another is usual with it ("hurts a lot").

A flag needs a smoothed log-ratio of at least the rule's threshold (natural log) and the
preferred form seen at least ``MIN_PREFERRED`` times; its confidence grows with the ratio. The
thresholds were chosen on tuning data only (the dev set's "tune" half and this table's own
held-out MedQuAD answers); see the report in ``models/ngrams/README.md``.

Where the table is too thin to decide, rules over lemmas, parts of speech and roles flag and
the counts only veto, each in its own module with its confusion set documented: ``governed``
(a table of governed prepositions, transitive verbs) and ``governed_cases`` (goals, agents,
"tell about", fear "before"), ``time_prepositions`` ("during N days"), ``intensity`` (degree
adverbs before a finite verb or a plain adjective, "badly tolerated", "a little decreased"),
``course`` (course verbs with a disease subject), ``stopped`` ("stopped to bother"),
``passive`` ("is shown" for advice, a person "is prescribed" a thing, "the drug is recommended
to take"), ``procedure`` (a procedure "made" or "passed"), ``medicine_verb`` (tablets
"accepted"), ``measure_verb`` (a temperature that "fell down"), ``reflexive`` ("appears
itself"), ``missing_preposition`` ("wait the results"), ``adverb_order`` ("very badly
sleeps"), ``genitive`` (chains of "of" rewritten from mined compounds), ``body_possessive``
("broke leg" -> "broke her leg"); the article rules live in ``article``, the rules' examples
in ``rules`` and ``verb_rules``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ...catalogue import Category, CheckSpec, Source, check
from ...config import Config
from ...records import Issue, Suggestion
from ..base import Check
from .adjective import adjective_finding
from .adjuncts import adjunct_object
from .adverb_order import adverb_order
from .appointment import appointment_finding
from .article import ARTICLE_MARGIN, check_article
from .article_after_preposition import article_after_preposition
from .base import (
    MIN_PREFERRED,
    Finding,
    confidence,
    match_case,
    object_log_prob,
    rare,
)
from .body_possessive import body_possessive
from .course import course_finding
from .course_acting import acting_finding
from .course_become import became_finding
from .general_english import common_pair
from .genitive import genitive_chain, person_genitive
from .governed import MARGIN as GOVERNED_MARGIN
from .governed import governed_finding, participle_adjunct
from .instrument import instrument_finding
from .intensity import (
    STRONG_AFTER,
    badly_participle,
    intensity_adjective,
    intensity_after,
    intensity_calque,
    little_before,
)
from .measure_verb import measure_finding
from .medicine_verb import medicine_finding
from .missing_preposition import missing_preposition, perfect_duration
from .passive import (
    passive_object_infinitive,
    passive_prescribed,
    passive_procedure,
    passive_shown,
)
from .procedure import procedure_finding
from .reflexive import reflexive_finding
from .rules import collocation_rules
from .stopped import stopped_finding
from .time_prepositions import through_finding
from .verb_noun import check_verb_noun

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable
    from ...stages.analyse import AnalysedDocument

SOURCE = "ngram"
CATEGORY = "collocation"
ENV_VAR = "TEXTFIX_NGRAMS_MODEL"

PREPOSITIONS = ("about", "against", "at", "by", "for", "from", "in", "into", "of", "on", "over",
                "to", "with")
POST_VERBAL = frozenset({"a lot", "badly", "much"})  # these never go before the verb
# Adverbs Russian MT uses for сильно / очень on verbs ("strongly hurts", "very worries").
CALQUE_INTENSIFIERS = frozenset({"strongly", "very", "hard", "intensely"})
INTENSITY_ALTERNATIVES = ("a lot", "badly", "severely", "greatly", "much", "strongly",
                          "significantly", "seriously", "heavily", "considerably")

# Thresholds (natural-log ratios) and counts, chosen on tuning data only.
# Nouns take prepositions of many kinds (adjuncts, "of" everywhere, parse attachment errors);
# on clean text most preposition flags on nouns were false, so only verbs and adjectives.
GOVERNING_POS = frozenset({"VERB", "ADJ"})
MIN_HEAD = 30  # a head seen fewer times has no reliable preposition profile
GOVERNED_SHARE = 0.6  # a head's best preposition must hold this share of its prepositions
OBJECT_WEIGHT = 1.0  # how far an object that fits the preposition found lowers the margin
PREPOSITION_MARGIN = 3.5
VERB_MARGIN = 2.5
INTENSITY_MARGIN = 3.0


# Heads that quantify or link rather than govern ("much about", "due in part to").
QUANTIFIER_HEADS = frozenset({"much", "many", "more", "most", "less", "little", "few", "due",
                              "enough", "come", "go"})


# ------------------------------------------------------------------ prepositions

def preposition_scores(table: NgramTable, head: str, pos: str, obj: str | None
                       ) -> dict[str, float]:
    """log c(head, p) + log P(obj | p) for every candidate preposition (smoothed)."""
    scores = {}
    for prep in PREPOSITIONS:
        score = math.log(table.count("hp", head, pos, prep) + table.alpha)
        if obj is not None:
            score += object_log_prob(table, prep, obj)
        scores[prep] = score
    return scores


def check_preposition(table: NgramTable, token: Token) -> Finding | None:
    prep = token.lower_
    if token.dep_ != "prep" or prep not in PREPOSITIONS:
        return None  # most tokens stop here, before their head is looked up
    head = token.head
    if head.i != token.i - 1 or head.pos_ not in GOVERNING_POS:
        return None
    from ...models.ngrams import preposition_object

    lemma = head.lemma_.lower()
    if table.count("h", lemma, head.pos_) < MIN_HEAD or lemma in QUANTIFIER_HEADS or \
            any(c.dep_ == "det" for c in head.children):
        return None  # "the best of care": an adjective with an article is used as a noun
    if any(c.dep_ == "prep" and c.i != token.i for c in token.children):
        return None  # "from .... to ..." ranges and chained prepositions
    if adjunct_object(token):
        return None  # "visited in the last 28 days", "due in part to"
    scores = preposition_scores(table, lemma, head.pos_, preposition_object(token))
    best = max(scores, key=lambda p: scores[p])
    # both the head alone and the head with the object must prefer the alternative: a pair
    # that is common in itself ("treatment of") or an adjunct that fits its object is left alone
    support = table.count("hp", lemma, head.pos_, best)
    current = table.count("hp", lemma, head.pos_, prep)
    alone = table.log_ratio(support, current)
    margin = alone + OBJECT_WEIGHT * min(0.0, scores[best] - scores[prep] - alone)
    if best == "by" and head.tag_ == "VBN":
        return None  # "by" would name an agent: "killed at the market" is a place adjunct
    if participle_adjunct(table, token, best):
        return None  # "referred into the pathway", "identified from Europe"
    if best == prep or margin < PREPOSITION_MARGIN or support < MIN_PREFERRED or \
            not rare(current, support) or common_pair(head.text, prep):
        return None  # ... or general English uses the pair ("essential to", "learn from")
    if support < GOVERNED_SHARE * sum(table.count("hp", lemma, head.pos_, p) for p in PREPOSITIONS):
        return None  # the head takes many prepositions ("study of/on/in"): no governed one
    return Finding("collocation/preposition", head, token, f"{head.text} {best}", margin,
                   f"'{head.lemma_} {prep}' is rare in health English; '{head.lemma_} {best}' is "
                   "usual here.", support, current)


# ------------------------------------------------------------------ intensity adverbs

def check_intensity(table: NgramTable, token: Token) -> Finding | None:
    from ...models.ngrams import adverb_key

    adverb = adverb_key(token)
    if adverb not in CALQUE_INTENSIFIERS:
        return None
    verb = token.head
    lemma = verb.lemma_.lower()
    if table.count("v", lemma) < MIN_HEAD:
        return None
    current = table.count("va", lemma, adverb)
    counts = {alt: table.count("va", lemma, alt) for alt in INTENSITY_ALTERNATIVES if alt != adverb}
    best = max(counts, key=lambda a: counts[a])
    margin = table.log_ratio(counts[best], current)
    if margin < INTENSITY_MARGIN or counts[best] < MIN_PREFERRED or not rare(current, counts[best]):
        return None
    has_object = any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    if not has_object and STRONG_AFTER.get(lemma) == "sharply":
        best = "sharply"  # a quantity that moves: "rises sharply", whatever else is counted
        counts[best] = table.count("va", lemma, best)
    if has_object and best in POST_VERBAL:
        return None  # "increases a lot the risk" is no fix
    participle = verb.tag_ == "VBN" and best not in POST_VERBAL
    if participle:  # "is strongly reduced" -> "is greatly reduced": the adverb stays before
        return Finding("collocation/intensity", token, token, match_case(best, token.text),
                       margin, f"'{adverb} {verb.text}' is a calque; '{best} {verb.text}' is "
                       "usual.", counts[best], current)
    if token.i == verb.i - 1 and not has_object:
        return Finding("collocation/intensity", token, verb,
                       match_case(f"{verb.text} {best}", token.text), margin,
                       f"'{adverb} {verb.text}' is a calque; '{verb.lemma_} {best}' is usual.",
                       counts[best], current)
    return Finding("collocation/intensity", token, token, best, margin,
                   f"'{verb.lemma_} {adverb}' is rare; '{verb.lemma_} {best}' is usual.",
                   counts[best], current)


def check_through(table: NgramTable, token: Token) -> Finding | None:
    """"through two hours" for «через два часа» (``time_prepositions.through_finding``)."""
    found = through_finding(token)
    if found is None:
        return None
    first, last, text = found
    return Finding("collocation/duration", first, last, text, GOVERNED_MARGIN,
                   "«Через два часа» is 'in two hours' (or 'two hours after'); 'through' is a "
                   "calque.")


def check_governed(table: NgramTable, token: Token) -> Finding | None:
    """A preposition the word before does not govern (``governed.py``)."""
    found = governed_finding(table, token)
    if found is None:
        return None
    head, suggestion, message = found
    rule = "collocation/transitive" if suggestion == head.text else "collocation/governed"
    if head.i == token.i:
        rule = "collocation/duration"
    return Finding(rule, head, token, suggestion, GOVERNED_MARGIN, message)


PREPOSITION_POS = frozenset({"ADP", "SCONJ", "PART", "ADV"})
ADVERB_POS = frozenset({"ADV", "ADJ", "NOUN"})  # "much" may be tagged JJ, "a lot" is a noun
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB"})
# (finder, threshold, the parts of speech of the tokens it can fire on): a token is offered only
# to the finders of its part of speech, since each finder costs a call on every token
CHECKS = (
    (check_preposition, PREPOSITION_MARGIN, PREPOSITION_POS),
    (check_governed, PREPOSITION_MARGIN, PREPOSITION_POS),
    (check_through, PREPOSITION_MARGIN, PREPOSITION_POS),
    (instrument_finding, INTENSITY_MARGIN, PREPOSITION_POS),
    (medicine_finding, INTENSITY_MARGIN, NOUN_POS),
    (procedure_finding, INTENSITY_MARGIN, NOUN_POS),  # a procedure's class before its counts
    (appointment_finding, INTENSITY_MARGIN, NOUN_POS),
    (check_verb_noun, VERB_MARGIN, NOUN_POS),
    (missing_preposition, INTENSITY_MARGIN, NOUN_POS),
    (perfect_duration, INTENSITY_MARGIN, NOUN_POS),
    (check_article, ARTICLE_MARGIN, NOUN_POS),
    (article_after_preposition, ARTICLE_MARGIN, NOUN_POS),
    (body_possessive, ARTICLE_MARGIN, NOUN_POS),
    (adjective_finding, ARTICLE_MARGIN, frozenset({"ADJ", "VERB"})),
    (check_intensity, INTENSITY_MARGIN, ADVERB_POS),
    (intensity_calque, INTENSITY_MARGIN, ADVERB_POS),
    (intensity_after, INTENSITY_MARGIN, ADVERB_POS),
    (intensity_adjective, INTENSITY_MARGIN, ADVERB_POS),
    (badly_participle, INTENSITY_MARGIN, ADVERB_POS),
    (little_before, INTENSITY_MARGIN, ADVERB_POS),
    (adverb_order, INTENSITY_MARGIN, ADVERB_POS),
    (course_finding, INTENSITY_MARGIN, VERB_POS | {"NOUN"}),  # "tremor intensifies": a noun
    (acting_finding, INTENSITY_MARGIN, VERB_POS),
    (became_finding, INTENSITY_MARGIN, VERB_POS | {"ADJ"}),
    (measure_finding, INTENSITY_MARGIN, VERB_POS),
    (passive_prescribed, INTENSITY_MARGIN, VERB_POS),
    (passive_object_infinitive, INTENSITY_MARGIN, VERB_POS),
    (passive_shown, INTENSITY_MARGIN, VERB_POS),
    (passive_procedure, INTENSITY_MARGIN, VERB_POS),
    (genitive_chain, INTENSITY_MARGIN, NOUN_POS),
    (person_genitive, INTENSITY_MARGIN, NOUN_POS),
    (reflexive_finding, INTENSITY_MARGIN, frozenset({"PRON"})),
    (stopped_finding, INTENSITY_MARGIN, VERB_POS),
)
FINDERS_BY_POS = {pos: tuple((f, t) for f, t, kinds in CHECKS if pos in kinds)
                  for pos in set().union(*(kinds for _, _, kinds in CHECKS))}


def findings(table: NgramTable, tokens: Iterable[Token]) -> Iterator[tuple[Finding, float]]:
    """Every finding in the tokens, with its confidence; at most one per token."""
    for token in tokens:
        for finder, threshold in FINDERS_BY_POS.get(token.pos_, ()):
            found = finder(table, token)
            if found is not None:
                yield found, confidence(found.margin, threshold)
                break


# ------------------------------------------------------------------ the check


def collocation_category() -> Category:
    """The category of the collocation check and the article model's (``checks/article_model``)."""
    return Category(CATEGORY, 1.0, "#b5ead7", "a word clean health English replaces in this "
                                              "context")


def table_path() -> str:
    from ...models.loading import MODELS_DIR

    return os.environ.get(ENV_VAR) or str(MODELS_DIR / "ngrams")


@check(CheckSpec(
    name="collocation",
    description="Prepositions, verb-noun collocations, articles and intensity adverbs that clean "
                "health English (n-gram counts over MedQuAD, models/ngrams) clearly words "
                "otherwise in that context.",
    categories=(collocation_category(),),
    sources=(Source(SOURCE, 0.7, description="the best alternative by n-gram counts of clean "
                                             "health English"),),
    needs_models=True,
    order=25,
    rules=collocation_rules,
))
class CollocationCheck(Check):
    """Scores each confusable word's alternatives with the shipped n-gram table."""

    def __init__(self, config: Config, path: str | None = None) -> None:
        from ...models.ngrams import load_table

        super().__init__(config)
        self.table = load_table(path or table_path())

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        issues = []
        for block in adoc.blocks:
            for found, conf in findings(self.table, block.doc):
                start, end = block.char_start(found.first), block.char_end(found.last)
                issues.append(Issue(
                    start=start, end=end, category=CATEGORY, rule=found.rule,
                    message=found.message, source=SOURCE, confidence=conf,
                    suggestions=[Suggestion(found.suggestion, SOURCE, conf, hold=found.hold)],
                    context=found.first.sent.text,
                ))
        return issues
