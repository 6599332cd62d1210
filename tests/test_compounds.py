"""The mined noun compounds behind ``collocation/genitive``: "B A" side by side against
"A of (the) B", plurals counted together, and the shipped file readable."""

from __future__ import annotations

from pathlib import Path

from textfix.lexicon.compounds import FILE, compound_table, mine


def test_side_by_side_pairs_are_counted_against_their_of_paraphrase():
    texts = ["Your blood sugar level is high. Check blood sugar often."] * 5 + \
        ["The level of sugar of the blood fell.", "Levels of the sugars vary."]
    table = mine(texts, min_count=5)
    assert table[("blood", "sugar")] == (10, 1)  # "sugar of the blood"
    assert table[("sugar", "level")] == (5, 2)  # "level of sugar", "levels of the sugars"


def test_plural_heads_count_with_the_singular():
    table = mine(["Sugar levels rise after meals. The sugar level fell."] * 5, min_count=5)
    assert table[("sugar", "level")] == (10, 0)


def test_pairs_seen_too_rarely_and_function_words_are_not_kept():
    table = mine(["The heart rate of the patient rose."] * 3, min_count=5)
    assert table == {}
    assert ("the", "heart") not in mine(["The heart rate rose."] * 9, min_count=5)


def test_the_shipped_file_knows_compounds_clean_text_prefers(tmp_path: Path):
    table = compound_table(str(FILE))
    n, of = table[("heart", "disease")]
    assert n >= 100 and of <= 0.05 * n
    assert compound_table(str(tmp_path / "missing.tsv")) == {}
