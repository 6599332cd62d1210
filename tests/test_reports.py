"""Reports built from hand-made results: JSON/JSONL contract, CSV, HTML, terminal, scores."""

from __future__ import annotations

import io
import json
import math
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from rich.console import Console

from textfix.issue_links import applied_edit, applied_edits, issue_ids
from textfix.records import Document, Edit, Issue, Result, Segment, Suggestion
from textfix.report.html import render_report_html
from textfix.report.serialize import to_json_document, to_jsonl_records, write_json, write_jsonl
from textfix.report.tables import (
    ARTICLE_COLUMNS,
    ISSUE_COLUMNS,
    articles_frame,
    issues_frame,
    write_csv,
)
from textfix.report.terminal import print_summary
from textfix.scoring import score
from textfix.stages.apply import apply_edits
from textfix.text_units import count_words, sentence_spans

HEADING = "Night cramps: what to do"
PARA = ("Against the background of diabetes, cramps arise more often at night. "
        "The patient should should take 200 mg of magnesium daily — at 20 °C.")
FOOTER = "Subscribe to our newsletter!"
TEXT = f"{HEADING}\n\n{PARA}\n\n{FOOTER}\n"

HOSTILE = ('Doctors say <script>alert(1)</script> and "quotes" & <b>bold</b> are fine. '
           "[bold red]not markup[/bold red] either.")


def paragraphs(text: str, boilerplate: tuple[str, ...] = ()) -> list[Segment]:
    """One segment per paragraph, the way ingest will make them."""
    segments, cursor = [], 0
    for block in text.split("\n\n"):
        start = text.index(block, cursor)
        end = start + len(block.rstrip("\n"))
        if end > start:
            kind = "boilerplate" if block.strip() in boilerplate else "paragraph"
            segments.append(Segment(start, end, kind))
        cursor = start + len(block)
    return segments


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def make_article() -> Result:
    calque = Issue(*at(TEXT, "Against the background of"), "calque",
                   "calque/against-the-background-of", "Literal translation of «на фоне».",
                   "lexicon", confidence=0.9,
                   suggestions=[Suggestion("Alongside", "lexicon", 0.6, safe=True),
                                Suggestion("With", "lexicon", 0.9, safe=True)])
    fluency = Issue(*at(TEXT, "background of diabetes"), "fluency", "fluency/awkward",
                    "Awkward phrase.", "model", confidence=0.4)
    repeated = Issue(*at(TEXT, "should ", nth=2), "repetition", "repetition/word",
                     "Word repeated.", "parser", confidence=1.0,
                     suggestions=[Suggestion("", "parser", 0.95, safe=True)])
    dose = Issue(*at(TEXT, "200 mg of magnesium"), "terminology", "terminology/dose-phrase",
                 "Check the dose wording.", "glossary", confidence=0.7,
                 suggestions=[Suggestion("200 mg magnesium", "glossary", 0.7, safe=False,
                                         guard_reason="changes a dose")])
    end_of_heading = len(HEADING)
    insertion = Issue(end_of_heading, end_of_heading, "typography", "typography/question-mark",
                      "A question heading ends with a question mark.", "typography",
                      confidence=0.5, suggestions=[Suggestion("?", "typography", 0.5, safe=True)])
    footer = Issue(*at(TEXT, FOOTER), "boilerplate", "boilerplate/newsletter",
                   "Site boilerplate, not part of the article.", "lexicon", confidence=1.0,
                   suggestions=[Suggestion("", "lexicon", 1.0, safe=True)])
    issues = [calque, fluency, repeated, dose, insertion, footer]
    edits = [Edit(calque.start, calque.end, "With"), Edit(repeated.start, repeated.end, "")]
    doc = Document("cramps-01", TEXT, source="articles/cramps.txt", format="text",
                   segments=paragraphs(TEXT, boilerplate=(FOOTER,)),
                   warnings=["title guessed from the first line"])
    return Result(doc, issues, edits, apply_edits(TEXT, edits))


