"""Per-article numbers an editor can compare: words, issues per 100 words and a quality score.

Quality formula (0–100, higher is better)::

    weighted  = Σ weight(issue.category) × issue.confidence   (over counted issues)
    density   = 100 × weighted / max(words, 1)        # weighted issues per 100 words
    quality   = 100 × exp(−density / QUALITY_SCALE)

With ``QUALITY_SCALE = 10``: one full-confidence grammar issue per 100 words gives ≈ 90, five give
≈ 61, ten give ≈ 37. An exponential never goes below 0 and never saturates, so a very bad article
still ranks below a bad one.

Boilerplate never lowers the score: issues of category ``boilerplate`` and issues inside a
boilerplate segment are reported (``boilerplate_issues``) but not counted, and words and sentences
are counted only outside boilerplate segments.

Every counted issue is either applied (an applied edit carried one of its suggestions) or waiting
for an editor, so ``issues == issues_applied + waiting_review`` always; ``edits_applied`` counts
edits, which is another number (one deletion removes a run of boilerplate). ``count_totals`` sums
these over articles, and every summary (terminal, HTML report, JSON, batch dashboard) prints it.

The helpers below (sentence spans, "was this issue applied", stable ids) are shared by the reports
and the workspace so every output tells the same story about an issue; an issue's ranked
suggestions and best one come from ``stages.ranking``, the one ranking the policy uses too.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .catalogue import catalogue
from .records import Document, Edit, Issue, Result

QUALITY_SCALE = 10.0


_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# a sentence ends at . ! ? … (plus closing quotes/brackets) followed by whitespace or the end
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_HAS_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class ArticleScore:
    """The numbers reported for one article (see the module docstring for the formula)."""

    words: int
    sentences: int
    flagged_sentences: int  # sentences holding at least one counted issue
    issues: int  # counted issues (boilerplate excluded)
    boilerplate_issues: int
    by_category: dict[str, int] = field(default_factory=dict)  # counted issues only
    issues_per_100_words: float = 0.0
    weighted_per_100_words: float = 0.0
    quality: float = 100.0
    edits_applied: int = 0  # edits, boilerplate deletions included (not issues)
    waiting_review: int = 0  # counted issues no applied edit resolved
    issues_applied: int = 0  # counted issues an applied edit resolved: issues - waiting_review

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def score(result: Result) -> ArticleScore:
    """Score one pipeline result."""
    doc = result.document
    regions = content_regions(doc)
    words = sum(count_words(doc.text[a:b]) for a, b in regions)
    sentences = [s for a, b in regions for s in sentence_spans(doc.text, a, b)]

    boiler = boilerplate_flags(result)
    counted = [i for i, bp in zip(result.issues, boiler, strict=True) if not bp]
    weighted = sum(catalogue().weight(i.category) * _clamp(i.confidence)
                   for i in counted)
    density = 100.0 * weighted / max(words, 1)
    flagged = {_index_of(sentences, i.start) for i in counted} - {None}
    waiting = sum(1 for edit, bp in zip(applied_edits(result), boiler, strict=True)
                  if edit is None and not bp)
    return ArticleScore(
        words=words,
        sentences=len(sentences),
        flagged_sentences=len(flagged),
        issues=len(counted),
        boilerplate_issues=len(result.issues) - len(counted),
        by_category=dict(sorted(Counter(i.category for i in counted).items())),
        issues_per_100_words=round(100.0 * len(counted) / max(words, 1), 2),
        weighted_per_100_words=round(density, 2),
        quality=round(100.0 * math.exp(-density / QUALITY_SCALE), 1),
        edits_applied=len(result.edits),
        waiting_review=waiting,
        issues_applied=len(counted) - waiting,
    )


TOTAL_FIELDS = ("words", "issues", "issues_applied", "waiting_review", "boilerplate_issues",
                "edits_applied")


def count_totals(articles: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The counts every summary prints, summed over articles (``ArticleScore.to_dict()`` rows or
    rows of the articles table): one function, so no two outputs can disagree.

    ``issues`` (boilerplate left out) ``== issues_applied + waiting_review``; boilerplate issues
    are ``boilerplate_issues``, shown beside them and never inside them. ``flagged`` is both.
    A row without ``issues_applied`` (a table written before it existed) gets the difference.
    """
    totals: dict[str, Any] = {name: 0 for name in TOTAL_FIELDS}
    qualities: list[float] = []
    rows = 0
    for row in articles:
        rows += 1
        values = {name: _count(row.get(name)) for name in TOTAL_FIELDS}
        if row.get("issues_applied") is None or _missing(row.get("issues_applied")):
            values["issues_applied"] = values["issues"] - values["waiting_review"]
        for name in TOTAL_FIELDS:
            totals[name] += values[name]
        if not _missing(row.get("quality")):
            qualities.append(float(row["quality"]))
    totals["articles"] = rows
    totals["flagged"] = totals["issues"] + totals["boilerplate_issues"]
    totals["issues_per_1000_words"] = round(1000.0 * totals["issues"] / max(totals["words"], 1),
                                            2)
    totals["mean_quality"] = round(sum(qualities) / len(qualities), 1) if qualities else None
    return totals


