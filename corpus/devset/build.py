"""Build mt.jsonl from mt_source.txt (the team's marked-up sentences).

Markup: ``{awkward span|fix|another fix}`` or ``{span|fix@family}``; a ``## family`` line sets
the family of the spans after it and the primary family of each sentence, which decides its
tune/test half: within each primary family a seeded shuffle puts half in tune, half in test.
``mt_source_tune2.txt``, a second batch written once the first tune half was worked through, is
all tune.

Usage: python corpus/devset/build.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAMILIES = ("preposition", "collocation", "genitive", "article", "intensity", "course", "passive")
MARK = re.compile(r"\{([^{}]+)\}")
SPLIT_SEED = 12


def parse_line(line: str, family: str) -> tuple[str, list[dict]]:
    text, spans, pos = [], [], 0
    length = 0
    for match in MARK.finditer(line):
        before = line[pos : match.start()]
        text.append(before)
        length += len(before)
        body, _, fam = match.group(1).partition("@")
        awkward, *fixes = body.split("|")
        fam = fam or family
        if fam not in FAMILIES or not fixes or not awkward:
            raise ValueError(f"bad span {match.group(0)!r} in {line!r}")
        spans.append({"start": length, "end": length + len(awkward), "family": fam,
                      "fixes": fixes})
        text.append(awkward)
        length += len(awkward)
        pos = match.end()
    text.append(line[pos:])
    if not spans:
        raise ValueError(f"no span in {line!r}")
    return "".join(text), spans


def read_source(source: Path) -> list[dict]:
    family, rows = None, []
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            family = line[3:].strip()
            continue
        if not line or line.startswith("#"):
            continue
        text, spans = parse_line(line, family)
        rows.append({"id": "", "text": text, "spans": spans, "primary": family})
    return rows


def build(source: Path = HERE / "mt_source.txt",
          tune_only: Path | None = HERE / "mt_source_tune2.txt") -> list[dict]:
    """The first batch split half and half; the later batch (``tune_only``) all tune, after it,
    so the first batch's ids and halves never change."""
    rows = read_source(source)
    rng = random.Random(SPLIT_SEED)
    for fam in FAMILIES:
        members = [r for r in rows if r["primary"] == fam]
        order = list(range(len(members)))
        rng.shuffle(order)
        for rank, k in enumerate(order):
            members[k]["split"] = "tune" if rank < len(members) // 2 else "test"
    if tune_only is not None:
        rows += [dict(row, split="tune") for row in read_source(tune_only)]
    counters: dict[str, int] = {}
    for row in rows:
        counters[row["primary"]] = counters.get(row["primary"], 0) + 1
        row["id"] = f"{row['primary'][:4]}-{counters[row['primary']]:03d}"
        del row["primary"]
    return rows


if __name__ == "__main__":
    rows = build()
    with open(HERE / "mt.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences written to {HERE / 'mt.jsonl'}")
