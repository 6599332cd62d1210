"""The grammar & spelling check: a grammar engine (harper or LanguageTool) tuned for health text.

The backend is built once per pipeline and run on each analysed block. Its raw output is too
noisy for medical text, so we drop spelling flags on medical vocabulary (word list, word-formation
rules, acronyms, drug names, proper nouns mid-sentence) and sentence-shape flags ("must start with
a capital") on headings and list items, which are not sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ...catalogue import Category, CheckSpec, Source, check
from ...config import Config, model_checks
from ...graphemes import analysis_text
from ...records import Issue, Suggestion
from ...stages.analyse import AnalysedDocument, Block, stop_words
from ..base import Check
from . import backend as engines
from .agreement import RULE as PARSER_AGREEMENT_RULE
from .agreement import agreement_errors
from .backend import GrammarBackend, GrammarMatch, check_many, make_backend
from .dialects import OtherDialects
from .names import is_proper_noun_mid_sentence, may_be_a_name, names_blanked, opens_sentence
from .native import capitals_beside_corrections, is_lower_case_text, is_native_usage
from .rules import grammar_rules
from .science import science_vocabulary
from .vocabulary import (
    HYPHEN_PREFIXES,
    MedicalVocabulary,
    is_acronym,
    is_species_epithet,
    load_vocabulary,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_SUGGESTIONS = 5
ABBREVIATION = re.compile(r"[A-Za-z]\.")  # "T. b. gambiense": genus initials, not words
NOT_SENTENCES = frozenset({"heading", "list_item", "caption"})
# Rules about sentence shape: meaningless on headings and list items.
SENTENCE_SHAPE_RULES = frozenset(
    {
        "SentenceCapitalization",
        "UPPERCASE_SENTENCE_START",
        "PUNCTUATION_PARAGRAPH_END",
        "SENTENCE_FRAGMENT",
        "CASING",
    }
)
# harper's mass-noun list includes medical count nouns ("an arrhythmia", "androgens"); its flags
# are kept only for everyday mass nouns that MT pluralises ("informations", "advices").
MASS_NOUN_RULES = frozenset({"MassNouns"})
EVERYDAY_MASS_NOUNS = frozenset(
    {
        "information", "advice", "equipment", "knowledge", "research", "evidence", "feedback",
        "furniture", "luggage", "baggage", "homework", "progress", "software", "traffic",
        "weather", "health", "damage", "news", "nutrition", "hygiene", "behavior", "behaviour",
        "assistance", "guidance", "staff", "underwear", "clothing", "money", "work", "help",
        "pollution",
    }
)
# A grammar engine's style lints ("WordChoice", "Redundancy", LanguageTool's STYLE) are their own
# category: they fire on native text as often as on MT, so they are not evidence of translation
# (filed under "fluency" they were 3 of the 10 clean dev-set sentences with an MT flag).
CATEGORY_OF_KIND = {
    "spelling": "spelling",
    "grammar": "grammar",
    "typography": "typography",
    "style": "style",
}
# Clear, local errors harper and LanguageTool rarely get wrong.
CONFIDENT_RULES = frozenset(
    {"AnA", "RepeatedWords", "PronounVerbAgreement", "ThereIsAgreement", "EN_A_VS_AN",
     "AdjectiveDoubleDegree", "ENGLISH_WORD_REPEAT_RULE", "HE_VERB_AGR", "NON3PRS_VERB",
     "SINGULAR_NOUN_VERB_AGREEMENT"}
)
UNSURE_SPELLING = 0.35  # a name as often as a typo; the health LM may settle it (lm_ranking.py)
STYLE_CHOICE = 0.3  # both forms are English: hardly an error
# Why a flag's fixes wait for an editor however sure the flag is (``Suggestion.hold``)
HOUSE_STYLE = "house style"  # "anti-virus" or "antivirus", "..." or "…": both are English
IDIOM_ADVICE = "offered only: idiom advice, the editor's call"
PARSED_AGREEMENT = "offered only: read off a parse of machine translation, often wrong"


def confidence(match: GrammarMatch, word: str) -> float:
    """How sure we are this is a real error. An unknown long word is more likely a term."""
    if match.kind == "spelling":
        # Machine translation emits real words, so an unknown word is mostly a name, slang or
        # a term; only a near miss of a dictionary word ("tecnologies") is likely a typo.
        best = match.replacements[0] if match.replacements else ""
        if "'" in best and best.replace("'", "") == word:
            return 0.7  # "dont" -> "don't": only the apostrophe is missing
        if word.islower() and len(word) >= 4 and best == word.capitalize():
            return 0.7  # "italian" -> "Italian": the word is right, only its case is not
        if is_dehyphenation(match, word):
            return STYLE_CHOICE
        if len(word) <= 4 or not best or best.lower() == word.lower():
            return UNSURE_SPELLING
        if best[:1].isupper() and word[:1].islower():
            return UNSURE_SPELLING  # "capellan" -> "Capella": a typo fix makes no name
        if " " in best:
            return UNSURE_SPELLING  # splitting "infosphere" into "info sphere" is a guess
        near = [r for r in match.replacements[:3]
                if edit_distance(word.lower(), r.lower(), limit=1) <= 1]
        # one near miss is a typo; two ("secary": scary, secretary?) is a guess
        return 0.7 if near[:1] == [best] and len(near) == 1 else UNSURE_SPELLING
    if match.rule in STYLE_RULES:
        return STYLE_CHOICE
    if is_join(match, word):
        return 0.7  # "some one" -> "someone", "whole heartedly": one word written as two
    if match.rule == "harper/Usage":
        return 0.5  # idiom advice ("for first time"): a mild problem, often a real one
    if match.rule == PARSER_AGREEMENT_RULE:
        # a parse of machine-translated text is often wrong: on all 7,000 MLQE-PE train
        # sentences the 15 fixes it proposed were all rejected by the post-editors
        # ("who dies is silent" -> "are")
        return 0.4
    if match.detail in CONFIDENT_RULES or match.rule.endswith(("/Agreement", "/Repetition")):
        return 0.9
    return {"grammar": 0.7, "typography": 0.6, "style": 0.4}.get(match.kind, 0.5)


STYLE_RULES = frozenset({"harper/Formatting", "harper/Regionalism"})


def hold_reason(match: GrammarMatch, word: str) -> str | None:
    """Why this flag's fixes are offered to the editor and never applied on their own: a choice
    between two accepted forms, idiom advice ("for first time"), or agreement read off a parse
    of machine translation (see ``confidence``). None: the apply policy decides as usual."""
    if match.rule in STYLE_RULES or (match.kind == "spelling" and is_dehyphenation(match, word)):
        return HOUSE_STYLE
    if match.rule == "harper/Usage" and not is_join(match, word):
        return IDIOM_ADVICE
    if match.rule == PARSER_AGREEMENT_RULE:
        return PARSED_AGREEMENT
    return None


def is_dehyphenation(match: GrammarMatch, word: str) -> bool:
    """"anti-virus" -> "antivirus": the fix only drops the hyphen."""
    best = match.replacements[0] if match.replacements else ""
    return "-" in word and best == word.replace("-", "")


def is_existential_question(text: str, match: GrammarMatch) -> bool:
    """"Is there money?", "Are there people who...": harper reads "there" + noun as "their"."""
    previous = text[: match.start].split()[-1:]
    return bool(previous) and previous[0].lower() in ("is", "are", "was", "were")


def is_join(match: GrammarMatch, word: str) -> bool:
    """The fix only closes up words the checker knows as one ("my self", "Now a days"); no
    name is among them (every word but a sentence-opening one is lower case)."""
    best = match.replacements[0] if match.replacements else ""
    return (" " in word and " " not in best and best == word.replace(" ", "")
            and word[1:].islower())


def is_everyday_mass_noun(text: str, match: GrammarMatch) -> bool:
    words = text[match.start : match.end].lower().split()
    noun = words[-1] if words else ""
    return noun in EVERYDAY_MASS_NOUNS or noun.removesuffix("s") in EVERYDAY_MASS_NOUNS


def article_before_acronym(text: str, match: GrammarMatch) -> bool:
    """"an MRI", "a STIM1 protein": the article follows pronunciation, which harper guesses;
    and "immunoglobulin A" is a name, not an article."""
    if text[match.start : match.end] == "A" and match.start > 0 and text[match.start - 1] == " ":
        before = text[: match.start].rstrip()
        if before and before[-1] not in ".!?:":
            return True
    following = text[match.end :].split()[:1]
    return bool(following) and is_acronym(following[0].strip(".,;:()"))


def is_probably_a_term(text: str, match: GrammarMatch, word: str,
                       opens_sentence: bool = False) -> bool:
    """Machine translation emits real words, so an unknown word is far more often a name or a
    technical term than a misspelling: a capitalised word inside a sentence ("Chagas",
    "Acinetobacter"), one half of a hyphenated compound ("immuno-osseous"), or a long word with
    no near suggestion ("proopiomelanocortin"). A sentence's first word one edit from a
    dictionary word may be a typo ("Beacuse"), which ``to_issue`` leaves to the LM to settle."""
    if len(word) >= 5 and word[:1].isupper() and word[1:].islower():
        # a sentence's first word is capitalised anyway: a typo only one edit from a word
        return not opens_sentence or not any(
            edit_distance(word.lower(), r.lower(), limit=1) <= 1 for r in match.replacements[:3])
    before = text[match.start - 1 : match.start]
    after = text[match.end : match.end + 1]
    if "-" in (before, after) and len(word) >= 4:
        return True
    if len(word) >= 10:
        return not any(edit_distance(word.lower(), r.lower(), limit=2) <= 2
                       for r in match.replacements)
    return False


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbours as one edit ("poeple"), as typists make
    them; gives up (returns ``limit + 1``) once the distance must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def is_closed_compound(match: GrammarMatch) -> bool:
    """harper offers to split words it does not know ("pinworm" -> "pin worm"). Glued words in
    real text join a function word ("areconsistently", "stimulationis"); two content words
    ("foodborne", "prediabetes") are a closed compound, which health writing is full of."""
    best = match.replacements[0] if match.replacements else ""
    parts = best.lower().split()
    return len(parts) == 2 and not any(part in stop_words() for part in parts)


def is_sentence_shape_rule(match: GrammarMatch) -> bool:
    rule_id = match.rule.split("/", 1)[-1]
    return match.detail in SENTENCE_SHAPE_RULES or rule_id in SENTENCE_SHAPE_RULES


def sentence_text(doc: Doc, start: int) -> str:
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent.text
    return ""


@check(CheckSpec(
    name="grammar",
    description="Grammar and spelling from harper (embedded, offline) or LanguageTool, with "
                "the medical vocabulary, and subject-verb agreement read off the parse.",
    categories=(
        Category("grammar", 1.0, "#ffd6a5", "agreement, articles, verb forms, word order"),
        Category("spelling", 1.0, "#ffadad", "a word no dictionary or medical list knows"),
        Category("style", 0.4, "#f1e3c8", "wordy or weak phrasing a style checker would tighten"),
    ),
    sources=(
        Source("harper", 0.65, description="harper's suggestions"),
        Source("languagetool", 0.7, description="LanguageTool's suggestions"),
        Source("parser", 0.8, description="spaCy-based rules of this project"),
    ),
    order=10,
    rules=grammar_rules,
))
class GrammarCheck(Check):
    """Flags grammar and spelling errors with harper (default) or LanguageTool."""

    def __init__(
        self,
        config: Config,
        backend: GrammarBackend | None = None,
        vocabulary: MedicalVocabulary | None = None,
        parser_agreement: bool = True,
    ) -> None:
        super().__init__(config)
        self.vocabulary = vocabulary or load_vocabulary(config.extra_medical_words)
        self.backend = backend or make_backend(config, words=self.vocabulary.words)
        if backend is None and set(model_checks()) & set(config.checks):
            engines.warm_backend(config)  # hidden by the models loading next, on this thread
        self.source = self.backend.name
        self.parser_agreement = parser_agreement
        self.dialects = OtherDialects()

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        return self.check_many([adoc])[0]

    def check_many(self, adocs: Sequence[AnalysedDocument]) -> list[list[Issue]]:
        return self.start_many(adocs)()

    def start_many(self, adocs: Sequence[AnalysedDocument]) -> Callable[[], list[list[Issue]]]:
        """The engine runs on its own thread (``run_in_background``); the rest on taking."""
        blocks = [(n, block) for n, adoc in enumerate(adocs) for block in adoc.blocks]
        # engines split words at combining marks ("tempe\u0301rature"): they read NFC text
        # and their spans are mapped back onto the original
        analysed = [analysis_text(block.text) for _, block in blocks]
        normals = [normal for normal, _ in analysed]
        spelling = [normal if offsets.pieces else names_blanked(block.doc, normal)
                    for (_, block), (normal, offsets) in zip(blocks, analysed, strict=True)]
        pending = engines.run_in_background(self.backend, check_many, normals, spelling)
        return lambda: self._kept(adocs, blocks, analysed, pending.result())

    def _kept(self, adocs: Sequence[AnalysedDocument], blocks: list, analysed: list,
              found: list[list[GrammarMatch]]) -> list[list[Issue]]:
        issues: list[list[Issue]] = [[] for _ in adocs]
        for (n, block), matches, (_, offsets) in zip(blocks, found, analysed, strict=True):
            if offsets.pieces:
                matches = [replace(m, start=offsets.start(m.start), end=offsets.end(m.end))
                           for m in matches]
            issues[n].extend(self.check_block(block, matches))
        return issues

    def check_block(self, block: Block, matches: list[GrammarMatch]) -> Iterator[Issue]:
        doc = block.doc
        kept = [m for m in matches if self.keep(m, block)]
        if block.segment.kind not in NOT_SENTENCES and is_lower_case_text(block.text):
            sentences = [(s.start_char, s.end_char) for s in doc.sents]
            kept += capitals_beside_corrections(block.text, sentences, matches, kept)
        if self.parser_agreement:
            taken = [(m.start, m.end) for m in kept]
            kept += [
                m
                for m in agreement_errors(doc)
                if not any(s < m.end and m.start < e for s, e in taken)
            ]
        for match in sorted(kept, key=lambda m: (m.start, m.end)):
            yield self.to_issue(match, block)

    def keep(self, match: GrammarMatch, block: Block) -> bool:
        """Drop what is noise on health text; keep everything else the backend found."""
        text = block.text
        if not 0 <= match.start < match.end <= len(text):
            return False
        if block.segment.kind in NOT_SENTENCES and is_sentence_shape_rule(match):
            return False
        if is_native_usage(text, match):
            return False
        if match.detail in MASS_NOUN_RULES and not is_everyday_mass_noun(text, match):
            return False
        if match.detail == "AnA" and article_before_acronym(text, match):
            return False
        if match.detail == "ThereToTheir" and is_existential_question(text, match):
            return False
        if match.detail == "TheHowWhy" and article_before_acronym(text, match):
            return False  # "the WHO": the organisation, not the pronoun "who"
        if match.kind == "spelling":
            word = analysis_text(text[match.start : match.end])[0]
            # a suggestion within two slips ("tommorow" -> "tomorrow") competes with the word;
            # typists rarely get the first letter wrong ("cannula" is no slip of "annual")
            near = [r for r in match.replacements[:MAX_SUGGESTIONS]
                    if r[:1].lower() == word[:1].lower()
                    and edit_distance(word.lower(), r.lower(), limit=2) <= 2]
            if ABBREVIATION.fullmatch(word) or self.vocabulary.accepts(word, near):
                return False
            if science_vocabulary().in_phrase(text, match.start, match.end):
                return False  # "in vivo", "bona fide": Latin of scientific writing
            if word.lower() in HYPHEN_PREFIXES and text[match.end : match.end + 1] == "-":
                return False  # "geo-political": a prefix written with its hyphen
            previous = text[: match.start].split()[-1:] or [""]
            if is_species_epithet(word, previous[0]):
                return False
            if is_proper_noun_mid_sentence(block.doc, match.start, match.end):
                return False
            if is_probably_a_term(text, match, word, opens_sentence(block.doc, match.start)) \
                    or self.dialects.accepts(word):
                return False
            if is_closed_compound(match):
                return False
            if " " in word and all(self.dialects.accepts(part) for part in word.split()):
                return False  # "under study", "up most": two real words, not one misspelt
        return True

    def to_issue(self, match: GrammarMatch, block: Block) -> Issue:
        word = analysis_text(block.text[match.start : match.end])[0]
        score = confidence(match, word)
        hold = hold_reason(match, word)
        if match.kind == "spelling" and may_be_a_name(block.doc, match.start, word,
                                                      match.replacements):
            score = min(score, UNSURE_SPELLING)  # a name as often as a typo: not on its own
        source = match.rule.split("/", 1)[0]  # "harper", "languagetool" or "parser"
        suggestions = [
            Suggestion(text=r, source=source, score=round(score * (1 - 0.12 * rank), 4), hold=hold)
            for rank, r in enumerate(match.replacements[:MAX_SUGGESTIONS])
        ]
        return Issue(
            start=block.offset + match.start,
            end=block.offset + match.end,
            category=CATEGORY_OF_KIND.get(match.kind, "grammar"),
            rule=match.rule,
            message=match.message,
            source=source,
            confidence=score,
            severity="info" if hold else "error" if score >= 0.85
            else "warning" if score >= 0.5 else "info",
            suggestions=suggestions,
            context=sentence_text(block.doc, match.start),
        )


__all__ = ["GrammarCheck", "GrammarMatch", "GrammarBackend", "make_backend", "confidence",
           "hold_reason"]
