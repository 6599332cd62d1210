"""The health LM ranks the candidate fixes of every check, in their sentence.

Checks propose fixes from their own evidence: harper's spelling list orders near misses by edit
distance, a calque entry has one phrase, a parser rule one verb form. None of them reads the
sentence the way a reader does. This stage puts each candidate into its sentence and asks the
health LM (``models/lm``) how many bits the whole sentence costs with it; then:

- among a checker's machine-made candidates (harper's, LanguageTool's, the parser's), the one
  the LM clearly prefers (``MARGIN_BITS`` cheaper than the current first) moves to the top of the
  issue's list, so editors and the apply policy see it first. Hand-curated alternatives (the
  calque lexicon, the glossary, editors' memory) keep their order: a small LM mostly prefers
  frequent words ("With ..." over "Due to ..."), and their authors chose the order for meaning;
- a spelling flag left to the editor as ambiguous ("yaer": year or yeah? "ther": the or their?)
  becomes an automatic fix only when it looks like a typo of a common word, not an unknown name
  or slang (see ``settles_typo``), and the LM finds that candidate both far better than the
  original word (``GAIN_BITS``) and clearly better than every other word among the candidates
  (``MARGIN_BITS``; less when it is also the checker's nearest word). The LM never settles on
  a word farther from the typo than the checker's first ("sollution": not "pollution" over
  "solution"), nor on another form of the checker's word it barely prefers ("monthe": "month",
  not "months"): there the two signals disagree and an editor decides;
- a fix the LM finds far *worse* than leaving the text alone (``HARM_BITS``) is held for an
  editor (``Suggestion.hold``, ``HOLD_READS_WORSE``); the flag keeps its confidence, since the
  LM says nothing about whether the problem is real. Letter case is exempt: the small LM
  prefers "actually" to "Actually" at a sentence start, an artefact of how its training text
  was cut.

The LM can only reorder and re-weigh: it never invents a fix, and every fix still passes the
guard (numbers, negation, doses, drug and disease names) afterwards. A failing model is never
fatal: the stage is skipped with a warning, as ``--no-models`` skips it on purpose.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..catalogue import catalogue
from ..checks.grammar import edit_distance
from ..config import Config
from ..errors import TextfixError
from ..records import Issue, Suggestion
from .analyse import AnalysedDocument
from .ranking import SCORE_WEIGHT, prior, rank, rank_suggestions

log = logging.getLogger(__name__)

# Thresholds in bits of the whole sentence, read off the LM's judgements of spelling flags in the
# even lines of JFLEG dev and the first 2,000 MLQE-PE train sentences (an earlier version was read
# off JFLEG and MLQE-PE dev, which are therefore not strictly held out for it): a real typo fix
# ("hte" -> "the") saves 10-40 bits, two near misses of a typo differ by 5+ bits when the context
# decides between them, and a good fix rarely costs more than 8.
GAIN_BITS = 6.0
MARGIN_BITS = 3.0
AGREED_MARGIN_BITS = 2.0  # ... when the LM's choice is also the checker's nearest word
HARM_BITS = 8.0
TWO_PIECE_GAIN_BITS = 12.0  # "successful" is two pieces: less common, so the LM must be surer
FAR_GAIN_BITS = 20.0  # a typo two edits away (or a capitalised one) needs the LM this sure
MIN_TYPO_CHARS = 3  # "u", "r" are handles and abbreviations in real text, not typos
SHORT_WORD_CHARS = 4  # ... and words this short are as often slang as typos:
SHORT_WORD_GAIN_BITS = 11.0  # "ther" -> "the" saves 16 bits, "baba" -> "baby" only 6
CANDIDATES = 4  # the first few suggestions of an issue are scored
MAX_SENTENCE_CHARS = 600  # longer "sentences" are lists or tables: left as the checks ranked them
# How sure a typo the LM settles is (a checker's single near miss is 0.7); a spelling flag its
# checker was less sure of than this is the ambiguous kind the LM may settle.
LM_CONFIDENCE = 0.6
HOLD_READS_WORSE = "LM reads worse"  # the fix makes the sentence read much worse
SKIPPED_CATEGORIES = frozenset({"boilerplate"})
SKIPPED_RULES = frozenset({"rewrite/model"})  # rewrites were judged by the LM already


class SentenceScorer(Protocol):
    def relative_bits(self, groups: Sequence[Sequence[str]]) -> list[list[float]]:
        """Per group (an original, then variants): bits each variant saves against it."""
        ...

    def pieces(self, word: str) -> int: ...


@dataclass(frozen=True)
class Judgement:
    """What the LM thinks of one issue's candidates, in bits saved over the original sentence."""

    gains: dict[str, float]  # suggestion text -> bits saved (negative: the fix reads worse)

    def best(self) -> tuple[str, float]:
        text = max(self.gains, key=lambda t: (self.gains[t], t))
        return text, self.gains[text]

    def margin(self) -> float:
        """How far the best candidate is ahead of the runner-up that is another word, not
        another form of it ("successful" vs "successfully"): infinite when there is none."""
        best, gain = self.best()
        others = [g for t, g in self.gains.items() if t != best and not same_word(t, best)]
        return gain - max(others) if others else float("inf")


