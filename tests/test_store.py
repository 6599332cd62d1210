"""The SQLite workspace: create, save, read back, re-check without losing decisions."""

from __future__ import annotations

import sqlite3

import pytest

from textfix import store as store_module
from textfix.errors import InputError
from textfix.issue_links import issue_ids
from textfix.records import Document, Edit, Issue, Result, Segment, Suggestion
from textfix.report.serialize import to_jsonl_records
from textfix.stages.apply import apply_edits
from textfix.store import Workspace

TEXT = ("On the background of stress, the pressure rises. "
        "Take the the tablets after meal. Do not exceed 2 tablets a day.")


def span(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def article(*, fixed_grammar: bool = False, text: str = TEXT) -> Result:
    """The article as a first check sees it; ``fixed_grammar`` is a later re-check."""
    calque = Issue(*span("On the background of", text), "calque", "calque/on-the-background-of",
                   "Literal translation.", "lexicon", confidence=0.9,
                   context="On the background of stress, the pressure rises.",
                   suggestions=[Suggestion("Under", "lexicon", 0.4, safe=True),
                                Suggestion("Because of", "lexicon", 0.8, safe=True)])
    repeated = Issue(*span("the the", text), "repetition", "repetition/word", "Repeated word.",
                     "parser", confidence=1.0, context="Take the the tablets after meal.",
                     suggestions=[Suggestion("the", "parser", 0.9, safe=True)])
    article_missing = Issue(*span("after meal", text), "grammar", "grammar/article",
                            "Missing article.", "harper", confidence=0.6, severity="error",
                            context="Take the the tablets after meal.",
                            suggestions=[Suggestion("after a meal", "harper", 0.7, safe=None)])
    dose = Issue(*span("2 tablets", text), "terminology", "terminology/dose", "Check the dose.",
                 "glossary", confidence=0.5,
                 suggestions=[Suggestion("two tablets", "glossary", 0.5, safe=False,
                                         guard_reason="changes a number")])
    issues = [calque, repeated, dose] if fixed_grammar else [calque, repeated, article_missing,
                                                             dose]
    edits = [Edit(repeated.start, repeated.end, "the")]
    doc = Document("bp-01", text, source="bp.txt", segments=[Segment(0, len(text), "paragraph")],
                   metadata={"title": "Pressure"})
    return Result(doc, issues, edits, apply_edits(text, edits))


def other() -> Result:
    text = "Sleep eight hours."
    issue = Issue(0, 5, "fluency", "fluency/x", "m", "model", 0.3)
    return Result(Document("sleep-02", text), [issue], [], text)


@pytest.fixture()
def ws(tmp_path):
    workspace = Workspace.create_or_open(tmp_path / "sub" / "work.textfix.sqlite")
    yield workspace
    workspace.close()


def decide(ws: Workspace, issue_id: str, action: str = "accept") -> None:
    ws.connection.execute(
        "INSERT INTO decisions (issue_id, editor, decided_at, action, suggestion_text, "
        "final_text, shown_json) VALUES (?, 'ana', '2025-01-01T00:00:00Z', ?, 'x', 'x', '[]')",
        (issue_id, action))


def test_new_workspace_has_meta_wal_and_foreign_keys(ws):
    conn = ws.connection
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema"] == "textfix-workspace"
    assert meta["schema_version"] == str(store_module.SCHEMA_VERSION)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        decide(ws, "no-such-issue")


def test_save_and_read_back(ws, tmp_path):
    results = [article(), other()]
    run_id = ws.save(results, {"config": {"apply": "safe"}, "inputs": ["bp.txt"]})
    docs = ws.documents()
    assert [d["id"] for d in docs] == ["bp-01", "sleep-02"]
    first = docs[0]
    assert first["text"] == TEXT and first["corrected"] == results[0].corrected
    assert first["run_id"] == run_id and first["source"] == "bp.txt"
    assert first["metadata"] == {"title": "Pressure"}
    assert first["score"]["issues"] == 4 and first["score"]["edits_applied"] == 1
    assert first["segments"] == [{"start": 0, "end": len(TEXT), "kind": "paragraph",
                                  "reason": ""}]

    issues = ws.issues("bp-01")
    assert [i["id"] for i in issues] == issue_ids(results[0])  # already in text order
    # same ids as the JSON report, so a script can join the two
    assert [i["id"] for i in issues] == [i["id"] for i in next(to_jsonl_records(results))["issues"]]
    calque = issues[0]
    assert TEXT[calque["start"]:calque["end"]] == calque["span_text"] == "On the background of"
    assert calque["status"] == "open" and calque["applied"] is False
    assert [s["text"] for s in calque["suggestions"]] == ["Because of", "Under"]  # best first
    assert issues[1]["applied"] is True
    assert issues[2]["severity"] == "error" and issues[2]["suggestions"][0]["safe"] is None
    dose = issues[3]
    assert dose["suggestions"][0]["safe"] is False
    assert dose["suggestions"][0]["guard_reason"] == "changes a number"
    assert dose["context"] == "Do not exceed 2 tablets a day."  # sentence found when unset
    assert len(ws.issues()) == 5

    runs = ws.runs()
    assert runs[0]["id"] == run_id and runs[0]["config"]["config"] == {"apply": "safe"}
    assert runs[0]["textfix_version"]

    ws.close()
    with Workspace.create_or_open(tmp_path / "sub" / "work.textfix.sqlite") as again:
        assert [i["id"] for i in again.issues("bp-01")] == [i["id"] for i in issues]


def test_resave_replaces_issues_but_keeps_recurring_rows_and_decisions(ws):
    ws.save([article(), other()], {})
    before = {i["rule"]: i for i in ws.issues("bp-01")}
    kept_id = before["calque/on-the-background-of"]["id"]
    vanished_id = before["grammar/article"]["id"]
    decide(ws, kept_id)
    decide(ws, vanished_id, "reject")
    ws.connection.execute("UPDATE issues SET status = 'accepted' WHERE id = ?", (kept_id,))

    # the re-check no longer flags the article, and the dose issue has no decision
    second_run = ws.save([article(fixed_grammar=True)], {"note": "re-check"})
    after = {i["rule"]: i for i in ws.issues("bp-01")}
    assert set(after) == {"calque/on-the-background-of", "repetition/word", "terminology/dose"}
    assert after["calque/on-the-background-of"]["id"] == kept_id
    assert after["calque/on-the-background-of"]["status"] == "accepted"  # review state kept
    assert after["calque/on-the-background-of"]["run_id"] == second_run
    assert after["calque/on-the-background-of"]["first_run_id"] < second_run
    stale = [i for i in ws.issues("bp-01", include_stale=True) if i["status"] == "stale"]
    assert [i["id"] for i in stale] == [vanished_id]
    assert ws.connection.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 2
    assert len(ws.issues("sleep-02")) == 1  # documents not in the run are left alone

    # a third check without the dose issue deletes it: nobody decided on it
    result = article(fixed_grammar=True)
    result.issues = result.issues[:2]
    ws.save([result], {})
    rules = {i["rule"] for i in ws.issues("bp-01", include_stale=True)}
    assert "terminology/dose" not in rules and "grammar/article" in rules
    # and when the stale issue comes back, it is open again
    ws.save([article()], {})
    back = {i["rule"]: i for i in ws.issues("bp-01")}
    assert back["grammar/article"]["id"] == vanished_id
    assert back["grammar/article"]["status"] == "open"


def test_failed_save_leaves_previous_content(ws, monkeypatch):
    ws.save([article()], {"n": 1})
    docs_before, issues_before = ws.documents(), ws.issues(include_stale=True)

    real_score = store_module.score

    def failing_score(result):
        if result.document.id == "sleep-02":
            raise RuntimeError("disk on fire")
        return real_score(result)

    monkeypatch.setattr(store_module, "score", failing_score)
    changed = article(fixed_grammar=True, text=TEXT.replace("stress", "worry"))
    with pytest.raises(RuntimeError, match="disk on fire"):
        ws.save([changed, other()], {"n": 2})
    assert ws.documents() == docs_before
    assert ws.issues(include_stale=True) == issues_before
    assert len(ws.runs()) == 1
    assert not ws.connection.in_transaction
    monkeypatch.undo()
    ws.save([other()], {"n": 3})  # the workspace is still usable
    assert len(ws.runs()) == 2


def test_opening_a_text_file_is_an_input_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(InputError, match="not a textfix workspace"):
        Workspace.create_or_open(path)
    assert path.read_text() == "just some notes\n"  # and it is left untouched


def test_opening_another_sqlite_database_is_an_input_error(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not a textfix workspace"):
        Workspace.create_or_open(path)


def test_opening_a_directory_or_newer_workspace_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="directory"):
        Workspace.create_or_open(tmp_path)
    path = tmp_path / "w.sqlite"
    Workspace.create_or_open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="newer textfix"):
        Workspace.create_or_open(path)


