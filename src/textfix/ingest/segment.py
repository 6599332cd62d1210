"""Split text into headings, paragraphs and list items, with offsets into the text as given.

Blank lines separate blocks. Inside a block, lines are separate units when they look like it (a
heading line above a paragraph, list markers, lines ending in ``;``), and are joined when they
look like one hard-wrapped paragraph. Each unit becomes one Segment so a heading or a list item is
never parsed as part of the next sentence. Segment offsets exclude the line break, surrounding
spaces and list/heading markers (``# ``, ``- ``, ``1. ``), so checks read only the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..records import Segment, SegmentKind

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LIST_MARKER = re.compile(r"[ \t]*(?:[-*+•–—▪►●◦]|\d{1,3}[.)]|[a-z][)])[ \t]+(?=\S)")
MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
ELLIPSIS_END = re.compile(r"(?:…|\.\.\.|\. \. \.)[\"'”’»)\]]*$")
# words a heading or a finished line does not end with; a line ending in one is wrapped prose
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or",
     "but", "as", "than", "that", "which", "who", "whose", "is", "are", "was", "were", "be",
     "been", "this", "these", "those", "its", "their", "his", "her", "our", "your", "not", "no",
     "into", "onto"]
)
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 120
SHORT_LINE_CHARS = 60


@dataclass(frozen=True)
class Line:
    start: int  # offset of the line's first character
    end: int  # offset after its last character, before the line break


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """Lines of ``text[start:end]`` with absolute offsets; ``\\r\\n``, ``\\r``, ``\\n`` end one."""
    end = len(text) if end is None else end
    cursor = start
    for match in LINE_BREAK.finditer(text, start, end):
        yield Line(cursor, match.start())
        cursor = match.end()
    if cursor < end:
        yield Line(cursor, end)


def line_breaks_between(text: str, start: int, end: int) -> int:
    """How many line breaks separate two spans: 1 means adjacent lines of the same block."""
    return len(LINE_BREAK.findall(text, start, end))


def words(text: str) -> list[str]:
    return text.split()


def is_heading_like(text: str) -> bool:
    """A short line that does not read as a sentence: no final ``.``/``!``/``;``/``,``/``:``.

    A question mark is allowed ("Why do legs cramp?") and so is a colon inside ("Cramps: causes").
    """
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    tokens = words(stripped)
    if len(tokens) > MAX_HEADING_WORDS or LIST_MARKER.match(stripped):
        return False
    first = stripped[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“«‘"):
        return False
    if stripped[-1] in ".!,;:…" or ELLIPSIS_END.search(stripped):
        return False
    return tokens[-1].lower().strip("\"'”’»)") not in FUNCTION_WORDS


def _starts_unit(line_text: str) -> bool:
    return bool(LIST_MARKER.match(line_text) or MD_HEADING.match(line_text))


def _breaks_after(prev: str, nxt: str) -> bool:
    """Is the line break between two lines of one block a unit boundary (not a soft wrap)?"""
    prev_s, next_s = prev.strip(), nxt.strip()
    if _starts_unit(nxt) or MD_HEADING.match(prev):
        return True
    if TERMINAL.search(prev_s):
        return True
    if prev_s.endswith(",") and len(prev_s) <= SHORT_LINE_CHARS and len(next_s) <= SHORT_LINE_CHARS:
        return True
    if not_filled(prev_s, next_s):
        return True
    starts_upper = bool(next_s) and (next_s[0].isupper() or next_s[0].isdigit()
                                      or next_s[0] in "\"'“«‘")
    return is_heading_like(prev_s) and starts_upper


def not_filled(prev: str, nxt: str) -> bool:
    """A line with room left for the next line's first word was not wrapped by a line filler.

    In hard-wrapped prose every line but the last is as full as the width allows, and the width is
    at least as long as the next line; so a short title line above a long snippet is its own unit.
    """
    if not nxt:
        return False
    first_word = nxt.split()[0]
    return len(prev) + 1 + len(first_word) <= len(nxt)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class _Unit:
    start: int
    end: int
    lines: int
    kind: SegmentKind = "paragraph"
    by_punctuation: bool = False  # a list item recognised by its final ; or ,


def _blocks(text: str, start: int, end: int, markdown: bool) -> Iterator[list[Line]]:
    """Runs of non-blank lines; in markdown, fenced code and front matter are left out."""
    block: list[Line] = []
    fence: str | None = None
    lines = list(iter_lines(text, start, end))
    skip_until = _front_matter_end(text, lines) if markdown else 0
    for index, line in enumerate(lines):
        content = text[line.start : line.end]
        if index < skip_until:
            continue
        if markdown:
            match = FENCE.match(content)
            if fence is not None:
                if match and match.group(1) == fence:
                    fence = None
                continue
            if match:
                if block:
                    yield block
                    block = []
                fence = match.group(1)
                continue
        if content.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _front_matter_end(text: str, lines: list[Line]) -> int:
    if not lines or text[lines[0].start : lines[0].end].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if text[lines[index].start : lines[index].end].strip() in ("---", "..."):
            return index + 1
    return 0


def _units(text: str, block: list[Line]) -> list[_Unit]:
    units = [_Unit(block[0].start, block[0].end, 1)]
    for prev, line in zip(block, block[1:], strict=False):
        if _breaks_after(text[prev.start : prev.end], text[line.start : line.end]):
            units.append(_Unit(line.start, line.end, 1))
        else:
            units[-1].end = line.end
            units[-1].lines += 1
    return units


def _classify(text: str, units: list[_Unit]) -> None:
    """Set each unit's kind from its markers, punctuation and its neighbours in the block."""
    heading_like = [u.lines == 1 and is_heading_like(text[u.start : u.end]) for u in units]
    for index, unit in enumerate(units):
        body = text[unit.start : unit.end].strip()
        if MD_HEADING.match(text, unit.start):
            unit.kind = "heading"
        elif LIST_MARKER.match(text, unit.start):
            unit.kind = "list_item"
        elif body.endswith(";") or (body.endswith(",") and len(body) <= SHORT_LINE_CHARS):
            unit.kind, unit.by_punctuation = "list_item", True
        elif (index and units[index - 1].by_punctuation and body[:1].islower()
              and len(words(body)) <= 25):
            unit.kind = "list_item"  # the last item of a ;-list ends with a period
        elif heading_like[index]:
            in_run = (index > 0 and heading_like[index - 1]) or (
                index + 1 < len(units) and heading_like[index + 1])
            unit.kind = "list_item" if in_run else "heading"


