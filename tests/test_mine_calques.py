"""Mining calque candidates from post-edits: recurring, consistent edits become entries; shapes
post-editors leave alone, or that clean English uses, do not."""

from __future__ import annotations

import gzip

import pytest

from textfix.lexicon import load_entries
from textfix.training.data import medquad_sentences
from textfix.training.lm import split_answers
from textfix.training.mine_calques import (
    Pair,
    clean_sentences,
    mine,
    mine_calques,
    pattern_of,
    split_halves,
)

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


def comes_from(noun: str, edited: bool = False) -> Pair:
    # "from" where English keeps it: the baseline the "depends from" context is compared with
    return pair(f"Help comes from {noun} .", "NOUN VERB ADP NOUN PUNCT",
                [(2, 3, "with")] if edited else [])


def test_a_recurring_consistent_edit_becomes_a_generalised_candidate():
    mining = [depends_from(n) for n in NOUNS[:8]] + [comes_from(n) for n in NOUNS[:8]]
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
    mining = [depends_from(n) for n in NOUNS[:8]] + [comes_from(n) for n in NOUNS[:8]]
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


def test_words_post_editors_change_in_every_context_are_no_context_shape():
    # "from" is changed after "comes" as often as after "depends": no context makes it wrong
    mining = [depends_from(n) for n in NOUNS[:8]] + [comes_from(n, True) for n in NOUNS[:8]]
    validation = [depends_from(n) for n in NOUNS[8:]]
    candidates, reasons = mine(mining, validation, clean=[])
    assert not [c for c in candidates if "depend" in pattern_of(c.shape)]
    assert any("as often as its words anywhere" in reason for reason in reasons)


def test_the_same_word_respelled_is_not_a_calque():
    def roubles(n: int) -> Pair:
        return pair(f"It costs {n} roubles .", "PRON VERB NUM NOUN PUNCT", [(3, 4, "rubles")])

    def kept(noun: str) -> Pair:  # "roubles" left alone elsewhere: the number makes it wrong
        return pair(f"Prices of {noun} in roubles rose .", "NOUN ADP NOUN ADP NOUN VERB PUNCT")

    mining = [roubles(n) for n in range(8)] + [kept(n) for n in NOUNS]
    validation = [roubles(n) for n in range(8, 14)] + [kept(n) for n in NOUNS]
    candidates, reasons = mine(mining, validation, clean=[])
    assert not [c for c in candidates if "rouble" in pattern_of(c.shape)]
    assert any("respelled" in reason for reason in reasons)


def test_clean_sentences_come_from_answers_the_lm_trained_on(tmp_path):
    (tmp_path / "medquad").mkdir()
    answers = [f"Answer number {i} explains the condition in plain words ." for i in range(200)]
    with gzip.open(tmp_path / "medquad" / "answers.txt.gz", "wt") as f:
        f.write("\n".join(answers) + "\n")
    trained, held_out = split_answers(answers, 0)
    clean = clean_sentences(tmp_path, seed=1, count=1000)
    assert clean and set(clean) <= set(medquad_sentences(trained))
    assert not set(clean) & set(medquad_sentences(held_out))
    assert len(clean_sentences(tmp_path, seed=1, count=10)) == 10


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
        for _ in range(2):
            mt.append(f"Help comes from the {noun} .")
            pe.append(f"Help comes from the {noun} .")
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
