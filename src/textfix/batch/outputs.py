"""The layout of a batch output folder and the writers that fill it, all atomic.

    OUT/corrected/<relpath>        corrected files, same relative paths and formats as the input
    OUT/reports/<relpath>.json     one JSON report per input file (per row for a table input)
    OUT/articles.csv|.parquet      one row per article (report.tables columns + key, site)
    OUT/issues.csv|.parquet        one row per issue
    OUT/dashboard.html             the run at a glance
    OUT/run.json                   timing and memory of the last run (the only timing file)
    OUT/manifest.db                what each input became (see manifest.py)

Every file is written with ``atomic_write_*``; a kill mid-write leaves at most a hidden
``.name.*.tmp`` beside the target, which the next run sweeps away.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..atomic import atomic_write_bytes, atomic_write_text
from ..report.tables import ARTICLE_COLUMNS, ISSUE_COLUMNS
from .manifest import MANIFEST_NAME, Outcome

BATCH_ARTICLE_COLUMNS = ["key", "site", *ARTICLE_COLUMNS]
BATCH_ISSUE_COLUMNS = ["key", "site", *ISSUE_COLUMNS]
TABLES = ("articles", "issues")


@dataclass(frozen=True)
class Layout:
    out: Path

    @property
    def manifest(self) -> Path:
        return self.out / MANIFEST_NAME

    @property
    def corrected_dir(self) -> Path:
        return self.out / "corrected"

    @property
    def reports_dir(self) -> Path:
        return self.out / "reports"

    @property
    def dashboard(self) -> Path:
        return self.out / "dashboard.html"

    @property
    def run_info(self) -> Path:
        return self.out / "run.json"

    def corrected(self, relpath: str) -> Path:
        return self.corrected_dir / relpath

    def report(self, name: str) -> Path:
        return self.reports_dir / f"{name}.json"

    def table(self, kind: str, ext: str) -> Path:
        return self.out / f"{kind}.{ext}"

    def owned(self) -> list[Path]:
        """Everything a batch writes here, for ``--overwrite``."""
        files = [self.dashboard, self.run_info,
                 *(self.table(k, e) for k in TABLES for e in ("csv", "parquet"))]
        sqlite = [self.out / f"{MANIFEST_NAME}{s}" for s in ("", "-wal", "-shm")]
        return [self.corrected_dir, self.reports_dir, *files, *sqlite]


def clear(layout: Layout) -> None:
    """Remove a previous batch's outputs (``--overwrite``); nothing else in OUT is touched."""
    for path in layout.owned():
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def sweep_temp_files(out: Path) -> int:
    """Delete temporary files a killed run left (``atomic_write``'s ``.name.XXXX.tmp``)."""
    removed = 0
    for path in out.rglob(".*.tmp"):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)


def corpus_frames(outcomes: Sequence[Outcome]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles and issues tables of the done units, in key order (engine-independent)."""
    articles: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    for outcome in sorted(outcomes, key=lambda o: o.key):
        if outcome.status == "done":
            articles.extend(outcome.article_rows or [])
            issues.extend(outcome.issue_rows or [])
    return (pd.DataFrame(articles, columns=BATCH_ARTICLE_COLUMNS),
            pd.DataFrame(issues, columns=BATCH_ISSUE_COLUMNS))


def write_tables(layout: Layout, articles: pd.DataFrame, issues: pd.DataFrame) -> None:
    for kind, frame in (("articles", articles), ("issues", issues)):
        atomic_write_text(layout.table(kind, "csv"), frame.to_csv(index=False))
        atomic_write_bytes(layout.table(kind, "parquet"), parquet_bytes(frame))


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def write_run_info(layout: Layout, info: dict[str, Any]) -> None:
    atomic_write_text(layout.run_info, json.dumps(info, indent=2, default=str) + "\n")
