"""``make bench``'s main figures: textfix against harper alone on the same MT lines, same run.

- whole processes (start-up included): ``textfix check --lines --format jsonl`` with the default
  checks and models, without models, at ``--jobs 1`` and ``2``, and a script that lints each
  line with harper alone; and the start-up to the first result for a one-sentence file;
- a warm pipeline (``textfix.Checker``, as ``textfix serve`` keeps it) stage by stage, in
  milliseconds per 1,000 words, each stage against harper alone timed in the same process
  (``benchmarks/stages.py``).

Every figure is the median of ``--repeat`` runs with its range. The input is the 1,000 MLQE-PE
ru-en dev machine translations (detokenised), read by path and written to a temporary folder.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from .measure import Sample, ratio_spread, run_interleaved, spread

HARPER_ALONE = """
import sys, harper
linter = harper.Linter()
count = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        count += len(linter.lint(line.rstrip("\\n")))
print(count)
"""
ONE_SENTENCE = "Against the background of stress, the organism reacts to pain.\n"
TARGETS = {"lines": 0.8, "warm": 1.0, "start_no_models": 3.0, "start_models": 5.0,
           "peak_mb": 900, "scaling": 1.6}


def build_input(shared: Path, lines: int, folder: Path) -> Path:
    """The first ``lines`` MLQE-PE ru-en dev MT lines, detokenised, in ``folder``."""
    source = shared / "data/mlqe-pe-ru-en/ru-en-dev/dev.mt"
    if not source.exists():
        sys.exit(f"bench: {source} not found; pass --shared PATH to the shared data folder")
    from ..detok import detokenize

    text = source.read_text(encoding="utf-8").splitlines()[:lines]
    path = folder / "bench-lines.txt"
    path.write_text("\n".join(detokenize(line) for line in text) + "\n", encoding="utf-8")
    return path


def process_samples(path: Path, jobs: list[int], folder: Path) -> list[Sample]:
    """The whole-process configurations, harper alone first."""
    one = folder / "one-sentence.txt"
    one.write_text(ONE_SENTENCE, encoding="utf-8")
    out = str(folder / "out.jsonl")
    textfix = [sys.executable, "-m", "textfix.cli", "check"]
    lines = [*textfix, "--lines", "--format", "jsonl", "--overwrite", "--report", out, str(path)]
    samples = [Sample("harper alone", [sys.executable, "-c", HARPER_ALONE, str(path)]),
               Sample("check --lines (default: models)", lines),
               Sample("check --lines --no-models", [*lines, "--no-models"])]
    samples += [Sample(f"check --lines --jobs {n}", [*lines, "--jobs", str(n)]) for n in jobs]
    samples += [Sample("start-up: harper alone, one sentence",
                       [sys.executable, "-c", HARPER_ALONE, str(one)]),
                Sample("start-up: check one sentence", [*textfix, "-q", str(one)]),
                Sample("start-up: check one sentence --no-models",
                       [*textfix, "-q", "--no-models", str(one)])]
    return samples


def stage_profile(path: Path, models: bool, repeat: int) -> dict:
    """``benchmarks/stages.py`` in its own process (its models stay out of this one)."""
    cmd = [sys.executable, "-m", "textfix.benchmarks.stages", str(path), "--repeat", str(repeat)]
    proc = subprocess.run(cmd + ([] if models else ["--no-models"]), capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.exit(f"bench: stage profile failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def print_stage_table(profile: dict) -> None:
    """Stage, ms per 1,000 words, share of the warm pass, and against harper alone."""
    runs = profile["runs"]
    per_k = [1e6 / r["words"] for r in runs]  # seconds -> ms per 1,000 words, run by run
    harper = [r["harper_alone_s"] * k for r, k in zip(runs, per_k, strict=True)]
    totals = [r["total_s"] * k for r, k in zip(runs, per_k, strict=True)]
    names = list(dict.fromkeys(n for r in runs for n in r["stages"]))
    rows = [(n, [r["stages"].get(n, 0.0) * k for r, k in zip(runs, per_k, strict=True)])
            for n in names]
    counted = [(n, v) for n, v in rows if not n.startswith(" ")]
    other = [t - sum(v[k] for _, v in counted) for k, t in enumerate(totals)]
    rows += [("other (documents, results, bookkeeping)", other), ("whole warm pass", totals),
             ("harper alone, line by line (same process)", harper)]
    label = "with models" if profile["models"] else "--no-models"
    print(f"\nwarm pipeline {label}: {len(runs)} runs over different lines, "
          f"{profile['words'] // len(runs)} words each (Checker built in "
          f"{profile['build_s']:.1f} s, peak {profile['peak_rss_mb']:.0f} MB)")
    print(f"{'stage':<44} {'ms per 1,000 words':>24} {'share':>6} {'x harper':>9}")
    middle_total, middle_harper = statistics.median(totals), statistics.median(harper)
    for name, values in rows:
        middle = statistics.median(values)
        print(f"{name:<44} {spread(values, 0):>24} {middle / middle_total:>6.1%} "
              f"{middle / middle_harper:>9.2f}")
    print(f"warm pipeline {label}: words/s {spread([1e6 / t for t in totals], 0)} against harper "
          f"alone {spread([1e6 / h for h in harper], 0)}: ratio {ratio_spread(harper, totals)} "
          f"(target >= {TARGETS['warm']})")


def print_process_table(samples: list[Sample], words: int) -> None:
    """Each whole-process run: words/s, seconds, CPU seconds, peak memory, against harper."""
    harper = samples[0]
    print(f"\n{'whole process':<42} {'words/s':>18} {'seconds':>18} {'CPU s':>18} "
          f"{'peak MB':>14} {'x harper':>18}")
    for sample in samples:
        start_up = sample.name.startswith("start-up")
        rate = "-" if start_up else spread([words / s for s in sample.seconds], 0)
        against = "-" if start_up else ratio_spread(harper.seconds, sample.seconds)
        print(f"{sample.name:<42} {rate:>18} {spread(sample.seconds):>18} "
              f"{spread(sample.cpu_s):>18} {spread(sample.peak_mb, 0):>14} {against:>18}")


def print_targets(samples: list[Sample]) -> None:
    """The issue's targets, each with the measured median and whether it is met."""
    by = {s.name: s for s in samples}

    def median(name: str, values: str = "seconds") -> float:
        return statistics.median(getattr(by[name], values))

    harper = by["harper alone"].seconds
    checks = [
        ("check --lines with models vs harper alone (x)", statistics.median(
            [h / t for h, t in zip(harper, by["check --lines (default: models)"].seconds,
                                   strict=True)]), ">=", TARGETS["lines"]),
        ("start-up, one sentence, --no-models (s)",
         median("start-up: check one sentence --no-models"), "<=", TARGETS["start_no_models"]),
        ("start-up, one sentence, models (s)", median("start-up: check one sentence"), "<=",
         TARGETS["start_models"]),
        ("peak memory with models (MB)", max(median(s.name, "peak_mb") for s in samples
                                             if "no-models" not in s.name), "<=",
         TARGETS["peak_mb"]),
    ]
    if "check --lines --jobs 1" in by and "check --lines --jobs 2" in by:
        checks.append(("batch scaling --jobs 1 -> 2 (x)", median("check --lines --jobs 1")
                       / median("check --lines --jobs 2"), ">=", TARGETS["scaling"]))
    print("\ntargets (medians)")
    for name, value, op, target in checks:
        met = value >= target if op == ">=" else value <= target
        print(f"  {name:<48} {value:>8.2f}  target {op} {target:<5g} "
              f"{'met' if met else 'NOT met'}")


def lines_bench(shared: Path, lines: int, jobs: list[int], repeat: int, folder: Path) -> dict:
    """Whole processes (interleaved), then the warm stage profiles; prints every table."""
    path = build_input(shared, lines, folder)
    words = len(path.read_text(encoding="utf-8").split())
    samples = process_samples(path, jobs, folder)
    run_interleaved(samples, repeat)
    print(f"\n{lines} MLQE-PE ru-en dev lines, {words} words; median (min-max) of {repeat} runs")
    print_process_table(samples, words)
    profiles = [stage_profile(path, models, repeat) for models in (True, False)]
    for profile in profiles:
        print_stage_table(profile)
    print_targets(samples)
    return {"words": words, "processes": [vars(s) for s in samples], "warm": profiles}
