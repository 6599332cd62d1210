"""Read an HTML page's main text and write edits back into the original HTML.

``Document.text`` is the readable text of the page's main content (blocks separated by a blank
line, whitespace collapsed as a browser would). Every character of it that came from the page is
mapped to the raw HTML characters it came from, so edits to the text can be put back into the
original text nodes: markup, attributes, comments and the rest of the page stay byte for byte.

The standard library's tolerant ``html.parser`` is used because it reports where each piece of
text sits in the source; lxml and trafilatura rebuild the tree and lose those positions. The map
is recomputed from the raw HTML when rendering, so no parse tree lives in ``Document.metadata``.
Parsing, the rescue of malformed markup and finding the main content are in ``html_tree``.

Malformed HTML must not lose text silently. An element that is normally page furniture (``<nav>``,
``<aside>``, ``<header>``, ``<form>``...) but is never closed swallows everything after it; when it
holds paragraphs or headings it is read as content, with a warning. Text the parser cannot give
back (words swallowed into a tag left without its ``>``, the rest of a page after an unclosed
``<script>`` or ``<style>``) is reported in ``HtmlText.warnings``, quoted, so the user sees what
was not checked.
"""

from __future__ import annotations

import html as htmllib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Edit
from ..stages.apply import apply_edits
from .html_tree import (
    BLOCK,
    HEADINGS,
    LIST_ITEMS,
    Element,
    TextNode,
    dropped,
    main_element,
    page_title,
    parse,
)


@dataclass(frozen=True)
class _Span:
    """Document characters [start, end) came from raw HTML [raw_start, raw_end)."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    verbatim: bool  # one raw character per text character (not an entity or collapsed space)


@dataclass
class HtmlText:
    text: str
    blocks: list[tuple[int, int, str]]  # (start, end, kind) with kind heading/list_item/...
    spans: list[_Span]
    title: str
    warnings: list[str] = field(default_factory=list)  # text malformed markup hid or moved


class _TextBuilder:
    """Lays out the main element's text: collapsed spaces, <br> as a line, blank line per block."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[_Span] = []
        self.blocks: list[tuple[int, int, str]] = []
        self.block_start: int | None = None
        self.block_kind = "paragraph"
        self.pending_space: tuple[int, int, bool] | None = None  # raw span, verbatim

    def _emit(self, text: str, raw: tuple[int, int] | None, verbatim: bool) -> None:
        if raw is not None:
            self.spans.append(_Span(self.length, self.length + len(text), raw[0], raw[1],
                                    verbatim))
        self.parts.append(text)
        self.length += len(text)

    def add_text(self, piece: TextNode, kind: str) -> None:
        if piece.entity:
            if piece.value.strip(" \t\n\r\f"):
                self._start_content(kind)
                self._emit(piece.value, (piece.start, piece.end), False)
            elif self.block_start is not None and self.pending_space is None:
                self.pending_space = (piece.start, piece.end, False)
            return
        for match in re.finditer(r"[ \t\n\r\f]+|[^ \t\n\r\f]+", piece.value):
            raw = (piece.start + match.start(), piece.start + match.end())
            if match.group()[0] in " \t\n\r\f":
                if self.block_start is not None and self.pending_space is None:
                    self.pending_space = (raw[0], raw[1], match.group() == " ")
            else:
                self._start_content(kind)
                self._emit(match.group(), raw, True)

    def _start_content(self, kind: str) -> None:
        if self.block_start is None:
            if self.blocks or self.length:
                self._emit("\n\n", None, False)
            self.block_start = self.length
            self.block_kind = kind
            self.pending_space = None
        elif self.pending_space is not None:
            raw_start, raw_end, verbatim = self.pending_space
            self.pending_space = None
            if not self.parts[-1].endswith("\n"):  # no space at the start of a <br> line
                self._emit(" ", (raw_start, raw_end), verbatim)

    def line_break(self) -> None:
        if self.block_start is not None and self.length > self.block_start:
            self.pending_space = None
            if not self.parts[-1].endswith("\n"):
                self._emit("\n", None, False)

    def end_block(self) -> None:
        if self.block_start is not None:
            end = self.length
            while end > self.block_start and self.parts and self.parts[-1] == "\n":
                self.parts.pop()
                self.length -= 1
                end -= 1
            self.blocks.append((self.block_start, end, self.block_kind))
        self.block_start = None
        self.pending_space = None


