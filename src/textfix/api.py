"""The Python API in the shape users know from grammar-checker libraries: one object that loads
once and checks a string, many strings or a ``Document``.

    checker = textfix.Checker()                       # spaCy, engines and models load once
    found = checker.check("The organism reacts to strong stress.")
    for match in found:                               # offsets into the text you gave
        print(match.line, match.column, match.rule, match.message, match.replacements)
    checker.check_many(texts)                         # one batched pass
    checker.fix(text)                                 # the text with guard-approved fixes
    found.to_dict(), found.to_dataframe()
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, overload

from .config import Config
from .errors import ConfigError
from .records import Document, Issue, Result

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import Pipeline


@dataclass(frozen=True)
class Match:
    """One flagged span, with LanguageTool-like fields: where, which rule, why, what instead."""

    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    text: str  # the flagged words
    category: str
    rule: str
    message: str
    confidence: float
    replacements: tuple[str, ...]  # best first: the pipeline's one ranking
    applied: bool  # the policy applied the first replacement
    hold: str | None  # why the best replacement waits for an editor, if it does

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "replacements": list(self.replacements)}


class CheckResult:
    """The matches of one text and the corrected text; iterate it for the matches."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.text = result.document.text
        self.corrected = result.corrected
        from .issue_links import applied_edits

        # one pass over the edits and the line breaks, not a scan of each per issue
        line_starts = [0] + [k + 1 for k, c in enumerate(self.text) if c == "\n"]
        self.matches = [_match(result, issue, edit is not None, line_starts)
                        for issue, edit in zip(result.issues, applied_edits(result), strict=True)]
        # the underlying records, for code that works with Issues and Documents
        self.document = result.document
        self.issues = result.issues
        self.edits = result.edits

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def __len__(self) -> int:
        return len(self.matches)

    def __repr__(self) -> str:
        return f"CheckResult({len(self.matches)} matches in {len(self.text)} characters)"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.result.document.id, "text": self.text, "corrected": self.corrected,
                "matches": [m.to_dict() for m in self.matches]}

    def to_dataframe(self) -> pd.DataFrame:
        import pandas as pd

        columns = list(Match.__dataclass_fields__)
        return pd.DataFrame([m.to_dict() for m in self.matches], columns=columns)


class Checker:
    """Builds the pipeline on first use and keeps it: later checks pay only for the text."""

    def __init__(self, config: Config | None = None, *, disable: Iterable[str] = (),
                 use_models: bool = True, **options: Any) -> None:
        """``options`` are fields of ``textfix.Config``; ``disable`` drops checks by name and
        ``use_models=False`` runs without the trained models (the CLI's ``--no-models``)."""
        self.config = config_with(config, disable=disable, use_models=use_models, **options)
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:  # a copy sent to a worker builds its own pipeline
        return {**self.__dict__, "_pipeline": None}

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from .pipeline import Pipeline

            self._pipeline = Pipeline(self.config)
        return self._pipeline

    @overload
    def check(self, text: str | Document) -> CheckResult: ...

    @overload
    def check(self, text: list[str | Document] | tuple[str | Document, ...]
              ) -> list[CheckResult]: ...

    def check(self, text: str | Document | list | tuple) -> CheckResult | list[CheckResult]:
        """One text gives one result; a list (or tuple) of texts gives a list, in one pass."""
        if isinstance(text, list | tuple):
            return self.check_many(text)
        if not isinstance(text, str | Document):
            raise TypeError(f"check() takes a str, a textfix.Document or a list of them, not "
                            f"{type(text).__name__}; use check_many() for other iterables")
        return self.check_many([text])[0]

    def check_many(self, texts: Iterable[str | Document]) -> list[CheckResult]:
        """One batched pass over every text; results in the same order."""
        documents = [_as_document(t, n) for n, t in enumerate(texts)]
        return [CheckResult(r) for r in self.pipeline.run(documents)]

    def fix(self, text: str | Document) -> str:
        """The text with the policy's fixes applied (guard-approved ones by default)."""
        return self.check_many([text])[0].corrected


def config_with(config: Config | None = None, *, disable: Iterable[str] = (),
                use_models: bool = True, **options: Any) -> Config:
    """A Config from keyword options, as the CLI builds one from its flags: unknown options and
    unknown check names are refused (with a did-you-mean), never ignored."""
    unknown = set(options) - set(Config.__dataclass_fields__)
    if unknown:
        raise ConfigError(f"unknown option(s) {', '.join(sorted(unknown))}; options are "
                          f"the fields of textfix.Config, disable and use_models")
    if isinstance(disable, str):
        disable = disable.split(",")
    if "checks" in options and isinstance(options["checks"], str):
        options["checks"] = options["checks"].split(",")
    merged = replace(config or Config(), **options)
    from .catalogue import catalogue

    known = catalogue()
    off = set(known.validate(n.strip() for n in disable if n.strip()))
    if not use_models:
        off |= set(known.model_checks())
        merged.rank_with_lm = merged.rewrite = False
    merged.checks = tuple(c for c in known.validate(merged.checks) if c not in off)
    return merged


def _as_document(item: str | Document, number: int) -> Document:
    if isinstance(item, Document):
        return item
    if not isinstance(item, str):
        raise TypeError(f"item {number} is a {type(item).__name__}, not a str or Document")
    from .ingest import document_from_text

    return document_from_text(item, f"text-{number + 1}")


def _match(result: Result, issue: Issue, applied: bool, line_starts: list[int]) -> Match:
    from .stages.ranking import ranked_suggestions

    text = result.document.text
    ranked = ranked_suggestions(issue, text)
    line = bisect.bisect_right(line_starts, issue.start)
    column = issue.start - line_starts[line - 1] + 1
    return Match(
        start=issue.start, end=issue.end, line=line, column=column,
        text=text[issue.start:issue.end], category=issue.category, rule=issue.rule,
        message=issue.message, confidence=issue.confidence,
        replacements=tuple(s.text for s in ranked),
        applied=applied,
        hold=ranked[0].hold if ranked else None,
    )
