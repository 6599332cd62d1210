"""The pipeline: ingest → analyse → checks → merge/rank → LM ranking → guard → policy → apply.

One direction, no back and forth: each stage reads what the stage before produced. A ``Pipeline``
loads spaCy, the checks' data files and the grammar backend once and is then reused for any number
of documents; the CLI, the batch runner and the Python API are thin layers over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .checks import Check, build_checks
from .config import Config
from .graphemes import edits_on_boundaries, snap_issues
from .records import Document, Issue, Result
from .stages.analyse import AnalysedDocument, analyse, load_spacy
from .stages.apply import apply_edits
from .stages.guard import Guard
from .stages.policy import select_edits
from .stages.ranking import merge_issues


class Pipeline:
    """Check and fix documents with models loaded once."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        if "grammar" in self.config.checks:  # harper builds its dictionary while spaCy loads
            from .checks.grammar.backend import prefetch_backend

            prefetch_backend(self.config)
        self.nlp = load_spacy(self.config.spacy_model)
        self.checks = build_checks(self.config)
        self.guard = Guard(extra_files=self.config.extra_protected_terms)
        self.memory = None
        if self.config.memory is not None:
            from .stages.memory import CorrectionMemory

            self.memory = CorrectionMemory.load(self.config.memory)
        from .stages.lm_ranking import LMRanker

        self.ranker = LMRanker.create(self.config)  # None (and a warning) when the LM is missing
        from .stages.edit_suggestions import EditSuggestionStage

        # the edit tagger (None when models are off or missing); shares the ranker's LM
        self.editor = EditSuggestionStage.create(self.config, lm=getattr(self.ranker, "lm", None))
        self.rewriter = None
        if self.config.rewrite:
            from .stages.rewrite import RewriteStage

            self.rewriter = RewriteStage.create(self.config)  # None (and a warning) on failure

    def run(self, documents: Iterable[Document],
            progress: Callable[[str, float], None] | None = None) -> list[Result]:
        """Check every document; spaCy parses them all in one batched pass and each check
        sees the whole batch, so engines that pay per call are called few times.
        ``progress(stage, share of stages done)`` as each stage starts (the CLI's progress bar)."""
        step = progress or (lambda stage, done: None)
        analysed = analyse(
            [_segmented(d) for d in documents], self.nlp, batch_size=self.config.batch_size,
            n_process=self.config.n_process,
        )
        found: list[list[Issue]] = [[] for _ in analysed]
        # every check is started before any is taken: the grammar engine works on its own
        # thread while the others run (``Check.start_many``)
        started = []
        for k, check in enumerate(self.checks):
            step(getattr(check, "name", "") or "checking", (k + 1) / (len(self.checks) + 2))
            started.append(_start(check, analysed))
        for take in started:  # issues in check order, as before
            for issues, new in zip(found, take(), strict=True):
                issues.extend(new)
        step("ranking", (len(self.checks) + 1) / (len(self.checks) + 2))
        merged = [self._merge(adoc, issues) for adoc, issues in zip(analysed, found, strict=True)]
        if self.ranker is not None:  # one batched LM pass for all documents
            self.ranker.apply_many(list(zip(analysed, merged, strict=True)))
        if self.editor is not None:  # the edit tagger's own suggestions, after the LM ranking
            merged = self.editor.apply_many(list(zip(analysed, merged, strict=True)))
        results = [self._finish(adoc, issues) for adoc, issues in zip(analysed, merged,
                                                                          strict=True)]
        step("done", 1.0)
        return results

    def run_one(self, document: Document) -> Result:
        return self.run([document])[0]

    @staticmethod
    def _merge(adoc: AnalysedDocument, found: list[Issue]) -> list[Issue]:
        _add_context(adoc, found)
        return merge_issues(found, adoc.text)

    def _finish(self, adoc: AnalysedDocument, issues: list[Issue]) -> Result:
        text = adoc.text
        if self.rewriter is not None:
            # not merged: a rewrite keeps its own confidence, never a detection's on the same span
            issues = sorted(self.rewriter.apply(adoc, issues), key=lambda i: (i.start, i.end))
        if self.memory is not None:
            issues = self.memory.apply(issues, text)
        # the one place that puts every flag and edit on grapheme-cluster boundaries
        issues = snap_issues(issues, text)
        for issue in issues:
            self.guard.review(issue, text)
        edits = edits_on_boundaries(select_edits(
            issues, text, self.config.apply, keep_boilerplate=self.config.keep_boilerplate
        ), text)
        return Result(adoc.document, issues, edits, apply_edits(text, edits))


def _start(check, analysed: list[AnalysedDocument]) -> Callable[[], list[list[Issue]]]:
    """``check.start_many``, or for a check with ``check_many`` alone (a plug-in written to the
    older protocol) the base class's, which takes its issues at once."""
    start = getattr(check, "start_many", None)
    return start(analysed) if start is not None else Check.start_many(check, analysed)


def _add_context(adoc: AnalysedDocument, issues: Sequence[Issue]) -> None:
    """Give each issue the sentence it sits in: reviewers read it, stable ids hash it."""
    for issue in issues:
        if issue.context:
            continue
        sent = adoc.sentence_at(issue.start)  # bisection: a scan per issue is quadratic
        issue.context = sent.text if sent is not None else adoc.text[issue.start : issue.end]


def _segmented(document: Document) -> Document:
    """A Document built by hand (``Document(id=..., text=...)``) has no segments, and checks read
    segments: without this it would come back with no issues and no warning."""
    if document.segments or not document.text.strip():
        return document
    from .ingest.formats import analyse_structure

    fmt = document.format if document.format in ("text", "markdown") else "text"
    document.segments = analyse_structure(document.text, fmt)
    return document
