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
edits, which is another number (one deletion removes a run of boilerplate). ``report.counts``
sums these over articles for every summary (terminal, HTML report, JSON, batch dashboard).

Words and sentences come from ``text_units``, "was this issue applied" from ``issue_links``; the
totals every report prints are summed in ``report.counts``; an issue's ranked suggestions and
best one come from ``stages.ranking``, the one ranking the policy uses too.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .catalogue import catalogue
from .issue_links import applied_edits
from .records import Document, Result
from .text_units import count_words, sentence_spans, span_index_of

QUALITY_SCALE = 10.0


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
    flagged = {span_index_of(sentences, i.start) for i in counted} - {None}
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


def boilerplate_flags(result: Result) -> list[bool]:
    """For every issue of ``result``: is it boilerplate (its category, or it starts in a
    boilerplate segment)? Boilerplate issues are shown to editors but never count against the
    article. Uses a sorted segment index."""
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


def _clamp(x: float) -> float:
    return min(max(float(x), 0.0), 1.0)
