"""Long blocks (a single-line file, a huge ``--lines`` line) are parsed in pieces, offsets kept.

Without the cut, spaCy refuses a text above ``nlp.max_length`` (E088) and a single long ``Doc``
makes time and memory grow faster than the input. These tests stay fast: a blank spaCy pipeline
for the megabyte case, and a lowered ``max_length`` for the command line.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
import spacy

from textfix.cli import main
from textfix.ingest import document_from_text
from textfix.stages.analyse import MAX_BLOCK_CHARS, analyse, block_spans

SENTENCES = (
    "Cramps in the calf come at night.",
    "Drink water before sleep and stretch the muscle gently.",
    "A doctor checks the level of magnesium in the blood.",
)


def long_line(chars: int) -> str:
    words = []
    size = 0
    k = 0
    while size < chars:
        sentence = SENTENCES[k % len(SENTENCES)]
        words.append(sentence)
        size += len(sentence) + 1
        k += 1
    return " ".join(words)[:chars]


def test_pieces_cover_the_text_at_sentence_ends_and_never_exceed_the_limit():
    text = long_line(50_000)
    spans = block_spans(text, 0, len(text), limit=1_000)
    assert all(0 < end - start <= 1_000 for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    # only spaces fall between pieces, so no word is lost
    gaps = [text[a_end:b_start] for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)]
    assert all(gap.strip() == "" for gap in gaps)
    assert sum(b - a for a, b in spans) + sum(len(g) for g in gaps) == len(text)
    assert all(text[end - 1] == "." for _, end in spans[:-1])  # cut after a sentence


def test_a_word_longer_than_the_limit_is_cut_between_graphemes():
    word = "tempe\u0301rature" * 300  # combining accent after every "e"
    spans = block_spans(word, 0, len(word), limit=500)
    assert all(end - start <= 500 for start, end in spans)
    for start, _ in spans:
        assert not unicodedata.combining(word[start])  # no piece starts with a bare accent
    assert spans[0][0] == 0 and spans[-1][1] == len(word)
    assert sum(b - a for a, b in spans) == len(word)


@pytest.mark.slow
def test_a_megabyte_single_line_is_analysed_with_offsets_into_the_original():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = long_line(1_200_000)
    assert "\n" not in text and len(text) > nlp.max_length
    (adoc,) = analyse([document_from_text(text, doc_id="big")], nlp)
    assert len(adoc.blocks) > 1
    assert all(len(block.doc.text) <= MAX_BLOCK_CHARS for block in adoc.blocks)
    for block in adoc.blocks:
        assert text[block.offset : block.offset + len(block.doc.text)] == block.doc.text
    last = adoc.blocks[-1]
    token = last.doc[-2]
    assert text[last.char_start(token) : last.char_end(token)] == token.text
    sentence = adoc.sentence_at(len(text) - 10)
    assert sentence is not None and text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("lines", [False, True])
def test_a_line_longer_than_spacy_max_length_is_checked(tmp_path, capsys, nlp, monkeypatch,
                                                        lines):
    monkeypatch.setattr(nlp, "max_length", 6_000)  # the shared pipeline the command line loads
    calque = "Against the background of stress, the organism reacts badly."
    line = long_line(9_000) + " " + calque + " " + long_line(3_000)
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    out = tmp_path / "report.json"
    code = main(["check", "--no-models", "--checks", "calque", "-q", "--format", "json",
                 "--report", str(out), *(["--lines"] if lines else []), str(path)])
    assert code == 1, capsys.readouterr().err
    (record,) = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert record["text"] == line
    flagged = [line[i["start"] : i["end"]] for i in record["issues"]]
    assert "Against the background of" in flagged
    at = next(i for i in record["issues"] if i["rule"] == "calque/against-the-background-of")
    assert at["start"] == line.index(calque) > nlp.max_length
