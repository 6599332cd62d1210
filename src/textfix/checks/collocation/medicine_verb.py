"""``collocation/medicine-verb``: the verb for taking or putting on a medicine, as Russian MT
renders «принимать таблетки» ("accept the tablets", "the pills are accepted"), «пить
таблетки» ("drink antibiotics") and «нанести / намазать крем» ("put a cream", "impose the
ointment", "smear the gel").

English *takes* a medicine by mouth and *applies* one to the skin. The n-gram counts cannot
judge the pairs: MedQuAD speaks of "medicine" and "medication" (taken 230 and 98 times) but
hardly of tablets, creams or ointments (5, 0 and 0 times as objects of any verb), so the rule
works on documented classes of dosage forms (``ORAL``, ``TOPICAL``) and drug names (the guard's
protected drug names and drug suffixes), with the verbs Russian MT uses for them; the counts
only veto (a pair clean text uses, ``MAX_SEEN``). The object may be the passive subject ("the
tablets are accepted twice a day" -> "are taken").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

# Medicines swallowed: what is taken («принимать», «пить»).
ORAL = frozenset({"tablet", "pill", "capsule", "lozenge", "medicine", "medication", "drug",
                  "antibiotic", "painkiller", "vitamin", "supplement", "antidepressant",
                  "sedative", "contraceptive", "laxative", "diuretic", "antihistamine"})
# Medicines put on the skin: what is applied («нанести», «намазать», «наложить»).
TOPICAL = frozenset({"cream", "ointment", "gel", "lotion", "balm", "salve", "liniment",
                     "sunscreen", "paste"})
# Verbs Russian MT uses for them, and the English verb. "drink" is right for a liquid ("drink
# the syrup"), so it is judged only with solid forms and drug names.
TAKE_VERBS = frozenset({"accept", "drink"})
APPLY_VERBS = frozenset({"put", "impose", "smear", "anoint", "lay", "overlay"})
LIQUIDS = frozenset({"medicine", "medication"})  # "drink the medicine" may be a syrup
COURSES = frozenset({"course"})  # «пропить курс»: a course of medicine is taken, never drunk
ON_PREPOSITIONS = frozenset({"on", "onto", "over"})  # "put the cream on the burn" is English
# (but "smear the gel on the bruise" is still «намазать»)
MAX_SEEN = 2  # clean text has the pair found at most this often
MARGIN = 4.0  # nominal: a rule over classes has no count ratio


def is_drug_name(noun: Token) -> bool:
    """A drug the guard protects by name or by suffix ("aspirin", "amoxicillin")."""
    from ...stages.guard.terms import ProtectedTerms

    terms = ProtectedTerms.shared()  # the guard's own, loaded once
    found = terms.lookup(noun.lower_)
    return found is not None and found[0] == "drug name" or \
        noun.lower_.endswith(terms.drug_suffixes)


def _english_verb(verb: str, noun: Token) -> str | None:
    """"take" or "apply" for this verb and medicine, or None when the pair is English."""
    lemma = noun.lemma_.lower()
    if verb in TAKE_VERBS:
        oral = lemma in ORAL or lemma in COURSES or is_drug_name(noun)
        return "take" if oral and not (verb == "drink" and lemma in LIQUIDS) else None
    if verb in APPLY_VERBS and lemma in TOPICAL:
        return "apply"
    return None


def _tag(verb: Token) -> str:
    """The verb's tag, an imperative the tagger read as a past tense ("After a burn, put a
    cream": no subject, the form of the lemma) being a base form."""
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if verb.tag_ == "VBD" and not subject and verb.lower_ == verb.lemma_.lower():
        return "VB"
    return verb.tag_


# Passive participles the tagger reads as adjectives after "be" ("the tablets should be drunk":
# "drunk" JJ), with their verbs.
ADJECTIVE_PARTICIPLES = {"drunk": "drink", "accepted": "accept"}


def _misread_participle(noun: Token) -> Token | None:
    """The participle of "the tablets should be drunk", read as an adjective after "be"."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return None
    return next((c for c in noun.head.children
                 if c.dep_ == "acomp" and c.lower_ in ADJECTIVE_PARTICIPLES), None)


def medicine_finding(table: NgramTable, noun: Token) -> Finding | None:
    misread = _misread_participle(noun)
    if misread is not None:
        verb, lemma, tag = misread, ADJECTIVE_PARTICIPLES[misread.lower_], "VBN"
    elif noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        verb, lemma, tag = noun.head, noun.head.lemma_.lower(), _tag(noun.head)
    else:
        return None  # most tokens stop here
    from ...lexicon.templates import inflect_verb

    new = _english_verb(lemma, noun)
    if new is None or table.count("vo", lemma, noun.lemma_.lower()) > MAX_SEEN:
        return None
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    if lemma in ("put", "lay") and preps & ON_PREPOSITIONS or "from" in preps:
        return None  # "put the cream on the burn"; "accept drugs from patients": received
    text = match_case(inflect_verb(new, tag), verb.text)
    return Finding("collocation/medicine-verb", verb, verb, text, MARGIN,
                   f"'{verb.text} … {noun.text}' follows the Russian; English says "
                   f"'{text} … {noun.text}'.")


__all__ = ["ORAL", "TOPICAL", "is_drug_name", "medicine_finding"]
