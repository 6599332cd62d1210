"""``make bench``: textfix against harper alone on the same MT lines in the same run (whole
processes, start-up, a warm pipeline stage by stage: ``benchmarks/lines.py``), and single-line
files of 1, 4 and 16 MB.

``--quick`` is the short version to try while working: 200 lines, two runs of each, no long
files. Every configuration runs as its own process so peak memory (max RSS) is measured per run.

The long-text runs check one file per size (``--long-mb``) that holds a single line with no line
break, the worst case for a parser (one block), with ``--no-models``. Time and peak memory should
grow linearly with the size: the bench prints the least-squares slope of each (seconds per MB and
MB of memory per MB of input) and the fixed cost they extrapolate to at 0 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from .measure import isolated


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
                   "--format", "json", "--max-bytes", str(size + 1), "--report", str(out),
                   str(path)]
            elapsed, peak, _ = isolated(cmd)
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
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration")
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2],
                        help="--jobs values for the scaling runs; none to skip them")
    parser.add_argument("--long-mb", type=float, nargs="*", default=[1, 4, 16],
                        help="sizes of the single-line files (MB); none to skip them")
    parser.add_argument("--only-long", action="store_true", help="skip the --lines runs")
    parser.add_argument("--quick", action="store_true",
                        help="200 lines, two runs each, no long files")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    if args.quick:
        args.lines, args.repeat, args.long_mb = min(args.lines, 200), min(args.repeat, 2), []
    figures: dict = {}
    if not args.only_long:
        from .lines import lines_bench

        with tempfile.TemporaryDirectory() as tmp:
            figures["lines"] = lines_bench(args.shared, args.lines, args.jobs, args.repeat,
                                           Path(tmp))
    if args.long_mb:
        figures["long"] = long_text_bench(args.shared, args.long_mb)
        print(json.dumps(figures["long"]))
    if args.json:
        from ..atomic import atomic_write_text

        atomic_write_text(args.json, json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
