"""The guard's word tables are data files; a mistyped table must fail loudly, not unprotect."""

import pytest

from textfix.errors import ConfigError
from textfix.stages.guard import Guard, tables


def test_yaml_booleans_in_a_word_table_are_refused():
    # unquoted `no` / `on` in YAML read as False / True: the word would silently stop counting
    with pytest.raises(ConfigError, match="quote"):
        tables._strings({"stopwords": ["the", False]}, "stopwords")
    with pytest.raises(ConfigError, match="negations"):
        tables._mapping({"negations": {"not": "not", False: "no"}}, "negations", str)


def test_the_special_yaml_words_are_loaded_as_words():
    assert tables.NEGATIONS["no"] == "no"
    assert {"on", "off"} <= tables.STOPWORDS
    assert "On" in tables.NAME_STOPWORDS


def test_tables_from_data_files_protect_doses_and_negations():
    guard = Guard()
    text = "Take 5 mg twice a day; do not drink alcohol."
    assert guard.reasons(text, 7, 9, "g")  # a unit from guard_units.yaml
    assert guard.reasons(text, 10, 15, "three times")  # a times word from guard_numbers.yaml
    assert guard.reasons(text, 26, 29, "no")  # "not" -> "no" are different negations
    assert guard.reasons(text, 5, 6, "five") == []  # number words count by value
