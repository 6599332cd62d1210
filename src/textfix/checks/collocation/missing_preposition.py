"""``collocation/missing-preposition``: a direct object after a verb English joins to its object
with a preposition, where the Russian verb takes the object directly («ждать результаты» ->
"wait the results", «соблюдать диету» -> "adhere the diet", «участвовать в» dropped ->
"participate the study").

The verbs are those whose object English always introduces with one preposition
(``GOVERNING``: "wait for", "depend on", "consist of"); the counts veto a pair clean health
English does use as verb + object (``vo`` in the n-gram table: "wait a day" is counted, so is
anything a verb has in another sense), and an object of time or measure is an adjunct ("wait two
weeks", "participated this year").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding

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


def missing_preposition(table: NgramTable, obj: Token) -> Finding | None:
    """"Wait the results" -> "wait for the results": the preposition goes after the verb."""
    if obj.dep_ not in ("dobj", "attr") or obj.pos_ != "NOUN":
        return None  # most tokens stop here ("attr": "depends the weight" is misparsed)
    verb = obj.head
    lemma = verb.lemma_.lower()
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


__all__ = ["GOVERNING", "missing_preposition"]
