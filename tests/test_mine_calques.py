"""Mining calque candidates from post-edits: recurring, consistent edits become entries; shapes
post-editors leave alone, or that clean English uses, do not."""

from __future__ import annotations

import gzip

import pytest

from textfix.lexicon import load_entries
from textfix.training.mine_calques import Pair, mine, mine_calques, pattern_of, split_halves

NOUNS = ["age", "dose", "weather", "diet", "sleep", "season", "stress", "weight", "sex", "time",
         "genes", "food"]


def pair(words: str, pos: str, edits=()) -> Pair:
    tokens = words.split()
    lemmas = [{"depends": "depend", "is": "be"}.get(t, t.lower()) for t in tokens]
    return Pair(tuple(tokens), tuple(lemmas), tuple(pos.split()), tuple(edits))


def depends_from(noun: str, edited: bool = True) -> Pair:
    # "Risk depends from <noun> ." with "from" -> "on" when edited
    return pair(f"Risk depends from {noun} .", "NOUN VERB ADP NOUN PUNCT",
                [(2, 3, "on")] if edited else [])


def test_a_recurring_consistent_edit_becomes_a_generalised_candidate():
    mining = [depends_from(n) for n in NOUNS[:8]]
    validation = [depends_from(n) for n in NOUNS[8:]]
    candidates, _ = mine(mining, validation, clean=[])
    kept = [c for c in candidates if not c.dropped]
    assert kept, [c.dropped for c in candidates]
    best = kept[0]
    assert "from:ADP" in pattern_of(best.shape)
    assert "on" in best.suggestion.split()
    # one shape covers them all: the more specific variants are dropped as covered
    assert len(kept) == 1
    assert any(c.dropped.startswith("covered") for c in candidates)


def test_shapes_post_editors_mostly_keep_or_clean_text_uses_are_dropped():
    mining = [depends_from(n) for n in NOUNS[:8]]
    # on the validation half post-editors leave the phrase alone in most sentences
    validation = [depends_from(n, edited=i == 0) for i, n in enumerate(NOUNS[8:])]
    candidates, _ = mine(mining, validation, clean=[])
    assert candidates and all(c.dropped for c in candidates)
    assert any("validation precision" in c.dropped for c in candidates)

    validation = [depends_from(n) for n in NOUNS[8:]]
    clean = [depends_from(n, edited=False) for n in NOUNS]  # clean English says it too
    candidates, _ = mine(mining, validation, clean)
    assert all(c.dropped for c in candidates)
    assert any("clean MedQuAD" in c.dropped for c in candidates)


def test_halves_are_seeded_and_disjoint():
    a, b = split_halves(101, seed=3)
    assert split_halves(101, seed=3) == (a, b)
    assert not set(a) & set(b) and sorted(a + b) == list(range(101))
    assert split_halves(101, seed=4) != (a, b)


@pytest.mark.slow
def test_the_command_writes_a_loadable_lexicon_with_its_counts(tmp_path):
    folder = tmp_path / "mlqe-pe-ru-en" / "ru-en-train"
    folder.mkdir(parents=True)
    mt, pe = [], []
    for noun in NOUNS * 2:
        mt.append(f"The risk depends from the {noun} .")
        pe.append(f"The risk depends on the {noun} .")
    for noun in NOUNS:
        mt.append(f"The {noun} matters a lot .")
        pe.append(f"The {noun} matters a lot .")
    (folder / "train.mt").write_text("\n".join(mt) + "\n")
    (folder / "train.pe").write_text("\n".join(pe) + "\n")
    (folder / "train.hter").write_text("\n".join(["0.1"] * len(mt)) + "\n")
    (folder / "train.tags").write_text("")  # marks the folder as MLQE-PE's
    (tmp_path / "medquad").mkdir()
    answers = [f"Answer {i} says the outcome depends on the dose ." for i in range(60)]
    with gzip.open(tmp_path / "medquad" / "answers.txt.gz", "wt") as f:
        f.write("\n".join(answers) + "\n")

    out = tmp_path / "candidates.yaml"
    figures = mine_calques(tmp_path, out, seed=0)
    text = out.read_text()
    assert figures["kept"] >= 1 and f"# kept: {figures['kept']}" in text
    assert "# dropped, by reason:" in text
    entries = load_entries([out])
    assert len(entries) == figures["kept"]
    assert any("from" in e.patterns[0] and "on" in e.suggestions[0] for e in entries)