def _kind_for(element: Element) -> str:
    node: Element | None = element
    while node is not None:
        if node.tag in HEADINGS:
            return "heading"
        if node.tag in LIST_ITEMS:
            return "list_item"
        if node.tag == "figcaption":
            return "caption"
        if node.tag in BLOCK:
            return "paragraph"
        node = node.parent
    return "paragraph"


def _layout(main: Element) -> _TextBuilder:
    builder = _TextBuilder()
    pending: list[tuple[Element | TextNode, Element, bool]] = [(main, main, False)]
    while pending:
        node, parent, leaving = pending.pop()
        if isinstance(node, TextNode):
            builder.add_text(node, _kind_for(parent))
            continue
        if dropped(node) and node is not main:
            continue
        if leaving:
            if node.tag in BLOCK:
                builder.end_block()
            continue
        if node.tag == "br":
            builder.line_break()
            continue
        if node.tag in BLOCK or node.tag in ("img", "hr"):
            builder.end_block()
        pending.append((node, parent, True))
        pending.extend((child, node, False) for child in reversed(node.children))
    builder.end_block()
    return builder


def extract(raw: str, source: str = "<html>") -> HtmlText:
    """The main text of ``raw`` with its blocks and its map back into ``raw``."""
    root, warnings = parse(raw, source)
    builder = _layout(main_element(root))
    return HtmlText("".join(builder.parts), builder.blocks, builder.spans, page_title(root),
                    warnings)


def _raw_pieces(
    spans: Sequence[_Span], starts: Sequence[int], start: int, end: int
) -> list[tuple[int, int]]:
    """Raw ranges holding document characters [start, end), in order."""
    index = max(bisect_right(starts, start) - 1, 0)
    pieces: list[tuple[int, int]] = []
    while index < len(spans) and spans[index].start < end:
        span = spans[index]
        index += 1
        if span.end <= start:
            continue
        if span.verbatim:
            lo = span.raw_start + max(start, span.start) - span.start
            hi = span.raw_start + min(end, span.end) - span.start
        else:
            lo, hi = span.raw_start, span.raw_end
        pieces.append((lo, hi))
    return pieces


def _insertion_point(spans: Sequence[_Span], starts: Sequence[int], offset: int) -> int:
    """Where text inserted at document ``offset`` goes: after the character before it."""
    index = bisect_right(starts, offset) - 1
    if index >= 0:
        span = spans[index]
        if offset < span.end and span.verbatim:
            return span.raw_start + offset - span.start
        if offset < span.end:
            return span.raw_start
        return span.raw_end
    return spans[0].raw_start if spans else 0


def raw_edits(extracted: HtmlText, edits: Sequence[Edit]) -> list[Edit]:
    """Edits on the document text turned into edits on the raw HTML (text escaped).

    An edit across several text nodes puts its replacement in the first node and removes the
    covered text from the others, so the tags between them survive.
    """
    spans = extracted.spans
    starts = [s.start for s in spans]
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        replacement = htmllib.escape(edit.replacement, quote=False)
        pieces = _raw_pieces(spans, starts, edit.start, edit.end) if edit.end > edit.start else []
        if not pieces:
            if replacement:
                point = _insertion_point(spans, starts, edit.start)
                out.append(Edit(point, point, replacement))
            continue
        out.append(Edit(pieces[0][0], pieces[0][1], replacement))
        out.extend(Edit(lo, hi, "") for lo, hi in pieces[1:])
    return out


def render_corrected_html(raw: str, text: str, edits: Sequence[Edit],
                          source: str = "<html>") -> str:
    """The original HTML with ``edits`` (offsets into ``text``) applied inside its text nodes."""
    if not edits:
        return raw
    extracted = extract(raw, source)
    if extracted.text != text:
        raise ValueError(f"{source}: the HTML no longer yields the document text; cannot map edits")
    return apply_edits(raw, raw_edits(extracted, edits))
