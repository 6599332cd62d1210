"""The ``fluency`` check: words of a sentence a post-editor would likely change, from a model.

The quality model (``textfix.models.quality``) runs once per document over all its sentences in
batches. Runs of adjacent BAD words become one issue each; every sentence's predicted HTER is
kept in ``document.metadata["sentence_quality"]`` for reports and ranking. Not a default check:
it needs the shipped model folder (or ``TEXTFIX_QUALITY_MODEL``: a folder or model id).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..config import Config
from ..model import Issue
from ..models.loading import default_model
from ..nlp import AnalysedDocument
from .base import Check, register

MESSAGE = "A post-editor would likely rewrite this wording (quality model)."


@register("fluency")
class FluencyCheck(Check):
    def __init__(self, config: Config, model_path: str | None = None) -> None:
        super().__init__(config)
        from ..models.quality import QualityModel

        self.model = QualityModel.load(model_path or default_model("quality"))
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
            for span in [*pred.word_spans, None]:
                if span is not None and span[2] >= self.threshold:
                    run.append(span)
                    continue
                if run:
                    issues.append(self._issue(sent.start, run))
                    run = []
        adoc.document.metadata["sentence_quality"] = quality
        return issues

    @staticmethod
    def _issue(offset: int, run: list[tuple[int, int, float]]) -> Issue:
        return Issue(
            start=offset + run[0][0],
            end=offset + run[-1][1],
            category="fluency",
            rule="fluency/model",
            message=MESSAGE,
            source="model",
            confidence=max(p for _, _, p in run),
            severity="info",
        )
