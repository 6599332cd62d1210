"""``collocation/reflexive``: a Russian reflexive verb in «-ся» rendered with "itself" ("the
rash appears itself" «проявляется», "the pain intensifies itself" «усиливается», "the
symptoms develop themselves" «развиваются»).

English uses these verbs without an object; a reflexive pronoun as their object is the calque,
and the fix drops it. The verbs are listed (``INTRANSITIVE``): those English never uses
reflexively. Verbs that do take "itself" in English ("the body heals itself", "history repeats
itself", "symptoms manifest themselves", "the skin renews itself") are not in the list.

Verbs of a condition ending (``ENDING``) with "itself" render «само» instead: "the bleeding
stopped itself" «остановилось само», "the swelling came down itself". English says it ended "on
its own"; only a condition as the subject is judged ("the body heals itself" is English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding
from .course import is_condition, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

INTRANSITIVE = frozenset({"appear", "occur", "arise", "develop", "begin", "start", "worsen",
                          "intensify", "increase", "decrease", "continue", "proceed", "spread",
                          "happen", "recur", "progress", "emerge"})
# «прошло само»: a condition that ended by itself ended "on its own"
ENDING = frozenset({"disappear", "subside", "stop", "pass", "heal", "resolve", "clear", "vanish",
                    "cease", "go", "come", "settle", "fall", "drop"})  # "the scab fell off itself"
PARTICLES = frozenset({"down", "away", "off", "up", "out"})
OWN = {"itself": "its", "themselves": "their", "himself": "his", "herself": "her"}
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


def reflexive_finding(table: NgramTable, pronoun: Token) -> Finding | None:
    if pronoun.lower_ not in REFLEXIVES or pronoun.i == 0:
        return None  # most tokens stop here
    if pronoun.dep_ == "pobj" and pronoun.head.lower_ in PARTICLES and pronoun.head.i == \
            pronoun.i - 1 and pronoun.head.head.lemma_.lower() in ENDING:
        return _ended_on_its_own(table, pronoun.head.head, pronoun)  # "came down itself"
    if pronoun.dep_ != "dobj":
        return None
    verb = pronoun.head
    lemma = verb.lemma_.lower()
    if lemma in ENDING:
        return _ended_on_its_own(table, verb, pronoun)
    if lemma not in INTRANSITIVE or verb.i != pronoun.i - 1:
        return None
    return Finding("collocation/reflexive", verb, pronoun, verb.text, MARGIN,
                   f"'{verb.text} {pronoun.text}' follows the Russian reflexive «-ся»; in "
                   f"English '{verb.lemma_}' takes no object: '{verb.text}'.")


def _ended_on_its_own(table: NgramTable, verb: Token, pronoun: Token) -> Finding | None:
    """"The bleeding stopped itself" -> "stopped on its own"; "came down itself" keeps its
    particle."""
    after = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    last = after if after is not None and after.lower_ in PARTICLES else verb
    subject = subject_of(verb)
    if last.i != pronoun.i - 1 or subject is None or not is_condition(subject, table):
        return None
    words = verb.doc[verb.i : last.i + 1].text
    text = f"{words} on {OWN[pronoun.lower_]} own"
    return Finding("collocation/reflexive", verb, pronoun, text, MARGIN,
                   f"'{words} {pronoun.text}' follows the Russian «само»; English says "
                   f"'{text}'.")


__all__ = ["INTRANSITIVE", "reflexive_finding"]
