"""Speed of the edit tagger: milliseconds to tag one flagged 25-word sentence, every pass, on
one CPU core (``make bench``; the target is 40 ms)."""

from __future__ import annotations

import argparse
import statistics
import time

SENTENCE = ("The patients which takes this medicament during long time can to feel the "
            "pain in the organism , and the doctors recommends to stop the treatment .")


def bench(folder: str | None = None, repeats: int = 30) -> dict:
    """Median and 90th-percentile ms over ``repeats`` tags of ``SENTENCE`` (one thread)."""
    import torch

    from ..detok import detokenize
    from ..models.edit_tagger import EditTagger, edit_tagger_folder

    tagger = EditTagger.load(folder or edit_tagger_folder())
    torch.set_num_threads(1)
    text = detokenize(SENTENCE)
    tagger.tag([text])  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        edits = tagger.tag([text])[0]
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"words": sum(w.isalpha() for w in SENTENCE.split()),
            "median_ms": round(statistics.median(times), 1),
            "p90_ms": round(times[int(0.9 * (len(times) - 1))], 1), "edits": len(edits),
            "passes": tagger.settings.passes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="tagger folder with the edit head (default: shipped)")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    r = bench(args.model, args.repeats)
    print(f"edit tagger: {r['words']}-word sentence, up to {r['passes']} passes, 1 thread: "
          f"median {r['median_ms']} ms, p90 {r['p90_ms']} ms ({r['edits']} edits)")


if __name__ == "__main__":
    main()
