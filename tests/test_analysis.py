"""``textfix.analysis`` on a batch folder and on a review workspace, with exact expected figures.

A scripted stand-in for the pipeline flags two known phrases, so every count, rate and quality
below can be worked out by hand; the real checks are exercised by the batch and notebook tests.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone

import pandas as pd
import pytest
from matplotlib.figure import Figure

from textfix import analysis
from textfix.batch import BatchOptions, run_batch
from textfix.config import Config
from textfix.errors import InputError
from textfix.ingest import document_from_text
from textfix.records import Document, Edit, Issue, Result, Suggestion
from textfix.stages.apply import apply_edits
from textfix.store import Workspace
from textfix.text_units import count_words

# phrase → (category, rule, suggestion, suggestion source, safe)
PHRASES = {
    "against the background of": ("calque", "calque/background", "because of", "lexicon", True),
    "strong pain": ("calque", "calque/strong-pain", "severe pain", "lexicon", False),
    "the the": ("repetition", "repetition/word", "the", "parser", True),
}
ARTICLES = {
    "north/one.txt": "Against the background of stress the nape hurts. Against the background "
                     "of cold the legs ache in the evening.",
    "north/two.txt": "Strong pain in the knee comes at night and goes by the morning.",
    "south/three.txt": "Strong pain and the the swelling appear against the background of "
                       "walking.",
}


class ScriptedPipeline:
    """Flags ``PHRASES`` (any case); applies the safe suggestions, like the real policy."""

    def __init__(self) -> None:
        self.config = Config()

    def run(self, documents: list[Document]) -> list[Result]:
        return [self._one(doc) for doc in documents]

    def _one(self, doc: Document) -> Result:
        issues, edits = [], []
        for phrase, (category, rule, fix, source, safe) in PHRASES.items():
            for match in re.finditer(phrase, doc.text, flags=re.IGNORECASE):
                suggestion = Suggestion(fix, source, 0.9, safe=safe)
                issues.append(Issue(match.start(), match.end(), category, rule, "msg", "test",
                                    confidence=1.0, suggestions=[suggestion]))
                if safe:
                    edits.append(Edit(match.start(), match.end(), fix))
        issues.sort(key=lambda i: i.start)
        edits.sort(key=lambda e: e.start)
        return Result(doc, issues, edits, apply_edits(doc.text, edits))


@pytest.fixture(scope="module")
def batch_data(tmp_path_factory):
    root = tmp_path_factory.mktemp("analysis")
    for rel, text in ARTICLES.items():
        (root / "in" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "in" / rel).write_text(text + "\n", encoding="utf-8")
    (root / "in" / "south" / "bad.txt").write_bytes(b"\x00\x00\x00")
    run_batch(BatchOptions(root / "in", root / "out", jobs=1), pipeline=ScriptedPipeline())
    return analysis.load(root / "out")


def words(*keys: str) -> int:
    return sum(count_words(ARTICLES[k]) for k in keys)


def test_batch_folder_loads_into_documented_tables(batch_data):
    assert list(batch_data.articles.columns) == analysis.ARTICLE_TABLE_COLUMNS
    assert list(batch_data.issues.columns) == analysis.ISSUE_TABLE_COLUMNS
    assert list(batch_data.suggestions.columns) == analysis.SUGGESTION_COLUMNS
    assert list(batch_data.decisions.columns) == analysis.DECISION_COLUMNS
    assert len(batch_data.articles) == 3 and len(batch_data.issues) == 6
    assert len(batch_data.suggestions) == 6 and set(batch_data.suggestions["rank"]) == {0}
    assert batch_data.decisions.empty
    assert list(batch_data.failures["key"]) == ["south/bad.txt"]
    assert "NUL" in batch_data.failures["reason"].iat[0]


def test_issue_rates_per_1000_words_by_category_and_site(batch_data):
    total = words(*ARTICLES)
    by_category = analysis.issue_rates(batch_data, "category").set_index("category")
    assert by_category.loc["calque", "issues"] == 5
    assert by_category.loc["calque", "per_1000_words"] == round(5000 / total, 2)
    assert by_category.loc["repetition", "per_1000_words"] == round(1000 / total, 2)
    by_site = analysis.issue_rates(batch_data, "site").set_index("site")
    assert by_site.loc["north", "words"] == words("north/one.txt", "north/two.txt")
    assert by_site.loc["north", "per_1000_words"] == round(3000 / by_site.loc["north", "words"], 2)
    assert by_site.loc["south", "per_1000_words"] == round(3000 / words("south/three.txt"), 2)
    matrix = analysis.rate_matrix(batch_data)
    assert matrix.loc["north", "repetition"] == 0.0
    assert matrix.loc["south", "calque"] == round(2000 / words("south/three.txt"), 2)


def test_frequent_phrases_fold_case_and_give_the_usual_fix(batch_data):
    phrases = analysis.frequent_phrases(batch_data, top=2).set_index("phrase")
    assert list(phrases.index) == ["against the background of", "strong pain"]
    row = phrases.loc["against the background of"]
    assert (row["count"], row["articles"], row["sites"]) == (3, 2, 2)
    assert row["usual_fix"] == "because of" and row["fix_share"] == 1.0
    assert row["applied_share"] == 1.0
    assert phrases.loc["strong pain", "applied_share"] == 0.0
    only_repetition = analysis.frequent_phrases(batch_data, categories=["repetition"])
    assert list(only_repetition["phrase"]) == ["the the"]


def test_quality_after_counts_only_issues_left_unfixed(batch_data):
    quality = analysis.quality_before_after(batch_data).set_index("key")
    one = quality.loc["north/one.txt"]
    assert (one["issues_before"], one["issues_after"], one["quality_after"]) == (2, 0, 100.0)
    two = quality.loc["north/two.txt"]
    expected = round(100 * math.exp(-(100 / words("north/two.txt")) / 10), 1)
    assert two["quality_before"] == two["quality_after"] == expected
    assert (quality["gain"] >= 0).all() and quality.loc["south/three.txt", "gain"] > 0


def test_acceptance_is_an_empty_frame_before_review(batch_data):
    rates = analysis.acceptance_rates(batch_data)
    assert rates.empty and list(rates.columns) == ["suggestion_source", "decisions", "accepted",
                                                   "edited", "rejected", "acceptance_rate"]


def test_plots_return_figures_even_when_empty(batch_data):
    for fig in (analysis.plot_issue_rates(batch_data, "site"),
                analysis.plot_site_categories(batch_data), analysis.plot_top_phrases(batch_data),
                analysis.plot_quality(batch_data), analysis.plot_acceptance(batch_data)):
        assert isinstance(fig, Figure)
        assert analysis.figure_png_base64(fig).startswith("iVBORw0KGgo")  # PNG magic


def _workspace(tmp_path):
    results = []
    for rel, text in ARTICLES.items():
        doc = document_from_text(text, rel)
        doc.source = f"scrapes/{rel}"
        results.append(ScriptedPipeline()._one(doc))
    path = tmp_path / "ws.db"
    with Workspace.create_or_open(path) as ws:
        ws.save(results, run_info={"command": "check"})
        ids = {(i["doc_id"], i["span_text"].lower()): i["id"] for i in ws.issues()}
        now = datetime.now(timezone.utc).isoformat()
        decisions = [
            (ids[("north/one.txt", "against the background of")], "accept", "because of"),
            (ids[("south/three.txt", "against the background of")], "accept", "because of"),
            (ids[("north/two.txt", "strong pain")], "reject", None),
            (ids[("south/three.txt", "the the")], "edit", None),
        ]
        ws.connection.executemany(
            "INSERT INTO decisions (issue_id, editor, decided_at, action, suggestion_text, "
            "final_text) VALUES (?, 'ed', ?, ?, ?, NULL)",
            [(issue, now, action, text) for issue, action, text in decisions])
    return path


def test_workspace_acceptance_by_source_and_site(tmp_path):
    data = analysis.load(_workspace(tmp_path))
    assert len(data.articles) == 3 and len(data.issues) == 6 and len(data.decisions) == 4
    assert set(data.articles["site"]) == {"north", "south"}
    by_source = analysis.acceptance_rates(data).set_index("suggestion_source")
    assert by_source.loc["lexicon", "decisions"] == 3
    assert by_source.loc["lexicon", "acceptance_rate"] == round(2 / 3, 3)
    assert by_source.loc["parser", "edited"] == 1
    assert by_source.loc["parser", "acceptance_rate"] == 0.0
    by_site = analysis.acceptance_rates(data, by="site").set_index("site")
    assert by_site.loc["north", "acceptance_rate"] == 0.5
    assert isinstance(analysis.plot_acceptance(data, "site"), Figure)
    # the same figures from either source
    pd.testing.assert_series_equal(
        analysis.issue_rates(data, "category")["issues"].reset_index(drop=True),
        pd.Series([5, 1], name="issues"))


def test_load_refuses_what_is_neither(tmp_path):
    with pytest.raises(InputError):
        analysis.load(tmp_path / "missing")
    (tmp_path / "notes.db").write_text("not sqlite", encoding="utf-8")
    with pytest.raises(InputError):
        analysis.load(tmp_path / "notes.db")
    with pytest.raises(InputError, match="not a batch output folder"):
        analysis.load(tmp_path)
