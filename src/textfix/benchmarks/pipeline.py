"""``make bench``: speed and memory of ``textfix check --lines`` next to harper alone, and of
single-line files of 1, 4 and 16 MB.

Builds a 1,000-line file from MLQE-PE machine translations (read from ../shared by path, written
to a temporary folder, never into the repository), then runs each configuration as its own
process so peak memory (max RSS) is measured per run.

The long-text runs check one file per size (``--long-mb``) that holds a single line with no line
break, the worst case for a parser (one block), with ``--no-models``. Time and peak memory should
grow linearly with the size: the bench prints the least-squares slope of each (seconds per MB and
MB of memory per MB of input) and the fixed cost they extrapolate to at 0 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HARPER_ALONE = """
import sys, harper
linter = harper.Linter()
count = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        count += len(linter.lint(line.rstrip("\\n")))
print(count)
"""


def build_input(shared: Path, lines: int, folder: Path) -> Path:
    source = shared / "data/mlqe-pe-ru-en/ru-en-train/train.mt"
    if not source.exists():
        sys.exit(f"bench: {source} not found; pass --shared PATH to the shared data folder")
    from ..detok import detokenize

    text = source.read_text(encoding="utf-8").splitlines()[:lines]
    path = folder / "bench-lines.txt"
    path.write_text("\n".join(detokenize(line) for line in text) + "\n", encoding="utf-8")
    return path


def build_long_input(shared: Path, megabytes: float, folder: Path) -> Path:
    """A single line of ``megabytes`` MB (UTF-8): MLQE-PE sentences, else the team corpus, cycled.

    Cycling repeats sentences, which changes nothing for a checker that reads one block at a time.
    """
    source = shared / "data/mlqe-pe-ru-en/ru-en-train/train.mt"
    if source.exists():
        from ..detok import detokenize

        sentences = [detokenize(line) for line in source.read_text(encoding="utf-8").splitlines()]
    else:
        root = next((p for p in Path(__file__).resolve().parents
                     if (p / "corpus/articles").is_dir()), Path.cwd())  # the repository
        corpus = root / "corpus/articles"
        sentences = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    sentences = [" ".join(s.split()) for s in sentences if s.strip()]
    target = int(megabytes * 1024 * 1024)
    path = folder / f"long-{megabytes:g}mb.txt"
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        k = 0
        while written < target:
            piece = sentences[k % len(sentences)] + " "
            piece = piece.encode("utf-8")[: target - written].decode("utf-8", "ignore")
            if not piece:
                break
            out.write(piece)
            written += len(piece.encode("utf-8"))
            k += 1
    return path


def slope(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares line ``y = a * x + b`` through the points: ``(a, b)``."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    var = sum((x - mean_x) ** 2 for x in xs)
    if n < 2 or var == 0:
        return float("nan"), mean_y
    a = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var
    return a, mean_y - a * mean_x


def long_text_bench(shared: Path, sizes: list[float]) -> list[dict]:
    """Time and peak memory of ``textfix check --no-models`` on single-line files."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in sizes:
            path = build_long_input(shared, megabytes, Path(tmp))
            size = path.stat().st_size
            out = Path(tmp) / f"out-{megabytes:g}.json"
            cmd = [sys.executable, "-m", "textfix.cli", "check", "--no-models", "-q",
                   "--format", "json", "--max-bytes", str(size + 1), "-o", str(out), str(path)]
            elapsed, peak = _isolated(cmd)
            report = json.loads(out.read_text(encoding="utf-8"))
            issues = sum(len(d["issues"]) for d in report["documents"])
            rows.append({"run": f"check --no-models, one line of {megabytes:g} MB",
                         "mb": round(size / 1024 / 1024, 3), "seconds": round(elapsed, 2),
                         "peak_rss_mb": round(peak), "issues": issues})
            path.unlink()
            out.unlink()
    width = max(len(r["run"]) for r in rows)
    print(f"\n{'run':<{width}}  {'MB':>7}  {'seconds':>8}  {'peak MB':>8}  {'issues':>7}")
    for r in rows:
        print(f"{r['run']:<{width}}  {r['mb']:>7}  {r['seconds']:>8}  {r['peak_rss_mb']:>8}  "
              f"{r['issues']:>7}")
    mbs = [r["mb"] for r in rows]
    seconds, start_s = slope(mbs, [r["seconds"] for r in rows])
    memory, start_mb = slope(mbs, [r["peak_rss_mb"] for r in rows])
    print(f"slope: {seconds:.1f} s per MB (+{start_s:.1f} s fixed), peak memory {memory:.0f} MB "
          f"per MB (+{start_mb:.0f} MB fixed)")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--long-mb", type=float, nargs="*", default=[1, 4, 16],
                        help="sizes of the single-line files (MB); none to skip them")
    parser.add_argument("--only-long", action="store_true", help="skip the --lines runs")
    args = parser.parse_args(argv)
    if not args.only_long:
        lines_bench(args)
    if args.long_mb:
        print(json.dumps(long_text_bench(args.shared, args.long_mb)))


def lines_bench(args: argparse.Namespace) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = build_input(args.shared, args.lines, Path(tmp))
        words = len(path.read_text(encoding="utf-8").split())
        textfix = [sys.executable, "-m", "textfix.cli"]
        runs = [("harper alone", [sys.executable, "-c", HARPER_ALONE, str(path)])]
        for jobs in args.jobs:
            for models in (False, True):
                name = f"textfix check --lines --jobs {jobs}" + ("" if models else " --no-models")
                runs.append((name, [*textfix, "check", "--lines", "--format", "jsonl",
                                    "--jobs", str(jobs), *([] if models else ["--no-models"]),
                                    "--overwrite", "-o", str(Path(tmp) / "out.jsonl"),
                                    str(path)]))
        for name, cmd in runs:
            # peak RSS of children is a running maximum, so measure each run in a fresh process
            elapsed, peak = _isolated(cmd)
            rows.append({"run": name, "lines": args.lines, "words": words,
                         "seconds": round(elapsed, 2), "words_per_second": round(words / elapsed),
                         "peak_rss_mb": round(peak)})
    width = max(len(r["run"]) for r in rows)
    print(f"{'run':<{width}}  {'words/s':>8}  {'seconds':>8}  {'peak MB':>8}")
    for r in rows:
        print(f"{r['run']:<{width}}  {r['words_per_second']:>8}  {r['seconds']:>8}  "
              f"{r['peak_rss_mb']:>8}")
    for jobs in args.jobs:
        base = next(r for r in rows if r["run"].endswith(f"--jobs {jobs} --no-models"))
        full = next(r for r in rows if r["run"].endswith(f"--jobs {jobs}"))
        extra_ms = (full["seconds"] - base["seconds"]) / args.lines * 1000
        print(f"models add {extra_ms:.1f} ms per line at --jobs {jobs} "
              f"(peak {full['peak_rss_mb'] - base['peak_rss_mb']:+} MB)")
    print(json.dumps(rows))


def _isolated(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd`` under a fresh Python so RUSAGE_CHILDREN holds only its own peak."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "if p.returncode not in (0, 1): sys.stderr.write(p.stderr[-2000:]); sys.exit(3)\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, json.dumps(cmd)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr}")
    elapsed, peak = proc.stdout.split()
    return float(elapsed), float(peak)


if __name__ == "__main__":
    main()