def make_hostile() -> Result:
    issue = Issue(*at(HOSTILE, "<script>alert(1)</script>"), "grammar", "grammar/<odd>",
                  'Message with <i>tags</i> & "quotes".', "harper", confidence=0.8,
                  suggestions=[Suggestion("<img src=x onerror=alert(2)>", "model", 0.3)])
    markup = Issue(*at(HOSTILE, "[bold red]not markup[/bold red]"), "typography",
                   "typography/brackets", "Brackets.", "typography", confidence=0.6)
    doc = Document('evil<doc id="x">', HOSTILE, segments=paragraphs(HOSTILE))
    return Result(doc, [issue, markup], [], HOSTILE)


def make_clean() -> Result:
    text = "Drink water when it is hot. Rest if you feel dizzy."
    return Result(Document("clean", text, segments=paragraphs(text)), [], [], text)


@pytest.fixture()
def results() -> list[Result]:
    return [make_article(), make_hostile(), make_clean()]


# -- scoring -------------------------------------------------------------------------------

def test_score_counts_words_sentences_and_categories_without_boilerplate():
    s = score(make_article())
    assert s.words == count_words(HEADING) + count_words(PARA)  # footer excluded
    assert s.sentences == 3  # heading + two sentences of the paragraph
    assert s.flagged_sentences == 3
    assert s.issues == 5 and s.boilerplate_issues == 1
    assert s.by_category == {"calque": 1, "fluency": 1, "repetition": 1, "terminology": 1,
                             "typography": 1}
    assert s.edits_applied == 2
    assert s.waiting_review == 3  # fluency, dose and the question mark were not applied
    assert s.issues_per_100_words == round(500 / s.words, 2)


def test_quality_formula_and_boilerplate_does_not_lower_it():
    words = " ".join(["word"] * 99) + " end."
    one = Issue(0, 4, "grammar", "grammar/x", "m", "harper", confidence=1.0)
    doc = Document("d", words, segments=[Segment(0, len(words), "paragraph")])
    assert score(Result(doc, [], [], words)).quality == 100.0
    assert score(Result(doc, [one], [], words)).quality == round(100 * math.exp(-0.1), 1)

    article = make_article()
    without_footer = Result(article.document, article.issues[:-1], article.edits,
                            article.corrected)
    assert score(article).quality == score(without_footer).quality
    # an issue inside a boilerplate segment does not count either, whatever its category
    footer_start = TEXT.index(FOOTER)
    inside = Issue(footer_start, footer_start + 9, "grammar", "g", "m", "harper", 1.0)
    with_inside = Result(article.document, [*article.issues, inside], article.edits,
                         article.corrected)
    assert score(with_inside).quality == score(article).quality
    # a boilerplate issue inside an article paragraph does not count either
    stray = Issue(*at(TEXT, "The patient"), "boilerplate", "b", "m", "lexicon", 1.0)
    with_stray = Result(article.document, [*article.issues, stray], article.edits,
                        article.corrected)
    assert score(with_stray).quality == score(article).quality
    assert score(with_stray).boilerplate_issues == 2


def test_meaning_weighs_more_than_typography():
    text = "One two three four five six seven eight nine ten."
    doc = Document("d", text)
    def q(category: str) -> float:
        issue = Issue(0, 3, category, "r", "m", "s", confidence=1.0)
        return score(Result(doc, [issue], [], text)).quality
    assert q("meaning") < q("grammar") < q("typography") < 100.0


def test_applied_edits_match_rewrites_insertions_and_only_their_own_text():
    text = "Take it. He go home now."
    rewrite = "He goes home now."
    in_sentence = Issue(12, 14, "grammar", "g/agreement", "m", "harper",
                        suggestions=[Suggestion("goes", "harper", 0.6),
                                     Suggestion(rewrite, "model", 0.8)])
    insertion = Issue(4, 4, "grammar", "g/insert", "m", "harper",
                      suggestions=[Suggestion(" all of", "harper")])
    unrelated = Issue(9, 11, "fluency", "f", "m", "model",
                      suggestions=[Suggestion("She", "model")])  # covered, other text
    edits = [Edit(9, 24, rewrite), Edit(4, 4, " all of"), Edit(0, 4, "Take")]
    result = Result(Document("d", text), [in_sentence, insertion, unrelated], edits,
                    apply_edits(text, edits))
    assert applied_edits(result) == [edits[0], edits[1], None]
    assert applied_edits(result) == [applied_edit(i, edits) for i in result.issues]


