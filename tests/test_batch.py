"""``textfix batch``: mirrored outputs, failures that do not stop a batch, resume after a real
``kill -9``, and the same outputs from the local and Dask engines.

One Pipeline is loaded per module and shared by every in-process run (``run_batch(pipeline=)``);
the killed run is a real ``textfix batch`` subprocess and the Dask run a real LocalCluster.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from textfix.batch import BatchOptions, run_batch
from textfix.batch.discover import discover
from textfix.batch.manifest import count_by_status
from textfix.cli import main
from textfix.errors import TextfixError

# MT-style sentences written for these tests (Russian→English calques on purpose).
SENTENCES = [
    "In home conditions the organism reacts to constant stress by a spasm of the vessels.",
    "The patient should turn to a doctor if the pain in the nape does not pass during three days.",
    "Strong pain in the knee is accompanied by swelling and redness of the skin.",
    "Lovers of salty food often suffer from pressure in the evening hours.",
    "It is necessary to carry out the treatment under the control of the specialist.",
    "Doctors advise to drink the tablets after eating with plenty of water.",
    "In the organism of the elderly person the metabolism slows down with the years.",
    "A general blood test shows the level of hemoglobin and leukocytes.",
    "Abundant drinking helps the kidneys to remove the toxins from the body.",
    "Sleep is violated in people who work at night and rest during the day.",
    "The walking for thirty minutes every day strengthens the heart and the vessels.",
    "Headache headache can be a sign of high pressure.",
]


def write_article(path: Path, rng: random.Random, paragraphs: int = 3) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(" ".join(rng.sample(SENTENCES, 3)) for _ in range(paragraphs))
    if path.suffix == ".html":
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        path.write_text(f"<html><body><article><h1>Health notes</h1>{paras}</article>"
                        "</body></html>\n", encoding="utf-8")
    else:
        path.write_text(f"Health notes\n\n{body}\n", encoding="utf-8")


def make_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    sites = ("site-a", "site-b/news", "site-c")
    paths = []
    for k in range(count):
        ext = (".txt", ".md", ".html")[k % 3]
        path = folder / sites[k % len(sites)] / f"article-{k:03d}{ext}"
        write_article(path, rng)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def pipeline():
    from textfix.pipeline import Pipeline

    return Pipeline()


def tree(out: Path) -> dict[str, bytes]:
    """Every output file but the timing ones, the dashboard's timing block cut out."""
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_dir() or rel.startswith("manifest.db") or rel == "run.json":
            continue
        data = path.read_bytes()
        if rel == "dashboard.html":
            data = re.sub(rb"<section id='timing'>.*?</section>", b"", data, flags=re.S)
        files[rel] = data
    return files


