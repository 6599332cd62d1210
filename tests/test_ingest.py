"""Reading every input format, segment offsets, and writing corrections back in the same format."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.atomic import atomic_write_bytes, atomic_write_text
from textfix.ingest import (
    InputOptions,
    corrected_filename,
    document_from_text,
    read_path,
    render_corrected,
)
from textfix.ingest.boilerplate import mark_boilerplate
from textfix.ingest.segment import segment_text
from textfix.records import Document, Edit, Result
from textfix.stages.apply import apply_edits

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def result(doc: Document, edits: list[Edit] | None = None) -> Result:
    return Result(document=doc, issues=[], edits=edits or [], corrected="")


def edit_of(doc: Document, old: str, new: str) -> Edit:
    start = doc.text.index(old)
    return Edit(start, start + len(old), new)


def assert_segments_valid(doc: Document) -> None:
    """Offsets point into the text, in order, without overlap and without surrounding spaces."""
    previous_end = 0
    for seg in doc.segments:
        piece = doc.text[seg.start : seg.end]
        assert 0 <= previous_end <= seg.start < seg.end <= len(doc.text), seg
        assert piece == piece.strip(), seg
        previous_end = seg.end


# --- text and markdown ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.txt", "notes.md"])
def test_text_round_trip_is_byte_identical(name: str) -> None:
    path = FIXTURES / name
    (doc,) = read_path(path)
    assert doc.format == ("markdown" if name.endswith(".md") else "text")
    assert render_corrected([result(doc)]).encode("utf-8") == path.read_bytes()
    assert_segments_valid(doc)


def test_text_with_crlf_and_bom_round_trips_and_offsets_match(tmp_path: Path) -> None:
    raw = FIXTURES.joinpath("article.txt").read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    (doc,) = read_path(path)
    assert not doc.text.startswith("\ufeff")  # offsets count from the first real character
    assert doc.warnings == []
    content = [s for s in doc.segments if s.kind != "boilerplate"]
    assert all("\r" not in doc.text[s.start : s.end] for s in content)
    assert render_corrected([result(doc)]).encode("utf-8") == path.read_bytes()
    edit = edit_of(doc, "Doctors allocate", "Doctors distinguish")
    out = render_corrected([result(doc, [edit])]).encode("utf-8")
    assert out == path.read_bytes().replace(b"Doctors allocate", b"Doctors distinguish")


def test_one_edit_changes_only_its_span() -> None:
    (doc,) = read_path(FIXTURES / "article.txt")
    original = (FIXTURES / "article.txt").read_text(encoding="utf-8")
    edit = edit_of(doc, "arises after a plentiful meal", "comes after a heavy meal")
    out = render_corrected([result(doc, [edit])])
    assert out == original.replace("arises after a plentiful meal", "comes after a heavy meal")


def test_markdown_segments_skip_markers_front_matter_and_code() -> None:
    (doc,) = read_path(FIXTURES / "notes.md")
    pieces = [(s.kind, doc.text[s.start : s.end]) for s in doc.segments]
    assert pieces[0] == ("heading", "Leg cramps at night")
    assert ("heading", "What helps") in pieces
    assert ("list_item", "stretch the calf muscle;") in pieces
    assert ("list_item", "Potassium. Its lack is felt at intensive sports.") in pieces
    assert not any("print(" in p or "title:" in p for _, p in pieces)
    # a hard-wrapped paragraph stays one segment
    wrapped = [p for k, p in pieces if p.startswith("Cramps at night")]
    assert len(wrapped) == 1 and wrapped[0].endswith("fall asleep again.")
    assert doc.metadata["title"] == "Leg cramps at night"


def test_heading_line_above_paragraph_is_its_own_segment() -> None:
    doc = document_from_text("Pain in the joints: the main reasons\nThe joints hurt for many "
                             "reasons. Doctors divide them into three groups.\n")
    kinds = [(s.kind, doc.text[s.start : s.end]) for s in doc.segments]
    assert kinds == [
        ("heading", "Pain in the joints: the main reasons"),
        ("paragraph", "The joints hurt for many reasons. Doctors divide them into three groups."),
    ]
    assert doc.metadata["title"] == "Pain in the joints: the main reasons"


def test_semicolon_list_lines_are_list_items() -> None:
    text = ("The lack of iron is caused by:\n\npoor nutrition;\nheavy periods;\n"
            "diseases of the intestine.\nThe doctor will choose the treatment.\n")
    doc = document_from_text(text)
    kinds = [(s.kind, doc.text[s.start : s.end]) for s in doc.segments]
    assert kinds[1:4] == [("list_item", "poor nutrition;"), ("list_item", "heavy periods;"),
                          ("list_item", "diseases of the intestine.")]
    assert kinds[4] == ("paragraph", "The doctor will choose the treatment.")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["", " ", "Title of it", "1. Item one.", "- dash item", "# Head", "a line, with comma,",
     "Sentence ends here.", "wrapped line of text that goes on", "Snippet cut…", "  ", "x;",
     "Continue reading →", "```", "\t", "Why so?"]), max_size=14),
    st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_segment_offsets_are_always_valid(lines: list[str], eol: str, markdown: bool) -> None:
    text = eol.join(lines)
    segments = mark_boilerplate(text, segment_text(text, markdown=markdown),
                                finite_verbs=lambda xs: [False] * len(xs))
    doc = Document(id="t", text=text, segments=segments)
    assert_segments_valid(doc)


# --- lines ----------------------------------------------------------------------------------------


def test_lines_one_document_per_line_and_round_trip() -> None:
    path = FIXTURES / "mt_output.txt"
    docs = read_path(path, InputOptions(lines=True))
    assert [d.id for d in docs] == ["mt_output:1", "mt_output:3", "mt_output:4", "mt_output:6"]
    assert docs[1].text == "In the morning the pressure rose up to 150 on 90."
    assert all(d.format == "lines" and d.metadata["line"] == int(d.id.split(":")[1]) for d in docs)
    assert render_corrected([result(d) for d in docs]).encode() == path.read_bytes()
    edit = edit_of(docs[2], "after meal", "after a meal")
    out = render_corrected([result(d, [edit] if d is docs[2] else []) for d in reversed(docs)])
    assert out == path.read_text(encoding="utf-8").replace("after meal", "after a meal")


def test_lines_are_never_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "mt.txt"
    path.write_text("Continue reading →\nThe doctor examined the…\n", encoding="utf-8")
    docs = read_path(path, InputOptions(lines=True))
    assert [len(d.segments) for d in docs] == [1, 1]
    assert not [s for d in docs for s in d.segments if s.kind == "boilerplate"]


def test_lines_keep_crlf_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_bytes(b"First line here.\r\n\r\nSecond line here.\r\nThird line.")
    docs = read_path(path, InputOptions(lines=True))
    assert [d.text for d in docs] == ["First line here.", "Second line here.", "Third line."]
    assert render_corrected([result(d) for d in docs]).encode() == path.read_bytes()
    out = render_corrected([result(docs[0]), result(docs[1]),
                            result(docs[2], [edit_of(docs[2], "Third", "The third")])])
    assert out.encode() == b"First line here.\r\n\r\nSecond line here.\r\nThe third line."


# --- jsonl and csv --------------------------------------------------------------------------------


def test_jsonl_records_ids_and_round_trip() -> None:
    path = FIXTURES / "records.jsonl"
    docs = read_path(path)
    assert [d.id for d in docs] == ["a1", "records:2", "a3"]
    assert docs[2].text == "Symptoms\n\nThe temperature rises to 39 degrees."
    assert [s.kind for s in docs[2].segments] == ["heading", "paragraph"]
    assert render_corrected([result(d) for d in docs]).encode() == path.read_bytes()
    edit = edit_of(docs[1], "two times in a day", "twice a day")
    out = render_corrected([result(docs[0]), result(docs[1], [edit]), result(docs[2])])
    original_lines = path.read_text(encoding="utf-8").splitlines()
    new_lines = out.splitlines()
    assert new_lines[0] == original_lines[0] and new_lines[2:] == original_lines[2:]
    assert json.loads(new_lines[1]) == {"text": "The drug is accepted twice a day.", "score": 0.5}


def test_csv_rows_ids_multiline_field_and_round_trip() -> None:
    path = FIXTURES / "records.csv"
    docs = read_path(path)
    assert [d.id for d in docs] == ["r1", "records:2", "r3"]
    assert docs[1].text == "The child has caught a cold\r\nand coughs strongly."
    assert docs[0].metadata["fields"] == {"id": "r1", "note": "x"}
    assert render_corrected([result(d) for d in docs]).encode() == path.read_bytes()
    edit = edit_of(docs[1], "has caught a cold", "caught a cold")
    out = render_corrected([result(docs[0]), result(docs[1], [edit]), result(docs[2])])
    rows = list(csv.reader(io.StringIO(out, newline="")))
    original = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert rows[1] == original[1] and rows[3] == original[3]
    assert rows[2] == ["", "The child caught a cold\r\nand coughs strongly.", "y"]


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id;text\n1;The pain gives in the arm.\n2;It is necessary to see a doctor.\n",
                    encoding="utf-8")
    docs = read_path(path)
    assert [d.text for d in docs] == [
        "The pain gives in the arm.", "It is necessary to see a doctor."]
    edit = edit_of(docs[0], "gives in", "spreads to")
    out = render_corrected([result(docs[0], [edit]), result(docs[1])])
    assert out == "id;text\n1;The pain spreads to the arm.\n2;It is necessary to see a doctor.\n"


# --- html -----------------------------------------------------------------------------------------


def test_html_main_text_without_page_chrome() -> None:
    (doc,) = read_path(FIXTURES / "page.html")
    assert doc.format == "html"
    assert doc.metadata["title"] == "Night cramps & their causes"
    assert doc.text.startswith("Night cramps: what the body signals\n\nCramps in the calf arise ")
    for chrome in ("Home", "not text", "color", "Read also", "© 2024"):
        assert chrome not in doc.text
    assert "like\xa0a stone — and it hurts." in doc.text  # entities decoded
    kinds = {doc.text[s.start : s.end]: (s.kind, s.reason) for s in doc.segments}
    assert kinds["Night cramps: what the body signals"] == ("heading", "")
    assert kinds["Magnesium deficiency provokes cramps"] == ("boilerplate", "caption")
    assert kinds["lack of water;"] == ("list_item", "")
    assert kinds["It helps at cramps."] == ("paragraph", "")  # a <br> line is its own unit
    assert_segments_valid(doc)


def test_html_round_trip_and_edits_land_in_text_nodes() -> None:
    path = FIXTURES / "page.html"
    raw = path.read_text(encoding="utf-8")
    (doc,) = read_path(path)
    assert render_corrected([result(doc)]) == raw
    edits = [
        edit_of(doc, "arise", "occur"),  # inside a text node with collapsed spaces around it
        edit_of(doc, "like\xa0a stone — and", "like a <stone> & so"),  # over entities, escaped
        edit_of(doc, "in a day", "a day"),
        Edit(doc.text.index("at cramps.") + 9, doc.text.index("at cramps.") + 9, " at night"),
    ]
    out = render_corrected([result(doc, edits)])
    expected = (raw.replace("calf  arise   against", "calf  occur   against")
                .replace("like&nbsp;a stone &mdash; and", "like a &lt;stone&gt; &amp; so")
                .replace("water in a day.", "water a day.")
                .replace("It helps at cramps.", "It helps at cramps at night."))
    assert out == expected


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_html_word_edits_reappear_when_the_output_is_read_again(data: st.DataObject) -> None:
    """Whatever words are replaced, reading the corrected page gives the edited text."""
    (doc,) = read_path(FIXTURES / "page.html")
    words = [m.span() for m in re.finditer(r"\S+", doc.text)]
    chosen = data.draw(st.lists(st.sampled_from(words), unique=True, max_size=6))
    new_words = st.text(alphabet="abc<&>é", min_size=0, max_size=5)
    edits = [Edit(start, end, data.draw(new_words)) for start, end in chosen]
    out = render_corrected([result(doc, edits)])
    expected = apply_edits(doc.text, edits)
    reread = document_from_text(out, fmt="html").text
    assert " ".join(reread.split()) == " ".join(expected.split())  # HTML collapses spaces
    assert out.count("<") == (FIXTURES / "page.html").read_text(encoding="utf-8").count("<")


def test_html_edit_across_inline_tags_keeps_the_markup() -> None:
    (doc,) = read_path(FIXTURES / "page.html")
    out = render_corrected([result(doc, [edit_of(doc, "The muscle becomes", "The calf turns")])])
    assert "The calf turns<b></b> like&nbsp;a stone" in out
    assert out.count("<b>") == 1 and "</article>" in out


def test_html_from_text_api_and_malformed_markup() -> None:
    doc = document_from_text("<div><p>The pain <b>amplifies at night<p>It passes by itself"
                             "<br>\n   by itself <li>unclosed item</div></span>", fmt="html")
    assert doc.text == ("The pain amplifies at night\n\nIt passes by itself\nby itself\n\n"
                        "unclosed item")
    assert render_corrected([result(doc, [edit_of(doc, "amplifies", "gets worse")])]) == (
        "<div><p>The pain <b>gets worse at night<p>It passes by itself<br>\n   by itself "
        "<li>unclosed item</div></span>")


REST = "<p>The second paragraph is here.</p><p>The third one ends it.</p></article></body></html>"


@pytest.mark.parametrize("furniture", ["aside", "header", "nav", "form"])
def test_html_an_unclosed_furniture_tag_before_the_first_sentence_keeps_it(furniture) -> None:
    doc = document_from_text(f"<html><body><article><{furniture}>Share<p>Cramps come at night."
                             f"</p>{REST}", fmt="html")
    assert "Cramps come at night." in doc.text and "The third one ends it." in doc.text
    assert any(f"<{furniture}> is never closed" in w for w in doc.warnings)
    edited = render_corrected([result(doc, [edit_of(doc, "come", "appear")])])
    assert "<p>Cramps appear at night.</p>" in edited


def test_html_a_tag_without_its_closing_bracket_reports_the_swallowed_words() -> None:
    doc = document_from_text(f"<html><body><article><p Cramps come at night.</p>{REST}",
                             fmt="html")
    assert "Cramps" not in doc.text  # a browser shows nothing either: it is a tag
    (warning,) = doc.warnings
    assert "Cramps come at night." in warning and "not checked" in warning


def test_html_an_unclosed_script_reports_the_rest_of_the_page() -> None:
    doc = document_from_text("<html><body><article><p>Cramps come at night.</p><script>var x;"
                             f"{REST}", fmt="html")
    (warning,) = doc.warnings
    assert "<script> is never closed" in warning and "The second paragraph is here." in warning


def test_html_well_formed_furniture_and_boolean_attributes_give_no_warning() -> None:
    doc = document_from_text("<html><head><title>T</title><body><article><nav><ul><li>Home</li>"
                             "</ul></nav><video controls autoplay muted loop></video>"
                             "<p>Cramps come at night.</p>" + REST, fmt="html")
    assert doc.warnings == []
    assert doc.text.startswith("Cramps come at night.") and "Home" not in doc.text


@pytest.mark.parametrize("head", ["<head><meta charset=utf-8><body>", "<head><title>T</title>"])
def test_html_an_unclosed_head_ends_where_the_content_starts(head) -> None:
    doc = document_from_text(f"<html>{head}<p>Cramps come at night.</p>" + REST, fmt="html")
    assert doc.text.startswith("Cramps come at night.") and doc.text.endswith("ends it.")


# --- decoding, API, output names ------------------------------------------------------------------


def test_cp1251_input_decodes_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "Врач назначил лечение. The patient’s “pain” passed — quickly.\n"
    path.write_bytes(text.encode("cp1251"))
    (doc,) = read_path(path)
    assert doc.text == text
    assert doc.warnings == ["decoded as cp1251, not UTF-8"]
    assert doc.metadata["encoding"] == "cp1251"


def test_document_from_text_has_segments_and_boilerplate() -> None:
    doc = document_from_text("Stomach pain after food\nThe stomach hurts after food.\n\n"
                             "Read more »\n", doc_id="api")
    assert doc.id == "api" and doc.source == "<text>"
    assert [(s.kind, s.reason) for s in doc.segments] == [
        ("heading", ""), ("paragraph", ""), ("boilerplate", "continue-reading")]


def test_corrected_filename_keeps_name_and_extension() -> None:
    assert corrected_filename(Path("in/article.html")) == "article.html"
    assert corrected_filename(Path("-")) == "stdin.txt"


def test_stdin_is_read_for_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"The head spins at sharp rise.\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    (doc,) = read_path("-")
    assert doc.source == "<stdin>" and doc.text == "The head spins at sharp rise.\n"


# --- atomic writes --------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    atomic_write_text(target, "new — text")
    assert target.read_text(encoding="utf-8") == "new — text"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_write_failure_keeps_old_content(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old content", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"partial new content")
    assert target.read_text(encoding="utf-8") == "old content"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_write_unencodable_text_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "Врач", encoding="latin-1")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
