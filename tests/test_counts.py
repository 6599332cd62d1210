"""A batch run tells one story about its counts: the terminal summary, the dashboard and the
tables agree, boilerplate beside the issues and never inside them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from textfix.batch import BatchOptions, run_batch
from textfix.batch.cli import print_batch_summary
from textfix.config import Config
from textfix.pipeline import Pipeline

ARTICLE = Path(__file__).resolve().parents[1] / "corpus/articles/nape-pain-mt.txt"


@pytest.mark.slow
def test_batch_summary_dashboard_and_tables_count_the_same_issues(tmp_path):
    src = tmp_path / "in" / "site"
    src.mkdir(parents=True)
    shutil.copy(ARTICLE, src / ARTICLE.name)  # teasers and "Continue reading" links included
    out = tmp_path / "out"
    pipeline = Pipeline(Config(checks=("calque", "typography", "boilerplate"),
                               rank_with_lm=False))
    summary = run_batch(BatchOptions(tmp_path / "in", out, jobs=1), pipeline=pipeline)

    articles = pd.read_csv(out / "articles.csv")
    issues = pd.read_csv(out / "issues.csv")
    boilerplate = int(issues["boilerplate"].sum())
    counted = len(issues) - boilerplate
    assert boilerplate > 0 and counted > 0
    assert summary.issues == counted == articles["issues"].sum()
    assert (articles["issues"] == articles["issues_applied"] + articles["waiting_review"]).all()
    assert articles["boilerplate_issues"].sum() == boilerplate

    page = (out / "dashboard.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td(?: class='n')?>([^<]*)</td></tr>", page))
    assert rows["issues (boilerplate not counted)"] == str(counted)
    assert rows["boilerplate issues (not counted)"] == str(boilerplate)
    assert int(rows["issues applied"]) + int(rows["issues waiting for an editor"]) == counted

    console = Console(record=True, width=120, color_system=None)
    print_batch_summary(summary, console)
    assert re.search(rf"\bissues\s+│\s+{counted}\b", console.export_text())
