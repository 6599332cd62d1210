"""The pipeline: ingest → analyse → checks → merge/rank → guard → policy → apply.

One direction, no back and forth: each stage reads what the stage before produced. A ``Pipeline``
loads spaCy, the checks' data files and the grammar backend once and is then reused for any number
of documents; the CLI, the batch runner and the Python API are thin layers over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .apply import apply_edits
from .checks import build_checks
from .config import Config
from .guard import Guard
from .model import Document, Issue, Result
from .nlp import AnalysedDocument, analyse, load_spacy
from .policy import select_edits
from .suggest import merge_issues


class Pipeline:
    """Check and fix documents with models loaded once."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.nlp = load_spacy(self.config.spacy_model)
        self.checks = build_checks(self.config)
        self.guard = Guard(extra_files=self.config.extra_protected_terms)

    def run(self, documents: Iterable[Document]) -> list[Result]:
        """Check every document; spaCy parses them all in one batched pass."""
        analysed = analyse(
            documents, self.nlp, batch_size=self.config.batch_size, n_process=self.config.n_process
        )
        return [self._finish(adoc) for adoc in analysed]

    def run_one(self, document: Document) -> Result:
        return self.run([document])[0]

    def _finish(self, adoc: AnalysedDocument) -> Result:
        text = adoc.text
        found: list[Issue] = []
        for check in self.checks:
            found.extend(check.check(adoc))
        _add_context(adoc, found)
        issues = merge_issues(found, text)
        for issue in issues:
            self.guard.review(issue, text)
        edits = select_edits(
            issues, text, self.config.apply, keep_boilerplate=self.config.keep_boilerplate
        )
        return Result(adoc.document, issues, edits, apply_edits(text, edits))


def _add_context(adoc: AnalysedDocument, issues: Sequence[Issue]) -> None:
    """Give each issue the sentence it sits in: reviewers read it, stable ids hash it."""
    sentences = list(adoc.sentences())
    for issue in issues:
        if issue.context:
            continue
        for sent in sentences:
            if sent.start <= issue.start < sent.end:
                issue.context = sent.text
                break
        else:
            issue.context = adoc.text[issue.start : issue.end]
