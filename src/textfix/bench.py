"""``make bench``: speed and memory of ``textfix check --lines`` next to harper alone.

Builds a 1,000-line file from MLQE-PE machine translations (read from ../shared by path, written
to a temporary folder, never into the repository), then runs each configuration as its own
process so peak memory (max RSS) is measured per run.
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
    from .detok import detokenize

    text = source.read_text(encoding="utf-8").splitlines()[:lines]
    path = folder / "bench-lines.txt"
    path.write_text("\n".join(detokenize(line) for line in text) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args(argv)
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
