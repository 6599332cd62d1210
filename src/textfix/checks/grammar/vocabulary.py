"""Which unknown words are medical vocabulary rather than misspellings.

harper's dictionary is general English; health text is full of correct words it lacks. Machine
translation rarely misspells, so an "unknown word" in an MT health article is far more often a
term than a typo. We accept a word when it is in the shipped list (``data/medical_words.txt``,
built from clean NIH text) or a user's list, or when its shape says it is a term: built from
medical roots and affixes, an acronym, or a drug name stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ...errors import ConfigError
from .frequency import is_frequent_word
from .names import is_mixed_case
from .science import (
    is_latin_plural,
    is_plural_of,
    is_prefixed_word,
    is_science_formation,
    science_vocabulary,
)

# Suffixes that make disease, procedure, or anatomy words (Greek/Latin word formation).
MEDICAL_SUFFIXES = (
    "itis", "osis", "oses", "iasis", "emia", "aemia", "ectomy", "ostomy", "otomy", "plasty",
    "pathy", "algia", "dynia", "oma", "omas", "omata", "megaly", "plasia", "plastic", "trophy",
    "rrhea", "rrhoea", "rrhage", "rrhagia", "penia", "philia", "phobia", "lysis", "scopy", "scope",
    "graphy", "gram", "genic", "genesis", "cyte", "cytic", "cytosis", "uria", "cele", "ptosis",
    "stasis", "sclerosis", "spasm", "plegia", "paresis", "trophic", "tropic", "oid", "emic",
    "itic", "otic", "ology", "ologist", "iatric", "iatrics", "iatry", "ocele", "ostasis", "uretic",
    "metry", "ization", "thorax", "filaria", "filariae", "zoite", "uclein", "iquitin",
)
# Prefixes and combining forms of medical roots.
MEDICAL_PREFIXES = (
    "thrombo", "neuro", "cardio", "cardi", "hemato", "haemato", "hemo", "haemo", "gastro",
    "entero", "hepato", "nephro", "osteo", "arthro", "myo", "derm", "dermato", "encephalo",
    "cerebro", "pneumo", "pulmo", "broncho", "laryngo", "pharyngo", "rhino", "oto", "ophthalmo",
    "angio", "vaso", "veno", "phlebo", "arterio", "athero", "lympho", "myelo", "leuko", "leuco",
    "erythro", "immuno", "onco", "cyto", "histo", "patho", "psycho", "endo", "peri", "hyper",
    "hypo", "dys", "poly", "oligo", "tachy", "brady", "hemi", "spondyl", "chondro", "fibro",
    "glyco", "gluco", "lipo", "adeno", "uro", "cysto", "colo", "procto", "chole", "pancreat",
    "thyro", "adreno", "endocrino", "retino", "kerato", "blepharo", "cranio", "sacro", "lumbo",
    "cervico", "intra", "inter", "sub", "trans", "micro", "macro", "pseudo", "neo", "para",
)
# Stems of international nonproprietary drug names.
DRUG_SUFFIXES = (
    "mab", "nib", "pril", "olol", "sartan", "statin", "azole", "cillin", "mycin", "micin",
    "cycline", "floxacin", "vir", "dipine", "azepam", "zolam", "triptan", "parin", "prazole",
    "tidine", "oxetine", "afil", "gliptin", "gliflozin", "glitazone", "profen", "caine",
    "dronate", "lukast", "setron", "olone", "sone", "semide", "thiazide", "platin", "taxel",
    "rubicin", "vudine", "terol", "tropium", "phylline", "barbital", "pramine", "triptyline",
    "peridol", "apine", "idone", "coxib", "fenac", "trel", "relin", "tide", "mide",
    "giline", "orphine", "imibe", "kinra", "cept", "limus", "mantine", "pirone", "tinib",
)
PREFIXED_ENDINGS = ("al", "ic", "ia", "ism", "ity", "ive", "ous", "ary", "ine", "in", "ase")
# Prefixes written with a hyphen before a word: "non-essential", "re-infection", "post-graduate"
HYPHEN_PREFIXES = frozenset({
    "non", "re", "pre", "post", "anti", "co", "micro", "macro", "multi", "semi", "sub", "self",
    "inter", "intra", "trans", "over", "under", "mid", "geo", "bio", "neo", "ex", "pro", "de",
    "un", "hyper", "hypo", "peri", "extra", "ultra", "mega", "mini", "pseudo", "quasi", "cross",
})
DEFAULT_WORDS = "medical_words.txt"


def read_word_file(path: Path) -> set[str]:
    """One word per line; ``#`` starts a comment. Words are compared in lowercase."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read medical word list {path}: {exc.strerror or exc}") from exc
    return {w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#")}


def shipped_words() -> set[str]:
    text = resources.files("textfix").joinpath("data", DEFAULT_WORDS).read_text(encoding="utf-8")
    return {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}


def is_acronym(word: str) -> bool:
    """ALL CAPS or mixed with digits: "MRI", "HbA1c", "BRCA1", "IgE", "GISTs"."""
    core = word[:-1] if word.endswith("s") else word
    uppers = sum(c.isupper() for c in core)
    return len(core) >= 2 and (uppers >= 2 or (uppers >= 1 and any(c.isdigit() for c in core)))


def looks_like_drug(word: str) -> bool:
    lower = word.lower()
    return len(lower) >= 6 and lower.isalpha() and lower.endswith(DRUG_SUFFIXES)


def _singular(word: str) -> str:
    for ending, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) > 6:
            return word[: -len(ending)] + repl
    return word


