"""Whether an unknown word is English a frequency list knows, or a typo of a commoner word.

harper's dictionary is small; clean health English is full of real words it lacks ("cannula",
"plasmids", "pangolin"). ``wordfreq`` (its data ships in the wheel) knows how often each word is
written. But frequency lists are built from real text, so they contain common misspellings too
("recieve" 2.75, "teh" 3.04, "occured" 2.8 on the Zipf scale, where 3 is once per million words).
So a word is accepted only when it is frequent enough (``MIN_ZIPF``) *and* no word one typing
slip away (one edit, or harper's near suggestions) is clearly commoner (``TYPO_MARGIN``): a typo
suggestion must beat the word in frequency. Thresholds were picked on the tuning half of
``scripts/clean_text_flags.py`` (TICO-19 and held-out MedQuAD sentences).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

MIN_ZIPF = 2.0  # ~ once in 10 million words: rarer words are left to the other rules
TYPO_MARGIN = 1.5  # a neighbour 30x commoner than the word makes the word a likely typo
COMMON_ZIPF = 4.5  # ~ 30 per million: this common, a word is English whatever its neighbours
# A rarer word the list knows is accepted only when it is long and no word one slip away (nor
# the engine's suggestion) is known at all: a typo of a real word has that word as neighbour
# ("cribiform" -> cribriform, "thrusted" -> thrust), a rare term usually has none.
RARE_ZIPF = 1.0
RARE_LENGTH = 7
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """English Zipf frequency of ``word`` (0 for unknown); loads wordfreq's data on first use.

    A plain word (letters, with apostrophes inside: "don't", "ruble's") is looked up in
    wordfreq's table directly, as ``zipf_frequency`` does after tokenising it into that one
    token: 50x faster, which matters because a spelling flag asks about every string one edit
    away (hundreds per word), and no ``import wordfreq`` (0.25 s with its first look-up) for a
    possessive among harper's suggestions. Checked equal to ``zipf_frequency`` on the 18,606
    such words in the table, their curly-apostrophe forms and 2,816 possessives it lacks."""
    lower = word.lower().replace("\u2019", "'")
    if is_plain_word(lower):
        frequency = _frequencies().get(lower)
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(lower, "en")


def is_plain_word(lower: str) -> bool:
    """ASCII letters, with apostrophes only between them: one token to wordfreq, as written."""
    return lower.isascii() and lower[:1].isalpha() and lower[-1:].isalpha() and (
        lower.replace("'", "").isalpha())


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's English table ("best": ``large_en``) as ``get_frequency_dict("en")`` builds it,
    read from the file in its wheel: importing ``wordfreq`` itself (language codes, tokeniser
    regexes) cost 0.6 s, three times the table, in every process that spells a word."""
    import gzip
    from importlib.util import find_spec

    import msgpack

    spec = find_spec("wordfreq")
    path = Path(spec.submodule_search_locations[0]) / "data" / "large_en.msgpack.gz" if (
        spec and spec.submodule_search_locations) else None
    if path is None or not path.is_file():  # another layout: let wordfreq find its data
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en")
    with gzip.open(path, "rb") as packed:
        header, *buckets = msgpack.load(packed, raw=False)
    if not isinstance(header, dict) or (header.get("format"), header.get("version")) != ("cB", 1):
        raise ValueError(f"{path}: not a wordfreq cBpack file (header {header!r})")
    # bucket k holds the words at -k centibels, i.e. a frequency of 10 ** (-k / 100): one
    # float per bucket, shared by its words, as wordfreq builds it
    frequencies: dict[str, float] = {}
    for k, bucket in enumerate(buckets):
        frequencies.update(dict.fromkeys(bucket, 10 ** (-k / 100)))
    return frequencies


def one_edit(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


@lru_cache(maxsize=8192)
def commonest_neighbour(word: str) -> float:
    """Zipf frequency of the commonest word one edit from ``word`` (0 when none is known)."""
    return max((zipf(w) for w in one_edit(word.lower())), default=0.0)


def letters(word: str) -> str:
    """The word's letters in lower case, without apostrophes and hyphens."""
    return "".join(c for c in word.lower() if c.isalpha())


def is_frequent_word(word: str, near: Iterable[str] = ()) -> bool:
    """A real English word, not a typo: frequent enough, and no word one slip away
    (``near``: the engine's suggestions within two edits; plus every one-edit neighbour)
    is more frequent by ``TYPO_MARGIN``. Only plain lower-case letters are judged."""
    lower = word.lower()
    if len(lower) < 3 or not lower.isalpha() or not lower.isascii():
        return False
    if any(letters(n) == lower for n in near):
        return False  # "dont" -> "don't", "italian" -> "Italian": frequent, and still wrong
    own = zipf(lower)
    if own >= COMMON_ZIPF:
        return True
    if own < RARE_ZIPF or (own < MIN_ZIPF and len(lower) < RARE_LENGTH):
        return False
    rival = max([commonest_neighbour(lower), *(zipf(n) for n in near if n.lower() != lower)])
    if own < MIN_ZIPF:  # a rare term ("catarrhal", "peracetic"): only if it is no one's slip
        return rival < RARE_ZIPF
    return rival < own + TYPO_MARGIN


__all__ = ["letters", "MIN_ZIPF", "RARE_ZIPF", "TYPO_MARGIN", "COMMON_ZIPF", "zipf", "one_edit",
           "is_frequent_word", "commonest_neighbour"]
