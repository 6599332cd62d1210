"""Correction memory: editors' decisions change what later checks suggest and flag."""

from __future__ import annotations

import json

import pytest

from tests.test_review_api import build_workspace, copy_workspace
from textfix.cli import main as textfix_main
from textfix.errors import InputError
from textfix.records import Issue, Suggestion
from textfix.review import decisions
from textfix.stages.memory import (
    CorrectionMemory,
    MemoryEntry,
    dump_memory,
    parse_memory,
    phrase_change,
)
from textfix.store import Workspace

from .helpers import run_cli

TEXT = "Against the background of stress, the organism is tired. The organism sleeps."


def calque(text: str = TEXT) -> Issue:
    return Issue(0, 25, "calque", "calque/against-the-background-of", "Literal translation.",
                 "lexicon", 0.4, context=text.split(".")[0] + ".",
                 suggestions=[Suggestion("Due to", "lexicon", 0.9)])


def test_a_remembered_fix_comes_first_and_lifts_confidence():
    memory = CorrectionMemory([MemoryEntry("fix", "against the background of", "amid")])
    [issue] = memory.apply([calque()], TEXT)
    assert [(s.text, s.source) for s in issue.suggestions] == [("Amid", "memory"),
                                                              ("Due to", "lexicon")]
    assert issue.suggestions[0].score == 1.0 and issue.confidence >= 0.5
    assert calque().suggestions[0].text == "Due to"  # input not modified


def test_most_frequent_then_latest_fix_wins():
    memory = CorrectionMemory([
        MemoryEntry("fix", "The organism", "The body", decided_at="2025-01-01"),
        MemoryEntry("fix", "the organism", "the body", context="x", decided_at="2025-01-02"),
        MemoryEntry("fix", "The organism", "The human body", decided_at="2025-03-01"),
    ])
    assert memory.fix_for("The organism") == "The body"
    assert memory.fix_for("the organism") == "the body"
    assert memory.fix_for("organism") is None


def test_a_rejected_flag_is_dropped_only_in_the_same_sentence():
    issue = calque()
    rejected = MemoryEntry("reject", "Against the background of", "", issue.rule, issue.context)
    assert CorrectionMemory([rejected]).apply([issue], TEXT) == []
    elsewhere = MemoryEntry("reject", "Against the background of", "", issue.rule,
                            "Against the background of fatigue, sleep is shallow.")
    assert len(CorrectionMemory([elsewhere]).apply([issue], TEXT)) == 1


def test_phrase_change_finds_the_edited_words():
    assert phrase_change("The organism reacts fast.", "The body reacts fast.") == (
        "organism", "body")
    assert phrase_change("Same.", "Same.") is None


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_memory_files_round_trip(fmt, tmp_path):
    entries = [MemoryEntry("fix", "tight\tdiet", "strict diet", "calque/tight-diet",
                           "A tight diet.\nNext", "ana", "2025-01-01T00:00:00Z"),
               MemoryEntry("reject", "musles", "", "harper/Spelling", "x", "boris", "t")]
    path = tmp_path / f"memory.{fmt}"
    path.write_text(dump_memory(entries, fmt), encoding="utf-8")
    assert CorrectionMemory.load(path).entries == entries


def test_bad_memory_files_are_refused_clearly(tmp_path):
    with pytest.raises(InputError, match="not a textfix memory file"):
        parse_memory("a,b,c\n1,2,3\n")
    with pytest.raises(InputError, match="kind must be"):
        parse_memory(json.dumps({"format": "textfix-memory", "entries": [{"kind": "x",
                                                                          "phrase": "p"}]}))
    with pytest.raises(InputError, match="not found"):
        CorrectionMemory.load(tmp_path / "nope.json")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A workspace where an editor chose a lower-ranked fix and rejected a spelling flag."""
    folder = tmp_path_factory.mktemp("memory-ws")
    db = build_workspace(folder)
    with Workspace.create_or_open(db) as ws:
        issues = {(i["doc_id"], i["span_text"]): i for i in ws.issues()}
        conn = ws.connection
        decisions.decide(conn, issues["back-pain", "Against the background of"]["id"], "accept",
                         editor="ana", suggestion="Amid")
        spelling = next(i for i in ws.issues() if i["doc_id"] == "back-pain"
                        and i["span_text"] == "musles" and i["rule"] == "harper/Spelling")
        decisions.decide(conn, spelling["id"], "reject", editor="ana")
        # a decision that was undone must not be remembered
        lovers = issues["sleep", "Lovers of"]["id"]
        decisions.decide(conn, lovers, "reject", editor="ana")
        decisions.undo(conn, lovers, editor="ana")
    return folder, db


def _check_json(args, capsys) -> dict:
    capsys.readouterr()
    code, out, _ = run_cli(capsys, "check", "--format", "json", *args)
    assert code == 1
    return json.loads(out)


def test_later_checks_use_the_workspace_memory(reviewed, capsys, tmp_path):
    folder, db = reviewed
    report = _check_json(["--memory", str(db), str(folder / "back-pain.txt"),
                          str(folder / "sleep.md")], capsys)
    docs = {d["id"]: d for d in report["documents"]}
    back = docs["back-pain"]
    calques = [i for i in back["issues"] if i["rule"] == "calque/against-the-background-of"]
    assert calques[0]["suggestions"][0] == {"text": "Amid", "source": "memory", "score": 1.0,
                                            "safe": True, "guard_reason": "", "hold": None}
    assert back["corrected"].startswith("Back pain at the office") and \
        "Amid long sitting" in back["corrected"]
    assert "Amid fatigue" in docs["sleep"]["corrected"]  # same phrase in another article
    assert not [i for i in back["issues"] if i["rule"] == "harper/Spelling"
                and back["text"][i["start"]:i["end"]] == "musles"]
    assert [i for i in docs["sleep"]["issues"] if i["rule"] == "calque/lovers-of"]

    # --save with no --memory uses the workspace's own memory; the rejected flag goes stale
    saved = tmp_path / "again.db"
    copy_workspace(db, saved)
    assert textfix_main(["check", "-q", "--save", str(saved), str(folder / "back-pain.txt")]) == 1
    with Workspace.create_or_open(saved) as ws:
        statuses = {(i["span_text"], i["rule"]): i["status"]
                    for i in ws.issues(include_stale=True)}
        corrected = ws.documents()[0]["corrected"]
    assert statuses["musles", "harper/Spelling"] == "stale" and "Amid long sitting" in corrected


def test_exported_memory_file_works_like_the_workspace(reviewed, capsys, tmp_path):
    folder, db = reviewed
    memory_file = tmp_path / "shared.tsv"
    assert textfix_main(["review", str(db), "--export-memory", str(memory_file)]) == 0
    assert memory_file.read_text(encoding="utf-8").startswith("kind\tphrase\treplacement")
    report = _check_json(["--memory", str(memory_file), str(folder / "sleep.md")], capsys)
    assert "Amid fatigue" in report["documents"][0]["corrected"]

    other = tmp_path / "other.db"
    assert textfix_main(["check", "-q", "--save", str(other), "--memory", str(memory_file),
                         str(folder / "sleep.md")]) == 1
    assert textfix_main(["review", str(other), "--import-memory", str(memory_file)]) == 0
    assert len(CorrectionMemory.load(other)) == 2
