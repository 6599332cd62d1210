"""Run the pipeline over many documents on several cores.

Worker processes are forked from one that has built the ``Pipeline`` (spaCy, data files,
grammar backend, models) when each worker runs torch on one thread, else each builds its own at
start-up; a worker reuses it for every chunk it is given; chunks keep document order so results
come back in order.
Small inputs stay in-process: starting a worker costs more than checking a short article.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .config import Config
from .records import Document, Result

# Automatic --jobs starts a worker for every this many words, up to the cores. One process
# already keeps about one and a half cores busy (its own thread and harper's), and each worker
# fills its own caches (harper's spelling tables, spaCy's vocabulary, word frequencies: about
# 1 s more on its first 50 lines), so a second worker pays off only on larger inputs. Measured on
# 2 cores, whole processes, MLQE-PE MT lines, --jobs 1 against --jobs 2: 11,548 words 11.2 s
# against 14.5 s; 19,976 words 16.5 and 18.6 s against 19.3 and 19.3 s; 35,316 words 35.7 s
# against 30.1 s (and 28.4, 30.8 s against 27.3, 27.3 s in an earlier pair).
WORDS_PER_WORKER = 15_000
CHUNKS_PER_JOB = 4
PROGRESS_CHUNK_WORDS = 2_000  # a progress bar moves at least every chunk of about this size
Progress = Callable[[float, str], None]

_worker_pipeline = None


def share_cores(jobs: int) -> None:
    """In a worker: give torch its share of the cores, or N workers with torch's default
    threads each fight over the same cores (measured: 2 workers ran slower than 1)."""
    os.environ.setdefault("TEXTFIX_TORCH_THREADS", str(worker_threads(jobs)))


def worker_threads(jobs: int) -> int:
    """Torch threads per worker: TEXTFIX_TORCH_THREADS, else the cores ÷ ``jobs``."""
    return int(os.environ.get("TEXTFIX_TORCH_THREADS") or 0) or \
        max(1, (os.cpu_count() or 1) // max(jobs, 1))


def _init_worker(config: Config, jobs: int) -> None:
    """A worker takes its share of the cores and, unless it inherited the parent's pipeline
    through the fork, builds its own."""
    global _worker_pipeline
    share_cores(jobs)
    if _worker_pipeline is None:
        from .pipeline import Pipeline

        _worker_pipeline = Pipeline(config)
    elif "grammar" in config.checks:
        from .checks.grammar.backend import warm_backend

        warm_backend(config)


@contextmanager
def _shared_pipeline(config: Config, jobs: int) -> Iterator[None]:
    """Build the pipeline once in this process for the forked workers to inherit (models,
    harper's dictionary, spaCy: about 4 CPU-seconds each worker no longer spends, which on
    1,000 lines was as much as the checking). Only with one torch thread per worker, built
    here with one thread too: a worker then never enters an OpenMP parallel region, which in a
    forked child of a process that used OpenMP's threads can hang (GNU libgomp). With more
    threads per worker each worker builds its own, as before."""
    global _worker_pipeline
    if worker_threads(jobs) != 1:
        yield
        return
    from .pipeline import Pipeline

    saved = os.environ.get("TEXTFIX_TORCH_THREADS")
    os.environ["TEXTFIX_TORCH_THREADS"] = "1"
    try:
        _worker_pipeline = Pipeline(config)
        yield
    finally:
        _worker_pipeline = None
        if saved is None:
            os.environ.pop("TEXTFIX_TORCH_THREADS", None)
        else:
            os.environ["TEXTFIX_TORCH_THREADS"] = saved
        if "torch" in sys.modules:  # this process checks on all its cores again
            from .models.loading import cpu_threads

            cpu_threads()


def _run_chunk(documents: list[Document]) -> list[Result]:
    assert _worker_pipeline is not None, "worker started without a pipeline"
    return _worker_pipeline.run(documents)


def resolve_jobs(jobs: int, documents: Sequence[Document]) -> int:
    """``jobs`` <= 0 means automatic: a worker per ``WORDS_PER_WORKER`` words, at most one per
    core, and one process for less."""
    if jobs > 0:
        return jobs
    words = sum(len(d.text.split()) for d in documents)
    return max(1, min(os.cpu_count() or 1, words // WORDS_PER_WORKER))


def chunk_by_words(documents: Sequence[Document], chunks: int) -> list[list[Document]]:
    """Split into about ``chunks`` consecutive runs of similar word counts, order kept."""
    total = sum(len(d.text.split()) for d in documents) or 1
    target = total / max(chunks, 1)
    out: list[list[Document]] = [[]]
    words = 0
    for doc in documents:
        if out[-1] and words >= target:
            out.append([])
            words = 0
        out[-1].append(doc)
        words += len(doc.text.split())
    return [c for c in out if c]


def run_documents(config: Config, documents: Sequence[Document], jobs: int = 0,
                  progress: Progress | None = None) -> list[Result]:
    """Results in document order; ``progress(share done, stage)`` is told as work advances
    (in-process: each stage of each chunk of about ``PROGRESS_CHUNK_WORDS``; workers: each
    chunk finished)."""
    jobs = resolve_jobs(jobs, documents)
    if jobs <= 1 or len(documents) < 2:
        from .pipeline import Pipeline

        pipeline = Pipeline(config)
        if progress is None:
            return pipeline.run(documents)
        return _run_reporting(pipeline, documents, progress)
    chunks = chunk_by_words(documents, jobs * CHUNKS_PER_JOB)
    context = multiprocessing.get_context("fork")
    with _shared_pipeline(config, jobs), ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_init_worker,
            initargs=(config, jobs)) as pool:
        results = []
        for k, chunk in enumerate(pool.map(_run_chunk, chunks), 1):
            results += chunk
            if progress is not None:
                progress(k / len(chunks), "checking")
        return results


def _run_reporting(pipeline, documents: Sequence[Document], progress: Progress) -> list[Result]:
    """In-process run in chunks (results do not depend on how documents are grouped, as the
    workers' chunks show), telling ``progress`` each stage of each chunk."""
    words = sum(len(d.text.split()) for d in documents)
    chunks = chunk_by_words(documents, max(1, words // PROGRESS_CHUNK_WORDS))
    results: list[Result] = []
    for k, chunk in enumerate(chunks):
        results += pipeline.run(chunk, progress=lambda stage, done, k=k: progress(
            (k + done) / len(chunks), stage))
    return results
