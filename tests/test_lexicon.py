"""The shared lexicon machinery: pattern syntax, validation, user files, templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from textfix.errors import ConfigError
from textfix.lexicon import (
    Lexicon,
    compile_pattern,
    inflect_verb,
    load_entries,
    load_glossary,
    parse_entry,
    render,
    shipped,
)


def entry(**raw):
    base = {"id": "x", "pattern": "reduce (the) leg", "message": "m.", "suggestions": ["s"]}
    return parse_entry({**base, **raw}, "test.yaml, entry 1")


def matches(nlp, raw: dict, text: str):
    lexicon = Lexicon([entry(**raw)], nlp.vocab)
    return lexicon.matches(nlp(text))


def test_shipped_files_are_valid_and_big_enough():
    calques = load_entries([shipped("calques.yaml")])
    entries, concepts = load_glossary([shipped("glossary.yaml")])
    assert len(calques) >= 50
    assert len(entries) >= 20
    assert {c.id for c in concepts} >= {"muscle-cramp", "flat-feet"}
    assert all(e.suggestions for e in calques), "every calque needs a replacement"


@pytest.mark.parametrize(
    "text", ["It reduces the leg.", "They reduce legs.", "It reduces the legs."]
)
def test_lemma_pattern_with_optional_token_matches_inflections(nlp, text):
    found = matches(nlp, {}, text)
    assert [m.entry.id for m in found] == ["x"]


def test_pos_constraint_and_exact_form(nlp):
    assert matches(nlp, {"pattern": "=humans"}, "In humans it hurts.")
    assert not matches(nlp, {"pattern": "=humans"}, "In a human it hurts.")
    assert not matches(nlp, {"pattern": "reduce:NOUN"}, "It reduces pain.")
    assert matches(nlp, {"pattern": "reduce:VERB|AUX"}, "It reduces pain.")


def test_a_singular_noun_in_s_matches_although_spacy_cuts_its_lemma(nlp):
    """spaCy lemmatises "diabetes" as "diabete"; a pattern naming "diabetes" still matches."""
    text = "At diabetes the wounds heal slowly."
    assert nlp(text)[1].lemma_ == "diabete"  # the case this test is about
    assert matches(nlp, {"pattern": "at {x=diabetes|asthma}"}, text)
    assert matches(nlp, {"pattern": "measles"}, "Measles spreads fast.")


def test_a_slot_restricted_to_forms_tells_object_pronouns_from_subjects(nlp):
    raw = {"pattern": "{w=say|explain} {p==us|them}", "suggestions": ["{w} to {p}"]}
    [m] = matches(nlp, raw, "The nurse explained us the risks.")
    assert render("{w} to {p}", m) == "explained to us"
    assert not matches(nlp, raw, "The nurses said we should rest.")  # "we": lemma of "us"


def test_slots_capture_words_for_suggestions(nlp):
    raw = {"pattern": "violation of (the) {x:ADJ|NOUN}+", "suggestions": ["impaired {x}"]}
    [m] = matches(nlp, raw, "Violation of venous outflow leads to swelling.")
    assert m.span.text == "Violation of venous outflow"
    assert render("impaired {x}", m) == "Impaired venous outflow"


def test_plural_and_verb_templates(nlp):
    [m] = matches(nlp, {"pattern": "tight diet"}, "Tight diets are risky.")
    assert render("strict diet{s}", m) == "Strict diets"
    [m] = matches(nlp, {}, "It often reduces the legs.")
    assert render("{v:cause} leg cramps", m) == "causes leg cramps"
    assert inflect_verb("cause", "VBD") == "caused"
    assert inflect_verb("occur", "VBZ") == "occurs"
    assert inflect_verb("carry", "VBZ") == "carries"
    assert inflect_verb("spread", "VBD") == "spread"  # irregular: no "spreaded"
    assert inflect_verb("recur", "VBZ") == "recurs"
    assert inflect_verb("recur", "VBD") == "recurred"  # the final consonant doubled


def test_context_require_forbid_and_neighbours(nlp):
    ctx = {"pattern": "convulsion", "context": {"require": ["calf"], "forbid": ["epilepsy"]}}
    assert matches(nlp, ctx, "Convulsions of the calf at night.")
    assert not matches(nlp, ctx, "Convulsions at night.")
    assert not matches(nlp, ctx, "Convulsions of the calf in epilepsy.")
    nxt = {"context": {"next_not": ["NOUN"]}}
    assert matches(nlp, nxt, "Cold water can reduce legs.")
    assert not matches(nlp, nxt, "Elevation can reduce leg swelling.")


def test_marks_apply_to_every_alternative_and_captured_words_count_as_context(nlp):
    assert matches(nlp, {"pattern": "=legs|=calves"}, "My calves hurt.")
    raw = {"pattern": "violation of (the) {x:NOUN}+", "suggestions": ["impaired {x}"],
           "context": {"forbid": ["law"]}}
    assert matches(nlp, raw, "Violation of circulation causes numbness.")
    assert not matches(nlp, raw, "Sharing the data is a violation of the law.")


def test_a_slot_moved_from_the_sentence_start_loses_its_capital(nlp):
    raw = {"pattern": "{d=drug} of the {x:ADJ|NOUN|PROPN}+ group", "suggestions": ["{x} {d}"]}
    [m] = matches(nlp, raw, "Drugs of the statin group lower cholesterol.")
    assert render("{x} {d}", m) == "Statin drugs"


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ({"id": "Bad Id"}, "id must be"),
        ({"pattern": "reduce (the leg"}, "parentheses"),
        ({"pattern": "leg:NOUNY"}, "part of speech"),
        ({"message": ""}, "message"),
        ({"confidence": 1.5}, "confidence"),
        ({"suggestions": ["{y} cramps"]}, "placeholder {y}"),
        ({"sugestions": ["x"]}, "unknown key"),
        ({"context": {"window": "page"}}, "window"),
        ({"pattern": "leg|=calf"}, "mark the whole token"),
    ],
)
def test_bad_entries_are_refused_with_file_and_entry(raw, needle):
    with pytest.raises(ConfigError) as info:
        entry(**raw)
    assert "test.yaml, entry 1" in str(info.value)
    assert needle in str(info.value)


def test_malformed_user_yaml_names_file_and_entry(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "entries:\n"
        "  - {id: good, pattern: 'tight diet', message: 'Say strict.', suggestions: [strict]}\n"
        "  - {id: broken, pattern: '', message: 'x'}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"mine\.yaml, entry 2 \(broken\)"):
        load_entries([path])


def test_duplicate_ids_in_one_file_are_refused(tmp_path: Path):
    path = tmp_path / "dup.yaml"
    path.write_text(
        "- {id: a, pattern: leg, message: m}\n- {id: a, pattern: calf, message: m}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="duplicate id"):
        load_entries([path])


def test_tsv_file_adds_entries_and_later_files_override(tmp_path: Path):
    path = tmp_path / "extra.tsv"
    path.write_text(
        "id\tpattern\tmessage\tsuggestions\tconfidence\trequire\tforbid\twindow\n"
        "# a comment line\n"
        "hot-flushes\thot flush;hot flash\tSay hot flashes.\thot flashes;flushes\t0.4\t\t\t\n"
        "tight-diet\ttight diet\tOverride.\tstrict diet{s}\n",
        encoding="utf-8",
    )
    entries = {e.id: e for e in load_entries([shipped("calques.yaml"), path])}
    assert entries["hot-flushes"].patterns == ("hot flush", "hot flash")
    assert entries["hot-flushes"].suggestions == ("hot flashes", "flushes")
    assert entries["hot-flushes"].confidence == 0.4
    assert entries["tight-diet"].message == "Override."


def test_tsv_with_too_few_columns_is_refused(tmp_path: Path):
    path = tmp_path / "bad.tsv"
    path.write_text("only-id\tpattern\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.tsv"):
        load_entries([path])


def test_pattern_optional_group_expands():
    assert len(compile_pattern("against (the) background (of the)", "t")) == 2
    with pytest.raises(ConfigError):
        compile_pattern("(the)", "t")


def test_pattern_pos_tags_are_spacys_universal_tags():
    """The lexicon names the tags without importing spaCy; they must stay spaCy's own."""
    from spacy.parts_of_speech import IDS

    from textfix.lexicon import UPOS

    assert {p for p in IDS if p.isupper() and p} == UPOS


def test_the_matcher_is_skipped_exactly_where_no_pattern_can_match(nlp):
    """``could_match`` looks patterns up by their words instead of trying each on each doc; it
    must say what trying every pattern says, or a calque would go unflagged."""
    calques = Lexicon(load_entries([shipped("calques.yaml")]), nlp.vocab)
    texts = ["The pain reduces the leg at night.", "Drink water.", "Against the background "
             "of stress the organism weakens.", "Leg cramps can be a sign of a disease.", "",
             "Wash hands often and stay home when sick."]
    for doc in nlp.pipe(texts):
        words = frozenset(t.lower_ for t in doc) | frozenset(t.lemma_.lower() for t in doc)
        every = any(all(need & words for need in needs) for needs in calques._needs)
        assert calques.could_match(doc) == every
    assert any(calques.could_match(doc) for doc in nlp.pipe(texts))
    assert not all(calques.could_match(doc) for doc in nlp.pipe(texts))
    optional = Lexicon([entry(pattern="(very) ill")], nlp.vocab)
    assert optional.could_match(nlp("He is ill.")) and not optional.could_match(nlp("Fine."))
