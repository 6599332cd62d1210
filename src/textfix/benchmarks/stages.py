"""Where a warm pipeline spends its time, stage by stage, next to harper alone in the same process.

``python -m textfix.benchmarks.stages FILE [--no-models] [--repeat N]`` checks the lines of FILE
with one ``textfix.Checker`` (built and warmed first, as ``textfix serve`` keeps it) in ``N``
passes over different lines, and lints each pass's lines with a bare ``harper.Linter`` one line at
a time (what a script calling harper does). It prints one JSON object: seconds per stage for each
pass, the whole pass and harper alone's seconds, so the caller can put every stage against harper
measured in the same process a moment apart. Stages are timed by wrapping the pipeline's own
calls (nothing in the pipeline knows about the benchmark): the spaCy parse, each check, the
grammar engine inside the grammar check, merging, the LM ranking, the edit tagger and
guard/policy/apply. A check's row counts starting it and taking its issues: the grammar engine
works on its own thread meanwhile, so its indented row (seconds on that thread) may overlap the
rows of the checks that ran beside it.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PARSE = "spaCy parse (analyse)"
MERGE = "merge and rank"
FINISH = "guard, policy, apply"
ENGINE_PREFIX = "  engine inside grammar: "  # part of the grammar check's row, not added again


class StageClock:
    """Seconds per named stage, summed over every call while it runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start

        return timed

    def wrap_started(self, name: str,
                     start: Callable[..., Callable[[], Any]]) -> Callable[..., Callable[[], Any]]:
        """A ``start_many``: the seconds of starting it and of taking its issues, not the time
        between, when a check's engine works in the background while the others run."""

        def started(*args: Any, **kwargs: Any) -> Callable[[], Any]:
            return self.wrap(name, self.wrap(name, start)(*args, **kwargs))

        return started


def instrument(pipeline: Any, clock: StageClock) -> None:
    """Wrap the pipeline's stages (instance attributes; ``analyse`` in its module) with clocks."""
    from .. import pipeline as module

    module.analyse = clock.wrap(PARSE, module.analyse)
    for check in pipeline.checks:
        backend = getattr(check, "backend", None)
        if backend is not None and hasattr(backend, "check"):
            backend.check = clock.wrap(ENGINE_PREFIX + backend.name, backend.check)
        if hasattr(check, "start_many"):
            check.start_many = clock.wrap_started(f"check: {check.name}", check.start_many)
        else:
            check.check_many = clock.wrap(f"check: {check.name}", check.check_many)
    pipeline._merge = clock.wrap(MERGE, pipeline._merge)
    for attribute, name in (("ranker", "LM ranking"), ("editor", "edit tagger")):
        stage = getattr(pipeline, attribute, None)
        if stage is not None:
            stage.apply_many = clock.wrap(name, stage.apply_many)
    pipeline._finish = clock.wrap(FINISH, pipeline._finish)


def harper_alone(lines: list[str]) -> float:
    """Seconds a bare ``harper.Linter`` (built beforehand) takes to lint each line in turn."""
    import harper

    linter = harper.Linter()
    linter.lint("Warm up.")
    start = time.perf_counter()
    for line in lines:
        linter.lint(line)
    return time.perf_counter() - start


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(lines: list[str], use_models: bool, repeat: int) -> dict[str, Any]:
    """Build and warm a Checker, then time ``repeat`` passes stage by stage, each next to a
    harper-alone pass over the same lines.

    Each pass reads its own lines (every ``repeat``-th line after the 20 used to warm up): harper
    caches its results per chunk of text, so a second pass over the same lines would measure the
    cache, not the checker.
    """
    from ..api import Checker

    start = time.perf_counter()
    checker = Checker(use_models=use_models)
    checker.check_many(lines[:20])  # loads what loads lazily (word lists, first batches)
    build_s = time.perf_counter() - start
    clock = StageClock()
    instrument(checker.pipeline, clock)
    runs = []
    for k in range(repeat):
        part = lines[20 + k :: repeat] if len(lines) > 20 + repeat else lines
        harper_s = harper_alone(part)
        clock.seconds.clear()
        start, cpu = time.perf_counter(), cpu_seconds()
        checker.check_many(part)
        runs.append({"words": sum(len(line.split()) for line in part), "lines": len(part),
                     "total_s": time.perf_counter() - start, "cpu_s": cpu_seconds() - cpu,
                     "harper_alone_s": harper_s, "stages": dict(clock.seconds)})
    return {"words": sum(r["words"] for r in runs), "lines": sum(r["lines"] for r in runs),
            "models": use_models, "build_s": build_s, "runs": runs,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    lines = [line for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(json.dumps(measure(lines, not args.no_models, args.repeat)))


if __name__ == "__main__":
    main()