def same_word(a: str, b: str) -> bool:
    """Two forms of one word: one is the other plus an ending ("focus", "focused", "month's"),
    not another word that starts the same ("than", "thank"; "form", "format")."""
    a, b = sorted((a.lower(), b.lower()), key=len)
    stems = {a, a[:-1]} if a.endswith("e") else {a}  # "dose" -> "dosing"
    return len(a) >= 4 and any(b.startswith(stem) and b[len(stem):] in ENDINGS
                               for stem in stems)


ENDINGS = frozenset({"s", "es", "'s", "d", "ed", "ing", "ly", "er", "est"})


class LMRanker:
    """Rank and re-weigh fixes with a causal LM; loads the shipped health LM unless given one."""

    def __init__(self, lm: SentenceScorer | None = None) -> None:
        if lm is None:
            from ..models.lm import HealthLM
            from ..models.loading import default_model

            # small batches: logits are batch x tokens x vocabulary floats (8 x 150 x 8000 ~ 40 MB)
            lm = HealthLM.load(default_model("lm"), batch_size=8)
        self.lm = lm

    @classmethod
    def create(cls, config: Config) -> LMRanker | None:
        """The stage, or None with a warning when the LM cannot be loaded."""
        if not config.rank_with_lm:
            return None
        try:
            return cls()
        except TextfixError as exc:
            log.warning("LM ranking skipped: %s", exc)
            return None

    def judge_many(self, batch: Sequence[tuple[AnalysedDocument, Sequence[Issue]]]
                   ) -> list[dict[int, Judgement]]:
        """Judgements for many documents, their sentences scored in one batched LM pass: a call
        per document would cost time and, with tensors of ever-changing shapes, memory."""
        variants: list[str] = []
        plans: list[tuple[int, int, int, list[tuple[str, int]]]] = []  # doc, issue, original, rows
        for d, (adoc, issues) in enumerate(batch):
            text = adoc.text
            for n, issue in enumerate(issues):
                if issue.category in SKIPPED_CATEGORIES or issue.rule in SKIPPED_RULES:
                    continue
                candidates = rank_suggestions(issue.suggestions,
                                              issue.span_text(text))[:CANDIDATES]
                sentence = adoc.sentence_around(issue.start, issue.end)
                if not candidates or sentence is None:
                    continue
                start, end = sentence.start, sentence.end
                if end - start > MAX_SENTENCE_CHARS:
                    continue
                before, after = text[start : issue.start], text[issue.end : end]
                original_row = len(variants)
                variants.append(text[start:end])
                rows = []
                for suggestion in candidates:
                    rows.append((suggestion.text, len(variants)))
                    variants.append(before + suggestion.text + after)
                plans.append((d, n, original_row, rows))
        judgements: list[dict[int, Judgement]] = [{} for _ in batch]
        if not variants:
            return judgements
        gains = self.lm.relative_bits([[variants[original], *(variants[row] for _, row in rows)]
                                       for _, _, original, rows in plans])
        for (d, n, _, rows), saved in zip(plans, gains, strict=True):
            judgements[d][n] = Judgement({t: g for (t, _), g in zip(rows, saved, strict=True)})
        return judgements

    def apply_many(self, batch: Sequence[tuple[AnalysedDocument, list[Issue]]]) -> None:
        """Reorder suggestions and adjust confidences of every document's issues, in place."""
        for (adoc, issues), judgements in zip(batch, self.judge_many(batch), strict=True):
            for n, judgement in judgements.items():
                reweigh(issues[n], judgement, adoc.text, self.lm.pieces)


