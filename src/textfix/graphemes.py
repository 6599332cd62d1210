"""Grapheme clusters: what a reader sees as one character, and text normalised for analysis.

A flag or an edit that starts or ends inside a cluster corrupts the text: "tempe\u0301rature"
flagged as "tempe" and fixed to "temp" leaves the accent on the wrong letter. Every span the
pipeline reports or applies is therefore snapped here (``snap_span``), using ``regex``'s ``\\X``
as the definition of a cluster.

Finding a boundary is local: a break before an ASCII letter (and most other characters) is
certain from the two characters around it, so only the few positions next to combining marks,
emoji sequences or CRLF pairs are resolved by reading clusters forward from the nearest certain
break. That keeps the cost linear in the number of spans, not in the size of the text.

Engines that split words at combining marks (harper reads "tempe\u0301rature" as "tempe" and
"rature") get ``analysis_text``: NFC, with leftover combining marks and invisible format
characters removed, and an :class:`OffsetMap` to take their spans back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace

import regex

from .records import Edit, Issue

_CLUSTER = regex.compile(r"\X")
# Characters that always start a new cluster unless the character before them is a Prepend
# (or this is the LF of a CRLF): no rule of UAX #29 joins them to what precedes them.
_STARTS_CLUSTER = regex.compile(
    r"(?V1)[[\p{GCB=Other}\p{GCB=Control}\p{GCB=CR}\p{GCB=LF}]"
    r"--[\p{Extended_Pictographic}\p{InCB=Consonant}]]"
)
_PREPEND = regex.compile(r"\p{GCB=Prepend}")


def _certain_break(text: str, i: int) -> bool:
    """True when ``i`` is a cluster boundary judged from its two neighbours alone."""
    if i <= 0 or i >= len(text):
        return True
    before, after = text[i - 1], text[i]
    if before == "\r" and after == "\n":
        return False
    if not (after.isascii() or _STARTS_CLUSTER.match(after)):
        return False
    return before.isascii() or not _PREPEND.match(before)


def cluster_bounds(text: str, i: int) -> tuple[int, int]:
    """``(floor, ceil)``: the cluster boundaries at or around offset ``i`` (equal on a boundary)."""
    i = max(0, min(i, len(text)))
    if _certain_break(text, i):
        return i, i
    anchor = i - 1
    while not _certain_break(text, anchor):
        anchor -= 1
    position = anchor
    while True:
        end = _CLUSTER.match(text, position).end()
        if end == i:
            return i, i
        if end > i:
            return position, end
        position = end


def is_boundary(text: str, i: int) -> bool:
    return cluster_bounds(text, i)[0] == i


def snap_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The smallest span on cluster boundaries that covers ``[start, end)``."""
    return cluster_bounds(text, start)[0], cluster_bounds(text, end)[1]


def boundaries(text: str) -> list[int]:
    """Every cluster boundary of ``text`` (0 and ``len(text)`` included); for tests and checks
    of short texts: it reads the whole text."""
    found = [0]
    found.extend(m.end() for m in _CLUSTER.finditer(text))
    return found if text else [0]


# -- text normalised for analysis ------------------------------------------------------------
_NON_ASCII_RUN = re.compile(r".?[^\x00-\x7f]+", re.S)
_ZERO_WIDTH_SPACE = "\u200b"  # engines read it as a word break already: kept
_DROPPED = regex.compile(r"[[\p{Mn}\p{Me}\p{Cf}]--[\u200b]]", regex.V1)


def _drop_in_analysis(char: str) -> bool:
    """Combining marks NFC could not compose and invisible format characters (soft hyphen,
    joiners, direction marks, BOM) split a word for a word-based engine without showing."""
    return char != _ZERO_WIDTH_SPACE and unicodedata.category(char) in ("Mn", "Me", "Cf")


@dataclass
class OffsetMap:
    """Maps offsets in an analysis text back to the original text.

    ``pieces`` holds, for every stretch that normalisation changed, ``(analysis start, analysis
    end, original start, original end)``; between pieces both texts agree character for
    character. An offset inside a changed piece maps to the piece's start (for a span start)
    or end (for a span end), so a span never comes back cutting what was normalised.
    """

    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [p[0] for p in self.pieces]

    def _piece_at(self, offset: int) -> tuple[int, int, int, int] | None:
        at = bisect_right(self._starts, offset) - 1
        return self.pieces[at] if at >= 0 else None

    def start(self, offset: int) -> int:
        piece = self._piece_at(offset)
        if piece is None:
            return offset
        a0, a1, o0, o1 = piece
        return o0 if offset < a1 else o1 + (offset - a1)

    def end(self, offset: int) -> int:
        piece = self._piece_at(offset - 1) if offset > 0 else None
        if piece is None:
            return offset
        a0, a1, o0, o1 = piece
        return o1 if offset <= a1 else o1 + (offset - a1)


def analysis_text(text: str) -> tuple[str, OffsetMap]:
    """``text`` as a word-based engine should read it, and the map back to ``text``.

    ASCII text comes back unchanged. Only runs of non-ASCII characters (with the character
    before them, which a combining mark belongs to) are rewritten, so the map stays small.
    """
    if text.isascii():
        return text, OffsetMap()
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    cursor = 0
    length = 0
    for match in _NON_ASCII_RUN.finditer(text):
        run = match.group()
        if unicodedata.is_normalized("NFC", run) and not _DROPPED.search(run):
            continue  # most runs: a Cyrillic word, an emoji, a precomposed accent
        normal = "".join(c for c in unicodedata.normalize("NFC", run) if not _drop_in_analysis(c))
        if normal == run:
            continue
        parts.append(text[cursor : match.start()])
        length += match.start() - cursor
        pieces.append((length, length + len(normal), match.start(), match.end()))
        parts.append(normal)
        length += len(normal)
        cursor = match.end()
    parts.append(text[cursor:])
    return "".join(parts), OffsetMap(pieces)


# -- the pipeline's guarantee ----------------------------------------------------------------
def snap_issues(issues: list[Issue], text: str) -> list[Issue]:
    """Every issue on cluster boundaries: a span that cuts a cluster is widened to whole
    clusters and loses its suggestions, which were written for the cut span and would move a
    mark onto another letter ("tempe" -> "temp" in "tempe\u0301rature")."""
    snapped = []
    for issue in issues:
        start, end = snap_span(text, issue.start, issue.end)
        if (start, end) != (issue.start, issue.end):
            issue = replace(issue, start=start, end=end, suggestions=[])
        snapped.append(issue)
    return snapped


def edits_on_boundaries(edits: list[Edit], text: str) -> list[Edit]:
    """The edits that start and end on cluster boundaries; any other is dropped, never applied
    (issues are snapped first, so this only catches a stage that moved a span afterwards)."""
    return [e for e in edits if is_boundary(text, e.start) and is_boundary(text, e.end)]
