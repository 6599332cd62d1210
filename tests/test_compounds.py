"""The mined noun compounds behind ``collocation/genitive``: "B A" side by side against
"A of (the) B", plurals counted together, and the shipped file readable."""

from __future__ import annotations

from pathlib import Path

from textfix.lexicon.compounds import FILE, compound_table, mine


def test_side_by_side_pairs_are_counted_against_their_of_paraphrase():
    texts = ["Your blood sugar level is high. Check blood sugar often."] * 5 + \
        ["The level of sugar of the blood fell.", "Levels of the sugars vary."]
    table = mine(texts, min_count=5)
    assert table[("blood", "sugar")][:2] == (10, 1)  # "sugar of the blood"
    assert table[("sugar", "level")][:2] == (5, 2)  # "level of sugar", "levels of the sugars"


def test_the_article_is_counted_before_the_whole_compound_only():
    texts = (["Massage helps with muscle tone. The muscle tone is low. A heart attack is rare."] * 5
             + ["Low muscle tone is common. Check your muscle tone. The muscle tone test is short."]
             * 5)
    table = mine(texts, min_count=5)
    tone = table[("muscle", "tone")]
    # "Low muscle tone" (an adjective decides: a word that is not a function word stands
    # before it), "your muscle tone" and "the muscle tone test"
    # (a longer phrase) say nothing about the article of "muscle tone" on its own
    assert (tone.the, tone.a, tone.bare) == (5, 0, 5)
    attack = table[("heart", "attack")]
    assert (attack.the, attack.a, attack.bare) == (0, 5, 0)


def test_plural_heads_count_with_the_singular():
    table = mine(["Sugar levels rise after meals. The sugar level fell."] * 5, min_count=5)
    assert table[("sugar", "level")][:2] == (10, 0)


def test_pairs_seen_too_rarely_and_function_words_are_not_kept():
    table = mine(["The heart rate of the patient rose."] * 3, min_count=5)
    assert table == {}
    assert ("the", "heart") not in mine(["The heart rate rose."] * 9, min_count=5)


def test_the_shipped_file_knows_compounds_clean_text_prefers(tmp_path: Path):
    table = compound_table(str(FILE))
    n, of, *_ = table[("heart", "disease")]
    assert n >= 100 and of <= 0.05 * n
    assert compound_table(str(tmp_path / "missing.tsv")) == {}
