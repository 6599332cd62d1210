"""Build ``src/textfix/data/preposition_bigrams.tsv``: how often general English puts each of the
governed-preposition checks' prepositions right after a word (``collocation/general_english``).

Source: the Google Books bigram list (243,342 bigrams seen at least 6.4M times) that the
``symspellpy`` package ships (MIT licence; a dev dependency, read from the installed package, never
fetched). Only bigrams whose second word is a preposition of ``governed.CONFUSABLE`` are kept,
counts in millions; seconds to run.

Usage: python scripts/build_preposition_bigrams.py [--check]
    --check  exit 1 when the shipped file differs from what the installed package gives
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from textfix.atomic import atomic_write_text
from textfix.checks.collocation.general_english import format_profiles
from textfix.checks.collocation.governed import CONFUSABLE

OUT = Path(__file__).resolve().parents[1] / "src/textfix/data/preposition_bigrams.tsv"
BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
HEADER = ("# built by scripts/build_preposition_bigrams.py from symspellpy {version}'s {name} "
          "(Google Books bigrams seen at least 6.4M times; MIT licence)\n"
          "# word<TAB>preposition=millions of uses right after the word ...\n")


def bigram_file() -> tuple[Path, str]:
    """The installed symspellpy's bigram list, found without importing the package."""
    dist = metadata.distribution("symspellpy")
    for file in dist.files or ():
        if file.name == BIGRAMS:
            return Path(dist.locate_file(file)), dist.version
    raise SystemExit(f"symspellpy {dist.version} ships no {BIGRAMS}")


def build_text() -> str:
    path, version = bigram_file()
    profiles: dict[str, dict[str, float]] = {}
    words = path.read_text(encoding="utf-8").split()
    for word, prep, count in zip(words[0::3], words[1::3], words[2::3], strict=True):
        if prep in CONFUSABLE:
            profiles.setdefault(word, {})[prep] = int(count) / 1e6
    return HEADER.format(version=version, name=BIGRAMS) + format_profiles(profiles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = build_text()
    if args.check:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    atomic_write_text(OUT, text)
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
