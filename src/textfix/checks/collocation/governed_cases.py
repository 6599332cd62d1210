"""Governed prepositions the table of heads cannot state (``collocation/governed``): a goal
reached "to" that Russian «в» gives "in" ("admitted in the hospital"), an agent that a bite or
sting gives "from" ("bitten from a dog"), "tell about" with nobody told, and a verb of
``TRANSITIVE`` the tagger read as a plural noun ("Smoking influences on the vessels"). Each needs
the roles of the words around the preposition, not the head's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import match_case
from .people import CLINICIANS, PEOPLE
from .time_prepositions import amount_of_time

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs English uses with a direct object where Russian MT puts a preposition ("нуждаться в" ->
# "need in", "ответить на" -> "answer on", "обсуждать о" -> "discuss about").
TRANSITIVE = frozenset({"need", "answer", "discuss", "resemble", "lack", "affect", "influence",
                        "attend", "reach", "enter", "mention", "describe", "explain",
                        "accompany", "approach", "await", "emphasize", "emphasise",
                        "refuse"})  # «отказаться от»: "refused from the surgery"

# Verbs whose place is a goal («в больницу», «в руку»): "admitted to the hospital", "radiates to
# the arm". Russian «в» comes out as "in", which the object cannot veto: "in the hospital" and
# "in the arm" are common English after other verbs. Judged only with a goal as the object: a
# place of care after "admit" (not "admitted in a serious condition", "in 2019"), a part of
# the body after "radiate" (not "radiates in waves").
CARE_PLACES = frozenset({"hospital", "clinic", "ward", "unit", "icu", "department", "centre",
                         "center", "infirmary", "hospice", "intensive", "emergency", "care"})
GOAL_VERBS = {"admit": CARE_PLACES, "transfer": CARE_PLACES, "radiate": None}
NOT_GOALS = frozenset({"wave", "pulse", "direction", "way", "manner", "form", "pattern",
                       "case", "condition", "state", "time", "day", "night", "morning"})


# Bites and stings: the animal or person that did it is the agent ("bitten by a dog"), which
# Russian MT gives "from" («укушен собакой», «ужалила пчела»).
BITING_VERBS = frozenset({"bite", "sting", "scratch", "attack", "kick"})
ANIMALS = frozenset({"dog", "cat", "snake", "tick", "mosquito", "bee", "wasp", "hornet",
                     "insect", "spider", "rat", "mouse", "bat", "fox", "animal", "horse",
                     "jellyfish", "scorpion", "flea", "monkey"})


def _animal_agent(head: Token, prep: Token) -> bool:
    from ...models.ngrams import preposition_object

    obj = preposition_object(prep)
    return prep.lower_ == "from" and head.tag_ == "VBN" and \
        head.lemma_.lower() in BITING_VERBS and obj is not None and \
        (obj in ANIMALS or obj in PEOPLE)


def _goal_in(head: Token, prep: Token) -> bool:
    """"admitted in the hospital", "radiates in the left arm": "in" for a goal's "to"."""
    from ...models.ngrams import preposition_object

    lemma = head.lemma_.lower()
    if lemma not in GOAL_VERBS or head.pos_ != "VERB" or prep.lower_ != "in" or \
            prep.head.i != head.i:
        return False
    obj = preposition_object(prep)
    places = GOAL_VERBS[lemma]
    return obj is not None and (obj in places if places is not None else
                                obj not in NOT_GOALS and not prep.nbor().like_num)


TELLERS = frozenset({"i", "we", "you", "he", "she", "they"})


def _told_about(head: Token, prep: Token) -> bool:
    """"The surgeon told about the risks" («рассказал о»): an active "tell" with nobody told,
    a health worker, a patient or a pronoun telling ("the book tells about" is left alone)."""
    if head.lemma_.lower() != "tell" or head.pos_ != "VERB" or prep.lower_ != "about" or \
            prep.i != head.i + 1 or head.tag_ not in ("VBD", "VBZ", "VBP", "VB") or \
            any(c.dep_ in ("dobj", "dative", "auxpass", "nsubjpass", "ccomp")
                for c in head.children):
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject is None or subject.lemma_.lower() in PEOPLE | CLINICIANS | TELLERS


def misread_transitive(head: Token, prep: Token) -> bool:
    """"Smoking influences on the vessels": a verb of ``TRANSITIVE`` that is also a noun, read
    as a plural noun at the root (``misread_root_verb``), the preposition right after it."""
    return head.lemma_.lower() in TRANSITIVE and prep.i == head.i + 1 and \
        prep.head.i == head.i and misread_root_verb(head)


def misread_root_verb(word: Token) -> bool:
    """A plural noun at the root of a sentence with a full stop (a heading, "Environment
    influences on health", has none) and no verb of its own, its subject compounded right
    before it ("Smoking influences", "The baby reacts"): a verb the tagger misread. Verbs of
    clauses below it ("more than most people think") do not count; a conjunct or a clausal
    complement of the root does."""
    sent = word.sent
    return word.tag_ == "NNS" and word.dep_ == "ROOT" and word.i > sent.start and \
        word.nbor(-1).dep_ == "compound" and word.nbor(-1).head.i == word.i and \
        sent[-1].text == "." and not any(c.pos_ in ("VERB", "AUX") and
                                         c.dep_ in ("conj", "ccomp") for c in word.children)


