"""Batch jobs: correct a corpus into a mirrored output folder, resumably, locally or on Dask.

    from textfix.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions("articles/", Path("out"), jobs=4))

``textfix batch`` (``batch/cli.py``) is the command-line face of ``run_batch``. The names are
imported lazily so mounting the subcommand does not load pandas for every ``textfix`` call.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