LATIN_ENDINGS = ("us", "um", "ae", "ii", "i", "is", "ensis", "ans", "ens", "ata", "ale", "ica",
                 "ile", "oides")


def is_species_epithet(word: str, previous: str) -> bool:
    """The second word of a binomial, "Toxoplasma gondii", "A. phagocytophilum"."""
    genus = re.fullmatch(r"[A-Z][a-z]+|[A-Z]\.", previous.lstrip("([")) is not None
    return genus and word.islower() and len(word) >= 4 and word.endswith(LATIN_ENDINGS)


def is_medical_formation(word: str) -> bool:
    """A long word made of medical roots: a known suffix on a stem, or a prefix and a suffix."""
    lower = word.lower()
    if len(lower) < 7 or not lower.replace("-", "").isalpha():
        return False
    for form in {lower, _singular(lower)}:
        for suffix in MEDICAL_SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                return True
        # a prefix alone is weak evidence; want a medical adjective or noun ending as well
        has_prefix = any(form.startswith(p) and len(form) - len(p) >= 4 for p in MEDICAL_PREFIXES)
        if has_prefix and form.endswith(PREFIXED_ENDINGS):
            return True
    return False


@dataclass(frozen=True)
class MedicalVocabulary:
    words: frozenset[str]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.accepts(word)

    def accepts(self, word: str, near: Sequence[str] = ()) -> bool:
        """Whether ``word`` (as written in the text) should not be called a misspelling.
        ``near``: the engine's suggestions; one much commoner than the word makes it a typo."""
        word = word.strip("'’")
        if not word:
            return False
        if is_acronym(word) or any(c.isdigit() for c in word):
            return True  # "MRI", "HbA1c", chromosome bands like "q13"
        if is_mixed_case(word):
            return True  # a unit or a name as written: "mmHg", "mEq", "HbA"
        if self._accepts_part(word, near):
            return True  # "mg/dl" as listed, before it is split
        parts = [p for p in re.split(r"[-/]", word) if p]
        if len(parts) > 1 and parts[0].lower() in HYPHEN_PREFIXES:
            parts = parts[1:]  # "non-essential": the prefix is not a word of its own
        return bool(parts) and all(self._accepts_part(p, near) for p in parts)

    def _accepts_part(self, part: str, near: Sequence[str] = ()) -> bool:
        lower = part.lower()
        if lower in self.words or _singular(lower) in self.words:
            return True
        if lower.endswith(("'s", "’s")) and lower[:-2] in self.words:
            return True
        if is_acronym(part) or looks_like_drug(part) or is_medical_formation(part):
            return True
        # English and science a general dictionary lacks: a frequent word that is no slip of a
        # commoner one, a listed unit or lab word, a scientific derivation of a known word
        return (science_vocabulary().accepts_word(lower) or is_frequent_word(lower, near)
                or is_science_formation(lower, self.words) or is_prefixed_word(lower)
                or is_plural_of(lower, self.words, _function_words())
                or is_latin_plural(lower, self.words))


def _function_words() -> frozenset[str]:
    from ...stages.analyse import stop_words

    return stop_words()


def load_vocabulary(extra: Iterable[Path] = ()) -> MedicalVocabulary:
    """The shipped word list plus the user's files (``Config.extra_medical_words``)."""
    words = shipped_words()
    for path in extra:
        words |= read_word_file(Path(path))
    return MedicalVocabulary(frozenset(words))
