"""``collocation/missing-preposition``: a direct object after a verb English joins to its object
with a preposition, where the Russian verb takes the object directly («ждать результаты» ->
"wait the results", «соблюдать диету» -> "adhere the diet", «участвовать в» dropped ->
"participate the study").

The verbs are those whose object English always introduces with one preposition
(``GOVERNING``: "wait for", "depend on", "consist of"); the counts veto a pair clean health
English does use as verb + object (``vo`` in the n-gram table: "wait a day" is counted, so is
anything a verb has in another sense), and an object of time or measure is an adjunct ("wait two
weeks", "participated this year").

A passive of a verb that names its condition with a preposition, with the condition as its
object («ей поставили диагноз киста», «лечился от пневмонии»): "was diagnosed a cyst" -> "was
diagnosed with a cyst", "was treated pneumonia" -> "was treated for pneumonia"
(``PASSIVE_GOVERNING``; the object must be a disease or symptom, ``course.is_condition``).

A person right after a verb of telling that English never gives a second object («объяснила
маме» -> "explained the mother about the schedule", "described the doctor the pain") is the
Russian dative: English puts "to" before the person ("explained to the mother").

``collocation/duration`` here: a length of time with no preposition after a perfect («уже три
недели» -> "has been taking them already three weeks"): English says how long with "for" ("for
three weeks already"). Only a number (or "several", "a few") and a unit of time hung on a verb
with a perfect auxiliary; "three weeks ago", "two days later", "It has been three weeks" are
left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding
from .course import is_condition
from .passive import PERSONS
from .procedure import HEALTH_WORKERS
from .time_prepositions import DURATION_UNITS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

# Verbs with no direct object in English, and the preposition that joins their object.
GOVERNING: dict[str, str] = {
    "wait": "for", "depend": "on", "consist": "of", "participate": "in", "belong": "to",
    "cope": "with", "react": "to", "respond": "to", "listen": "to", "comply": "with",
    "adhere": "to", "complain": "of", "rely": "on", "insist": "on", "succumb": "to",
    "subscribe": "to", "refrain": "from", "abstain": "from", "consent": "to",
}
# An object of time or measure is an adjunct: "wait two weeks", "participated this year".
TIME_OBJECTS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "time",
                          "moment", "while", "night", "morning", "evening", "afternoon",
                          "weekend", "period", "bit", "lot", "rest", "turn", "way"})
MARGIN = 4.0  # nominal: a rule over lemmas and roles, vetoed by the counts
# Verbs of telling whose hearer English joins with "to" («объяснить маме»): no second object
# ("explain the mother the rules" is Russian; "give the mother the rules" is English).
TO_HEARER = frozenset({"explain", "describe", "repeat", "demonstrate", "dictate", "mention",
                       "announce", "report", "prove"})
HEARERS = PERSONS | HEALTH_WORKERS
# Passives whose condition English introduces with a preposition ("diagnosed with asthma").
PASSIVE_GOVERNING: dict[str, str] = {
    "diagnose": "with", "treat": "for", "vaccinate": "against", "immunise": "against",
    "immunize": "against", "test": "for", "screen": "for", "examine": "for",
}


def missing_preposition(table: NgramTable, obj: Token) -> Finding | None:
    """"Wait the results" -> "wait for the results": the preposition goes after the verb."""
    if obj.dep_ not in ("dobj", "attr", "dative", "npadvmod") or \
            obj.pos_ not in ("NOUN", "PRON"):
        return None  # most tokens stop here ("attr": "depends the weight" is misparsed)
    verb = obj.head
    lemma = verb.lemma_.lower()
    if obj.dep_ == "npadvmod" and lemma not in PASSIVE_GOVERNING:
        return None  # "was treated pneumonia" is parsed so; "last winter" mostly
    if lemma in TO_HEARER:
        return _hearer_without_to(table, verb, obj)
    if obj.pos_ != "NOUN":
        return None
    if lemma in PASSIVE_GOVERNING and verb.tag_ == "VBN":
        return _passive_without(table, verb, obj)
    prep = GOVERNING.get(lemma)
    if prep is None or verb.pos_ != "VERB" or obj.left_edge.i != verb.i + 1:
        return None  # "wait a moment for the results": the object is not right after the verb
    noun = obj.lemma_.lower()
    if noun in TIME_OBJECTS or table.count("vo", lemma, noun) > 0:
        return None  # "wait two weeks": an adjunct; a pair clean text has as verb + object
    text = f"{verb.text} {prep}"
    return Finding("collocation/missing-preposition", verb, verb, text, MARGIN,
                   f"'{lemma}' takes its object with '{prep}' in English: '{lemma} {prep} "
                   f"{obj.text}'.")


def _passive_without(table: NgramTable, verb: Token, condition: Token) -> Finding | None:
    """"was diagnosed a cyst" -> "was diagnosed with a cyst": the condition right after the
    passive participle."""
    if not any(c.dep_ == "auxpass" for c in verb.children) or \
            condition.left_edge.i != verb.i + 1 or not is_condition(condition, table):
        return None
    prep = PASSIVE_GOVERNING[verb.lemma_.lower()]
    return Finding("collocation/missing-preposition", verb, verb, f"{verb.text} {prep}", MARGIN,
                   f"English names the condition after '{verb.lower_}' with '{prep}': "
                   f"'{verb.lower_} {prep} {condition.text}'.")


def _hearer_without_to(table: NgramTable, verb: Token, person: Token) -> Finding | None:
    """"explained the mother about the schedule" -> "explained to the mother"."""
    if verb.pos_ != "VERB" or person.left_edge.i != verb.i + 1 or \
            person.lemma_.lower() not in HEARERS or \
            table.count("vo", verb.lemma_.lower(), person.lemma_.lower()) > 0:
        return None  # "describe the patient" (as a case) is counted: left alone
    told = [c for c in [*verb.children, *person.children] if c.i > person.i and (
        c.dep_ in ("dobj", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "about"))]
    if not told:
        return None  # "he described the patient": the person is what was described
    return Finding("collocation/missing-preposition", verb, verb, f"{verb.text} to", MARGIN,
                   f"'{verb.lemma_.lower()}' takes the person it tells with 'to' in English: "
                   f"'{verb.lower_} to {person.text}'.")


AMOUNTS = frozenset({"several", "few", "many"})
AFTER_DURATION = frozenset({"ago", "later", "earlier", "before", "after", "old", "long"})


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.i < verb.i
               for c in verb.children)


def perfect_duration(table: NgramTable, unit: Token) -> Finding | None:
    """"has been ill two weeks" -> "for two weeks"; "already two weeks" -> "for two weeks
    already"."""
    if unit.dep_ != "npadvmod" or unit.lemma_.lower() not in DURATION_UNITS or unit.i == 0:
        return None  # most tokens stop here
    amount = unit.nbor(-1)
    if not (amount.like_num or amount.lower_ in AMOUNTS) or amount.head.i != unit.i or \
            not _perfect(unit.head):
        return None
    after = unit.nbor() if unit.i + 1 < len(unit.doc) else None
    if after is not None and after.lower_ in AFTER_DURATION:
        return None  # "two weeks ago", "three days later"
    first = unit.doc[amount.i - 1] if amount.i > 0 else amount
    length = unit.doc[amount.i : unit.i + 1].text
    if first.lower_ == "already":
        text = f"for {length} already"
    elif first.pos_ == "ADP" or first.lower_ == "how":
        return None  # "in two weeks": it has its preposition; "how many days have you had"
    else:
        first, text = amount, f"for {length}"
    return Finding("collocation/duration", first, unit, text, MARGIN,
                   f"How long something has gone on takes 'for' in English: '{text}'.")


__all__ = ["GOVERNING", "missing_preposition", "perfect_duration"]