def reweigh(issue: Issue, judgement: Judgement, text: str,
            pieces: Callable[[str], int]) -> None:
    """Apply the LM's judgement to one issue (see the module docstring for the three rules)."""
    ranked = rank_suggestions(issue.suggestions, issue.span_text(text))
    first = ranked[0].text
    best, gain = judgement.best()
    word = issue.span_text(text)
    spelling = issue.category == "spelling"
    if (best != first and gain - judgement.gains[first] >= MARGIN_BITS
            and ranked[0].source not in catalogue().curated_sources()
            and (not spelling or _distance(word, best) <= _distance(word, first))):
        _promote(issue.suggestions, best, ranked[0])
    if same_word(best, first) and gain - judgement.gains[first] < MARGIN_BITS:
        best, gain = first, judgement.gains[first]  # "month" or "months": the checker's form
    agree = best == first  # the checker's nearest word is the LM's choice too: two signals
    if (spelling and issue.confidence < LM_CONFIDENCE and gain >= GAIN_BITS
            and judgement.margin() >= (AGREED_MARGIN_BITS if agree else MARGIN_BITS)
            and _distance(word, best) <= _distance(word, first)
            and settles_typo(word, best, gain, text, issue.start, pieces, agree)):
        issue.confidence = max(issue.confidence, LM_CONFIDENCE)
        _promote(issue.suggestions, best, ranked[0])
    elif gain <= -HARM_BITS and not _same_letters(word, best):
        for suggestion in issue.suggestions:  # even the LM's favourite reads much worse
            suggestion.hold_back(HOLD_READS_WORSE)


def _same_letters(a: str, b: str) -> bool:
    """Only letter case, spacing or hyphens differ ("Actually", "my self", "re-read"): house
    style, not typos, and the small LM is no judge of them: it prefers the form its training
    text happened to use."""
    return _letters(a) == _letters(b)


def _letters(word: str) -> str:
    return word.replace(" ", "").replace("-", "").lower()


def settles_typo(word: str, candidate: str, gain: float, text: str, start: int,
                 pieces: Callable[[str], int], checker_agrees: bool = False) -> bool:
    """Is ``word`` a typo of ``candidate`` rather than a name, handle or slang the LM does not
    know? The candidate must be a frequent word (one piece of the LM's vocabulary, or two when
    the LM gains ``TWO_PIECE_GAIN_BITS`` or it is also the checker's first choice) that the
    word breaks into more pieces; the word plain ASCII, no handle ("u/name") or initial, and
    not the candidate in another case or hyphenation; the two one edit apart, or two when the
    LM gains ``FAR_GAIN_BITS`` ("temparture" -> "temperature"). A capitalised word must be one
    edit away and gain as much; a short one ``SHORT_WORD_GAIN_BITS``."""
    if (len(word) < MIN_TYPO_CHARS or " " in candidate or not word.isascii()
            or "/" in text[max(0, start - 2) : start]):
        return False  # "tête", "u/name": a foreign word or a handle, not a typo
    if _same_letters(word, candidate):
        return False
    if len(word) <= SHORT_WORD_CHARS and gain < SHORT_WORD_GAIN_BITS:
        return False  # "gol", "baba": short slang and transliterations look like typos
    candidate_pieces = pieces(candidate)
    if candidate_pieces >= pieces(word) or candidate_pieces > 2 or (
            candidate_pieces == 2 and gain < TWO_PIECE_GAIN_BITS and not checker_agrees):
        return False
    distance = _distance(word, candidate)
    if word[:1].isupper():  # "Althogh" is a typo, "Ilya" and "Fekla" are names
        return distance <= 1 and gain >= FAR_GAIN_BITS
    return distance <= 1 or (distance == 2 and gain >= FAR_GAIN_BITS)


def _distance(a: str, b: str) -> int:
    return edit_distance(a.lower(), b.lower(), limit=3)


def _promote(suggestions: list[Suggestion], text: str, current_first: Suggestion) -> None:
    """Raise the score of ``text`` just enough (up to 1.0) to outrank ``current_first``."""
    if text == current_first.text:
        return
    for suggestion in suggestions:
        if suggestion.text == text:
            needed = (rank(current_first) - (1 - SCORE_WEIGHT) * prior(suggestion.source)) \
                / SCORE_WEIGHT + 0.01
            suggestion.score = round(min(1.0, max(suggestion.score, needed)), 4)
