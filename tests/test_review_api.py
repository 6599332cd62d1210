"""The review app through its HTTP API: every action, the conflict rule, token, CSRF, escaping.

The workspace is built once by the real pipeline (``textfix check --save``) on two short
MT-style articles written for these tests; each test works on its own copy.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from textfix.cli import main as textfix_main
from textfix.review.app import create_app
from textfix.stages.memory import parse_memory

TOKEN = "test-token-123"
BASE = "http://127.0.0.1"

BACK_PAIN = """Back pain at the office: what the symptom says

Against the background of long sitting, the back musles are overstrained. The organism reacts \
to the overstrain by a spasm. Strong stress also gives to the back.

Tension tension of the back is felt in the evening. Take 2 tablets of ibuprofen no more than \
3 times a day.

Lovers of sweets saw <script>alert("pwned")</script> in the middle of the text and did not \
understand it.
"""

SLEEP = """# Sleep after stress

Strong stress disturbs the sleep of the organism. Against the background of fatigue, the sleep \
becomes shallow.

Lovers of late coffee fall asleep badly.
"""


def build_workspace(folder: Path) -> Path:
    """A workspace made by the real CLI from the two articles above."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "back-pain.txt").write_text(BACK_PAIN, encoding="utf-8")
    (folder / "sleep.md").write_text(SLEEP, encoding="utf-8")
    db = folder / "work.db"
    code = textfix_main(["check", "-q", "--save", str(db), str(folder / "back-pain.txt"),
                         str(folder / "sleep.md")])
    assert code == 1 and db.is_file()
    return db


