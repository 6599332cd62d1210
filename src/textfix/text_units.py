"""Rough words and sentences of plain text, without a parser: what article scores count and what
a report shows as an issue's sentence when no check gave one."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence

from .records import Issue

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


# a sentence ends at . ! ? … (plus closing quotes/brackets) followed by whitespace or the end
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")


_HAS_WORD = re.compile(r"[^\W_]")



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
    k = span_index_of(spans, issue.start)
    if k is None:
        return text[issue.start : issue.end]
    return text[spans[k][0] : spans[k][1]]


def span_index_of(spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the (sorted, disjoint) span holding ``offset``, end included."""
    k = bisect.bisect_right(spans, (offset, math.inf)) - 1
    if k >= 0 and spans[k][0] <= offset <= spans[k][1]:
        return k
    return None
