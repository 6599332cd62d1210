"""Scientific English a general dictionary lacks: Latin phrases, units, and derived terms.

Three kinds of evidence that an unknown word in clean science writing is a term, not a typo:

- the shipped list ``data/science_words.txt``: units ("mmol", "µg"), lab words ("sera",
  "plasmids"), and Latin phrases whose words are accepted only inside the phrase ("vivo" in
  "in vivo", "fide" in "bona fide");
- word formation: a scientific suffix on a stem English knows ("virological" from "virology",
  "replicase" from "replicate", "helicase" from "helical"), unless the word is one slip away from
  a frequent word (a typo of a common word often ends like a term: "diagnosic").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .frequency import commonest_neighbour, zipf

SCIENCE_WORDS = "science_words.txt"
# A scientific suffix and the endings its stem takes in an ordinary word, most telling first:
# "virological" -> "virology", "replicase" -> "replicate", "expiratory" -> "expiration".
SUFFIX_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ologically", ("ology", "ologic")),
    ("ological", ("ology", "ologic")),
    ("ologist", ("ology",)),
    ("ologists", ("ology",)),
    ("ases", ("ate", "ation", "al", "e", "", "ic", "id", "in")),
    ("ase", ("ate", "ation", "al", "e", "", "ic", "id", "in")),
    ("atory", ("ation", "ate", "e")),
    ("ically", ("y", "ia", "is", "e", "", "ic")),
    ("ical", ("y", "ia", "is", "e", "", "ic")),
    ("ic", ("y", "ia", "is", "e", "", "um", "us", "a")),
    ("itis", ("", "al", "a", "um", "us", "e")),
    ("osis", ("", "ic", "e", "a", "um", "us")),
    ("emia", ("", "ic", "e", "a", "in", "ine")),
    ("aemia", ("", "ic", "e", "a", "in", "ine")),
    ("ogenic", ("ogen", "ogens", "")),
    ("ization", ("ize", "ise", "e", "")),
    ("isation", ("ise", "ize", "e", "")),
    # adjectives in "-al" of a noun: "investigational", "humoral", "diarrheal"
    ("al", ("", "a", "e", "us", "um")),
    # "symptomless", "painless": "-less" on a noun
    ("less", ("",)),
)
# Prefixes that make English and scientific words from whole words: "inviability",
# "upregulation", "reproductivity", "nonessential"; the rest must be a common word
WORD_PREFIXES = ("non", "re", "pre", "post", "anti", "co", "micro", "macro", "multi", "semi",
                 "sub", "super", "inter", "intra", "trans", "over", "under", "up", "down", "in",
                 "im", "un", "dis", "mis", "de", "hyper", "hypo", "peri", "extra", "ultra",
                 "pseudo", "cross", "well", "vaso", "hetero", "homo", "auto", "counter")
PREFIXED_WORD_ZIPF = 3.0  # the word after the prefix: about once per million words
MIN_REST = 5  # letters after the prefix ("in" + "viability"), so no short word hides a typo
# a regular plural of a rarer term: "exudates", "pneumonias", "gurdwaras"
PLURAL_BASE_ZIPF = 1.5
MIN_STEM = 4  # letters left before the suffix: "vir" + "ology" is fine, "as" + "ase" is not
STEM_ZIPF = 2.5  # the ordinary word must be a known word: virology 2.63, replicate 3.55
TYPO_OF_FREQUENT = 4.0  # one edit from a word this common, a formation is more likely a typo


@dataclass(frozen=True)
class ScienceVocabulary:
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    def accepts_word(self, word: str) -> bool:
        return word.lower() in self.words

    def in_phrase(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is (within) one of the listed phrases there, e.g. "vivo"
        in "...studies in vivo and...". Compared word by word, case-insensitively."""
        inner = text[start:end].lower().split()
        if not inner:
            return False
        before = text[:start].lower().split()
        after = text[end:].lower().split()
        for phrase in self.phrases:
            for i in range(len(phrase) - len(inner) + 1):
                if list(phrase[i : i + len(inner)]) != inner:
                    continue
                head, tail = phrase[:i], phrase[i + len(inner) :]
                if (len(before) >= len(head) and tuple(before[len(before) - len(head):]) == head
                        and tuple(w.rstrip(",;:)") for w in after[: len(tail)]) == tail):
                    return True
        return False