def test_folder_batch_mirrors_input_and_records_bad_inputs(tmp_path, pipeline):
    src = tmp_path / "in"
    make_corpus(src, 4)
    (src / "site-a" / "scan.txt").write_bytes(b"%PDF-1.4 binary junk\x00\x01")
    (src / "site-c" / "blank.md").write_text("", encoding="utf-8")
    (src / "site-c" / "notes.bin").write_bytes(b"ignored: not an input extension")
    out = tmp_path / "out"

    summary = run_batch(BatchOptions(src, out, jobs=1), pipeline=pipeline)

    assert (summary.units, summary.done, summary.failed, summary.skipped) == (6, 4, 2, 0)
    reasons = dict(summary.failures)
    assert "PDF" in reasons["site-a/scan.txt"] and "is empty" in reasons["site-c/blank.md"]
    for k, ext in enumerate((".txt", ".md", ".html", ".txt")):
        rel = f"{('site-a', 'site-b/news', 'site-c')[k % 3]}/article-{k:03d}{ext}"
        original = (src / rel).read_text(encoding="utf-8")
        corrected = (out / "corrected" / rel).read_text(encoding="utf-8")
        assert corrected != original, rel  # the calques were fixed
        report = json.loads((out / "reports" / f"{rel}.json").read_text(encoding="utf-8"))
        assert report["documents"][0]["id"] == rel
        assert report["documents"][0]["issues"]
    html = (out / "corrected" / "site-c" / "article-002.html").read_text(encoding="utf-8")
    assert html.startswith("<html><body><article><h1>Health notes</h1><p>")
    assert "home conditions" not in html.lower()

    articles = pd.read_parquet(out / "articles.parquet")
    issues = pd.read_csv(out / "issues.csv")
    assert list(articles["key"]) == sorted(articles["key"]) and len(articles) == 4
    assert set(articles["site"]) == {"site-a", "site-b", "site-c"}
    assert articles["issues"].sum() == len(issues[~issues["boilerplate"]]) > 0
    assert (issues["category"] == "calque").any()
    page = (out / "dashboard.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "site-a/scan.txt" in page
    assert "contains NUL bytes" not in page and "PDF" in page
    assert not list(out.rglob(".*.tmp"))


def test_existing_run_is_refused_without_resume_and_resume_redoes_only_changes(tmp_path,
                                                                               pipeline):
    src = tmp_path / "in"
    paths = make_corpus(src, 4)
    out = tmp_path / "out"
    run_batch(BatchOptions(src, out, jobs=1), pipeline=pipeline)
    with pytest.raises(TextfixError, match="--resume"):
        run_batch(BatchOptions(src, out, jobs=1), pipeline=pipeline)
    assert main(["batch", str(src), "--out", str(out), "-q"]) == 2  # same refusal, CLI code 2

    paths[0].write_text("Strong pain in the knee is accompanied by swelling.\n", encoding="utf-8")
    (out / "reports" / "site-b/news/article-001.md.json").unlink()  # lost output
    stale = out / "corrected" / "site-a" / ".article-000.txt.k2j4x.tmp"  # a write cut short
    stale.write_text("half an arti", encoding="utf-8")
    summary = run_batch(BatchOptions(src, out, jobs=1, resume=True), pipeline=pipeline)
    assert (summary.done, summary.skipped) == (2, 2)
    corrected = (out / "corrected" / "site-a" / "article-000.txt").read_text(encoding="utf-8")
    assert corrected.startswith("Strong pain") or corrected.startswith("Severe pain")
    assert (out / "reports" / "site-b/news/article-001.md.json").exists()
    assert not stale.exists()

    with pytest.raises(TextfixError, match="other options"):
        run_batch(BatchOptions(src, out, jobs=1, resume=True, config=_config(apply="none")),
                  pipeline=pipeline)
    again = run_batch(BatchOptions(src, out, jobs=1, overwrite=True, config=_config(apply="none")),
                      pipeline=pipeline)
    assert again.done == 4
    assert (out / "corrected" / "site-a" / "article-000.txt").read_text(encoding="utf-8") == \
        paths[0].read_text(encoding="utf-8")


def _config(**kwargs):
    from textfix.config import Config

    return Config(**kwargs)


def test_table_input_resumes_row_by_row_and_keeps_bad_rows(tmp_path, pipeline):
    table = tmp_path / "articles.jsonl"
    rows = [{"id": "r1", "site": "north", "text": SENTENCES[0]},
            {"id": "r2", "site": "south", "text": "   "},
            {"id": "r3", "site": "south", "text": SENTENCES[3]}]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch(BatchOptions(table, out, jobs=1), pipeline=pipeline)
    assert (summary.done, summary.failed) == (2, 1)
    assert summary.failures == [("r2", "articles.jsonl: row 2 (r2) has no text")]
    lines = [json.loads(line) for line in
             (out / "corrected" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["r1", "r2", "r3"]
    assert lines[1]["text"] == "   " and lines[0]["text"] != SENTENCES[0]
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["r1.json", "r3.json"]
    articles = pd.read_csv(out / "articles.csv")
    assert dict(zip(articles["key"], articles["site"], strict=True)) == {"r1": "north",
                                                                         "r3": "south"}


def test_discovery_skips_output_folder_and_hidden_files(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 2)
    (src / ".git").mkdir()
    (src / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (src / "out" / "corrected").mkdir(parents=True)
    (src / "out" / "corrected" / "copy.txt").write_text("an earlier output", encoding="utf-8")
    found = discover(src, exclude=src / "out")
    assert [u.key for u in found.files] == ["site-a/article-000.txt",
                                            "site-b/news/article-001.md"]
    globbed = discover(str(src / "site-*" / "**" / "*.md"))
    assert [u.key for u in globbed.files] == ["site-b/news/article-001.md"]


@pytest.mark.slow
def test_kill_9_mid_run_then_resume_equals_clean_run(tmp_path, pipeline):
    src = tmp_path / "in"
    make_corpus(src, 30, seed=7)
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "textfix.cli", "batch", str(src), "--out",
                             str(killed), "--jobs", "1", "-q"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = 0
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (killed / "manifest.db").exists():
                done = count_by_status(killed / "manifest.db").get("done", 0)
                if done >= 3:
                    break
            time.sleep(0.02)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
    assert 3 <= done < 30
    with sqlite3.connect(killed / "manifest.db") as conn:
        recorded = conn.execute("SELECT COUNT(*) FROM units").fetchone()[0]
    assert recorded < 30, "the run finished before it could be killed"
    assert not (killed / "articles.csv").exists()  # tables are written only at the end

    summary = run_batch(BatchOptions(src, killed, jobs=1, resume=True), pipeline=pipeline)
    assert summary.skipped == recorded and summary.done == 30 - recorded
    run_batch(BatchOptions(src, clean, jobs=1), pipeline=pipeline)
    assert not list(killed.rglob(".*.tmp")) and not list(killed.rglob("*.tmp"))
    resumed_files, clean_files = tree(killed), tree(clean)
    assert sorted(resumed_files) == sorted(clean_files)
    for rel, data in clean_files.items():
        assert resumed_files[rel] == data, rel


@pytest.mark.slow
def test_dask_engine_gives_the_same_outputs_as_local(tmp_path, pipeline):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    make_corpus(src, 6, seed=3)
    (src / "site-a" / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n not a page")
    local, dask = tmp_path / "local", tmp_path / "dask"
    run_batch(BatchOptions(src, local, jobs=1), pipeline=pipeline)
    summary = run_batch(BatchOptions(src, dask, jobs=2, engine="dask"))
    assert summary.engine == "dask" and summary.done == 6 and summary.failed == 1
    assert len(summary.worker_peak_mb) >= 1
    local_files, dask_files = tree(local), tree(dask)
    assert sorted(local_files) == sorted(dask_files)
    for rel, data in local_files.items():
        assert dask_files[rel] == data, rel


def test_cli_rejects_contradictory_flags(tmp_path, capsys):
    src = tmp_path / "in"
    make_corpus(src, 1)
    assert main(["batch", str(src), "--out", str(tmp_path / "o"), "--resume", "--overwrite"]) == 2
    assert "contradict" in capsys.readouterr().err
    assert main(["batch", str(src), "--out", str(src), "-q"]) == 2
    assert "holds the input" in capsys.readouterr().err
