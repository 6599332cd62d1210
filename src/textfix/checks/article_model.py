"""The ``article-model`` check: articles Russian MT dropped or added, judged by the article model
(``textfix/models/article_model.py``) where the count-based rules of ``collocation/article`` see
too little.

Two confusions only, the two the dev set's tune half showed the model reliable on: a bare
singular noun phrase that clean English gives "a/an" ("She made appointment with a surgeon")
and a "the" that clean English leaves out ("Avoid the alcohol"). The model runs only on
sentences with a candidate, chosen from the n-gram table's counts of the head noun
(``models/ngrams``): a bare noun clean text mostly gives an article (or knows too little of), a
"the" before a noun clean text mostly uses bare. Left alone, as the tune half's clean sentences
showed them specific or misread: "the" before a plural, before a noun with a modifier after it
or anything between ("the pressure in the eye", "the gas exchange", "the public health", "the
symptoms": on 3,000 more clean tuning sentences these were most of the model's flags), a bare
noun with "of" after it ("collection of sera"), and any noun after a preposition other than
"with"/"without" ("in line with", "recover from the stress"): only subjects, objects and
predicate nouns are judged. One adjective and a bare singular noun as an object or predicate
("has high fever", "is good idea") is judged by the model alone at its own threshold
(``adjective_insert_below``): on the tune halves the counts missed six such phrases and the model
flagged none of the clean sentences' (longer phrases, "had first trimester miscarriage", are
left: clean abstracts drop articles there). So is a bare singular noun right after an
instruction's verb ("Wear mask"), at the strict ``insert_below``: it added no flag on 9,904
clean sentences (2,000 of them MedQuAD instructions).

Thresholds (``article_head.json``: P(as written) below ``insert_below`` / ``delete_below``) were
chosen on the dev set's tune half and the tune halves of ``scripts/clean_text_flags.py``. The fix
only inserts or deletes the article, so no term or number is touched; it waits for an editor
(``HOLD``): the model is sure the article is wrong more often than about which one is right.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..catalogue import CheckSpec, Source, check
from ..config import Config
from ..example import Example, Rule
from ..records import Issue, Suggestion
from ..stages.analyse import AnalysedDocument
from .base import Check
from .collocation import CATEGORY, collocation_category
from .collocation.article import article_for
from .collocation.base import match_case

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..models.article_model import ArticleModel, Slot
    from ..models.ngrams import NgramTable

RULE = "collocation/article-model"
SOURCE = "article-model"
HOLD = "offered only: the article model's choice, the editor's call"
THIN = 20  # a head noun clean text has fewer times than this: the counts cannot rule it out
MOSTLY = 0.5  # the share of the noun's uses that must agree with the suggested article
# Below the count-based article rule's lowest (0.5): where both flag a phrase, the rule with the
# counts and its reasons leads the merged issue (``stages.ranking.merge_issues``).
CONFIDENCE = 0.45
# The roles judged: a subject, an object or a predicate noun; "the" also after "with"/"without".
ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def article_model_rules() -> Iterator[Rule]:
    yield Rule(RULE, "article-model", (
        Example.flagged("She made appointment with a surgeon.",
                        fix="She made an appointment with a surgeon."),
        Example.flagged("Avoid the alcohol for two days after the injection.",
                        fix="Avoid alcohol for two days after the injection."),
        Example.ok("She made an appointment with a surgeon."),
        Example.ok("Glaucoma increases the pressure in the eye."),
        # one adjective and its noun, at the model's own threshold
        Example.flagged("My daughter has high fever since the morning.",
                        fix="My daughter has a high fever since the morning."),
        Example.ok("She has high blood pressure."),
        Example.ok("Regular hand washing is good practice."),
        # the object of an instruction, by the model alone at its strict threshold
        Example.flagged("Wear mask in crowded places.", fix="Wear a mask in crowded places."),
        Example.flagged("Keep child at home until the fever is gone.",
                        fix="Keep the child at home until the fever is gone."),
        Example.ok("Wear sunscreen every day."),
    ), __name__)


@check(CheckSpec(
    name="article-model",
    description="Articles dropped or added by MT, judged by the article model on the tagger's "
                "encoder (models/tagger/article_head.*); off with --no-models.",
    categories=(collocation_category(),),
    sources=(Source(SOURCE, 0.7, description="the article the article model expects there"),),
    needs_models=True,
    order=26,
    rules=article_model_rules,
))
class ArticleModelCheck(Check):
    def __init__(self, config: Config, model_path: str | None = None) -> None:
        super().__init__(config)
        from ..models.article_model import ArticleModel
        from ..models.loading import MODELS_DIR
        from ..models.ngrams import load_table
        from ..models.word_model import TAGGER_ENV
        from .collocation import table_path

        folder = model_path or os.environ.get(TAGGER_ENV) or str(MODELS_DIR / "tagger")
        self.model: ArticleModel = ArticleModel.load(folder)
        self.table: NgramTable = load_table(table_path())
        self._counts: dict[str, dict[str, int]] = {}  # lemma -> its article counts, per run

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        return self.check_many([adoc])[0]

    def check_many(self, adocs: Sequence[AnalysedDocument]) -> list[list[Issue]]:
        """One batched model run over the candidate sentences of all documents."""
        from ..models.article_model import article_slots

        jobs: list[tuple[int, int, Span, list[Slot], list[bool]]] = []
        for d, adoc in enumerate(adocs):
            for b, block in enumerate(adoc.blocks):
                for sentence in block.doc.sents:
                    if not self._may_have_candidate(sentence):
                        continue  # most sentences stop here, before their noun chunks
                    slots = article_slots(sentence)
                    wanted = [self._candidate(s, sentence.doc) for s in slots]
                    if any(wanted):
                        jobs.append((d, b, sentence, slots, wanted))
        found: list[list[Issue]] = [[] for _ in adocs]
        if not jobs:
            return found
        probabilities = self.model.probabilities([j[2] for j in jobs], [j[3] for j in jobs])
        for (d, b, sentence, slots, wanted), rows in zip(jobs, probabilities, strict=True):
            block = adocs[d].blocks[b]
            for slot, want, p in zip(slots, wanted, rows, strict=True):
                issue = self._issue(block, sentence, slot, p) if want and p else None
                if issue is not None:
                    found[d].append(issue)
        return found

    def _may_have_candidate(self, sentence: Span) -> bool:
        """A common noun in a judged role whose article the counts would let the model judge:
        the cheap test before the sentence's noun chunks are found."""
        from ..models.article_model import ARTICLES, Slot

        for token in sentence:
            if token.tag_ not in ("NN", "NNS") or token.pos_ != "NOUN":
                continue
            dets = [c for c in token.children
                    if c.dep_ in ("det", "poss", "nummod", "predet") and c.i < token.i]
            if len(dets) > 1 or (dets and dets[0].lower_ not in ARTICLES):
                continue  # "this test", "his doctor": not judged
            written = ARTICLES[dets[0].lower_] if dets else 0
            if self._candidate(Slot(token.i, written, None, token.i), sentence.doc) or \
                    not dets and self._adjective_phrase(Slot(token.i - 1, 0, None, token.i),
                                                        sentence.doc):
                return True
        return False

    def _adjective_phrase(self, slot: Slot, doc) -> bool:
        """One adjective and a bare singular noun as an object or predicate ("has high fever",
        "is good idea"): judged by the model alone, at its own threshold. Anything longer
        ("had first trimester miscarriage") is left: clean abstracts drop articles there."""
        if not self.model.settings.adjective_insert_below or slot.written != 0 or \
                slot.anchor != slot.root - 1 or slot.anchor < 0:
            return False
        root, adjective = doc[slot.root], doc[slot.anchor]
        return root.tag_ == "NN" and root.dep_ in ("dobj", "attr") and \
            adjective.pos_ == "ADJ" and adjective.dep_ == "amod" and \
            [c.i for c in root.children if c.i < root.i] == [adjective.i]

    def _candidate(self, slot: Slot, doc) -> bool:
        """A slot the counts do not rule out (see the module docstring)."""
        if self._adjective_phrase(slot, doc) or _instruction_object(slot, doc):
            return True
        root = doc[slot.root]
        if root.dep_ not in ROLES and not (root.dep_ == "pobj" and slot.written == 2 and
                                           root.head.lower_ in ("with", "without")):
            return False  # after most prepositions a bare noun is an idiom ("in line with")
        after = [c for c in root.children
                 if c.i > root.i and c.dep_ in ("prep", "relcl", "acl", "amod")]
        counts = self._article_counts(root.lemma_.lower())
        total = sum(counts.values())
        if slot.written == 2:  # "the": deleted only before a noun clean text mostly uses bare
            return slot.anchor == slot.root and root.tag_ == "NN" and not after and \
                total >= 5 and counts["0"] >= MOSTLY * total
        if slot.written == 0 and root.tag_ == "NN":  # bare: "a/an" for a count noun
            return not any(c.lower_ == "of" for c in after) and \
                (total < THIN or counts["a"] + counts["the"] >= MOSTLY * total)
        return False

    def _article_counts(self, lemma: str) -> dict[str, int]:
        """How often clean text writes the noun with "the", "a/an" and nothing (the n-gram
        table's ``dn``, with and without a post-modifier); kept, as the cheap sentence test
        and the slots ask about the same nouns."""
        counts = self._counts.get(lemma)
        if counts is None:
            counts = self._counts[lemma] = {d: sum(self.table.count("dn", lemma, d, post)
                                                   for post in "01") for d in ("the", "a", "0")}
        return counts

    def _issue(self, block, sentence: Span, slot: Slot, p: list[float]) -> Issue | None:
        settings = self.model.settings
        best = max(range(3), key=lambda k: p[k])
        doc = sentence.doc
        anchor = doc[slot.anchor]
        insert_below = settings.adjective_insert_below if self._adjective_phrase(slot, doc) \
            else settings.insert_below
        if slot.written == 0 and best in (1, 2) and p[0] < insert_below and \
                (best == 1 or _instruction_object(slot, doc)):  # "Keep child" -> "the child"
            first, last = anchor, anchor
            article = article_for(anchor.text) if best == 1 else "the"
            if anchor.i == sentence.start:  # "Patient should" -> "A patient should"
                text = f"{article.capitalize()} {anchor.text[:1].lower()}{anchor.text[1:]}"
            else:
                text = f"{article} {anchor.text}"
            message = f"Health English puts '{article}' before '{doc[slot.root].text}' here."
        elif slot.written == 2 and best == 0 and p[2] < settings.delete_below:
            first, last = doc[slot.article], anchor
            text = match_case(anchor.text, first.text)
            message = f"Health English uses '{doc[slot.root].text}' here without 'the'."
        else:
            return None
        return Issue(
            start=block.char_start(first), end=block.char_end(last), category=CATEGORY,
            rule=RULE, message=message, source=SOURCE, confidence=CONFIDENCE,
            suggestions=[Suggestion(text, SOURCE, CONFIDENCE, hold=HOLD)],
            context=sentence.text)


def _instruction_object(slot: Slot, doc) -> bool:
    """A bare singular noun right after an instruction's verb ("Wear mask", "Take painkiller"):
    the object of an imperative is a thing the reader handles, so the model judges it alone,
    at its strict ``insert_below``, without the counts (a noun clean text mostly writes inside
    compounds, "face mask", has counts that say nothing of it alone)."""
    if slot.written != 0 or slot.anchor != slot.root or slot.root < 1:
        return False
    root = doc[slot.root]
    verb = root.head
    return root.tag_ == "NN" and root.dep_ == "dobj" and verb.i == root.i - 1 and \
        verb.tag_ == "VB" and verb.i == verb.sent.start and \
        not any(c.dep_ in ("nsubj", "aux") for c in verb.children)


__all__ = ["ArticleModelCheck", "article_model_rules"]
