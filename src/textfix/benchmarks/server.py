"""Speed of ``textfix serve``: LanguageTool clients checking paragraphs against a warm server.

``python -m textfix.benchmarks.server [--clients 1 4] [--runs 3] [--seconds 5] [--no-models]``
starts the server as ``textfix serve`` builds it (models loaded and warmed before the first
request), then for each client count runs ``--runs`` timed rounds in which every client posts
paragraphs of about 100 words (from the repository's sample articles and the shared MT sample
articles, ``--shared``, cycled) to ``/v2/check`` as form data, one after the other.
It prints requests per second and the p50/p95 latency of each client count: the median over
the rounds, with their range.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from pathlib import Path

from ..listen import serving_in_thread

CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "articles"
PARAGRAPH_WORDS = 100


def paragraphs(folders: list[Path], words: int = PARAGRAPH_WORDS) -> list[str]:
    """Consecutive sentences of the sample articles grouped into paragraphs of ~``words``."""
    import re

    found, current = [], []
    for path in sorted(p for folder in folders for p in folder.glob("*.*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            current.append(sentence)
            if sum(len(s.split()) for s in current) >= words:
                found.append(" ".join(current))
                current = []
    if not found:
        raise SystemExit(f"no paragraphs of {words} words in {folders}")
    return found


def _app(no_models: bool):
    from ..server.cli import build_app

    return build_app("127.0.0.1", None, no_models=no_models)


def _client(url: str, texts: list[str], first: int, until: float, out: list[float],
            errors: list[str]) -> None:
    import httpx

    with httpx.Client(timeout=120) as client:
        n = first
        while time.monotonic() < until:
            start = time.perf_counter()
            response = client.post(url, data={"language": "en-US", "text": texts[n % len(texts)]})
            if response.status_code != 200:
                errors.append(f"{response.status_code} {response.text[:200]}")
            out.append(time.perf_counter() - start)
            n += 1


def one_round(url: str, texts: list[str], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    began = time.monotonic()
    until = began + seconds
    threads = [threading.Thread(target=_client, args=(url, texts, k * 7, until, latencies[k],
                                                      errors)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began  # includes the last requests finishing
    every = sorted(x for one in latencies for x in one)
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, first: {errors[0]}")
    return {"rps": len(every) / elapsed, "p50": _quantile(every, 0.50) * 1000,
            "p95": _quantile(every, 0.95) * 1000, "n": len(every)}


def _quantile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def _summary(rounds: list[dict[str, float]], key: str, fmt: str) -> str:
    values = [r[key] for r in rounds]
    return (f"{format(statistics.median(values), fmt)} "
            f"[{format(min(values), fmt)}-{format(max(values), fmt)}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m textfix.benchmarks.server")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--shared", type=Path, default=CORPUS.parents[1].parent / "shared",
                        help="the shared folder; its samples/ articles are used too if present")
    args = parser.parse_args(argv)
    texts = paragraphs([CORPUS, args.shared / "samples"])
    words = statistics.mean(len(t.split()) for t in texts)
    started = time.monotonic()
    with serving_in_thread(_app(args.no_models)) as base:
        _measure(args, texts, words, started, f"{base}/v2/check")
    return 0


def _measure(args: argparse.Namespace, texts: list[str], words: float, started: float,
             url: str) -> None:
    print(f"textfix serve{' --no-models' if args.no_models else ''}: started and warm in "
          f"{time.monotonic() - started:.1f} s; {len(texts)} paragraphs of {words:.0f} words "
          f"on average; median [range] of {args.runs} rounds of {args.seconds:g} s")
    for clients in args.clients:
        rounds = [one_round(url, texts, clients, args.seconds) for _ in range(args.runs)]
        print(f"  {clients} client(s): {_summary(rounds, 'rps', '.1f')} requests/s, "
              f"p50 {_summary(rounds, 'p50', '.0f')} ms, "
              f"p95 {_summary(rounds, 'p95', '.0f')} ms "
              f"({sum(int(r['n']) for r in rounds)} requests)")


if __name__ == "__main__":
    raise SystemExit(main())
