"""Whole-process measurements for ``make bench``: wall time, CPU time and peak memory of a
command in its own process, repeated and summarised as a median with its spread.

Runs of several configurations are interleaved (a, b, c, a, b, c, ...) so that a machine that
gets busier during the bench slows every configuration alike instead of the last one measured.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

PROBE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True)\n"
    "dt = time.perf_counter() - t\n"
    "if p.returncode not in (0, 1): sys.stderr.write(p.stderr[-2000:]); sys.exit(3)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(dt, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)\n"
)


@dataclass
class Sample:
    """One configuration's repeated runs."""

    name: str
    cmd: list[str]
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    cpu_s: list[float] = field(default_factory=list)


def isolated(cmd: Sequence[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of ``cmd``, run under a fresh Python so that
    RUSAGE_CHILDREN holds only its own figures (they are running maxima per process tree)."""
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(cmd))],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr}")
    wall, peak, cpu = proc.stdout.split()
    return float(wall), float(peak), float(cpu)


def run_interleaved(samples: Sequence[Sample], repeat: int) -> None:
    """Run every sample's command ``repeat`` times, round-robin, recording each run."""
    for _ in range(repeat):
        for sample in samples:
            wall, peak, cpu = isolated(sample.cmd)
            sample.seconds.append(wall)
            sample.peak_mb.append(peak)
            sample.cpu_s.append(cpu)


def spread(values: Sequence[float], digits: int = 2) -> str:
    """``median (min–max)``, or the one value when there is one."""
    if not values:
        return "-"
    middle = round(statistics.median(values), digits)
    if len(values) == 1:
        return f"{middle:g}"
    return f"{middle:g} ({round(min(values), digits):g}–{round(max(values), digits):g})"


def ratio_spread(numerators: Sequence[float], denominators: Sequence[float]) -> str:
    """Median and range of run-by-run ratios (run k of one against run k of the other)."""
    ratios = [a / b for a, b in zip(numerators, denominators, strict=False) if b]
    return spread(ratios)
