"""Readers of the public training and evaluation data: MedQuAD answers, MLQE-PE word tags and
post-edits, and JFLEG (even lines train, odd lines are held out)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..detok import detokenize
from ..errors import InputError
from ..models.words import word_tags


@dataclass
class MlqeExample:
    tokens: list[str]  # tokenized MT
    pe: str  # tokenized post-edit
    bad: list[bool]  # one per MT token
    hter: float


def find_medquad(data: Path) -> Path:
    for candidate in (data / "medquad" / "answers.txt.gz", data / "answers.txt.gz"):
        if candidate.is_file():
            return candidate
    raise InputError(f"no medquad/answers.txt.gz under {data}")


def find_mlqe(data: Path, split: str) -> Path:
    for candidate in (data / "mlqe-pe-ru-en" / f"ru-en-{split}", data / f"ru-en-{split}", data):
        if list(candidate.glob(f"{split}.tags")) or (
            candidate == data and list(candidate.glob("*.tags"))
        ):
            return candidate
    raise InputError(f"no MLQE-PE {split} folder (*.mt, *.pe, *.tags, *.hter) under {data}")


def read_medquad(path: Path, limit: int | None = None) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = []
        for line in f:
            if line.strip():
                lines.append(line.strip())
            if limit and len(lines) >= limit:
                break
    return lines


def mlqe_lines(folder: Path, ext: str) -> list[str]:
    """The lines of an MLQE-PE folder's (first) ``*.ext`` file."""
    files = sorted(folder.glob(f"*.{ext}"))
    if not files:
        raise InputError(f"no *.{ext} file in {folder}")
    return files[0].read_text(encoding="utf-8").splitlines()


def read_mlqe(folder: Path, limit: int | None = None) -> list[MlqeExample]:
    """Read an MLQE-PE-style folder: one ``*.mt``, ``*.pe``, ``*.tags`` and ``*.hter`` file."""
    mt, pe, tags, hter = (mlqe_lines(folder, ext) for ext in ("mt", "pe", "tags", "hter"))
    if not len(mt) == len(pe) == len(tags) == len(hter):
        raise InputError(f"{folder}: *.mt, *.pe, *.tags and *.hter differ in line count")
    examples = []
    for m, p, t, h in zip(mt, pe, tags, hter, strict=True):
        tokens = m.split()
        bad = word_tags(t)
        if len(bad) != len(tokens):
            raise InputError(f"{folder}: a line has {len(tokens)} words but {len(bad)} word tags")
        examples.append(MlqeExample(tokens, p, bad, float(h)))
        if limit and len(examples) >= limit:
            break
    return examples


def _mlqe_english(data: Path, tiny: bool) -> list[str]:
    """MLQE-PE train MT and post-edits, so the shared vocabulary also covers general English."""
    try:
        examples = read_mlqe(find_mlqe(data, "train"), limit=240 if tiny else None)
    except InputError:
        return []
    return [detokenize(" ".join(ex.tokens)) for ex in examples] + [
        detokenize(ex.pe) for ex in examples
    ]



SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")


def medquad_sentences(answers: Sequence[str], min_words: int = 5,
                      max_words: int = 35) -> list[str]:
    """Prose sentences of MedQuAD answers: bullets, headings and lists are left out."""
    seen: set[str] = set()
    out = []
    for answer in answers:
        for part in re.split(r"\s+-\s+|\s*:\s+-\s*", answer):
            for sentence in SENTENCE_END_RE.split(part.strip()):
                sentence = sentence.strip()
                n = len(sentence.split())
                if not min_words <= n <= max_words or sentence[-1:] not in ".!?":
                    continue
                if not sentence[:1].isupper() or not sentence.isascii() or sentence in seen:
                    continue
                seen.add(sentence)
                out.append(sentence)
    return out


def jfleg_split(folder: Path) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """JFLEG dev as (source, references): even lines (0, 2, ...) train, odd lines held out."""
    src, refs = read_jfleg(folder)
    rows = [(detokenize(s), [detokenize(r[i]) for r in refs]) for i, s in enumerate(src)]
    return rows[0::2], rows[1::2]


def find_jfleg(data: Path) -> Path:
    for candidate in (data / "jfleg-dev", data / "jfleg", data):
        if list(candidate.glob("*.src")):
            return candidate
    raise InputError(f"no JFLEG folder (*.src, *.ref0..3) under {data}")



JFLEG_LINES = {"all": slice(None), "even": slice(0, None, 2), "odd": slice(1, None, 2)}


def read_jfleg(folder: Path, limit: int | None = None,
               lines: str = "all") -> tuple[list[str], list[list[str]]]:
    """Sources and references; ``lines="odd"`` keeps the half textfix never trains or tunes on
    (the rewriter trains on the even lines, the LM-ranking thresholds were read off them)."""
    sources = sorted(folder.glob("*.src"))
    if not sources:
        raise InputError(f"no *.src file in {folder}")
    src = sources[0].read_text(encoding="utf-8").splitlines()
    refs = [p.read_text(encoding="utf-8").splitlines()
            for p in sorted(folder.glob(f"{sources[0].stem}.ref*"))]
    if not refs or any(len(r) != len(src) for r in refs):
        raise InputError(f"{folder}: need *.ref0.. files with as many lines as {sources[0].name}")
    part = JFLEG_LINES[lines]
    src, refs = src[part], [r[part] for r in refs]
    if limit:
        src, refs = src[:limit], [r[:limit] for r in refs]
    return src, refs