# the column each schema version added (store_schema's migrations), to make older files
COLUMNS_ADDED = {3: ("decisions", "bulk_id"), 4: ("suggestions", "hold"),
                 5: ("suggestions", "model")}


def as_older_schema(path, version: int) -> None:
    """Turn a current workspace file into what textfix wrote at schema ``version``."""
    conn = sqlite3.connect(path)
    for added, (table, column) in COLUMNS_ADDED.items():
        if added > version:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.commit()
    conn.close()


def test_a_version_2_workspace_is_upgraded_and_keeps_its_decisions(ws):
    ws.save([article()], run_info={})
    decide(ws, ws.issues()[0]["id"], "reject")
    path = ws.path
    ws.close()
    as_older_schema(path, 2)  # what textfix 2-schema files look like: no bulk_id
    with Workspace.create_or_open(path) as again:
        rows = again.connection.execute("SELECT action, bulk_id FROM decisions").fetchall()
        meta = dict(again.connection.execute("SELECT key, value FROM meta").fetchall())
    assert [tuple(r) for r in rows] == [("reject", None)]
    assert meta["schema_version"] == str(store_module.SCHEMA_VERSION)


def test_a_version_3_workspace_gains_the_hold_of_each_suggestion(ws):
    ws.save([article()], run_info={})
    path = ws.path
    ws.close()
    as_older_schema(path, 3)  # textfix 3-schema files have no suggestions.hold
    with Workspace.create_or_open(path) as again:
        assert all(s["hold"] is None for i in again.issues() for s in i["suggestions"])
        held = article()
        calque = next(i for i in held.issues if i.rule == "calque/on-the-background-of")
        calque.suggestions[0].hold = "house style"
        again.save([held], run_info={})
        holds = {s["text"]: s["hold"] for i in again.issues() for s in i["suggestions"]}
    assert holds["Under"] == "house style" and holds["Because of"] is None
