"""The analysed document: sentences with offsets into the original text."""

from __future__ import annotations

from textfix.ingest import document_from_text
from textfix.stages.analyse import analyse


def test_sentence_around_a_span_is_the_one_that_holds_all_of_it(nlp):
    text = "Cramps come at night.\n\nRest helps. Water helps too."
    (adoc,) = analyse([document_from_text(text, doc_id="t")], nlp)
    start = text.index("Water")
    sentence = adoc.sentence_around(start, start + len("Water helps"))
    assert sentence is not None and text[sentence.start : sentence.end] == "Water helps too."
    first = adoc.sentence_around(0, 6)
    assert first is not None and first.text == "Cramps come at night."
    across = text.index("helps.")
    assert adoc.sentence_around(across, text.index("Water") + 2) is None  # crosses a boundary