def test_sentence_spans_split_at_end_punctuation_and_lines():
    text = 'He said "stop." Then left!\nA heading\n\nWhy? Because.'
    pieces = [text[a:b] for a, b in sentence_spans(text)]
    assert pieces == ['He said "stop."', "Then left!", "A heading", "Why?", "Because."]


# -- JSON / JSONL --------------------------------------------------------------------------

REQUIRED_ISSUE_KEYS = {"start", "end", "category", "rule", "message", "confidence",
                       "suggestions"}
ALLOWED_EXTRA_ISSUE_KEYS = {"source", "severity", "id"}


def test_jsonl_records_follow_the_contract(results):
    records = list(to_jsonl_records(results))
    assert [r["id"] for r in records] == [r.document.id for r in results]
    for record, result in zip(records, results, strict=True):
        assert set(record) == {"id", "text", "issues", "corrected"}
        assert record["text"] == result.document.text
        assert record["corrected"] == result.corrected
        assert len(record["issues"]) == len(result.issues)
        for issue_dict, issue in zip(record["issues"], result.issues, strict=True):
            assert set(issue_dict) >= REQUIRED_ISSUE_KEYS
            assert set(issue_dict) - REQUIRED_ISSUE_KEYS <= ALLOWED_EXTRA_ISSUE_KEYS
            assert record["text"][issue_dict["start"]:issue_dict["end"]] == issue.span_text(
                result.document.text)
            for sugg in issue_dict["suggestions"]:
                assert {"text", "source", "score"} <= set(sugg)
    article = records[0]
    assert article["corrected"].startswith(f"{HEADING}\n\nWith diabetes")
    assert "should take" in article["corrected"] and "should should" not in article["corrected"]


def test_issue_ids_are_stable_and_unique():
    first, second = make_article(), make_article()
    assert issue_ids(first) == issue_ids(second)
    assert len(set(issue_ids(first))) == len(first.issues)
    # the same rule on the same words in the same context collides in stable_id: suffixed
    twin = Issue(0, 5, "grammar", "g", "m", "harper")
    doc = Document("d", "Night night")
    ids = issue_ids(Result(doc, [twin, Issue(0, 5, "grammar", "g", "m", "harper")], [], ""))
    assert ids[1] == f"{ids[0]}-2"


def test_jsonl_stream_has_one_parseable_line_per_document(results):
    stream = io.StringIO()
    write_jsonl(results, stream)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    parsed = [json.loads(line) for line in lines]
    assert parsed == list(to_jsonl_records(results))
    assert "°C" in lines[0]  # UTF-8 kept readable, not \u escaped


def test_json_document_adds_scores_warnings_and_summary(results):
    stream = io.StringIO()
    write_json(results, stream)
    data = json.loads(stream.getvalue())
    assert data == json.loads(json.dumps(to_json_document(results)))
    first = data["documents"][0]
    assert first["source"] == "articles/cramps.txt" and first["format"] == "text"
    assert first["warnings"] == ["title guessed from the first line"]
    assert first["score"]["issues"] == 5
    assert first["edits"][0]["replacement"] == "With"
    for doc in data["documents"]:
        for issue in doc["issues"]:
            assert doc["text"][issue["start"]:issue["end"]] or issue["start"] == issue["end"]
    summary = data["summary"]
    assert summary["documents"] == 3
    assert summary["issues"] == 7 and summary["boilerplate_issues"] == 1
    assert summary["by_category"]["typography"] == 2
    assert "boilerplate" not in summary["by_category"]
    assert summary["edits_applied"] == 2


# -- CSV -----------------------------------------------------------------------------------

