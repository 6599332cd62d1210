"""``collocation/adjective-noun``: an adjective Russian MT picks word for word for a noun that
English pairs with another ("тяжёлая форма" -> "heavy form" for "severe form", "лёгкая форма"
-> "light form" for "mild form", "сильная боль" -> "strong pain" for "severe pain").

The confusion set is ``ADJECTIVE_CALQUES``: each Russian-calque adjective with the English
adjectives of the same meaning. The counts decide, for the noun the adjective modifies: how often
clean health English puts each candidate right before that noun (MedQuAD answers, the n-gram
table's split, in ``data/adjective_nouns.tsv`` built by ``scripts/build_adjective_nouns.py``).
Flagged when clean text has an alternative at least ``MIN_PREFERRED`` times, the adjective found
at most ``MAX_SHARE`` as often, and general English has not the pair either (Google Books
bigrams: ``general_english``). The adjective may also be said of its noun ("the pain was very
strong" -> "very severe"). Nouns clean text rarely qualifies are never judged: a thin count
is no evidence ("strong cough" and "bad cough" are both rare in MedQuAD); a condition clean
text never names with the adjective found is judged as a disease in general.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .base import Finding, data_rows, match_case
from .course import is_condition
from .general_english import pair_share

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

RULE = "collocation/adjective-noun"
COUNTS_FILE = "adjective_nouns.tsv"  # in textfix/data: "adjective<TAB>next word<TAB>count"
# Russian adjective -> its literal English rendering -> the English adjectives of that meaning.
ADJECTIVE_CALQUES: dict[str, tuple[str, ...]] = {
    "heavy": ("severe", "serious"),  # тяжёлый (form, course, condition)
    "light": ("mild", "slight", "minor"),  # лёгкий (form, case, injury)
    "strong": ("severe", "bad", "intense", "deep"),  # сильный (pain, headache, sleep)
    "weak": ("mild", "slight", "faint"),  # слабый (pain, symptoms)
    "sharp": ("acute", "spicy", "sudden"),  # острый (form, food, onset)
    "big": ("large", "high", "major"),  # большой (dose, risk)
    "hard": ("severe", "difficult", "heavy"),  # тяжёлый (case, labour)
}
MIN_PREFERRED = 5  # the alternative with this noun in clean text
# A condition clean text hardly qualifies ("appendicitis") is judged as a disease in general:
# by the alternatives' counts with these nouns ("acute" 7, "spicy" 0, "sudden" 0).
CONDITION_CLASS = ("disease", "illness", "condition", "symptoms")
NOT_DISEASES = frozenset({"labour", "labor", "pregnancy"})  # listed conditions, not diseases
MAX_SHARE = 0.1  # the pair found at most this share of the alternative's count
MARGIN = 3.0  # nominal log ratio the confidence scale starts from


def adjectives_counted() -> set[str]:
    """Every adjective the counts file needs: the calques and their alternatives."""
    return set(ADJECTIVE_CALQUES) | {a for alts in ADJECTIVE_CALQUES.values() for a in alts}


@lru_cache(maxsize=1)
def pair_counts() -> dict[tuple[str, str], int]:
    return {(adjective, word): int(count) for adjective, word, count in data_rows(COUNTS_FILE)}


def _count(adjective: str, noun: Token) -> int:
    """Clean text's uses of the adjective right before the noun, as written or as its lemma."""
    from ...models.ngrams import american_spelling

    counts = pair_counts()
    forms = {american_spelling(w) for w in (noun.lower_, noun.lemma_.lower())}  # "tumour"
    return sum(counts.get((adjective, form), 0) for form in forms)


LINKING_VERBS = frozenset({"be", "become", "get", "remain", "seem", "stay"})


def _described(adjective: Token) -> Token | None:
    """The noun the adjective qualifies: the next word ("heavy form", not "heavy, chronic
    form"), or the subject of a linking verb ("the pain was very strong")."""
    if adjective.dep_ == "amod":
        noun = adjective.head
        return noun if noun.i == adjective.i + 1 and noun.pos_ == "NOUN" else None
    if adjective.dep_ != "acomp" or adjective.head.lemma_.lower() not in LINKING_VERBS:
        return None
    subjects = [c for c in adjective.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    return subjects[0] if subjects else None


def adjective_finding(table: NgramTable, token: Token) -> Finding | None:
    adjective = token.lower_
    if adjective not in ADJECTIVE_CALQUES:
        return None
    noun = _described(token)
    if noun is None:
        return None
    alternatives = ADJECTIVE_CALQUES[adjective]
    counts = {alt: _count(alt, noun) for alt in alternatives}
    current = _count(adjective, noun)
    if max(counts.values()) < MIN_PREFERRED and current == 0 and is_condition(noun) and \
            noun.lemma_.lower() not in NOT_DISEASES:
        counts = {alt: sum(pair_counts().get((alt, n), 0) for n in CONDITION_CLASS)
                  for alt in alternatives}  # "sharp appendicitis": as said of any disease
    best = max(alternatives, key=lambda a: (counts[a], -alternatives.index(a)))
    if counts[best] < MIN_PREFERRED or current > MAX_SHARE * counts[best] or \
            pair_share(adjective, noun.lower_, best) >= MAX_SHARE:
        return None
    margin = table.log_ratio(counts[best], current)
    return Finding(RULE, token, token, match_case(best, token.text), margin,
                   f"'{adjective} {noun.lemma_}' follows the Russian; health English says "
                   f"'{best} {noun.lemma_}'.", counts[best], current)


__all__ = ["ADJECTIVE_CALQUES", "adjective_finding", "adjectives_counted"]
