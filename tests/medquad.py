"""Clean professional health sentences from MedQuAD (read by path from ../shared) for the
false-alarm tests of each check."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

MEDQUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "medquad" / "answers.txt.gz"


def medquad_sentences(nlp, n: int, seed: int = 1234) -> list[str]:
    """``n`` sentences of four words or more from random MedQuAD answers, two per answer."""
    with gzip.open(MEDQUAD, "rt", encoding="utf-8") as fh:
        answers = [line.strip() for line in fh if line.strip()]
    rng = random.Random(seed)
    rng.shuffle(answers)
    sentences: list[str] = []
    for doc in nlp.pipe((a[:3000] for a in answers), batch_size=64):
        found = [s.text.strip() for s in doc.sents if sum(not t.is_punct for t in s) >= 4]
        sentences.extend(rng.sample(found, min(2, len(found))))
        if len(sentences) >= n:
            break
    return sentences[:n]


def flagged_clean_sentences(nlp, check, n: int = 300) -> tuple[list[str], int]:
    """The sentences among ``n`` clean MedQuAD ones that ``check`` flags, each checked as its own
    one-paragraph document; skips the test when the data is absent."""
    import pytest

    from textfix.records import Document, Segment
    from textfix.stages.analyse import analyse

    if not MEDQUAD.exists():
        pytest.skip(f"{MEDQUAD} is not present")
    sentences = medquad_sentences(nlp, n)
    documents = [Document(id=str(k), text=s, segments=[Segment(0, len(s), "paragraph")])
                 for k, s in enumerate(sentences)]
    return [a.text for a in analyse(documents, nlp) if list(check.check(a))], len(sentences)