def parse_entries(lines: list[str]) -> ScienceVocabulary:
    entries = [line.strip().lower() for line in lines
               if line.strip() and not line.lstrip().startswith("#")]
    return ScienceVocabulary(
        words=frozenset(e for e in entries if " " not in e),
        phrases=tuple(tuple(e.split()) for e in entries if " " in e),
    )


@lru_cache(maxsize=1)
def science_vocabulary() -> ScienceVocabulary:
    text = resources.files("textfix").joinpath("data", SCIENCE_WORDS).read_text(encoding="utf-8")
    return parse_entries(text.splitlines())


def stems_of(word: str) -> list[str]:
    """The ordinary words a scientific derivation may come from ("virological" -> virology,
    virologic). Every suffix the word ends with is tried, the longest first, so a suffix that
    ends another ("ogenic"/"ic", "aemia"/"emia") is reached whatever the table's order:
    "septicaemia" -> septic, "psychogenic" -> psych."""
    lower = word.lower()
    stems: list[str] = []
    for suffix, endings in sorted(SUFFIX_STEMS, key=lambda entry: -len(entry[0])):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= MIN_STEM:
            stem = lower[: -len(suffix)]
            stems += [stem + ending for ending in endings if stem + ending not in stems]
    return stems


def is_science_formation(word: str, known: frozenset[str] = frozenset()) -> bool:
    """A scientific suffix on the stem of a word English knows (``STEM_ZIPF``, or in ``known``),
    and not a slip of a frequent word: "virological", "replicase" yes; "diagnosic" (one edit
    from "diagnosis") no."""
    lower = word.lower()
    if not lower.isalpha():
        return False
    stems = [s for s in stems_of(lower) if s != lower]
    if not any(zipf(s) >= STEM_ZIPF or s in known for s in stems):
        return False
    return commonest_neighbour(lower) < TYPO_OF_FREQUENT


def is_prefixed_word(word: str) -> bool:
    """A prefix on a common word ("in" + "viability", "up" + "regulation"), and not one slip
    from a frequent word."""
    lower = word.lower()
    if not lower.isalpha():
        return False
    for prefix in WORD_PREFIXES:
        rest = lower[len(prefix):]
        if lower.startswith(prefix) and len(rest) >= MIN_REST and zipf(rest) >= PREFIXED_WORD_ZIPF:
            return commonest_neighbour(lower) < TYPO_OF_FREQUENT
    return False


def is_plural_of(word: str, known: frozenset[str], function_words: frozenset[str]) -> bool:
    """A regular plural of a word English or the medical list knows: "exudates",
    "pneumonias"; not of a function word ("agains" is a slip of "again")."""
    lower = word.lower()
    if not lower.isalpha() or not lower.endswith("s"):
        return False
    bases = [lower[:-1]] + ([lower[:-2]] if lower.endswith("es") else [])
    return any(len(b) >= MIN_REST and b not in function_words
               and (zipf(b) >= PLURAL_BASE_ZIPF or b in known) for b in bases)


LATIN_PLURAL_ZIPF = 1.5  # "sequelae" 2.0, "vertebrae" 2.6: written often enough to be no slip


def is_latin_plural(word: str, known: frozenset[str]) -> bool:
    """A Latin plural in "-ae" of a word in "-a" ("sequelae", "fistulae"), itself in use or its
    singular known, and not one slip from a frequent word."""
    lower = word.lower()
    if not lower.isalpha() or not lower.endswith("ae") or len(lower) < 6:
        return False
    singular = lower[:-1]
    if zipf(lower) < LATIN_PLURAL_ZIPF and singular not in known and \
            zipf(singular) < LATIN_PLURAL_ZIPF:
        return False
    return commonest_neighbour(lower) < TYPO_OF_FREQUENT


__all__ = ["is_latin_plural", "is_plural_of", "is_prefixed_word", "is_science_formation",
           "parse_entries", "science_vocabulary", "ScienceVocabulary", "stems_of", "SUFFIX_STEMS"]
