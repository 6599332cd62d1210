"""The reviewed article keeps what the tool deleted unless an editor brings it back.

Adjacent boilerplate blocks (teasers, "Continue reading" links) are deleted at check time as one
run. An editor's decision on one block of the run must leave its neighbours deleted, in the
export and in the article diff alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from textfix.cli import main as textfix_main
from textfix.review.app import create_app

TOKEN = "export-token"
BASE = "http://127.0.0.1"

TEASERS = [
    "Read also: Daytime sleepiness: what the symptom says about the health of the heart",
    "Read also: 10 signs of vitamin D deficiency",
    "Continue reading →",
]
TAIL_TEASERS = ["Read also: Heart disease in newborns",
                "Read also: What mental diseases are inherited"]
ARTICLE = (
    "\n\n".join(TEASERS)
    + "\n\nLeg cramps at night: what to do\n\n"
    "Against the background of long sitting, the back muscles are overstrained. The organism "
    "reacts to the overstrain by a spasm.\n\n"
    + "\n".join(TAIL_TEASERS)
    + "\n\nTake 2 tablets of ibuprofen no more than 3 times a day.\n"
)
ALL_TEASERS = TEASERS + TAIL_TEASERS


def checked_client(tmp_path: Path, name: str, text: str) -> TestClient:
    """A signed-in review client over ``text`` checked and saved as document ``name``."""
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    db = tmp_path / "work.db"
    assert textfix_main(["check", "-q", "--no-models", "--save", str(db), str(source)]) == 1
    app = create_app(db, token=TOKEN, editor="ana")
    c = TestClient(app, base_url=BASE)
    assert c.get(f"/?token={TOKEN}").status_code == 200
    c.headers["X-CSRF-Token"] = app.state.guard.csrf_token
    return c


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return checked_client(tmp_path, "cramps", ARTICLE)


def boilerplate_issue(client: TestClient, teaser: str) -> str:
    issues = client.get("/api/issues", params={"doc": "cramps", "status": "all",
                                               "category": "boilerplate"}).json()["issues"]
    return next(i["id"] for i in issues if i["span_text"].strip() == teaser)


def decide(client: TestClient, teaser: str, action: str) -> None:
    body = {"action": action, **({"suggestion": ""} if action == "accept" else {})}
    response = client.post(f"/api/issues/{boilerplate_issue(client, teaser)}/decision",
                           json=body)
    assert response.status_code == 200, response.text


def exported(client: TestClient) -> str:
    response = client.get("/api/documents/cramps/export")
    assert response.status_code == 200
    return response.text


def diff_after(client: TestClient) -> str:
    pieces = client.get("/api/documents/cramps/diff").json()["diff"]
    return "".join(p["text"] for p in pieces if p["op"] != "del")


def test_the_check_deletes_every_teaser(client: TestClient) -> None:
    text = exported(client)
    assert not any(t in text for t in ALL_TEASERS)
    assert text.startswith("Leg cramps at night")


@pytest.mark.parametrize("teaser", [TEASERS[0], TEASERS[1], TAIL_TEASERS[0]])
def test_accepting_one_deletion_keeps_its_neighbours_deleted(client: TestClient,
                                                             teaser: str) -> None:
    before = exported(client)
    decide(client, teaser, "accept")
    for view in (exported(client), diff_after(client)):
        assert not any(t in view for t in ALL_TEASERS), view
    assert exported(client) == before


def test_accepting_touching_deletions_keeps_both(client: TestClient) -> None:
    before = exported(client)
    decide(client, TEASERS[0], "accept")
    decide(client, TEASERS[1], "accept")
    decide(client, TAIL_TEASERS[1], "accept")
    assert exported(client) == before


def test_rejecting_one_deletion_brings_back_that_block_only(client: TestClient) -> None:
    decide(client, TEASERS[1], "reject")
    text = exported(client)
    assert text.startswith(TEASERS[1] + "\n\nLeg cramps at night")
    assert not any(t in text for t in ALL_TEASERS if t != TEASERS[1])
    assert TEASERS[1] in diff_after(client)


ENDING = "Leg cramps at night.\n\nTake 2 tablets a day.\n\n"


@pytest.mark.parametrize("rejected", [0, 1])
def test_a_rejected_block_of_a_run_at_the_end_comes_back_in_its_place(tmp_path: Path,
                                                                       rejected: int) -> None:
    client = checked_client(tmp_path, "ending", ENDING + "\n".join(TAIL_TEASERS) + "\n")
    response = client.get("/api/documents/ending/export")
    assert response.text == ENDING.rstrip("\n") + "\n"  # the check deleted the whole run
    issues = client.get("/api/issues", params={"doc": "ending", "status": "all"}).json()
    iid = next(i["id"] for i in issues["issues"]
               if i["span_text"].strip() == TAIL_TEASERS[rejected])
    assert client.post(f"/api/issues/{iid}/decision", json={"action": "reject"}).status_code == 200
    response = client.get("/api/documents/ending/export")
    assert response.text == ENDING + TAIL_TEASERS[rejected] + "\n"
