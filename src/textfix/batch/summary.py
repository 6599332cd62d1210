"""What a batch run reports when it ends: the run's counts and the corpus totals.

Its own module so the runner that fills it and the dashboard that shows it both import it and
neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class BatchSummary:
    """Counts for this run (``done``, ``failed``, ``errors``, ``skipped``) and corpus totals."""

    out: Path
    units: int
    done: int
    failed: int
    errors: int
    skipped: int
    articles: int
    words: int
    issues: int
    by_category: dict[str, int]
    seconds: float
    failures: list[tuple[str, str]]  # (key, reason) over the whole output folder
    worker_peak_mb: dict[str, float]
    engine: str
    jobs: int

    @property
    def ok(self) -> bool:
        return not self.failures
