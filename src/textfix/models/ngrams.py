"""Counts of syntactic word n-grams in clean health English (``models/ngrams``), and how a token
of a parsed sentence becomes the keys those counts are looked up by.

The same ``events`` function feeds training (``textfix train ngrams``) and the ``collocation``
check, so what is counted and what is looked up can never drift apart. Keys are tab-joined
fields whose first field names the table:

    hp  head-lemma head-POS preposition      a preposition attached to a verb, adjective or noun
    h   head-lemma head-POS                  how often that head occurs at all
    po  preposition object-lemma             a preposition and the lemma of its object
    p   preposition                          how often the preposition occurs
    vo  verb-key object-lemma                a verb (with its particle: "carry out") and its
                                             direct object (or passive subject)
    o   object-lemma                         how often that noun is a verb's object
    va  verb-lemma adverb                    an intensity adverb ("a lot" counts as one) on a verb
    v   verb-lemma                           how often the verb occurs
    dn  noun-lemma determiner post           a singular common noun with "the", "a" or no
                                             determiner ("0"), post=1 when it has a post-modifier
    dc  noun-lemma determiner context        the same, by where the noun stands ("p:by", "dobj")

Nothing here imports spaCy: callers hand in parsed tokens.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BackendError

if TYPE_CHECKING:
    from spacy.tokens import Token

TABLE_FILE = "counts.tsv.gz"
HEAD_POS = frozenset({"VERB", "ADJ", "NOUN"})
DETERMINER_CLASSES = {"the": "the", "a": "a", "an": "a"}
POST_MODIFIERS = frozenset({"prep", "relcl", "acl"})
INTENSIFIERS = frozenset({
    "strongly", "very", "much", "greatly", "badly", "severely", "seriously", "heavily",
    "highly", "significantly", "sharply", "considerably", "a lot", "hard", "intensely",
    "terribly", "really", "deeply", "a great deal",
})


def verb_key(verb: Token) -> str:
    """A verb's lemma with its particle, if any: "carry out", "hand over", "write out". A
    particle is a right child: only those are walked (``children`` walks the whole subtree's
    span, the root's being the sentence)."""
    lemma = verb.lemma_.lower()
    if verb.n_rights:
        for child in verb.rights:
            if child.dep_ == "prt":
                return f"{lemma} {child.lower_}"
    return lemma


def adverb_key(token: Token) -> str | None:
    """The intensity adverb ``token`` is (on a verb), or None: "strongly", "a lot"."""
    if token.dep_ == "advmod" and token.lower_ in INTENSIFIERS:
        key = token.lower_
    elif token.dep_ == "npadvmod" and token.lower_ in ("lot", "deal"):
        det = [c.lower_ for c in token.children if c.dep_ in ("det", "amod")]
        key = "a lot" if token.lower_ == "lot" else "a great deal"
        if not det or det[0] not in ("a", "great"):
            return None
    else:
        return None  # most tokens stop here, before their head is looked up
    return key if token.head.pos_ == "VERB" else None


def determiner_class(noun: Token) -> str | None:
    """ "the", "a" or "0" (nothing) for a singular common noun that heads its phrase; None for
    anything else (plurals, compounds, possessives, other determiners, numbers)."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.dep_ == "compound":
        return None
    dets = [c for c in noun.children if c.dep_ in ("det", "poss", "nummod", "predet")]
    if not dets:
        return "0"
    if len(dets) == 1 and dets[0].dep_ == "det":
        return DETERMINER_CLASSES.get(dets[0].lower_)
    return None


def has_post_modifier(noun: Token) -> bool:
    return any(c.dep_ in POST_MODIFIERS and c.i > noun.i for c in noun.children)


def noun_context(noun: Token) -> str:
    """Where a noun stands: "p:by" as a preposition's object, else its role (a few kept)."""
    if noun.dep_ == "pobj" and noun.head is not noun:
        return "p:" + noun.head.lower_
    return noun.dep_ if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj") else "x"


def preposition_object(prep: Token) -> str | None:
    """The lemma of what a preposition governs (its noun, or the verb of a clause)."""
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child.lemma_.lower()
    return None


def is_word(text: str) -> bool:
    """Letters, with inner hyphens or apostrophes: numbers, symbols and codes are not counted."""
    return text.replace("-", "").replace("'", "").isalpha()


def events(token: Token) -> Iterator[str]:
    """Every key this token adds one count to."""
    head = token.head
    if not is_word(token.lemma_) or not is_word(head.lemma_):
        return
    if token.dep_ == "prep" and head is not token and head.pos_ in HEAD_POS:
        prep = token.lower_
        yield f"hp\t{head.lemma_.lower()}\t{head.pos_}\t{prep}"
        yield f"p\t{prep}"
        obj = preposition_object(token)
        if obj:
            yield f"po\t{prep}\t{obj}"
    if token.pos_ in HEAD_POS:
        yield f"h\t{token.lemma_.lower()}\t{token.pos_}"
    if token.pos_ == "VERB":
        yield f"v\t{token.lemma_.lower()}"
    if token.dep_ in ("dobj", "nsubjpass") and token.pos_ == "NOUN" and head.pos_ == "VERB":
        yield f"vo\t{verb_key(head)}\t{token.lemma_.lower()}"
        yield f"o\t{token.lemma_.lower()}"
    adverb = adverb_key(token)
    if adverb:
        yield f"va\t{head.lemma_.lower()}\t{adverb}"
    det = determiner_class(token)
    if det is not None:
        yield f"dn\t{token.lemma_.lower()}\t{det}\t{int(has_post_modifier(token))}"
        yield f"dc\t{token.lemma_.lower()}\t{det}\t{noun_context(token)}"


# British spellings of medical words and their American forms: (pattern, replacement), tried
# in order on a lower-case word. Only patterns that change no other English word: "ae"/"oe"
# inside Greek roots (haem-, -aemia, oedema, oesophagus, paediatric, foetus, aetiology), "-our"
# after a vowel and one of a few consonants (tumour, colour, labour, odour; not "four",
# "flour", "devour"), "-iour" (behaviour), "-bre"/"-tre" (fibre, centre, litre).
BRITISH = tuple((re.compile(p), r) for p, r in (
    (r"aem", "em"), (r"^oe(?=[sd])", "e"), (r"paed", "ped"), (r"^foet", "fet"),
    (r"^aet", "et"), (r"oea$", "ea"), (r"(?<=[aeiou][mbdnlg])our(s?)$", r"or\1"),
    (r"(?<=av)our(s?)$", r"or\1"), (r"(?<=[a-z]{3})iour(s?)$", r"ior\1"),
    (r"(?<=[bt])re(s?)$", r"er\1"),
))


@lru_cache(maxsize=8192)
def american_spelling(word: str) -> str:
    """``word`` with the British spellings of ``BRITISH`` made American ("anaemia" ->
    "anemia", "oedema" -> "edema", "diarrhoea" -> "diarrhea", "tumour" -> "tumor", "fibre"
    -> "fiber"); any other word as it is."""
    for pattern, replacement in BRITISH:
        word = pattern.sub(replacement, word)
    return word


@dataclass
class NgramTable:
    """Counts by key, with add-``alpha`` smoothed log-ratios between alternatives."""

    counts: dict[str, int] = field(default_factory=dict)
    alpha: float = 0.5  # add-alpha smoothing: an unseen form counts as half an occurrence
    meta: dict[str, str] = field(default_factory=dict)

    def count(self, *fields: str) -> int:
        """The count of a key; a key clean text never has is looked up again in American
        spelling (MedQuAD is American, MT of health articles often British: "anaemia",
        "tumour", "fibre")."""
        found = self.counts.get("\t".join(fields), 0)
        if found:
            return found
        american = tuple(american_spelling(f) for f in fields)
        return self.counts.get("\t".join(american), 0) if american != fields else 0

    def log_ratio(self, better: int, worse: int) -> float:
        """Smoothed log (natural) of how much more often the better form occurs."""
        return math.log((better + self.alpha) / (worse + self.alpha))

    @classmethod
    def read(cls, path: Path) -> NgramTable:
        """Load ``counts.tsv.gz``: ``# key value`` metadata lines, then ``key…<TAB>count``."""
        file = path / TABLE_FILE if path.is_dir() else path
        if not file.is_file():
            raise BackendError(f"n-gram table not found at {file}; run make models or pass "
                               "--no-models")
        with gzip.open(file, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")  # at once: half the time of a line-by-line loop
        meta = dict(line[1:].strip().partition(" ")[::2] for line in lines
                    if line.startswith("#"))
        counts = {key: int(value) for key, _, value in
                  (line.rpartition("\t") for line in lines if line and line[0] != "#")}
        return cls(counts, meta=meta)

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / TABLE_FILE
        with gzip.open(file, "wt", encoding="utf-8", compresslevel=9) as f:
            for key, value in self.meta.items():
                f.write(f"# {key} {value}\n")
            for key in sorted(self.counts):
                f.write(f"{key}\t{self.counts[key]}\n")
        return file


@lru_cache(maxsize=2)
def load_table(path: str) -> NgramTable:
    """One table per process, however many pipelines are built."""
    return NgramTable.read(Path(path))
