"""One self-contained HTML report: inline CSS, no scripts, no external assets.

Every piece of article text, message and suggestion goes through ``html.escape``: the articles
are untrusted input and the report is opened in a browser.

Overlapping issue spans are drawn by cutting the text at every issue (and boilerplate) boundary;
each piece between two cuts is wrapped once, with one CSS class per issue category covering it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape

from ..catalogue import catalogue, css_slug
from ..issue_links import applied_edits
from ..records import Issue, Result
from ..report.counts import count_totals, totals_line
from ..scoring import ArticleScore, boilerplate_flags, score
from ..stages.apply import EditConflict, apply_edits, validate_edits
from ..stages.ranking import ranked_suggestions

_CSS = """
:root { --ink: #1f2328; --muted: #646c76; --rule: #d8dee4; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; background: #fff; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; margin: 0; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
.meta, .overview { color: var(--muted); margin: .3rem 0 .8rem; }
article { border-top: 2px solid var(--rule); margin-top: 2.5rem; padding-top: 1.2rem; }
.head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
.score { font-size: 1.5rem; font-weight: 700; white-space: nowrap; }
.score small { font-size: .8rem; font-weight: 400; color: var(--muted); }
.good { color: #1a7f37; } .fair { color: #9a6700; } .poor { color: #cf222e; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
.text { font: 17px/1.7 Georgia, "Iowan Old Style", "Times New Roman", serif;
  white-space: pre-wrap; overflow-wrap: anywhere; background: #fcfcfc;
  border: 1px solid var(--rule); border-radius: 6px; padding: 1rem 1.2rem; }
mark.hl { border-radius: 2px; padding: 0 1px; color: inherit; }
mark.multi { box-shadow: inset 0 -3px 0 #57606a; }
mark.ins { padding: 0 2px; font-weight: 700; }
.bp { color: #8c959f;
  background: repeating-linear-gradient(135deg, #f3f3f3 0 6px, #fafafa 6px 12px); }
sup.ref { font: 600 .68rem system-ui, sans-serif; margin-left: 1px; }
sup.ref a { color: #0969da; text-decoration: none; }
ins.edit { background: #dafbe1; text-decoration: none; border-bottom: 2px solid #1a7f37; }
ins.removed::after { content: "\\232B"; color: #cf222e; font-size: .8em; }
.chip { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-size: .8rem;
  margin: 0 .25rem .25rem 0; border: 1px solid rgba(0,0,0,.08); white-space: nowrap; }
ol.issues { padding-left: 1.6rem; } ol.issues > li { margin: .55rem 0; }
ol.issues q { font-family: Georgia, serif; background: #f6f8fa; padding: 0 .2rem; }
code { font-size: .82rem; color: var(--muted); }
ul.sugg { margin: .2rem 0 0; padding-left: 1.1rem; list-style: "→ "; }
.safe { color: #1a7f37; font-weight: 600; } .review { color: #9a6700; font-weight: 600; }
.applied { color: #fff; background: #1a7f37; border-radius: 3px; padding: 0 .3rem;
  font-size: .75rem; }
.bpnote { color: var(--muted); font-style: italic; }
ul.warnings { color: #9a6700; }
details summary { cursor: pointer; font-weight: 600; margin: 1.2rem 0 .5rem; }
"""


def render_report_html(results: Sequence[Result], title: str = "textfix report") -> str:
    """The full report as one HTML string."""
    scores = [score(r) for r in results]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}{_category_css()}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        _overview(scores),
        _summary_table(results, scores),
        _legend(),
    ]
    for n, (result, article) in enumerate(zip(results, scores, strict=True)):
        parts.append(_article(n, result, article))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _category_css() -> str:
    return catalogue().category_css()


def _cat_class(category: str) -> str:
    """The category's highlight class; categories no check declares share one."""
    return f"cat-{css_slug(category)}" if category in catalogue().categories else "cat-other"


def _quality_class(quality: float) -> str:
    return "good" if quality >= 80 else "fair" if quality >= 60 else "poor"


def _overview(scores: Sequence[ArticleScore]) -> str:
    """The totals the terminal and the dashboard count too (``report.counts.count_totals``)."""
    line = totals_line(count_totals(s.to_dict() for s in scores))
    return f'<p class="overview">{escape(line)}</p>'


def _issue_counts(s: ArticleScore) -> str:
    """An article's counts, worded as the totals line: issues = applied + waiting."""
    return (f"{s.issues} issues ({s.issues_applied} applied, {s.waiting_review} waiting for "
            f"review), {s.boilerplate_issues} boilerplate (not counted)")


def _summary_table(results: Sequence[Result], scores: Sequence[ArticleScore]) -> str:
    """Counts by category, one row per article and a totals row."""
    totals: Counter[str] = Counter()
    for s in scores:
        totals.update(s.by_category)
    declared = catalogue().category_names()
    known = [c for c in declared if totals[c]]
    extra = sorted(c for c in totals if c not in declared and totals[c])
    cats = known + extra
    head = "".join(f"<th>{escape(c)}</th>" for c in cats)
    rows = []
    for n, (result, s) in enumerate(zip(results, scores, strict=True)):
        cells = "".join(f"<td>{s.by_category.get(c, 0)}</td>" for c in cats)
        rows.append(
            f'<tr><td><a href="#doc-{n}">{escape(result.document.id)}</a></td><td>{s.words}</td>'
            f'<td class="{_quality_class(s.quality)}">{s.quality:.1f}</td>{cells}'
            f"<td>{s.issues}</td><td>{s.boilerplate_issues}</td></tr>"
        )
    foot_cells = "".join(f"<td>{totals[c]}</td>" for c in cats)
    return (
        '<h2>Issues by category</h2><table class="counts"><thead><tr><th>article</th>'
        f"<th>words</th><th>quality</th>{head}<th>total</th><th>boilerplate</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr><td>all articles</td>"
        f"<td>{sum(s.words for s in scores)}</td><td></td>{foot_cells}"
        f"<td>{sum(s.issues for s in scores)}</td>"
        f"<td>{sum(s.boilerplate_issues for s in scores)}</td></tr></tfoot></table>"
    )


def _legend() -> str:
    chips = "".join(f'<span class="chip {_cat_class(c)}">{escape(c)}</span>'
                    for c in catalogue().category_names())
    return f'<p class="legend">{chips}</p>'


def _article(n: int, result: Result, s: ArticleScore) -> str:
    doc = result.document
    issues = sorted(result.issues, key=lambda i: (i.start, i.end))
    numbers = {id(issue): k for k, issue in enumerate(issues, start=1)}
    counts = "".join(
        f'<span class="chip {_cat_class(c)}">{escape(c)} {k}</span>'
        for c, k in s.by_category.items()
    )
    if s.boilerplate_issues:
        counts += f'<span class="chip cat-boilerplate">boilerplate {s.boilerplate_issues}</span>'
    meta = (f"{escape(doc.source or '–')} · {escape(doc.format)} · {s.words} words · "
            f"{s.sentences} sentences, {s.flagged_sentences} flagged · "
            f"{s.issues_per_100_words:g} issues per 100 words · {_issue_counts(s)}")
    warnings = "".join(f"<li>{escape(w)}</li>" for w in doc.warnings)
    return "\n".join([
        f'<article id="doc-{n}">',
        f'<div class="head"><h2>{escape(doc.id)}</h2><span class="score '
        f'{_quality_class(s.quality)}">{s.quality:.1f} <small>/ 100</small></span></div>',
        f'<p class="meta">{meta}</p>',
        f'<ul class="warnings">{warnings}</ul>' if warnings else "",
        f"<p>{counts}</p>" if counts else '<p class="meta">No issues found.</p>',
        "<h3>Text</h3>",
        f'<div class="text">{_highlight(n, result, issues, numbers)}</div>',
        f"<details><summary>Corrected text ({s.edits_applied} edits applied)</summary>"
        f'<div class="text">{_corrected(result)}</div></details>',
        f"<h3>Issues ({s.issues}" + (f" + {s.boilerplate_issues} boilerplate" if
                                      s.boilerplate_issues else "") + ")</h3>" if issues else "",
        _issue_list(n, result, issues),
        "</article>",
    ])


def _issue_title(issue: Issue, number: int, text: str) -> str:
    best = ranked_suggestions(issue, text)
    tail = ""
    if best:
        tail = f" → “{best[0].text}”" if best[0].text else " → (delete)"
    return f"{number}. {issue.category} · {issue.rule}: {issue.message}{tail}"


def _highlight(n: int, result: Result, issues: list[Issue], numbers: dict[int, int]) -> str:
    """The original text with each issue span marked and a numbered link to its note.

    One sweep over the cut points: issues join the active set where they start and leave it where
    they end, so a long article with thousands of issues stays linear.
    """
    text = result.document.text
    boiler = [(s.start, s.end) for s in result.document.segments if s.kind == "boilerplate"]
    starting: dict[int, list[Issue]] = defaultdict(list)
    ending: dict[int, list[Issue]] = defaultdict(list)
    inserts: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        if issue.start == issue.end:
            inserts[issue.start].append(issue)
        else:
            starting[issue.start].append(issue)
            ending[issue.end].append(issue)
    boiler_edges: dict[int, int] = defaultdict(int)  # +1 where boilerplate starts, -1 where ends
    for a, b in boiler:
        if a < b:
            boiler_edges[a] += 1
            boiler_edges[b] -= 1
    cuts = {0, len(text), *starting, *ending, *inserts, *boiler_edges}
    points = sorted(p for p in cuts if 0 <= p <= len(text))

    def ref(issue: Issue) -> str:
        k = numbers[id(issue)]
        return f'<sup class="ref"><a href="#d{n}-i{k}">{k}</a></sup>'

    out: list[str] = []
    active: dict[int, Issue] = {}
    in_boiler = 0
    for idx, p in enumerate(points):
        for issue in ending.get(p, ()):
            active.pop(id(issue), None)
            out.append(ref(issue))
        for issue in inserts.get(p, ()):
            title = escape(_issue_title(issue, numbers[id(issue)], text))
            out.append(f'<mark class="hl ins {_cat_class(issue.category)}" title="'
                       f'{title}">‸</mark>{ref(issue)}')
        for issue in starting.get(p, ()):
            active[id(issue)] = issue
        in_boiler += boiler_edges.get(p, 0)
        if idx + 1 == len(points):
            break
        piece = escape(text[p : points[idx + 1]])
        if active:
            covering = sorted(active.values(), key=lambda i: numbers[id(i)])
            classes = sorted({_cat_class(i.category) for i in covering})
            if len(covering) > 1:
                classes.append("multi")
            title = "\n".join(_issue_title(i, numbers[id(i)], text) for i in covering)
            piece = f'<mark class="hl {" ".join(classes)}" title="{escape(title)}">{piece}</mark>'
        if in_boiler > 0:
            piece = f'<span class="bp" title="boilerplate">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _corrected(result: Result) -> str:
    """The corrected text with applied edits marked; plain if the edits do not reproduce it."""
    text = result.document.text
    try:
        edits = validate_edits(text, result.edits)
        if apply_edits(text, edits) != result.corrected:
            return escape(result.corrected)
    except EditConflict:
        return escape(result.corrected)
    out: list[str] = []
    cursor = 0
    for edit in edits:
        out.append(escape(text[cursor : edit.start]))
        was = escape(f"was: {text[edit.start:edit.end]!r}")
        if edit.replacement:
            out.append(f'<ins class="edit" title="{was}">{escape(edit.replacement)}</ins>')
        else:
            out.append(f'<ins class="removed" title="{was}"></ins>')
        cursor = edit.end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _issue_list(n: int, result: Result, issues: list[Issue]) -> str:
    doc = result.document
    applied = {id(i): e for i, e in zip(result.issues, applied_edits(result), strict=True)}
    boiler = {id(i) for i, bp in zip(result.issues, boilerplate_flags(result), strict=True) if bp}
    items = []
    for k, issue in enumerate(issues, start=1):
        edit = applied[id(issue)]
        is_bp = id(issue) in boiler
        suggestions = []
        for sugg in ranked_suggestions(issue, doc.text):
            if edit is not None and sugg.text == edit.replacement:
                mark = '<span class="applied">applied</span>'
            elif sugg.safe and not sugg.hold:
                mark = '<span class="safe">safe</span>'
            elif sugg.guard_reason:
                mark = f'<span class="review">needs review: {escape(sugg.guard_reason)}</span>'
            else:
                reason = f": {escape(sugg.hold)}" if sugg.hold else ""
                mark = f'<span class="review">needs review{reason}</span>'
            shown = escape(sugg.text) if sugg.text else "<em>(delete)</em>"
            suggestions.append(f"<li><b>{shown}</b> <code>{escape(sugg.source)} "
                               f"{sugg.score:.2f}</code> {mark}</li>")
        sugg_html = f'<ul class="sugg">{"".join(suggestions)}</ul>' if suggestions else ""
        span = escape(issue.span_text(doc.text)) or "<em>(insertion point)</em>"
        items.append(
            f'<li id="d{n}-i{k}"><span class="chip {_cat_class(issue.category)}">'
            f"{escape(issue.category)}</span><q>{span}</q> {escape(issue.message)} "
            f"<code>{escape(issue.rule)} · {escape(issue.source)} · "
            f"confidence {issue.confidence:.2f}</code>"
            + (' <span class="bpnote">boilerplate, not scored</span>' if is_bp else "")
            + sugg_html + "</li>"
        )
    return f'<ol class="issues">{"".join(items)}</ol>' if items else ""
