"""Load benchmark: many simulated editors on one workspace, over loopback.

``python -m textfix.benchmarks.review_app WORKSPACE.db [--editors 20] [--seconds 10]`` copies the
workspace (the original is never touched), serves it with uvicorn on a free loopback port and
runs the editors in threads for a bounded time. Each editor loops: load the next open flag,
read its detail, then accept, reject or (sometimes) undo; when the queue is empty it undoes a
decision to keep going. Editors race for the same flags on purpose, so 409 conflicts are
expected and counted. Afterwards every decision the server confirmed is looked up in the
database: each must be there, by its editor, with its action, and undone exactly when the
server confirmed an undo.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..listen import serving_in_thread

TOKEN = "bench-token"


@dataclass
class EditorStats:
    latencies: list[float] = field(default_factory=list)
    decided: dict[int, tuple[str, str]] = field(default_factory=dict)  # decision id -> who, what
    undone: set[int] = field(default_factory=set)
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)


def _editor(name: str, base: str, until: float, stats: EditorStats, seed: int) -> None:
    import httpx

    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        def call(method: str, url: str, **kwargs) -> httpx.Response:
            start = time.perf_counter()
            response = client.request(method, url, **kwargs)
            stats.latencies.append(time.perf_counter() - start)
            if response.status_code == 409:
                stats.conflicts += 1
            elif response.status_code >= 400 and response.status_code != 404:
                stats.errors.append(f"{method} {url}: {response.status_code} {response.text}")
            return response

        after = None
        while time.monotonic() < until:
            nxt = call("GET", "/api/next", params={"after": after} if after else None).json()
            issue_id = nxt["issue_id"]
            if issue_id is None:  # everything decided: reopen something
                response = call("POST", "/api/undo", json={"editor": name})
                if response.status_code == 200:
                    stats.undone.add(response.json()["undone_decision"])
                continue
            after = issue_id
            detail = call("GET", f"/api/issues/{issue_id}")
            if detail.status_code != 200:
                continue
            issue = detail.json()
            roll = rng.random()
            if roll < 0.1:
                response = call("POST", "/api/undo", json={"editor": name})
                if response.status_code == 200:
                    stats.undone.add(response.json()["undone_decision"])
                continue
            body: dict = {"version": issue["version"], "editor": name}
            if issue["suggestions"] and roll < 0.7:
                body.update(action="accept", suggestion=issue["suggestions"][0]["text"])
            else:
                body.update(action="reject")
            response = call("POST", f"/api/issues/{issue_id}/decision", json=body)
            if response.status_code == 200:
                stats.decided[response.json()["decision_id"]] = (name, body["action"])


def run(workspace: Path, editors: int, seconds: float) -> int:
    from ..store import Workspace

    Workspace.create_or_open(workspace).close()  # refuse a non-workspace before copying
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        src, dst = sqlite3.connect(workspace), sqlite3.connect(db)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
        open_flags = sqlite3.connect(db).execute(
            "SELECT COUNT(*) FROM issues WHERE status = 'open'").fetchone()[0]
        from ..review.app import create_app

        stats = [EditorStats() for _ in range(editors)]
        with serving_in_thread(create_app(db, token=TOKEN), timeout=15) as base:
            until = time.monotonic() + seconds
            started = time.perf_counter()
            workers = [threading.Thread(target=_editor, args=(f"editor-{k:02d}", base, until,
                                                               stats[k], k))
                       for k in range(editors)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            elapsed = time.perf_counter() - started
        return _report(db, stats, elapsed, editors, open_flags)


def _report(db: Path, stats: list[EditorStats], elapsed: float, editors: int,
            open_flags: int) -> int:
    latencies = sorted(x for s in stats for x in s.latencies)
    decided = {k: v for s in stats for k, v in s.decided.items()}
    undone = set().union(*(s.undone for s in stats))
    errors = [e for s in stats for e in s.errors]
    conn = sqlite3.connect(db)
    rows = {r[0]: r[1:] for r in conn.execute(
        "SELECT id, editor, action, undone_at IS NOT NULL FROM decisions")}
    missing = [k for k in decided if k not in rows]
    wrong = [k for k, (who, action) in decided.items()
             if k in rows and rows[k][:2] != (who, action)]
    undo_mismatch = [k for k in decided if k in rows and bool(rows[k][2]) != (k in undone)]
    unconfirmed = [k for k in rows if k not in decided]
    # an issue is decided exactly when its latest decision stands
    bad_status = conn.execute(
        "SELECT COUNT(*) FROM issues i WHERE (i.status = 'open') != NOT EXISTS (SELECT 1 FROM "
        "decisions d WHERE d.issue_id = i.id AND d.undone_at IS NULL)").fetchone()[0]
    p50 = statistics.median(latencies) * 1000 if latencies else 0.0
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else 0.0
    print(f"review app: {editors} editors for {elapsed:.1f} s on {open_flags} open flags")
    print(f"  requests: {len(latencies)}  ({len(latencies) / elapsed:.0f}/s)   "
          f"latency p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"  decisions confirmed: {len(decided)}  undone: {len(undone)}  "
          f"conflicts (409, expected): {sum(s.conflicts for s in stats)}  errors: {len(errors)}")
    ok = not (missing or wrong or undo_mismatch or unconfirmed or bad_status or errors)
    print(f"  database check: {len(rows)} decision rows; missing {len(missing)}, wrong "
          f"{len(wrong)}, undo mismatches {len(undo_mismatch)}, unconfirmed "
          f"{len(unconfirmed)}, issues with inconsistent status {bad_status} -> "
          f"{'OK' if ok else 'FAILED'}")
    for line in errors[:5]:
        print(f"  error: {line}", file=sys.stderr)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m textfix.benchmarks.review_app",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    if not args.workspace.is_file():
        parser.error(f"{args.workspace}: no such workspace (make one with textfix check --save)")
    return run(args.workspace, args.editors, args.seconds)


if __name__ == "__main__":
    sys.exit(main())