def _began_from(head: Token, prep: Token) -> bool:
    """«Болезнь началась с температуры»: a condition that "began from" a symptom began with
    it ("from" a date, an age or a place is left alone: the object must be a condition)."""
    from .course import is_condition, subject_of

    if head.lemma_.lower() not in ("begin", "start") or head.pos_ != "VERB" or \
            prep.lower_ != "from" or prep.head.i != head.i:
        return False
    subject = subject_of(head)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return subject is not None and obj is not None and is_condition(subject, None) and \
        is_condition(obj, None)


# «Страх перед операцией», «боится перед уколом»: fear is "of" what is feared.
FEAR_HEADS = frozenset({"afraid", "scared", "frightened", "fear", "terrified"})


def _fear_before(head: Token, prep: Token) -> bool:
    """"afraid before the injection" -> "afraid of"; "nervous before" is English (a time). A
    noun's "before" may be read as a clause's ("Her fear before the operation kept her")."""
    return head.lemma_.lower() in FEAR_HEADS and prep.lower_ == "before" and \
        (prep.head.i == head.i or head.pos_ == "NOUN") and head.pos_ in ("ADJ", "NOUN")


# «Перенесли на две недели», «продлили на месяц»: a shift in time by an amount is "by" it.
SHIFTING_VERBS = frozenset({"postpone", "delay", "defer", "extend", "prolong", "lengthen",
                            "shorten", "move", "shift", "reschedule", "bring"})


def _shifted_on(head: Token, prep: Token) -> bool:
    """"postponed on two weeks" -> "by two weeks": "on" with a number and a unit of time
    right after a verb of shifting ("moved on Monday" names a day: no number)."""
    return prep.lower_ == "on" and head.lemma_.lower() in SHIFTING_VERBS and \
        head.pos_ == "VERB" and prep.head.i == head.i and amount_of_time(prep)


# «Проходит за два дня», «зажила за 10 дней»: how long an illness takes to end is "within" it.
ENDING_VERBS = frozenset({"subside", "pass", "disappear", "heal", "clear", "resolve", "go",
                          "recover", "improve", "settle", "fade", "vanish", "stop", "ease"})


def _ended_by(head: Token, prep: Token) -> bool:
    """"the rash subsides by two days" -> "within two days": "by" with an amount of time after
    a verb of ending ("by day 3", "by the evening" name a point: no amount before a unit)."""
    return prep.lower_ == "by" and head.lemma_.lower() in ENDING_VERBS and head.pos_ == "VERB" \
        and prep.head.i == head.i and amount_of_time(prep)


# The cases judged by roles, each with the preposition English uses and the Russian it follows.
CASES = (
    (_shifted_on, "by", "«на две недели»; English shifts a date 'by' an amount"),
    (_ended_by, "within", "«за два дня»; an illness ends 'within' a length of time"),
    (_fear_before, "of",
     "«страх перед»; English fears 'of' what is feared"),
    (_began_from, "with",
     "«началась с»; a condition begins with its first sign"),
    (_animal_agent, "by",
     "«укушен собакой»; English names the agent with 'by'"),
    (_goal_in, "to", "«в»; English goes 'to' a place"),
)


def special_finding(head: Token, prep: Token) -> tuple[Token, str, str] | None:
    """(head, suggestion for "head prep", message) for the cases above, else None."""
    for applies, better, why in CASES:
        if applies(head, prep):
            return head, f"{head.text} {better}", \
                f"'{head.lower_} {prep.lower_}' follows the Russian {why}."
    if _told_about(head, prep):
        from ...lexicon.templates import inflect_verb

        talked = inflect_verb("talk", head.tag_)
        message = ("'tell' needs the person told ('told us about'); with no one told, "
                   f"English says '{talked} about'.")
        return head, match_case(f"{talked} about", head.text), message
    return None


# Verbs that take an object and then a preposition of their own ("compare X to/with Y",
# "attribute X to Y"): after their object the preposition is the verb's, not the noun's.
OBJECT_THEN_PREPOSITION = {
    "compare": ("to", "with"), "attribute": ("to",), "link": ("to", "with"), "add": ("to",),
    "apply": ("to",), "prefer": ("to",), "expose": ("to",), "convert": ("to", "into"),
    "transfer": ("to", "from"), "limit": ("to",), "restrict": ("to",), "relate": ("to",),
    "connect": ("to", "with"), "assign": ("to",), "associate": ("with",), "combine": ("with",),
    "contrast": ("with",), "replace": ("with", "by"), "protect": ("from", "against"),
    "distinguish": ("from",), "separate": ("from",), "exclude": ("from",),
}


__all__ = ["OBJECT_THEN_PREPOSITION", "TRANSITIVE", "misread_root_verb", "misread_transitive",
           "special_finding"]