def copy_workspace(source: Path, target: Path) -> Path:
    """Copy through SQLite's backup API: a plain file copy can miss pages still in the WAL."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture(scope="session")
def built_workspace(tmp_path_factory) -> Path:
    return build_workspace(tmp_path_factory.mktemp("review-ws"))


@pytest.fixture()
def db(built_workspace, tmp_path) -> Path:
    return copy_workspace(built_workspace, tmp_path / "work.db")


@pytest.fixture()
def app(db):
    return create_app(db, token=TOKEN, editor="ana")


@pytest.fixture()
def client(app) -> TestClient:
    """A logged-in browser: token cookie set, CSRF header sent on every request."""
    c = TestClient(app, base_url=BASE)
    assert c.get(f"/?token={TOKEN}").status_code == 200
    c.headers["X-CSRF-Token"] = app.state.guard.csrf_token
    return c


def issue_id(client: TestClient, span: str, doc: str = "back-pain") -> str:
    issues = client.get("/api/issues", params={"doc": doc, "status": "all"}).json()["issues"]
    return next(i["id"] for i in issues if i["span_text"] == span)


def decide(client: TestClient, iid: str, **body):
    return client.post(f"/api/issues/{iid}/decision", json=body)


def export(client: TestClient, doc: str = "back-pain") -> str:
    response = client.get(f"/api/documents/{doc}/export")
    assert response.status_code == 200
    return response.text


# -- token, CSRF, hosts ---------------------------------------------------------------------
def test_requests_without_the_token_are_refused(app):
    anonymous = TestClient(app, base_url=BASE)
    assert anonymous.get("/api/documents").status_code == 401
    page = anonymous.get("/queue", headers={"accept": "text/html"})
    assert page.status_code == 401 and 'name="token"' in page.text  # the token page
    assert anonymous.get("/?token=wrong").status_code == 403
    bearer = anonymous.get("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200


def test_token_in_url_sets_a_strict_httponly_cookie_and_is_removed_from_the_url(app):
    c = TestClient(app, base_url=BASE)
    response = c.get(f"/queue?doc=sleep&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/queue?doc=sleep"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert c.get("/api/documents").status_code == 200


def test_state_changes_need_the_csrf_token_and_a_same_origin(client, app):
    iid = issue_id(client, "Tension tension")
    del client.headers["X-CSRF-Token"]
    refused = decide(client, iid, action="reject")
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    client.headers["X-CSRF-Token"] = app.state.guard.csrf_token
    cross = client.post(f"/api/issues/{iid}/decision", json={"action": "reject"},
                        headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403
    assert client.get(f"/api/issues/{iid}").json()["status"] == "open"
    assert decide(client, iid, action="reject").status_code == 200


def test_the_session_cookie_is_a_random_id_not_the_token(app):
    first, second = TestClient(app, base_url=BASE), TestClient(app, base_url=BASE)
    for c in (first, second):
        assert c.get(f"/?token={TOKEN}").status_code == 200
    (name,) = first.cookies.keys()
    ids = {first.cookies[name], second.cookies[name]}
    assert len(ids) == 2 and all(TOKEN not in v and len(v) >= 32 for v in ids)
    assert first.get("/api/documents").status_code == 200
    forged = TestClient(app, base_url=BASE, cookies={name: TOKEN})  # the token as a cookie
    assert forged.get("/api/documents").status_code == 401
    guessed = TestClient(app, base_url=BASE, cookies={name: "x" * 43})
    assert guessed.get("/api/documents").status_code == 401


def test_a_session_does_not_outlive_its_server(db):
    before = create_app(db, token=TOKEN)
    c = TestClient(before, base_url=BASE)
    c.get(f"/?token={TOKEN}")
    restarted = TestClient(create_app(db, token=TOKEN), base_url=BASE, cookies=c.cookies)
    assert restarted.get("/api/documents").status_code == 401


@pytest.mark.parametrize("referer, status", [
    ("http://evil.example/queue", 403), ("null", 403), ("http://127.0.0.1:9/queue", 403),
    ("http://127.0.0.1/queue?doc=sleep", 200), (None, 200),
])
def test_without_an_origin_the_referer_must_be_this_server(client, referer, status):
    iid = issue_id(client, "Tension tension")
    headers = {} if referer is None else {"Referer": referer}
    response = client.post(f"/api/issues/{iid}/decision", json={"action": "reject"},
                           headers=headers)
    assert response.status_code == status
    expected = "rejected" if status == 200 else "open"
    assert client.get(f"/api/issues/{iid}").json()["status"] == expected


def test_foreign_host_header_is_refused(client):
    response = client.get("/api/documents", headers={"Host": "attacker.example"})
    assert response.status_code == 403


# -- pages and escaping ---------------------------------------------------------------------
def test_article_text_is_escaped_everywhere(client):
    iid = issue_id(client, "Lovers of")
    for url in (f"/queue?issue={iid}", "/documents/back-pain"):
        page = client.get(url)
        assert page.status_code == 200
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page.text


def test_articles_page_shows_progress_and_score(client):
    docs = {d["id"]: d for d in client.get("/api/documents").json()["documents"]}
    assert set(docs) == {"back-pain", "sleep"}
    assert docs["sleep"]["open"] == docs["sleep"]["total"] > 0
    assert 0 < docs["back-pain"]["quality"] < 100
    page = client.get("/")
    assert "Back pain at the office" in page.text and "Sleep after stress" in page.text


def test_queue_page_shows_the_flag_highlighted_with_ranked_suggestions(client):
    iid = issue_id(client, "Against the background of")
    page = client.get(f"/queue?issue={iid}").text
    assert '<mark class="flagged cat-calque" id="flagged">Against the background of</mark>' in page
    assert "calque/against-the-background-of" in page
    assert page.index('data-text="Due to"') < page.index('data-text="Amid"')
    assert "lexicon" in page and "✓ safe" in page
    for key in ("<kbd>E</kbd>", "<kbd>X</kbd>", "<kbd>U</kbd>", "<kbd>S</kbd>", "<kbd>A</kbd>"):
        assert key in page


# -- actions ---------------------------------------------------------------------------------
def test_accept_is_recorded_with_what_was_shown_and_reaches_the_export(client, db):
    iid = issue_id(client, "Against the background of")
    before = client.get(f"/api/issues/{iid}").json()
    response = decide(client, iid, action="accept", suggestion="Amid", version=before["version"],
                      editor="boris")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert "Amid long sitting" in export(client)
    row = sqlite3.connect(db).execute(
        "SELECT editor, action, suggestion_text, shown_json FROM decisions").fetchone()
    assert row[:3] == ("boris", "accept", "Amid")
    shown = json.loads(row[3])
    assert [s["text"] for s in shown["suggestions"]][:2] == ["Due to", "With"]


def test_accept_refuses_text_that_was_not_suggested(client):
    iid = issue_id(client, "Against the background of")
    response = decide(client, iid, action="accept", suggestion="Whatever")
    assert response.status_code == 400 and "edit" in response.json()["error"]


def test_hand_edit_replaces_the_sentence(client):
    iid = issue_id(client, "The organism")
    detail = client.get(f"/api/issues/{iid}").json()
    assert detail["sentence"] == "The body reacts to the overstrain by a spasm."  # safe fix in
    new = "The body answers the strain with a muscle spasm."
    assert decide(client, iid, action="edit", text=new).status_code == 200
    text = export(client)
    assert new in text and "reacts to the overstrain" not in text


def test_reject_takes_back_the_automatic_fix(client):
    assert "Tension of the back" in export(client)  # applied by the safe policy at check time
    iid = issue_id(client, "Tension tension")
    assert decide(client, iid, action="reject").status_code == 200
    assert "Tension tension of the back" in export(client)


def test_undo_reopens_the_flag_and_keeps_the_decision_on_record(client, db):
    iid = issue_id(client, "Tension tension")
    decide(client, iid, action="reject")
    undone = client.post("/api/undo", json={"editor": "ana"})
    assert undone.status_code == 200 and undone.json()["issue_id"] == iid
    assert client.get(f"/api/issues/{iid}").json()["status"] == "open"
    assert "Tension of the back" in export(client)
    history = client.get(f"/api/issues/{iid}/history").json()["decisions"]
    assert len(history) == 1 and history[0]["undone_by"] == "ana"
    assert client.post("/api/undo", json={"editor": "ana"}).status_code == 404


def test_bulk_accept_applies_to_every_recurrence_across_articles(client):
    iid = issue_id(client, "Strong stress")
    detail = client.get(f"/api/issues/{iid}").json()
    assert detail["recurrences"] == 1
    response = decide(client, iid, action="accept", suggestion="Intense stress", all=True)
    assert response.status_code == 200 and response.json()["count"] == 2
    assert "Intense stress also" in export(client, "back-pain")
    assert "Intense stress disturbs" in export(client, "sleep")
    assert decide(client, iid, action="edit", text="x", all=True).status_code == 400
    assert decide(client, iid, action="reject").status_code == 409


def test_undo_after_apply_to_all_reverts_every_occurrence(client):
    before = {doc: export(client, doc) for doc in ("back-pain", "sleep")}
    first, second = issue_id(client, "Strong stress"), issue_id(client, "Strong stress", "sleep")
    for undo_url in ("/api/undo", f"/api/issues/{second}/undo"):  # the U key, or on one flag
        applied = decide(client, first, action="accept", suggestion="Intense stress", all=True)
        assert applied.json()["count"] == 2
        undone = client.post(undo_url, json={"editor": "ana"})
        assert undone.status_code == 200 and undone.json()["count"] == 2
        assert {client.get(f"/api/issues/{i}").json()["status"] for i in (first, second)} == {
            "open"}
        assert {doc: export(client, doc) for doc in before} == before
    history = client.get(f"/api/issues/{second}/history").json()["decisions"]
    assert len(history) == 2 and all(h["undone_by"] == "ana" for h in history)


def test_undo_after_apply_to_all_leaves_occurrences_decided_since_alone(client):
    first, second = issue_id(client, "Strong stress"), issue_id(client, "Strong stress", "sleep")
    decide(client, first, action="reject", all=True)
    assert client.post("/api/undo", json={"editor": "ana"}).json()["issue_id"] == first
    assert decide(client, second, action="reject", editor="boris").status_code == 200
    decide(client, first, action="reject", all=True)  # only the first is open now
    undone = client.post("/api/undo", json={"editor": "ana"}).json()
    assert undone["count"] == 1 and undone["issue_ids"] == [first]
    assert client.get(f"/api/issues/{second}").json()["status"] == "rejected"


def test_acceptance_rates_leave_out_undone_decisions(client, db):
    from textfix import analysis

    iid = issue_id(client, "Against the background of")
    assert decide(client, iid, action="reject").status_code == 200
    assert client.post("/api/undo", json={"editor": "ana"}).status_code == 200
    assert decide(client, iid, action="accept", suggestion="Amid").status_code == 200
    rates = analysis.acceptance_rates(analysis.load(db))
    assert rates["decisions"].sum() == 1 and rates["rejected"].sum() == 0
    assert rates["acceptance_rate"].tolist() == [1.0]


def test_skip_goes_to_the_next_open_flag_and_wraps(client):
    first = client.get("/api/next").json()["issue_id"]
    second = client.get("/api/next", params={"after": first}).json()["issue_id"]
    assert second and second != first
    page = client.get(f"/queue?after={first}", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].endswith(f"issue={second}")
    ids = [i["id"] for i in client.get("/api/issues").json()["issues"]]
    assert client.get("/api/next", params={"after": ids[-1]}).json()["issue_id"] == ids[0]


def test_filters_narrow_the_queue(client):
    calques = client.get("/api/issues", params={"category": "calque"}).json()["issues"]
    assert calques and all(i["category"] == "calque" for i in calques)
    harper = client.get("/api/issues", params={"source": "harper"}).json()["issues"]
    assert harper and all(i["source"] == "harper" for i in harper)
    sleep = client.get("/api/issues", params={"doc": "sleep", "min_confidence": "0.5"}).json()
    assert sleep["total"] and all(i["doc_id"] == "sleep" and i["confidence"] >= 0.5
                                  for i in sleep["issues"])
    assert client.get("/api/issues", params={"min_confidence": "lots"}).status_code == 400


def test_diff_shows_before_and_after(client):
    diff = client.get("/api/documents/back-pain/diff").json()
    assert any(p["op"] == "ins" and "body" in p["text"] for p in diff["diff"])  # organism
    assert diff["before"].startswith("Back pain") and diff["after"] != diff["before"]


# -- conflicts between editors ---------------------------------------------------------------
def test_second_editor_deciding_the_same_flag_gets_409(client, app):
    other = TestClient(app, base_url=BASE)
    other.get(f"/?token={TOKEN}")
    other.headers["X-CSRF-Token"] = app.state.guard.csrf_token
    iid = issue_id(client, "Lovers of", doc="sleep")
    version = client.get(f"/api/issues/{iid}").json()["version"]
    assert decide(client, iid, action="reject", version=version, editor="ana").status_code == 200
    late = decide(other, iid, action="accept", suggestion="People who like", version=version,
                  editor="boris")
    assert late.status_code == 409
    assert "already rejected by ana" in late.json()["error"]
    # after an undo, a decision made on the stale version is still refused
    client.post(f"/api/issues/{iid}/undo", json={"editor": "ana"})
    stale = decide(other, iid, action="reject", version=version, editor="boris")
    assert stale.status_code == 409 and "changed since" in stale.json()["error"]
    assert client.get(f"/api/issues/{iid}").json()["status"] == "open"


# -- bad requests -----------------------------------------------------------------------------
@pytest.mark.parametrize("body, status", [
    (b"not json", 400), (b"[1, 2]", 400), (b'{"action": "explode"}', 400),
    (b'{"version": 0}', 400), (b'{"action": "reject", "version": "zero"}', 400),
    (b'{"action": "edit"}', 400),
])
def test_malformed_decisions_get_clear_errors(client, body, status):
    iid = issue_id(client, "Tension tension")
    response = client.post(f"/api/issues/{iid}/decision", content=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert response.json()["error"] and "Traceback" not in response.text


@pytest.mark.parametrize("query, name", [
    ("offset=99999999999999999999", "offset"), ("offset=-1", "offset"),
    ("offset=1e3", "offset"), ("limit=0", "limit"), ("limit=5000", "limit"),
    ("limit=ten", "limit"), ("limit=" + "9" * 5000, "limit"),
    ("min_confidence=nan", "min_confidence"), ("min_confidence=inf", "min_confidence"),
    ("min_confidence=1.5", "min_confidence"), ("min_confidence=lots", "min_confidence"),
])
def test_every_numeric_query_parameter_is_validated(client, query, name):
    response = client.get(f"/api/issues?{query}")
    assert response.status_code == 400
    assert name in response.json()["error"] and "internal" not in response.json()["error"]
    page = client.get(f"/queue?{query}") if name == "min_confidence" else None
    assert page is None or (page.status_code == 400 and "Traceback" not in page.text)


def test_numbers_in_range_still_page_through_the_queue(client):
    every = client.get("/api/issues").json()
    page = client.get("/api/issues", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == every["total"] and page["issues"] == every["issues"][1:3]
    assert client.get("/api/issues", params={"offset": 10**9}).json()["issues"] == []


@pytest.mark.parametrize("version", [99999999999999999999, -1, 2**63])
def test_out_of_range_versions_get_a_clear_400(client, version):
    iid = issue_id(client, "Tension tension")
    for url in (f"/api/issues/{iid}/decision", f"/api/issues/{iid}/undo"):
        response = client.post(url, json={"action": "reject", "version": version})
        assert response.status_code == 400 and "version" in response.json()["error"]
    assert client.get(f"/api/issues/{iid}").json()["status"] == "open"


def test_deeply_nested_json_is_a_clear_400(client):
    iid = issue_id(client, "Tension tension")
    response = client.post(f"/api/issues/{iid}/decision", content=b"[" * 100_000,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and "JSON object" in response.json()["error"]


def test_unknown_ids_are_404_not_tracebacks(client):
    assert client.get("/api/issues/nope").status_code == 404
    assert client.post("/api/issues/nope/decision", json={"action": "reject"}).status_code == 404
    page = client.get("/documents/nope")
    assert page.status_code == 404 and "no document" in page.text and "Traceback" not in page.text
    assert client.get("/api/documents/nope/export").status_code == 404


def test_a_file_that_is_not_a_workspace_is_refused_at_start(tmp_path):
    from textfix.errors import TextfixError

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(TextfixError, match="not a textfix workspace"):
        create_app(other, token=TOKEN)
    with pytest.raises(TextfixError, match="no such workspace"):
        create_app(tmp_path / "missing.db", token=TOKEN)
    assert textfix_main(["review", str(other)]) == 2


# -- memory export and import ----------------------------------------------------------------
def test_memory_export_and_import_round_trip(client, db, tmp_path):
    decide(client, issue_id(client, "Against the background of"), action="accept",
           suggestion="Amid")
    decide(client, issue_id(client, "musles"), action="reject")
    exported = client.get("/api/memory", params={"format": "tsv"})
    assert exported.status_code == 200
    entries = parse_memory(exported.text)
    assert {(e.kind, e.phrase, e.replacement) for e in entries} == {
        ("fix", "Against the background of", "Amid"), ("reject", "musles", "")}

    fresh = tmp_path / "fresh.db"
    copy_workspace(db, fresh)
    sqlite3.connect(fresh).execute("DELETE FROM decisions").connection.commit()
    app2 = create_app(fresh, token=TOKEN)
    c2 = TestClient(app2, base_url=BASE, headers={"X-CSRF-Token": app2.state.guard.csrf_token})
    c2.get(f"/?token={TOKEN}")
    as_json = client.get("/api/memory").text
    first = c2.post("/api/memory/import", content=as_json, headers={"X-Filename": "m.json"})
    assert first.json() == {"read": 2, "added": 2}
    assert c2.post("/api/memory/import", content=as_json).json()["added"] == 0
    bad = c2.post("/api/memory/import", content=b"hello")
    assert bad.status_code == 400 and "not a textfix memory file" in bad.json()["error"]
    assert "Amid" in c2.get("/memory").text
