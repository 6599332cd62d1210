"""``python -m textfix.benchmarks.batch``: batch throughput and memory per worker at --jobs 1 and 2.

Generates a corpus of a few hundred articles in a temporary folder (paragraphs of the team corpus
in ``corpus/articles`` mixed with MLQE-PE machine translations read from ../shared by path; nothing
is written into the repository), runs ``textfix batch`` on it as a separate process per job count,
and prints articles/s, words/s and the peak RSS each worker reported (``OUT/run.json``).

``generate_corpus`` is also what the analysis notebook uses for its generated set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITES = ("healthdaily", "medportal", "newsfeed")
MLQE_MT = Path("data/mlqe-pe-ru-en/ru-en-train/train.mt")


def corpus_paragraphs(corpus: Path) -> list[str]:
    """Paragraphs (blocks between blank lines) of the team's articles, boilerplate included:
    scraped pages carry teasers and "Continue reading" links, and the batch must cope."""
    paragraphs = []
    for path in sorted(corpus.glob("*")):
        if path.suffix.lower() in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            paragraphs.extend(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return paragraphs


def mt_paragraphs(shared: Path | None, limit: int = 3000, per_paragraph: int = 4) -> list[str]:
    """Machine-translated sentences from MLQE-PE grouped into paragraphs ([] without the data)."""
    if shared is None or not (shared / MLQE_MT).exists():
        return []
    from ..detok import detokenize

    lines = (shared / MLQE_MT).read_text(encoding="utf-8").splitlines()[:limit]
    lines = [detokenize(line) for line in lines if line.strip()]
    return [" ".join(lines[k : k + per_paragraph]) for k in range(0, len(lines), per_paragraph)]


def generate_corpus(folder: Path, articles: int, corpus: Path, shared: Path | None = None,
                    seed: int = 0) -> list[Path]:
    """Write ``articles`` articles under ``folder/<site>/`` and return their paths.

    Sites differ on purpose: ``healthdaily`` is mostly team paragraphs (health MT with calques),
    ``newsfeed`` mostly MLQE-PE lines (general-domain MT), ``medportal`` a mix, in text, Markdown
    and HTML.
    """
    rng = random.Random(seed)
    team = corpus_paragraphs(corpus)
    mt = mt_paragraphs(shared)
    if not team:
        raise SystemExit(f"no articles in {corpus}")
    share_of_team = {"healthdaily": 0.9, "medportal": 0.6, "newsfeed": 0.2 if mt else 0.9}
    written = []
    for number in range(articles):
        site = SITES[number % len(SITES)]
        pick = [rng.choice(team) if (not mt or rng.random() < share_of_team[site])
                else rng.choice(mt) for _ in range(rng.randint(4, 8))]
        title = f"Article {number + 1}: notes on health"
        fmt = ("txt", "md", "html")[rng.randrange(3)] if site == "medportal" else "txt"
        path = folder / site / f"article-{number + 1:04d}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_render(title, pick, fmt), encoding="utf-8")
        written.append(path)
    return written


def _render(title: str, paragraphs: list[str], fmt: str) -> str:
    if fmt == "html":
        from html import escape

        body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
        return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
                f"<article><h1>{escape(title)}</h1>\n{body}</article></body></html>\n")
    heading = f"# {title}" if fmt == "md" else title
    return heading + "\n\n" + "\n\n".join(paragraphs) + "\n"


def run_one(folder: Path, out: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "textfix.cli", "batch", str(folder), "--out", str(out),
           "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    peaks = list(info["worker_peak_rss_mb"].values())
    # steady state: the workers' time inside units, without process and model start-up
    busy = info["unit_seconds_total"] / max(len(peaks), 1)
    return {"run": f"textfix batch --jobs {jobs}", "articles": info["articles"],
            "words": info["words"], "seconds": round(elapsed, 2),
            "articles_per_second": round(info["articles"] / elapsed, 2),
            "words_per_second": round(info["words"] / elapsed),
            "steady_articles_per_second": round(info["articles"] / busy, 2) if busy else None,
            "workers": len(peaks), "peak_rss_mb_per_worker": round(max(peaks)) if peaks else None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--corpus", type=Path, default=Path("corpus/articles"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="textfix-batch-bench-") as tmp:
        folder = Path(tmp) / "in"
        generate_corpus(folder, args.articles, args.corpus, args.shared)
        for jobs in args.jobs:
            rows.append(run_one(folder, Path(tmp) / f"out-{jobs}", jobs))
    print(f"{'run':<24} {'articles/s':>10} {'words/s':>8} {'seconds':>8} {'steady art/s':>12} "
          f"{'workers':>7} {'peak MB/worker':>14}")
    for r in rows:
        print(f"{r['run']:<24} {r['articles_per_second']:>10} {r['words_per_second']:>8} "
              f"{r['seconds']:>8} {r['steady_articles_per_second']!s:>12} {r['workers']:>7} "
              f"{r['peak_rss_mb_per_worker']!s:>14}")
    print("articles/s and words/s: wall clock, start-up included; steady: time inside units")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
