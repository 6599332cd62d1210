"""The team dev set (corpus/devset) is well formed, its pointers resolve, and the detection
metrics of scripts/eval_detection.py count what corpus/devset/README.md says they count."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from textfix.records import Issue, Suggestion
from textfix.training.detection_eval import (
    FAMILIES,
    Change,
    CleanSentence,
    MtSentence,
    Span,
    bootstrap_interval,
    clean_figures,
    fix_is_acceptable,
    judge_mt,
    lm_held_out_indices,
    load_clean,
    load_mt,
    mt_figures,
    read_jsonl,
)
from textfix.training.lm import split_answers

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "corpus" / "devset"
DATA = ROOT.parent / "shared" / "data"
SAMPLES = ROOT.parent / "shared" / "samples"


def test_mt_sentences_have_their_spans_at_the_right_offsets():
    rows = read_jsonl(DEVSET / "mt.jsonl")
    assert len(rows) >= 300
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        text, spans = row["text"], row["spans"]
        assert row["split"] in ("tune", "test") and spans, row["id"]
        for span in spans:
            piece = text[span["start"] : span["end"]]
            assert 0 <= span["start"] < span["end"] <= len(text), row["id"]
            assert piece.strip() == piece and piece, (row["id"], piece)
            assert span["family"] in FAMILIES, row["id"]
            assert span["fixes"] and all(f.strip() for f in span["fixes"]), row["id"]
            assert piece not in span["fixes"], (row["id"], piece)
        ordered = sorted(spans, key=lambda s: s["start"])
        assert all(a["end"] <= b["start"] for a, b in zip(ordered, ordered[1:], strict=False)), \
            row["id"]


def test_mt_jsonl_is_what_the_marked_up_source_builds():
    spec = importlib.util.spec_from_file_location("devset_build", DEVSET / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.build() == read_jsonl(DEVSET / "mt.jsonl")


def test_every_family_is_covered_in_both_halves():
    sentences = load_mt(DEVSET / "mt.jsonl")
    per_family = Counter(f for s in sentences for f in {sp.family for sp in s.spans})
    assert set(per_family) == set(FAMILIES)
    assert min(per_family.values()) >= 35, per_family
    for split in ("tune", "test"):
        halves = Counter(f for s in sentences if s.split == split for f in
                         {sp.family for sp in s.spans})
        assert min(halves[f] for f in FAMILIES) >= 15, (split, halves)


def test_clean_pointers_are_well_formed():
    rows = read_jsonl(DEVSET / "clean.jsonl")
    assert len(rows) >= 300
    assert Counter(r["split"] for r in rows).keys() == {"tune", "test"}
    for row in rows:
        if row["source"] == "tico19":
            assert set(row) == {"source", "id", "origin", "sentence", "split"}
            assert "ncbi.nlm.nih.gov/pmc" in row["origin"] or "wikipedia.org" in row["origin"]
        else:
            assert row["source"] == "medquad"
            assert set(row) == {"source", "line", "sentence", "split"}
    assert {r["source"] for r in rows} == {"tico19", "medquad"}


def test_no_mt_sentence_is_taken_from_the_sample_article():
    sample = SAMPLES / "leg-cramps-mt-article.txt"
    if not sample.exists():
        pytest.skip(f"{sample} is not present")
    article = " ".join(sample.read_text(encoding="utf-8").split())
    for sentence in load_mt(DEVSET / "mt.jsonl"):
        assert sentence.text not in article


def test_clean_pointers_resolve_to_distinct_held_out_sentences():
    if not DATA.is_dir():
        pytest.skip(f"{DATA} is not present")
    clean = load_clean(DEVSET / "clean.jsonl", DATA)
    assert len(clean) >= 300
    assert len({c.text for c in clean}) == len(clean)
    assert all(len(c.text.split()) >= 8 for c in clean)


def test_held_out_answers_are_the_ones_the_lm_never_trained_on():
    answers = [f"answer {k}" for k in range(1234)]
    _, dev = split_answers(answers, seed=0)
    assert sorted(answers[i] for i in lm_held_out_indices(len(answers))) == sorted(dev)


# ---------------------------------------------------------------- the metrics on a tiny example

TEXT = "The result depends from the dose and the patient is shown rest."
PREP = Span(11, 23, "preposition", ("depends on",))
PASSIVE = Span(49, 62, "passive", ("should rest", "needs rest"))


def issue(start, end, first=None, category="calque"):
    suggestions = [Suggestion(first, "test")] if first is not None else []
    return Issue(start, end, category, f"{category}/x", "", "test", suggestions=suggestions)


def test_a_fix_is_acceptable_only_when_it_gives_a_listed_fix():
    assert TEXT[PREP.start : PREP.end] == "depends from"
    assert TEXT[PASSIVE.start : PASSIVE.end] == "is shown rest"
    assert fix_is_acceptable(TEXT, PREP, [Change(19, 23, "on")])  # narrower edit
    assert fix_is_acceptable(TEXT, PREP, [Change(11, 23, "Depends  ON")])  # case, spaces
    assert fix_is_acceptable(TEXT, PREP, [Change(4, 23, "result depends on")])  # wider edit
    assert not fix_is_acceptable(TEXT, PREP, [Change(19, 23, "upon")])  # not listed
    assert not fix_is_acceptable(TEXT, PREP, [Change(4, 23, "outcome depends on")])  # beyond
    assert not fix_is_acceptable(TEXT, PREP, [Change(37, 40, "a")])  # does not touch it
    assert fix_is_acceptable(TEXT, PASSIVE, [Change(49, 57, "should"), Change(58, 62, "rest")])


def test_recall_fix_rate_and_precision_on_a_hand_made_example():
    sentence = MtSentence("x", TEXT, (PREP, PASSIVE), "test")
    issues = [issue(19, 23, "on"),  # flags and fixes the preposition (offered first)
              issue(49, 57, "is advised", "grammar"),  # flags the passive, wrong fix
              issue(0, 3, "A", "grammar")]  # a flag on no awkward span
    outcome = judge_mt(sentence, issues, edits=[])
    assert outcome.flagged == [True, True]
    assert outcome.fixed == [True, False]
    assert outcome.applied == [False, False]
    other = MtSentence("y", "It strongly hurts.", (Span(3, 17, "intensity", ("hurts a lot",)),),
                       "test")
    figures = mt_figures([(sentence, outcome), (other, judge_mt(other, [], []))], resamples=200)
    assert figures["recall"]["value"] == pytest.approx(2 / 3)
    assert figures["fix_rate"]["value"] == pytest.approx(1 / 3)
    assert figures["recall_by_family"]["intensity"]["value"] == 0
    assert figures["recall_by_family"]["passive"]["value"] == 1
    assert figures["precision"]["value"] == pytest.approx(2 / 3)
    assert figures["issues_by_category"]["grammar"] == {"issues": 2, "on_awkward_span": 1}


def test_applied_edit_counts_as_a_fix():
    sentence = MtSentence("x", TEXT, (PREP,), "test")
    outcome = judge_mt(sentence, [issue(19, 23, "to")], edits=[Change(19, 23, "on")])
    assert outcome.applied == [True] and outcome.fixed == [True]


def test_clean_false_alarms_count_mt_categories_apart_from_any_flag():
    rows = [(CleanSentence("a", "tico19", "x", "test"), ["grammar"]),
            (CleanSentence("b", "tico19", "y", "test"), ["calque", "grammar"]),
            (CleanSentence("c", "medquad", "z", "test"), []),
            (CleanSentence("d", "tico19", "w", "test"), [])]
    figures = clean_figures(rows, resamples=200)
    assert figures["tico19"]["mt_flag_rate"]["value"] == pytest.approx(1 / 3)
    assert figures["tico19"]["any_flag_rate"]["value"] == pytest.approx(2 / 3)
    assert figures["medquad"]["any_flag_rate"]["value"] == 0
    assert figures["all"]["any_flag_rate"]["n"] == 4


def test_bootstrap_interval_contains_the_estimate_and_is_seeded():
    units = [(1.0, 1.0)] * 30 + [(0.0, 1.0)] * 70 + [(2.0, 3.0)] * 10
    point = sum(n for n, _ in units) / sum(d for _, d in units)
    low, high = bootstrap_interval(units, resamples=1000, seed=3)
    assert low < point < high
    assert low > 0 and high < 1
    assert bootstrap_interval(units, resamples=1000, seed=3) == (low, high)
    assert bootstrap_interval([(0.0, 0.0)]) is None


def test_eval_script_writes_its_figures(tmp_path):
    from textfix.training.detection_eval import main

    out = tmp_path / "figures.json"
    devset = tmp_path / "devset"
    devset.mkdir()
    rows = read_jsonl(DEVSET / "mt.jsonl")[:3]
    (devset / "mt.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert main(["--devset", str(devset), "--data", str(tmp_path / "absent"), "--split", "all",
                 "--no-models", "--checks", "calque", "--resamples", "50",
                 "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["mt"]["sentences"] == 3
    assert figures["settings"]["checks"] == ["calque"]
    assert "clean" not in figures
