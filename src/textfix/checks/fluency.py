"""The ``fluency`` check: words of a sentence a post-editor would likely change, from a model.

The word model runs once per document over all its sentences in batches: the fine-tuned MiniLM
tagger (``textfix.models.tagger``, ``models/tagger``) when it is shipped, else the older quality
model (``models/quality``; ``TEXTFIX_QUALITY_MODEL`` still selects it for comparison,
``TEXTFIX_TAGGER_MODEL`` another tagger: a folder or model id). Runs of adjacent BAD words become
one issue each, their confidence the highest calibrated P(BAD) of the run; every sentence's
predicted HTER is kept in ``document.metadata["sentence_quality"]`` for reports and ranking. A
default check; ``--no-models`` turns it off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..catalogue import Category, CheckSpec, check
from ..config import Config
from ..example import Example, Rule
from ..records import Issue
from ..stages.analyse import AnalysedDocument
from .base import Check

MESSAGE = "A post-editor would likely rewrite this wording ({model})."
MODEL_NAMES = {"tagger": "awkwardness tagger", "quality": "quality model"}
# Word flags only in sentences the model scores as needing work (predicted HTER >= gate). Without
# the gate the model flags 69% of clean MedQuAD sentences; with 0.55, 1%, while word-level MCC
# on MLQE-PE ru-en dev goes from 0.222 to 0.131 (harper alone: -0.03). Measured with the shipped
# model on 400 held-out MedQuAD sentences and the 1,000 dev sentences.
SENTENCE_GATE = 0.55
# The tagger's gate, measured the same way (models/tagger/README.md and the report of issue 12).
TAGGER_GATE = 0.0
GATES = {"quality": SENTENCE_GATE, "tagger": TAGGER_GATE}


def fluency_rules() -> Iterator[Rule]:
    """What the shipped model (models/quality) flags: a Russian-style label sentence scores
    0.73 predicted HTER (above the gate) and its words are BAD; the same idea in fluent English
    scores 0.21. The model offers no fix; another model's examples may need new sentences."""
    yield Rule("fluency/model", "fluency", (
        Example.flagged("Excess weight. Extra kilos load the knees."),
        Example.ok("Being overweight puts extra load on the knees."),
    ), __name__)


@check(CheckSpec(
    name="fluency",
    description="Words a post-editor would likely change, from the project's awkwardness "
                "tagger (models/tagger; models/quality before it); off with --no-models.",
    categories=(Category("fluency", 0.7, "#fdffb6", "wording a post-editor would likely change"),),
    needs_models=True,
    order=80,
    rules=fluency_rules,
))
class FluencyCheck(Check):
    def __init__(self, config: Config, model_path: str | None = None,
                 sentence_gate: float | None = None) -> None:
        super().__init__(config)
        from ..models.word_model import load_word_model

        self.model = load_word_model(model_path)
        self.sentence_gate = GATES[self.model.kind] if sentence_gate is None else sentence_gate
        self.message = MESSAGE.format(model=MODEL_NAMES[self.model.kind])
        self.threshold = self.model.threshold

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        sentences = [s for s in adoc.sentences() if s.text.strip()]
        predictions = self.model.predict([s.text for s in sentences])
        quality = []
        issues: list[Issue] = []
        for sent, pred in zip(sentences, predictions, strict=True):
            quality.append({"start": sent.start, "end": sent.end,
                            "score": round(pred.sentence_score, 4)})
            run: list[tuple[int, int, float]] = []
            spans = pred.word_spans if pred.sentence_score >= self.sentence_gate else []
            for span in [*spans, None]:
                if span is not None and span[2] >= self.threshold:
                    run.append(span)
                    continue
                if run:
                    issues.append(self._issue(sent.start, run, self.message))
                    run = []
        adoc.document.metadata["sentence_quality"] = quality
        return issues

    @staticmethod
    def _issue(offset: int, run: list[tuple[int, int, float]], message: str) -> Issue:
        return Issue(
            start=offset + run[0][0],
            end=offset + run[-1][1],
            category="fluency",
            rule="fluency/model",
            message=message,
            source="model",
            confidence=max(p for _, _, p in run),
            severity="info",
        )
