"""Helpers many test files share: documents built by hand, one check run alone, first fixes
applied, a pipeline as ``--no-models`` builds it, and the CLI in-process.

Plain functions (fixtures live in ``conftest.py``): ``from .helpers import run_check``.
Documents are built without ingest, so a test controls exactly which segments (and kinds) a
check sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textfix.records import Document, Edit, Issue, Segment
from textfix.stages.apply import apply_edits

if TYPE_CHECKING:
    from textfix.config import Config
    from textfix.pipeline import Pipeline


def parts_document(parts: Iterable[tuple[str, str]], doc_id: str = "t") -> Document:
    """One segment per (kind, text) part, parts separated by blank lines."""
    text, segments = "", []
    for kind, body in parts:
        if text:
            text += "\n\n"
        segments.append(Segment(len(text), len(text) + len(body), kind))
        text += body
    return Document(id=doc_id, text=text, segments=segments)


def paragraphs_document(text: str, doc_id: str = "t") -> Document:
    """One paragraph segment per blank-line-separated part of ``text``."""
    return parts_document((("paragraph", part) for part in text.split("\n\n")), doc_id)


def lines_document(text: str, kinds: Mapping[int, str] | None = None,
                   doc_id: str = "t") -> Document:
    """One segment per non-blank line, as ingest makes for plain text; ``kinds`` maps a line
    number (from 0) to its segment kind, "paragraph" otherwise."""
    segments, pos = [], 0
    for number, line in enumerate(text.split("\n")):
        if line.strip():
            segments.append(Segment(pos, pos + len(line), (kinds or {}).get(number, "paragraph")))
        pos += len(line) + 1
    return Document(id=doc_id, text=text, segments=segments)


def run_check(check: Any, nlp: Any, document: Document | str) -> list[Issue]:
    """The issues one check finds in one document (text: one paragraph per line), analysed
    alone: no other check, no merging, no guard."""
    from textfix.stages.analyse import analyse

    if isinstance(document, str):
        document = lines_document(document)
    return list(check.check(analyse([document], nlp)[0]))


def apply_first(text: str, issues: Sequence[Issue]) -> str:
    """``text`` with each issue's first suggestion applied over its span."""
    return apply_edits(text, [Edit(i.start, i.end, i.suggestions[0].text) for i in issues])


def no_models_config(**settings: Any) -> Config:
    """The configuration ``--no-models`` gives: no model checks, no LM ranking."""
    from textfix.config import Config, model_checks

    config = Config(rank_with_lm=False, **settings)
    config.checks = tuple(c for c in config.checks if c not in model_checks())
    return config


def no_models_pipeline(**settings: Any) -> Pipeline:
    from textfix.pipeline import Pipeline

    return Pipeline(no_models_config(**settings))


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """The CLI run in-process: (exit code, what was printed since capsys was last read)."""
    from textfix.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def modules_after_cli(argv: Sequence[str], modules: Sequence[str]) -> tuple[int, list[bool]]:
    """Run ``textfix argv`` in a fresh Python (what a user's shell does) and tell its exit code
    and, for each of ``modules``, whether the run imported it: start-up cost is what a user
    waits for, so what a command imports is behaviour."""
    import subprocess
    import sys

    probe = ("import sys, contextlib, io; from textfix.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()): code = main(sys.argv[1:])\n"
             f"print(code, *[m in sys.modules for m in {list(modules)!r}])")
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                         check=True).stdout.split()
    return int(out[-len(modules) - 1]), [flag == "True" for flag in out[-len(modules):]]