def totals_line(totals: Mapping[str, Any]) -> str:
    """The one-line summary of ``count_totals``, worded the same in every output."""
    mean = "–" if totals["mean_quality"] is None else f"{totals['mean_quality']:.1f}"
    return (f"{totals['articles']} article(s), {totals['words']} words, {totals['issues']} issues "
            f"({totals['issues_applied']} applied, {totals['waiting_review']} waiting for "
            f"review), {totals['boilerplate_issues']} boilerplate (not counted), "
            f"mean quality {mean}")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _count(value: object) -> int:
    return 0 if _missing(value) else int(value)  # type: ignore[call-overload]


def is_boilerplate_issue(issue: Issue, doc: Document) -> bool:
    """Boilerplate issues are shown to editors but never count against the article."""
    if issue.category == "boilerplate":
        return True
    seg = doc.segment_at(issue.start)
    return seg is not None and seg.kind == "boilerplate"


def boilerplate_flags(result: Result) -> list[bool]:
    """``is_boilerplate_issue`` for every issue of ``result``, using a sorted segment index."""
    segments = sorted(result.document.segments, key=lambda s: s.start)
    starts = [s.start for s in segments]
    flags = []
    for issue in result.issues:
        k = bisect.bisect_right(starts, issue.start) - 1
        inside = k >= 0 and segments[k].kind == "boilerplate" and issue.start < segments[k].end
        flags.append(issue.category == "boilerplate" or inside)
    return flags


def content_regions(doc: Document) -> list[tuple[int, int]]:
    """The parts of the text outside boilerplate segments (the whole text without segments)."""
    regions: list[tuple[int, int]] = []
    cursor = 0
    for seg in sorted((s for s in doc.segments if s.kind == "boilerplate"),
                      key=lambda s: s.start):
        if seg.start > cursor:
            regions.append((cursor, seg.start))
        cursor = max(cursor, seg.end)
    if cursor < len(doc.text):
        regions.append((cursor, len(doc.text)))
    return regions


def count_words(text: str) -> int:
    """Words as runs of letters/digits, keeping "don't" and "well-being" as one word."""
    return sum(1 for _ in _WORD.finditer(text))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Rough sentence spans in ``text[start:end]``: split at end punctuation and at line breaks.

    No parser on purpose: reports must stay cheap. Abbreviations like "e.g." over-split, which
    only makes a flagged-sentence count slightly high.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line.start()
        piece_start = 0
        body = line.group()
        cuts = [m.end() for m in _SENTENCE_END.finditer(body)]
        if not cuts or cuts[-1] < len(body):
            cuts.append(len(body))
        for cut in cuts:
            piece = body[piece_start:cut]
            if _HAS_WORD.search(piece):
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                spans.append((line_start + piece_start + lead, line_start + cut - trail))
            piece_start = cut
    return spans


def sentence_context(issue: Issue, text: str, spans: Sequence[tuple[int, int]] | None = None
                     ) -> str:
    """The issue's own context if a check set one, else the rough sentence around its start.

    Pass ``spans`` (``sentence_spans(text)``) when calling this for many issues of one text.
    """
    if issue.context:
        return issue.context
    spans = sentence_spans(text) if spans is None else spans
    k = _index_of(spans, issue.start)
    if k is None:
        return text[issue.start : issue.end]
    return text[spans[k][0] : spans[k][1]]


def applied_edit(issue: Issue, edits: Iterable[Edit]) -> Edit | None:
    """The applied edit that carried one of this issue's suggestions, if any.

    An edit counts when it covers the issue's span (a rewrite may cover the whole sentence) and
    its replacement is one of the issue's suggestion texts.
    """
    texts = {s.text for s in issue.suggestions}
    for edit in edits:
        if edit.replacement in texts and edit.start <= issue.start and issue.end <= edit.end:
            return edit
    return None


def applied_edits(result: Result) -> list[Edit | None]:
    """``applied_edit`` for every issue of ``result``, in order, without a quadratic scan.

    Relies on applied edits not overlapping (``apply.validate_edits`` refuses overlaps), so the
    edits that can cover an issue are the few starting just before it.
    """
    edits = sorted(result.edits, key=lambda e: (e.start, e.end))
    starts = [e.start for e in edits]
    found: list[Edit | None] = []
    for issue in result.issues:
        k = bisect.bisect_right(starts, issue.start) - 1
        hit = None
        while k >= 0 and edits[k].end >= issue.start:
            if issue.end <= edits[k].end and applied_edit(issue, (edits[k],)):
                hit = edits[k]
                break
            k -= 1
        found.append(hit)
    return found


def issue_ids(result: Result) -> list[str]:
    """Stable ids for ``result.issues``, in the same order, unique within the document.

    ``Issue.stable_id`` hashes document, rule, span text and context, so the same rule firing twice
    on the same words of one sentence collides; the second occurrence (in text order) gets
    ``-2``, the third ``-3``. Every output (JSON, CSV, workspace) uses these ids.
    """
    doc = result.document
    base = [issue.stable_id(doc.id, doc.text) for issue in result.issues]
    order = sorted(range(len(base)), key=lambda k: (result.issues[k].start,
                                                    result.issues[k].end, k))
    seen: Counter[str] = Counter()
    ids = list(base)
    for k in order:
        seen[base[k]] += 1
        if seen[base[k]] > 1:
            ids[k] = f"{base[k]}-{seen[base[k]]}"
    return ids


def _index_of(spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the (sorted, disjoint) span holding ``offset``, end included."""
    k = bisect.bisect_right(spans, (offset, math.inf)) - 1
    if k >= 0 and spans[k][0] <= offset <= spans[k][1]:
        return k
    return None


def _clamp(x: float) -> float:
    return min(max(float(x), 0.0), 1.0)
