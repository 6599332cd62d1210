"""Run the pipeline over many documents on several cores.

Each worker process builds one ``Pipeline`` (spaCy, data files, grammar backend) at start-up and
reuses it for every chunk it is given; chunks keep document order so results come back in order.
Small inputs stay in-process: starting a worker costs more than checking a short article.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from .config import Config
from .records import Document, Result

PARALLEL_MIN_WORDS = 20_000  # below this a second process does not pay for its start-up
CHUNKS_PER_JOB = 4
PROGRESS_CHUNK_WORDS = 2_000  # a progress bar moves at least every chunk of about this size
Progress = Callable[[float, str], None]

_worker_pipeline = None


def share_cores(jobs: int) -> None:
    """In a worker: give torch its share of the cores, or N workers with torch's default
    threads each fight over the same cores (measured: 2 workers ran slower than 1)."""
    threads = max(1, (os.cpu_count() or 1) // max(jobs, 1))
    os.environ.setdefault("TEXTFIX_TORCH_THREADS", str(threads))


def _init_worker(config: Config, jobs: int) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    share_cores(jobs)

    _worker_pipeline = Pipeline(config)


def _run_chunk(documents: list[Document]) -> list[Result]:
    assert _worker_pipeline is not None, "worker started without a pipeline"
    return _worker_pipeline.run(documents)


def resolve_jobs(jobs: int, documents: Sequence[Document]) -> int:
    """``jobs`` <= 0 means automatic: all cores for large inputs, one process otherwise."""
    if jobs > 0:
        return jobs
    words = sum(len(d.text.split()) for d in documents)
    return (os.cpu_count() or 1) if words >= PARALLEL_MIN_WORDS else 1


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
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
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
