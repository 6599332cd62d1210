"""``collocation/reflexive``: a Russian reflexive verb in «-ся» rendered with "itself" ("the
rash appears itself" «проявляется», "the pain intensifies itself" «усиливается», "the
symptoms develop themselves" «развиваются»).

English uses these verbs without an object; a reflexive pronoun as their object is the calque,
and the fix drops it. The verbs are listed (``INTRANSITIVE``): those English never uses
reflexively. Verbs that do take "itself" in English ("the body heals itself", "history repeats
itself", "symptoms manifest themselves", "the skin renews itself") are not in the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

INTRANSITIVE = frozenset({"appear", "occur", "arise", "develop", "begin", "start", "worsen",
                          "intensify", "increase", "decrease", "continue", "proceed", "spread",
                          "disappear", "happen", "recur", "subside", "progress", "emerge"})
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


def reflexive_finding(table: NgramTable, pronoun: Token) -> Finding | None:
    if pronoun.lower_ not in REFLEXIVES or pronoun.dep_ != "dobj" or pronoun.i == 0:
        return None  # most tokens stop here
    verb = pronoun.head
    if verb.lemma_.lower() not in INTRANSITIVE or verb.i != pronoun.i - 1:
        return None
    return Finding("collocation/reflexive", verb, pronoun, verb.text, MARGIN,
                   f"'{verb.text} {pronoun.text}' follows the Russian reflexive «-ся»; in "
                   f"English '{verb.lemma_}' takes no object: '{verb.text}'.")


__all__ = ["INTRANSITIVE", "reflexive_finding"]
