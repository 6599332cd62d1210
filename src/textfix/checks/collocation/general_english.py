"""How general English follows a word with a preposition, for the preposition checks.

The n-gram table over MedQuAD (2.7M words) knows a few hundred heads well; on everything else it
is silent, and a silent table can neither confirm nor veto a flag. This file adds the profile of
about 10,900 head words in general English: Google Books bigram counts of word + preposition, from
the 243k-bigram list the ``symspellpy`` package ships (MIT licence), kept for the prepositions of
``governed.CONFUSABLE`` in ``data/preposition_bigrams.tsv`` by
``scripts/build_general_bigrams.py``. The list only holds bigrams seen at least 6.4M times, so
a missing pair is rare in general English, not impossible; and bigrams know adjacency, not the
parse, so a profile mixes a word's verb and noun uses ("cluster of", "cluster into").

Two uses, both measured on clean text and the dev set's tune half:

- a veto: a pair general English uses at least ``COMMON_SHARE`` as often as the word's usual
  preposition is no calque ("essential to", "learn from", "approve of"), whatever MedQuAD says;
- a profile for a verb or adjective the governed table lacks: a pair general English never has
  after a head whose usual preposition it has at least ``MIN_BEST`` (in millions) times
  ("participated at" -> "participated in").
"""

from __future__ import annotations

from functools import lru_cache

from .base import data_rows

PROFILE_FILE = "preposition_bigrams.tsv"  # in textfix/data: "word<TAB>prep=millions ..."
ADJECTIVE_FILE = "adjective_bigrams.tsv"  # the same for the adjective-noun confusion sets
COMMON_SHARE = 0.3  # found / usual at least this: general English uses the pair found
MIN_BEST = 50.0  # millions of uses of the head's usual preposition before an absence counts
# On the tune half's true preposition flags the pair found was at most 0.22 of the usual one;
# on clean text most false ones were 0.5 to 1.0.


def format_profiles(profiles: dict[str, dict[str, float]]) -> str:
    """The shipped file's lines (sorted, counts in millions with one decimal)."""
    return "".join(f"{word}\t" + " ".join(f"{p}={c:.1f}" for p, c in sorted(prof.items())) + "\n"
                   for word, prof in sorted(profiles.items()))


@lru_cache(maxsize=2)
def _raw_profiles(name: str) -> dict[str, str]:
    """word -> its line's counts, unparsed: a document looks up a few dozen of 10,900 words, so
    each is parsed on first use (loading takes a few ms, a cost every run pays)."""
    return dict(data_rows(name, 2))


@lru_cache(maxsize=4096)
def profile(word: str, name: str = PROFILE_FILE) -> dict[str, float] | None:
    """The prepositions general English puts right after ``word`` (its form as written), or
    with ``ADJECTIVE_FILE`` the nouns after an adjective."""
    pairs = _raw_profiles(name).get(word.lower())
    if pairs is None:
        return None
    return {p: float(c) for p, _, c in (x.partition("=") for x in pairs.split())}


def pair_share(adjective: str, noun: str, alternative: str) -> float:
    """Google Books' "adjective noun" as a share of "alternative noun" (0 when it lacks the
    pair, 1 when it has the pair but not the alternative)."""
    found = (profile(adjective, ADJECTIVE_FILE) or {}).get(noun.lower(), 0.0)
    usual = (profile(alternative, ADJECTIVE_FILE) or {}).get(noun.lower(), 0.0)
    return found / usual if usual else float(found > 0)


def common_pair(word: str, prep: str) -> bool:
    """General English follows ``word`` with ``prep`` about as often as with its usual one."""
    prof = profile(word)
    return bool(prof) and prof.get(prep.lower(), 0.0) >= COMMON_SHARE * max(prof.values())


def usual_instead(word: str, prep: str) -> str | None:
    """The usual preposition after ``word`` when general English never has ``prep`` there and
    the word's profile is broad enough (``MIN_BEST``) for that absence to mean something."""
    prof = profile(word)
    if not prof or prep.lower() in prof:
        return None
    best = max(prof, key=lambda p: prof[p])
    return best if prof[best] >= MIN_BEST else None