def test_issues_csv_parses_back(results, tmp_path):
    path = tmp_path / "issues.csv"
    write_csv(results, path)
    frame = pd.read_csv(path, keep_default_na=False)
    assert list(frame.columns) == ISSUE_COLUMNS
    assert len(frame) == sum(len(r.issues) for r in results)
    calque = frame[frame["rule"] == "calque/against-the-background-of"].iloc[0]
    assert calque["span"] == "Against the background of"
    assert calque["suggestion"] == "With"  # best by score, not first in the list
    assert str(calque["applied"]) == "True"
    dose = frame[frame["category"] == "terminology"].iloc[0]
    assert str(dose["safe"]) == "False" and dose["guard_reason"] == "changes a dose"
    assert str(dose["applied"]) == "False"
    assert dose["context"] == "The patient should should take 200 mg of magnesium daily — at 20 °C."
    assert frame["issue_id"].tolist() == [i for r in results for i in issue_ids(r)]


def test_articles_csv_has_one_row_per_article(results):
    stream = io.StringIO()
    write_csv(results, stream, kind="articles")
    frame = pd.read_csv(io.StringIO(stream.getvalue()))
    assert list(frame.columns) == ARTICLE_COLUMNS
    assert frame["doc_id"].tolist() == [r.document.id for r in results]
    assert frame.loc[0, "n_calque"] == 1 and frame.loc[0, "n_boilerplate"] == 0
    assert frame.loc[2, "quality"] == 100.0
    with pytest.raises(ValueError):
        write_csv(results, io.StringIO(), kind="sentences")  # type: ignore[arg-type]


def test_frames_handle_no_results():
    assert issues_frame([]).empty and list(issues_frame([]).columns) == ISSUE_COLUMNS
    assert articles_frame([]).empty


# -- HTML ----------------------------------------------------------------------------------

