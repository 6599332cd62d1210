"""One ranking: the fix the policy applies is the fix every output names.

An issue with suggestions ``body`` (the curated lexicon, score 0.7) and ``organ`` (a generative
model, score 0.9): the source prior makes ``body`` the best suggestion, so the policy applies it,
and the terminal summary, JSON, CSV, HTML report, workspace and review app must all show
``body`` as the fix, never the higher raw score.
"""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from textfix.config import Config
from textfix.ingest import document_from_text
from textfix.records import Issue, Result, Suggestion
from textfix.stages.ranking import best_suggestion

TEXT = "The organism reacts to strong stress.\n"
SPAN = "organism"
APPLIED = "body"  # lexicon 0.7: rank 0.6 * 0.7 + 0.4 * 0.9 = 0.78
HIGHER_SCORE = "organ"  # model 0.9: rank 0.6 * 0.9 + 0.4 * 0.5 = 0.74


class BodyOrOrgan:
    """A check flagging "organism" with a machine-made and a curated fix."""

    def check_many(self, adocs):
        return [[self._issue(adoc.text)] for adoc in adocs]

    @staticmethod
    def _issue(text: str) -> Issue:
        start = text.index(SPAN)
        return Issue(start, start + len(SPAN), "calque", "calque/organism-test",
                     "Say body.", "lexicon", confidence=0.8,
                     suggestions=[Suggestion(HIGHER_SCORE, "model", 0.9),
                                  Suggestion(APPLIED, "lexicon", 0.7)])


@pytest.fixture(scope="module")
def result() -> Result:
    from textfix.pipeline import Pipeline

    pipeline = Pipeline(Config(checks=(), rank_with_lm=False, rewrite=False))
    pipeline.checks = [BodyOrOrgan()]
    return pipeline.run_one(document_from_text(TEXT, "article"))


def the_issue(result: Result) -> Issue:
    (issue,) = [i for i in result.issues if i.rule == "calque/organism-test"]
    return issue


def test_the_policy_applies_the_best_ranked_fix(result):
    assert best_suggestion(the_issue(result), TEXT).text == APPLIED
    assert result.corrected == TEXT.replace(SPAN, APPLIED)


def test_the_terminal_summary_shows_the_applied_fix(result):
    from textfix.report.terminal import print_summary

    out = io.StringIO()
    print_summary([result], Console(file=out, width=200, color_system=None), verbose=True)
    row = next(line for line in out.getvalue().splitlines() if f"{SPAN} →" in line)
    assert row.split()[-1] == APPLIED and HIGHER_SCORE not in row.split()


def test_json_lists_the_applied_fix_first(result):
    from textfix.report.serialize import to_json_document, to_jsonl_records

    for record in (to_json_document([result])["documents"][0], next(to_jsonl_records([result]))):
        (issue,) = [i for i in record["issues"] if i["rule"] == "calque/organism-test"]
        assert [s["text"] for s in issue["suggestions"]] == [APPLIED, HIGHER_SCORE]
        json.dumps(issue)


def test_csv_names_the_applied_fix(result, tmp_path):
    import pandas as pd

    from textfix.report.tables import write_csv

    write_csv([result], tmp_path / "issues.csv")
    rows = pd.read_csv(tmp_path / "issues.csv")
    row = rows[rows["rule"] == "calque/organism-test"].iloc[0]
    assert row["suggestion"] == APPLIED and bool(row["applied"])


def test_the_html_report_marks_the_applied_fix_as_the_fix(result):
    from textfix.report.html import render_report_html

    page = render_report_html([result])
    assert f"→ “{APPLIED}”" in page and f"→ “{HIGHER_SCORE}”" not in page
    first = page.index(f"<b>{APPLIED}</b>")
    assert first < page.index(f"<b>{HIGHER_SCORE}</b>")
    assert '<span class="applied">applied</span>' in page[first: page.index(f"<b>{HIGHER_SCORE}")]


def test_the_workspace_and_the_review_app_rank_the_applied_fix_first(result, tmp_path):
    from textfix.review.queue import issue_detail
    from textfix.store import Workspace

    with Workspace.create_or_open(tmp_path / "work.db") as ws:
        ws.save([result], run_info={})
        (issue,) = [i for i in ws.issues() if i["rule"] == "calque/organism-test"]
        assert [s["text"] for s in issue["suggestions"]] == [APPLIED, HIGHER_SCORE]
        assert issue["applied"]
        shown = issue_detail(ws.connection, issue["id"])
    assert shown["suggestions"][0]["text"] == APPLIED
