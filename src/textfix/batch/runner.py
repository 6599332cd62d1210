"""Run a batch: plan the units, skip what a previous run finished, check the rest, summarise.

The order of writes is what makes a batch safe to kill: a unit's corrected file and report are
written (atomically) first, its manifest row second, and the corpus tables and dashboard last,
from the manifest. So a ``done`` row always has its files, a unit without a row is simply redone
by ``--resume``, and the tables never mix two runs' half-states.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..config import Config
from ..errors import InputError, TextfixError
from ..ingest import InputOptions, read_path
from ..records import Document
from .discover import Discovery, FileUnit, discover, file_digest, safe_name, text_digest
from .engines import Task, UnitOutput, make_engine
from .manifest import Manifest, Outcome
from .outputs import Layout, clear, corpus_frames, sweep_temp_files, write_run_info, write_text
from .summary import BatchSummary
from .table_input import read_table_documents, write_corrected_table


@dataclass
class BatchOptions:
    """What ``textfix batch`` was asked to do (the CLI fills it; so can a notebook)."""

    input: str | Path
    out: Path
    config: Config = field(default_factory=Config)
    lines: bool = False
    input_format: str | None = None
    jobs: int = 0  # 0: every core
    resume: bool = False
    overwrite: bool = False
    engine: str = "local"
    scheduler: str | None = None

    def input_options(self) -> InputOptions:
        return InputOptions(lines=self.lines, format=self.input_format,
                            max_bytes=self.config.max_bytes)

    def fingerprint(self, discovery: Discovery) -> str:
        """Options that change outputs; a resume with other ones would mix two batches."""
        source = str(discovery.table or discovery.root)
        return json.dumps({"input": source, "config": asdict(self.config), "lines": self.lines,
                           "input_format": self.input_format}, sort_keys=True, default=str)


class Progress(Protocol):
    def start(self, total: int, completed: int) -> None: ...
    def advance(self, outcome: Outcome) -> None: ...


class _NoProgress:
    def start(self, total: int, completed: int) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass


@dataclass
class _Planned:
    key: str
    digest: str
    site: str
    kind: str
    load: Callable[[], list[Document]]


def run_batch(options: BatchOptions, progress: Progress | None = None,
              pipeline: Any = None) -> BatchSummary:
    """Run (or resume) a batch; ``pipeline``, if given, serves a one-job local run in-process."""
    progress = progress or _NoProgress()
    started = time.perf_counter()
    layout = Layout(Path(options.out))
    discovery = discover(options.input, exclude=layout.out)
    _prepare_out(options, layout, discovery)
    with Manifest.open(layout.manifest) as manifest:
        _check_fingerprint(manifest, options.fingerprint(discovery), layout)
        sweep_temp_files(layout.out)
        planned, table_docs = _plan(discovery, options)
        finished = manifest.finished()
        todo = [u for u in planned if not _already_done(u, finished, layout, discovery)]
        progress.start(len(planned), len(planned) - len(todo))
        counts: Counter[str] = Counter()
        peaks: dict[str, float] = {}

        def record(outcome: Outcome) -> None:
            manifest.record(outcome)
            counts[outcome.status] += 1
            if outcome.worker:
                peaks[outcome.worker] = max(peaks.get(outcome.worker, 0.0), outcome.peak_rss_mb)
            progress.advance(outcome)

        jobs = _jobs(options, len(todo))
        engine_name = options.engine
        if todo:
            engine = make_engine(options.engine, options.config, jobs, options.scheduler,
                                 pipeline)
            try:
                for task, produced in engine.run(_tasks(todo, record)):
                    record(_finish_unit(task, produced, layout, discovery))
            finally:
                engine.close()
        outcomes = manifest.outcomes([u.key for u in planned])
    elapsed = time.perf_counter() - started
    articles, issues = corpus_frames(outcomes)
    from .outputs import write_tables

    write_tables(layout, articles, issues)
    if discovery.table is not None:
        write_corrected_table(discovery.table, table_docs, outcomes,
                              layout.corrected(discovery.table.name))
    summary = BatchSummary(
        out=layout.out, units=len(planned), done=counts["done"], failed=counts["failed"],
        errors=counts["error"], skipped=len(planned) - len(todo), articles=len(articles),
        words=int(articles["words"].sum()) if len(articles) else 0,
        issues=int(articles["issues"].sum()) if len(articles) else 0,  # boilerplate not counted
        by_category=_by_category(articles), seconds=elapsed,
        failures=[(o.key, o.reason) for o in outcomes if o.status != "done"],
        worker_peak_mb=peaks, engine=engine_name, jobs=jobs,
    )
    from .dashboard import render_dashboard

    write_text(layout.dashboard, render_dashboard(summary, outcomes, articles, issues))
    write_run_info(layout, _run_info(summary, outcomes))
    return summary


def _prepare_out(options: BatchOptions, layout: Layout, discovery: Discovery) -> None:
    out = layout.out.resolve()
    source = (discovery.table or discovery.root).resolve()
    if out == source or out in source.parents:
        raise TextfixError(f"--out {layout.out} holds the input; choose another output folder")
    if out.exists() and not out.is_dir():
        raise TextfixError(f"--out {layout.out} is a file, not a folder")
    has_manifest = layout.manifest.exists()
    if options.overwrite:
        clear(layout)
    elif has_manifest and not options.resume:
        raise TextfixError(f"{layout.out} already holds a batch run ({layout.manifest.name}); "
                           "use --resume to finish it or --overwrite to start again")
    elif not has_manifest and out.exists() and any(out.iterdir()):
        raise TextfixError(f"{layout.out} is not empty and holds no batch manifest; choose an "
                           "empty or new folder, or use --overwrite")
    layout.out.mkdir(parents=True, exist_ok=True)


def _check_fingerprint(manifest: Manifest, fingerprint: str, layout: Layout) -> None:
    meta = manifest.meta()
    if "fingerprint" in meta and meta["fingerprint"] != fingerprint:
        raise TextfixError(f"{layout.out} was started on another input or with other options; "
                           "resume with the same ones, or use --overwrite to start again")
    if "fingerprint" not in meta:
        from .manifest import SCHEMA_VERSION

        manifest.set_meta({"fingerprint": fingerprint, "schema_version": SCHEMA_VERSION})


def _plan(discovery: Discovery, options: BatchOptions
          ) -> tuple[list[_Planned], list[tuple[Document, str]]]:
    """Every unit with its digest; a table input is read here (rows are the units)."""
    input_options = options.input_options()
    if discovery.table is None:
        return [_plan_file(unit, input_options) for unit in discovery.files], []
    rows = read_table_documents(discovery.table, input_options)
    planned = []
    for doc, problem in rows:
        planned.append(_Planned(doc.id, text_digest(doc.id, doc.text), _row_site(doc), "row",
                                _row_loader(doc, problem)))
    return planned, rows


def _plan_file(unit: FileUnit, input_options: InputOptions) -> _Planned:
    def load() -> list[Document]:
        docs = read_path(unit.path, input_options)
        for doc in docs:
            doc.id = unit.key if len(docs) == 1 and "index" not in doc.metadata \
                else f"{unit.key}#{doc.id}"
            doc.source = unit.key
        return docs

    return _Planned(unit.key, file_digest(unit.path), unit.site, "file", load)


def _row_loader(doc: Document, problem: str) -> Callable[[], list[Document]]:
    def load() -> list[Document]:
        if problem:
            raise InputError(problem)
        return [doc]

    return load


def _row_site(doc: Document) -> str:
    site = doc.metadata.get("fields", {}).get("site")
    return "" if site is None else str(site)


def _already_done(unit: _Planned, finished: dict[str, tuple[str, str]], layout: Layout,
                  discovery: Discovery) -> bool:
    """Finished with the same content, and (if done) its files are still there."""
    if finished.get(unit.key, (None, None))[0] != unit.digest:
        return False
    if finished[unit.key][1] == "failed":
        return True
    return all(p.exists() for p in _unit_paths(unit.key, unit.kind, layout))


def _unit_paths(key: str, kind: str, layout: Layout) -> list[Path]:
    if kind == "row":
        return [layout.report(safe_name(key))]
    return [layout.corrected(key), layout.report(key)]


def _tasks(todo: list[_Planned], record: Callable[[Outcome], None]) -> Iterator[Task]:
    """Read each unit just before it is sent; unreadable ones are recorded as failed here."""
    for unit in todo:
        try:
            docs = unit.load()
        except InputError as exc:
            record(Outcome(unit.key, unit.digest, "failed", str(exc), unit.site))
            continue
        except Exception as exc:  # a reader bug must not stop the batch either
            record(Outcome(unit.key, unit.digest, "error", _describe(exc), unit.site))
            continue
        yield Task(unit.key, unit.digest, unit.site, unit.kind, docs)


def _finish_unit(task: Task, produced: UnitOutput | BaseException, layout: Layout,
                 discovery: Discovery) -> Outcome:
    """Write the unit's files, then return the outcome the caller records in the manifest."""
    if isinstance(produced, BaseException):
        status = "failed" if isinstance(produced, InputError) else "error"
        return Outcome(task.key, task.digest, status, _describe(produced), task.site)
    if task.kind == "file":
        write_text(layout.corrected(task.key), produced.corrected)
        write_text(layout.report(task.key), produced.report)
    else:
        write_text(layout.report(safe_name(task.key)), produced.report)
    return Outcome(
        key=task.key, digest=task.digest, status="done", site=task.site,
        documents=produced.documents, words=produced.words, issues=produced.issues,
        seconds=produced.seconds, worker=produced.worker, peak_rss_mb=produced.peak_rss_mb,
        corrected=produced.corrected if task.kind == "row" else None,
        article_rows=produced.article_rows, issue_rows=produced.issue_rows,
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _jobs(options: BatchOptions, todo: int) -> int:
    jobs = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    if options.engine == "local":
        jobs = min(jobs, max(todo, 1))  # no worker loads models it will never use
    return jobs


def _by_category(articles) -> dict[str, int]:
    columns = [c for c in articles.columns if c.startswith("n_")]
    totals = {c[2:]: int(articles[c].sum()) for c in columns} if len(articles) else {}
    return {k: v for k, v in sorted(totals.items()) if v}


def _run_info(summary: BatchSummary, outcomes: list[Outcome]) -> dict[str, Any]:
    done = [o for o in outcomes if o.status == "done"]
    busy = sum(o.seconds for o in done)
    return {
        "engine": summary.engine, "jobs": summary.jobs, "seconds": round(summary.seconds, 2),
        "units": summary.units, "done_this_run": summary.done, "failed_this_run": summary.failed,
        "errors_this_run": summary.errors, "skipped": summary.skipped,
        "articles": summary.articles, "words": summary.words, "issues": summary.issues,
        "articles_per_second": round(summary.done / summary.seconds, 3) if summary.seconds else 0,
        "unit_seconds_total": round(busy, 2),
        "worker_peak_rss_mb": summary.worker_peak_mb,
    }
