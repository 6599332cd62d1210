"""Build the general-English bigram files of ``collocation/general_english``: how often Google
Books puts each preposition of the governed-preposition checks right after a word
(``src/textfix/data/preposition_bigrams.tsv``), and each noun right after an adjective of the
adjective-noun confusion sets (``adjective_bigrams.tsv``).

Source: the Google Books bigram list (243,342 bigrams seen at least 6.4M times) that the
``symspellpy`` package ships (MIT licence; a dev dependency, read from the installed package, never
fetched). Counts in millions; seconds to run.

Usage: python scripts/build_general_bigrams.py [--check]
    --check  exit 1 when a shipped file differs from what the installed package gives
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from textfix.atomic import atomic_write_text
from textfix.checks.collocation.adjective import adjectives_counted
from textfix.checks.collocation.general_english import format_profiles
from textfix.checks.collocation.governed import CONFUSABLE

DATA = Path(__file__).resolve().parents[1] / "src/textfix/data"
BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
HEADER = ("# built by scripts/build_general_bigrams.py from symspellpy {version}'s {name} "
          "(Google Books bigrams seen at least 6.4M times; MIT licence)\n"
          "# word<TAB>next word=millions of uses right after the word ...\n")


def bigram_file() -> tuple[Path, str]:
    """The installed symspellpy's bigram list, found without importing the package."""
    dist = metadata.distribution("symspellpy")
    for file in dist.files or ():
        if file.name == BIGRAMS:
            return Path(dist.locate_file(file)), dist.version
    raise SystemExit(f"symspellpy {dist.version} ships no {BIGRAMS}")


def build_text(keep: Callable[[str, str], bool]) -> str:
    """The file's text: every bigram (first, second) that ``keep`` accepts."""
    path, version = bigram_file()
    profiles: dict[str, dict[str, float]] = {}
    words = path.read_text(encoding="utf-8").split()
    for first, second, count in zip(words[0::3], words[1::3], words[2::3], strict=True):
        if keep(first, second):
            profiles.setdefault(first, {})[second] = int(count) / 1e6
    return HEADER.format(version=version, name=BIGRAMS) + format_profiles(profiles)


def outputs() -> dict[Path, str]:
    adjectives = adjectives_counted()
    return {DATA / "preposition_bigrams.tsv": build_text(lambda _, second: second in CONFUSABLE),
            DATA / "adjective_bigrams.tsv": build_text(lambda first, _: first in adjectives)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    built = outputs()
    if args.check:
        return 0 if all(p.read_text(encoding="utf-8") == t for p, t in built.items()) else 1
    for path, text in built.items():
        atomic_write_text(path, text)
        print(f"wrote {path} ({text.count(chr(10)) - 2} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
