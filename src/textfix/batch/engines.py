"""Where units are checked: in this process, in a local process pool, or on a Dask cluster.

Every engine runs the same ``process_unit`` and hands back the same ``UnitOutput`` (rendered
corrected file, JSON report, table rows), so outputs do not depend on the engine; only the main
process writes files and the manifest. Models load once per worker: the pool's initializer builds
one ``Pipeline``; a Dask worker builds one on its first unit and keeps it (``_cached_pipeline``).
At most ``2 × jobs`` units are in flight, so a corpus of any size is read lazily.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import socket
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from typing import Any

from ..config import Config
from ..errors import TextfixError
from ..records import Document

IN_FLIGHT_PER_JOB = 2


@dataclass
class Task:
    """One unit to check: its documents are already read (ids and sources set by the runner)."""

    key: str
    digest: str
    site: str
    kind: str  # "file": render the whole file; "row": one record of a table input
    documents: list[Document] = field(default_factory=list)


@dataclass
class UnitOutput:
    """Everything the main process writes for a unit, made on the worker."""

    key: str
    corrected: str  # the corrected file (kind "file") or the row's corrected text ("row")
    report: str  # JSON report text
    article_rows: list[dict[str, Any]]
    issue_rows: list[dict[str, Any]]
    documents: int
    words: int
    issues: int
    seconds: float
    worker: str
    peak_rss_mb: float


def process_unit(task: Task, pipeline: Any) -> UnitOutput:
    """Check one unit with a loaded ``Pipeline`` and render its outputs."""
    from ..ingest import render_corrected
    from ..report.serialize import to_json_document
    from ..report.tables import articles_frame, issues_frame

    started = time.perf_counter()
    results = pipeline.run(task.documents)
    corrected = render_corrected(results) if task.kind == "file" else results[0].corrected
    report = json.dumps(to_json_document(results), ensure_ascii=False, indent=2) + "\n"
    extra = {"key": task.key, "site": task.site}
    articles = [{**extra, **row} for row in articles_frame(results).to_dict("records")]
    issues = [{**extra, **row} for row in issues_frame(results).to_dict("records")]
    return UnitOutput(
        key=task.key, corrected=corrected, report=report, article_rows=articles,
        issue_rows=issues, documents=len(results), words=sum(r["words"] for r in articles),
        issues=sum(r["issues"] for r in articles), seconds=time.perf_counter() - started,
        worker=f"{socket.gethostname()}:{os.getpid()}", peak_rss_mb=peak_rss_mb(),
    )


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if os.uname().sysname == "Darwin" else 1024), 1)


Completed = tuple[Task, "UnitOutput | BaseException"]


# -- in this process -------------------------------------------------------------------------
class InlineEngine:
    """``--jobs 1``: no worker process at all; a ``kill -9`` leaves nothing behind."""

    name = "local"

    def __init__(self, config: Config, pipeline: Any = None) -> None:
        self.config = config
        # a pipeline loaded for other options would silently check with the wrong ones
        self._pipeline = pipeline if pipeline is not None and pipeline.config == config else None

    def run(self, tasks: Iterator[Task]) -> Iterator[Completed]:
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(self.config)
        for task in tasks:
            try:
                yield task, process_unit(task, self._pipeline)
            except Exception as exc:  # one bad unit must not stop the batch
                yield task, exc

    def close(self) -> None:
        pass


# -- local process pool ----------------------------------------------------------------------
_worker_pipeline = None


def _init_pool_worker(config: Config, jobs: int) -> None:
    global _worker_pipeline
    _die_with_parent()
    from ..parallel import share_cores
    from ..pipeline import Pipeline

    share_cores(jobs)
    _worker_pipeline = Pipeline(config)


def _pool_unit(task: Task) -> UnitOutput:
    assert _worker_pipeline is not None, "worker started without a pipeline"
    return process_unit(task, _worker_pipeline)


def _die_with_parent() -> None:
    """Linux: a worker gets SIGTERM when the batch process dies (even by ``kill -9``)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class PoolEngine:
    """``--jobs N`` on this machine: N forked workers, each with its own Pipeline."""

    name = "local"

    def __init__(self, config: Config, jobs: int) -> None:
        import multiprocessing

        self.jobs = jobs
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_init_pool_worker, initargs=(config, jobs))

    def run(self, tasks: Iterator[Task]) -> Iterator[Completed]:
        pending: dict[Future, Task] = {}
        source = iter(tasks)

        def fill() -> None:
            while len(pending) < self.jobs * IN_FLIGHT_PER_JOB:
                task = next(source, None)
                if task is None:
                    return
                pending[self._pool.submit(_pool_unit, task)] = task

        fill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                task = pending.pop(future)
                exc = future.exception()
                broken = broken or isinstance(exc, BrokenProcessPool)
                yield task, (exc if exc is not None else future.result())
            if broken:
                raise TextfixError("a worker process died (out of memory?); what finished is "
                                   "recorded: run again with --resume")
            fill()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# -- Dask ------------------------------------------------------------------------------------
_dask_pipelines: dict[str, Any] = {}


def _cached_pipeline(config: Config) -> Any:
    """One Pipeline per worker process and configuration, built on the worker's first unit."""
    key = json.dumps(asdict(config), sort_keys=True, default=str)
    if key not in _dask_pipelines:
        from ..pipeline import Pipeline

        _dask_pipelines[key] = Pipeline(config)
    return _dask_pipelines[key]


def _dask_unit(task: Task, config: Config) -> UnitOutput:
    return process_unit(task, _cached_pipeline(config))


class DaskEngine:
    """``--engine dask``: the same units on a Dask cluster (given, or a LocalCluster of N).

    Workers receive documents already read and send rendered outputs back, so a remote cluster
    needs no shared filesystem with this machine.
    """

    name = "dask"

    def __init__(self, config: Config, jobs: int, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.config = config
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise TextfixError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") \
                    from exc
        else:
            self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        workers = len(self._client.scheduler_info().get("workers", {})) or jobs
        self.jobs = max(workers, 1)

    def run(self, tasks: Iterator[Task]) -> Iterator[Completed]:
        from distributed import as_completed

        pending: dict[str, Task] = {}
        source = iter(tasks)
        futures = as_completed()

        def submit_next() -> None:
            task = next(source, None)
            if task is not None:
                future = self._client.submit(_dask_unit, task, self.config, pure=False)
                pending[future.key] = task
                futures.add(future)

        for _ in range(self.jobs * IN_FLIGHT_PER_JOB):
            submit_next()
        for future in futures:
            task = pending.pop(future.key)
            try:
                yield task, future.result()
            except Exception as exc:
                yield task, exc
            finally:
                future.release()
            submit_next()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str, config: Config, jobs: int, scheduler: str | None = None,
                pipeline: Any = None):
    """The engine for ``--engine``; ``pipeline`` (already loaded) serves a one-job local run."""
    if name == "dask":
        return DaskEngine(config, jobs, scheduler)
    if name != "local":
        raise TextfixError(f"unknown engine {name!r}; use local or dask")
    if scheduler:
        raise TextfixError("--scheduler needs --engine dask")
    return InlineEngine(config, pipeline) if jobs <= 1 else PoolEngine(config, jobs)
