"""Acknowledged review decisions survive other processes reading the workspace and a ``kill -9``.

A real ``textfix review`` server runs as a subprocess on a free loopback port. Decisions are
posted over HTTP; other processes read the workspace meanwhile (a read-only ``sqlite3``
connection, a plain one as a notebook would open, and ``textfix check --save`` adding an
article); then the server is killed with SIGKILL and every decision it answered 200 to must be
in the file. This failed while ``store.py`` sniffed the file with ``open()``: closing that
descriptor dropped the server's POSIX locks, the next process to close the database deleted
the write-ahead log, and later decisions went to a log no other process could see.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.test_review_api import build_workspace

TOKEN = "durability-token-789"
CLI = "import sys; from textfix.cli import main; sys.exit(main(sys.argv[1:]))"
EXTRA = "Strong pain in the nape is felt against the background of stress.\n"

pytestmark = pytest.mark.slow


def textfix(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CLI, *args], **kwargs)


class Server:
    """``textfix review DB --port 0`` in its own process, spoken to with the bearer token."""

    def __init__(self, db: Path) -> None:
        env = {**os.environ, "TEXTFIX_REVIEW_TOKEN": TOKEN}
        self.proc = textfix("review", str(db), "--port", "0", env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
        line, deadline = "", time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.base = f"http://127.0.0.1:{found.group(1)}"
                break
            if not line and self.proc.poll() is not None:
                break
        else:
            line = "timed out"
        if not hasattr(self, "base"):
            self.proc.kill()
            pytest.fail(f"textfix review did not start: {line!r}")

    def call(self, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method="GET" if body is None else "POST",
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")

    def browse(self, ids: list[str]) -> None:
        """Several reads at once, as a browser's tabs make: new worker threads, new connections."""
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda i: self.call(f"/api/issues/{i}")[0], ids * 2))
        assert set(statuses) == {200}

    def decide(self, issue: dict) -> int:
        """Reject or accept one flag; the decision id the server acknowledged."""
        body = {"action": "reject", "editor": "ana", "version": issue["version"]}
        if issue["applied"] is False and issue.get("suggestions"):
            body = {**body, "action": "accept", "suggestion": issue["suggestions"][0]["text"]}
        status, answer = self.call(f"/api/issues/{issue['id']}/decision", body)
        assert status == 200, answer
        return answer["decision_id"]


def other_process_reads(db: Path, uri: bool) -> int:
    """Standing decisions as another process sees them (read-only URI or a plain connect)."""
    target = f"'{db.resolve().as_uri()}?mode=ro', uri=True" if uri else repr(str(db))
    code = ("import sqlite3; c = sqlite3.connect(" + target + "); "
            "print(c.execute('SELECT COUNT(*) FROM decisions').fetchone()[0]); c.close()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    return int(out.stdout)


def test_acknowledged_decisions_survive_readers_and_kill_9(tmp_path):
    db = build_workspace(tmp_path / "ws")
    server = Server(db)
    try:
        issues = server.call("/api/issues?status=all&limit=1000")[1]["issues"]
        assert len(issues) >= 6
        ids = [i["id"] for i in issues]
        details = [server.call(f"/api/issues/{i}")[1] for i in ids]
        half = len(details) // 2
        acknowledged = []

        for issue in details[:half]:
            acknowledged.append(server.decide(issue))
            server.browse(ids[:4])
        assert other_process_reads(db, uri=True) == len(acknowledged)
        assert other_process_reads(db, uri=False) == len(acknowledged)

        (tmp_path / "extra.txt").write_text(EXTRA, encoding="utf-8")
        saved = subprocess.run([sys.executable, "-c", CLI, "check", "-q", "--no-models",
                                "--save", str(db), str(tmp_path / "extra.txt")],
                               capture_output=True, text=True, timeout=300)
        assert saved.returncode in (0, 1), saved.stderr

        for issue in details[half:]:
            acknowledged.append(server.decide(issue))
            server.browse(ids[:4])
        assert other_process_reads(db, uri=False) == len(acknowledged)
        status, undone = server.call("/api/undo", {"editor": "ana"})  # an update, last
        assert status == 200
    finally:
        os.kill(server.proc.pid, signal.SIGKILL)
        server.proc.wait(30)
        server.proc.stdout.close()

    conn = sqlite3.connect(db)
    stored = {row[0]: row[1] for row in conn.execute("SELECT id, undone_at FROM decisions")}
    conn.close()
    assert set(acknowledged) <= set(stored), "acknowledged decisions are missing after kill -9"
    assert stored[undone["undone_decision"]] is not None  # the undo, acknowledged last