def _strip_marker(text: str, unit: _Unit) -> int:
    for pattern in (MD_HEADING, LIST_MARKER):
        match = pattern.match(text, unit.start, unit.end)
        if match:
            return match.end()
    return unit.start


def segment_text(
    text: str, start: int = 0, end: int | None = None, markdown: bool = False
) -> list[Segment]:
    """Segments of ``text[start:end]`` (offsets into ``text``), in reading order."""
    end = len(text) if end is None else end
    segments: list[Segment] = []
    for block in _blocks(text, start, end, markdown):
        units = _units(text, block)
        _classify(text, units)
        for unit in units:
            seg_start, seg_end = _trimmed(text, _strip_marker(text, unit), unit.end)
            if markdown and unit.kind == "heading":
                seg_end = _trim_closing_hashes(text, seg_start, seg_end)
            if seg_end > seg_start:
                segments.append(Segment(seg_start, seg_end, unit.kind))
    return segments


def _trim_closing_hashes(text: str, start: int, end: int) -> int:
    """``## Title ##`` is a heading ``Title``: drop the optional closing hashes."""
    stripped = text[start:end].rstrip("#")
    if stripped != text[start:end] and (not stripped or stripped[-1] in " \t"):
        return _trimmed(text, start, start + len(stripped))[1]
    return end