class _TextViews(HTMLParser):
    """Collects, per article, the original-text view as (char, classes of enclosing marks)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, set[str]]] = []
        self.views: list[list[tuple[str, frozenset[str]]]] = []
        self.text_divs_in_article = 0
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.text_divs_in_article = 0
        if tag == "div" and "text" in classes:
            self.text_divs_in_article += 1
            if self.text_divs_in_article == 1:
                self.views.append([])
                classes.add("_capture")
        self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "td":
            self.cells.append(data)
        if not any("_capture" in c for _, c in self.stack):
            return
        if any(t == "sup" or "ins" in c for t, c in self.stack):
            return  # footnote numbers and insertion marks are not article text
        marks = frozenset(k for t, c in self.stack if t == "mark" for k in c)
        self.views[-1].extend((ch, marks) for ch in data)


def test_html_escapes_everything(results):
    page = render_report_html(results, title='Report <for> "editors"')
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>bold</b>" not in page and "<i>tags</i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;quotes&quot; &amp; &lt;b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "evil&lt;doc id=&quot;x&quot;&gt;" in page
    assert "<title>Report &lt;for&gt; &quot;editors&quot;</title>" in page
    assert "<script" not in page  # the report runs no script at all
    assert "http://" not in page and "https://" not in page  # no external assets


def test_html_highlights_every_issue_span_with_its_category(results):
    parser = _TextViews()
    parser.feed(render_report_html(results))
    assert len(parser.views) == len(results)
    for view, result in zip(parser.views, results, strict=True):
        text = result.document.text
        assert "".join(ch for ch, _ in view) == text  # the view is the whole original text
        covered = set()
        for issue in result.issues:
            for k in range(issue.start, issue.end):
                assert f"cat-{issue.category}" in view[k][1], (issue.rule, text[k])
                covered.add(k)
        for k, (_, marks) in enumerate(view):
            assert bool(marks) == (k in covered)
    article = parser.views[0]
    overlap = TEXT.index("background")
    assert {"cat-calque", "cat-fluency", "multi"} <= article[overlap][1]


def test_html_shows_counts_suggestions_boilerplate_and_corrected_text(results):
    page = render_report_html(results)
    assert '<table class="counts">' in page
    parser = _TextViews()
    parser.feed(page)
    assert "all articles" in parser.cells
    # best suggestion first, applied one marked, refused one needs review with the reason
    assert page.index("<b>With</b>") < page.index("<b>Alongside</b>")
    assert '<span class="applied">applied</span>' in page
    assert "needs review: changes a dose" in page
    assert 'class="bp"' in page and "boilerplate, not scored" in page
    assert '<ins class="edit" title="was: &#x27;Against the background of&#x27;">With</ins>' in page
    assert "title guessed from the first line" in page


# -- terminal ------------------------------------------------------------------------------

def test_terminal_summary_lists_articles_counts_and_totals(results):
    console = Console(record=True, width=160, color_system=None)
    print_summary(results, console)
    out = console.export_text()
    for result in results:
        assert result.document.id in out
    assert "calque 1" in out
    assert "[bold red]not markup[/bold red]" in out  # printed as written, not as markup
    assert "7 issues: 2 applied + 5 waiting for an editor" in out
    assert "plus 1 in boilerplate (0 removed, 1 kept)" in out
    assert "warning: cramps-01: title guessed from the first line" in out
    assert "Against the background of → With" in out


def test_terminal_verbose_shows_every_flagged_span():
    article = make_article()
    extra = [Issue(s, s + 3, "grammar", f"grammar/low-{s}", "m", "harper", confidence=0.01)
             for s in range(TEXT.index("patient"), TEXT.index("patient") + 40, 8)]
    result = Result(article.document, article.issues + extra, article.edits, article.corrected)
    short, full = (Console(record=True, width=200, color_system=None) for _ in range(2))
    print_summary([result], short)
    print_summary([result], full, verbose=True)
    low_rule = extra[0].rule
    assert low_rule not in short.export_text()
    assert low_rule in full.export_text()


# -- one set of counts everywhere ------------------------------------------------------------

def make_article_with_boilerplate_removed() -> Result:
    """The article with its footer deleted too: three edits, but two issues applied."""
    article = make_article()
    footer = next(i for i in article.issues if i.category == "boilerplate")
    edits = [*article.edits, Edit(footer.start, footer.end, "")]
    return Result(article.document, article.issues, edits, apply_edits(TEXT, edits))


def test_every_summary_gives_the_same_counts_and_they_add_up(tmp_path):
    from textfix.batch.dashboard import render_dashboard
    from textfix.batch.manifest import Outcome
    from textfix.batch.summary import BatchSummary

    results = [make_article_with_boilerplate_removed(), make_hostile()]
    expected = "7 issues (2 applied, 5 waiting for review), 1 boilerplate (not counted)"

    console = Console(record=True, width=200, color_system=None)
    print_summary(results, console)
    assert ("7 issues: 2 applied + 5 waiting for an editor; plus 1 in boilerplate (1 removed, "
            "0 kept)") in console.export_text()

    page = render_report_html(results)
    assert '<p class="overview">2 article(s), ' in page and expected in page
    assert "<h3>Issues (5 + 1 boilerplate)</h3>" in page  # the list below holds both
    first = page[page.index('<article id="doc-0"'):page.index('<article id="doc-1"')]
    assert first.count('<li id="d0-i') == 6 and first.count('class="bpnote"') == 1
    assert "5 issues (2 applied, 3 waiting for review), 1 boilerplate (not counted)" in first

    summary = to_json_document(results)["summary"]
    assert (summary["issues"], summary["issues_applied"], summary["waiting_review"],
            summary["boilerplate_issues"], summary["edits_applied"]) == (7, 2, 5, 1, 3)

    articles = articles_frame(results)
    assert (articles["issues"] == articles["issues_applied"] + articles["waiting_review"]).all()
    batch = BatchSummary(out=tmp_path, units=2, done=2, failed=0, errors=0, skipped=0,
                         articles=2, words=0, issues=7, by_category={}, seconds=1.0,
                         failures=[], worker_peak_mb={}, engine="local", jobs=1)
    outcomes = [Outcome(key=r.document.id, digest="", status="done") for r in results]
    tables = [frame.assign(key=frame["doc_id"], site="site")
              for frame in (articles, issues_frame(results))]  # as the batch writes them
    dashboard = render_dashboard(batch, outcomes, *tables)
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td(?: class='n')?>([^<]*)</td></tr>", dashboard))
    assert rows["issues (boilerplate not counted)"] == "7"
    assert rows["issues applied"] == "2" and rows["issues waiting for an editor"] == "5"
    assert rows["boilerplate issues (not counted)"] == "1"
