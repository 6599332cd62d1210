"""The edit tagger as a suggestion source and a detector.

Every sentence is tagged (``models.edit_tagger``, batched over all documents, up to three passes
with offsets mapped back to the original). In a sentence another check flagged, each resulting
edit at the tagger's suggestion confidence becomes an issue of its own (source ``edit-tagger``,
its suggestion carrying the model's id and hash); in a sentence nobody flagged, only an edit the
tagger is very sure of (``detect_confidence``) becomes one: the tagger is then the detector.

The tagger never applies anything by itself. Each edit goes through the guard like every other
fix, and an edit is held for an editor (``Suggestion.hold``) unless both models agree: the
tagger's calibrated confidence reaches ``detect_confidence`` (held-out precision >= 0.8) and the
health LM reads the sentence with the edit better than without (perplexity ratio at most
``LM_AGREE``). A failing model is never fatal: the stage is skipped with a warning.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Config
from ..errors import TextfixError
from ..models.edit_labels import label_kind
from ..models.words import split_words
from ..records import Issue, Suggestion
from .analyse import AnalysedDocument

log = logging.getLogger(__name__)

SOURCE = "edit-tagger"
LM_AGREE = 0.98  # the LM must find the edited sentence at least 2% less perplexing
MIN_WORDS = 3
HOLD_UNSURE = "edit tagger not sure enough"
HOLD_LM = "LM does not read the edit better"
GRAMMAR_KINDS = frozenset({"inflect", "case"})


@dataclass
class _Site:
    doc: int
    start: int  # the sentence in the document
    text: str
    flagged: bool


class EditSuggestionStage:
    """Tag sentences, turn edits into issues; models load once or are injected (tests)."""

    def __init__(self, tagger=None, lm=None) -> None:
        if tagger is None:
            from ..models.edit_tagger import EditTagger, edit_tagger_folder

            tagger = EditTagger.load(edit_tagger_folder())
        if lm is None:
            from ..models.lm import HealthLM
            from ..models.loading import default_model

            lm = HealthLM.load(default_model("lm"), batch_size=8)
        self.tagger = tagger
        self.lm = lm

    @classmethod
    def create(cls, config: Config, lm=None) -> EditSuggestionStage | None:
        if not (config.suggest_edits and config.rank_with_lm):
            return None
        try:
            return cls(lm=lm)
        except TextfixError as exc:
            log.warning("edit tagger skipped: %s", exc)
            return None

    def sites(self, d: int, adoc: AnalysedDocument, issues: Sequence[Issue]) -> list[_Site]:
        spans = [(i.start, i.end) for i in issues if i.category != "boilerplate"]
        return [_Site(d, start, text, any(s < end and e > start for s, e in spans))
                for start, end, text in adoc.article_sentences(MIN_WORDS)]

    def apply_many(self, batch: Sequence[tuple[AnalysedDocument, list[Issue]]]
                   ) -> list[list[Issue]]:
        """Each document's issues plus the tagger's, all sentences tagged in one batch."""
        sites = [s for d, (adoc, issues) in enumerate(batch) for s in self.sites(d, adoc, issues)]
        settings = self.tagger.settings
        tagged = self.tagger.tag([s.text for s in sites]) if sites else []
        found = []
        for site, edits in zip(sites, tagged, strict=True):
            floor = settings.min_confidence if site.flagged else settings.detect_confidence
            found.extend((site, e) for e in merge_near(site.text, edits)
                         if e.confidence >= floor)
        ratios = self._lm_ratios(found)
        out = [list(issues) for _, issues in batch]
        for (site, edit), ratio in zip(found, ratios, strict=True):
            out[site.doc].append(self.issue(site, edit, ratio))
        return out

    def _lm_ratios(self, found: Sequence[tuple[_Site, object]]) -> list[float]:
        """Perplexity of each sentence with its one edit, relative to the sentence as it is."""
        texts: list[str] = []
        for site, e in found:
            texts += [site.text, site.text[: e.start] + e.replacement + site.text[e.end:]]
        scores = self.lm.sentence_score(texts) if texts else []
        return [2 ** (scores[k + 1] - scores[k]) for k in range(0, len(scores), 2)]

    def issue(self, site: _Site, edit, ratio: float) -> Issue:
        """One issue over the edit's span (an insertion widened to the word beside it, so the
        guard and an editor see a word, not an empty span)."""
        start, end, new = widen(site.text, edit.start, edit.end, edit.replacement)
        kinds = {label_kind(lab) for lab in edit.labels}
        sure = edit.confidence >= self.tagger.settings.detect_confidence
        hold = None if sure and ratio <= LM_AGREE else (
            HOLD_UNSURE if not sure else HOLD_LM)
        conf = round(edit.confidence, 4)
        suggestion = Suggestion(new, SOURCE, conf, hold=hold, model=self.tagger.model_ref)
        return Issue(
            start=site.start + start, end=site.start + end,
            category="grammar" if kinds <= GRAMMAR_KINDS else "fluency",
            rule=f"{SOURCE}/{'+'.join(sorted(kinds))}",
            message=f"Suggested edit ({', '.join(edit.labels)}; confidence {conf:.2f})",
            source=SOURCE, confidence=conf, severity="info", suggestions=[suggestion],
            context=site.text)


def merge_near(text: str, edits: Sequence) -> list:
    """Edits only whitespace apart become one ("Against the background" -> "Due to" is one
    change, not two): labels are only coherent together, and an editor judges them together."""
    out: list = []
    for edit in sorted(edits, key=lambda e: e.start):
        if out and not text[out[-1].end:edit.start].strip():
            last = out[-1]
            out[-1] = type(edit)(last.start, edit.end, last.replacement
                                 + text[last.end:edit.start] + edit.replacement,
                                 min(last.confidence, edit.confidence), last.labels + edit.labels)
        else:
            out.append(edit)
    return out


def widen(text: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    """An insertion covers the word before it (or after it, at the start)."""
    if start != end:
        return start, end, replacement
    words = split_words(text)
    before = [(s, e) for _, s, e in words if e <= start]
    if before:
        s = before[-1][0]
        return s, end, text[s:start] + replacement
    after = [(s, e) for _, s, e in words if s >= end]
    if after:
        e = after[0][1]
        return start, e, replacement + text[end:e]
    return start, end, replacement
