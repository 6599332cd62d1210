"""Read an HTML page's main text and write edits back into the original HTML.

``Document.text`` is the readable text of the page's main content (blocks separated by a blank
line, whitespace collapsed as a browser would). Every character of it that came from the page is
mapped to the raw HTML characters it came from, so edits to the text can be put back into the
original text nodes: markup, attributes, comments and the rest of the page stay byte for byte.

The standard library's tolerant ``html.parser`` is used because it reports where each piece of
text sits in the source; lxml and trafilatura rebuild the tree and lose those positions. The map
is recomputed from the raw HTML when rendering, so no parse tree lives in ``Document.metadata``.

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from ..records import Edit
from ..stages.apply import apply_edits

DROP = frozenset(
    ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
     "iframe", "svg", "math", "button", "select", "option", "head", "title", "object", "embed",
     "canvas", "input", "textarea", "menu", "dialog", "pre", "audio", "video", "map"]
)
VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen"]
)
BLOCK = frozenset(
    ["address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
     "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
LIST_ITEMS = frozenset({"li", "dt", "dd"})
# dropped elements whose text a browser shows: read them when left unclosed around content
RESCUABLE = DROP - {"script", "style", "template", "title", "head", "noscript", "iframe",
                    "option", "select", "textarea", "canvas", "audio", "video", "object", "embed",
                    "map", "svg", "math"}
CONTENT_TAGS = HEADINGS | {"p", "li", "blockquote", "article", "section", "main"}
RAW_TEXT = frozenset(["script", "style"])  # the parser reads their content as raw text
_WORDISH = re.compile(r"[^\W\d_][\w'’]*[.,;:!?]?")  # a word, not a data-/ng- attribute
BOOLEAN_ATTRIBUTES = frozenset(
    ["allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default",
     "defer", "disabled", "download", "formnovalidate", "hidden", "inert", "ismap", "itemscope",
     "loop", "multiple", "muted", "nomodule", "novalidate", "open", "playsinline", "readonly",
     "required", "reversed", "selected", "itemprop", "contenteditable", "draggable", "spellcheck",
     "translate"]
)
CONTENT_HINTS = ("articlebody", "article-body", "article__body", "entry-content", "post-content")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(eq=False)
class _Text:
    start: int  # offsets into the raw HTML
    end: int
    value: str  # the decoded text
    entity: bool


@dataclass(eq=False)
class _Element:
    tag: str
    attrs: dict[str, str]
    parent: _Element | None
    children: list[_Element | _Text] = field(default_factory=list)
    start: int = 0  # offset of its start tag in the raw HTML
    closed: bool = False  # its own end tag was seen (not closed by a parent or the end of file)
    rescued: bool = False  # dropped by its tag, but read: left unclosed around content


def _dropped(element: _Element) -> bool:
    return element.tag in DROP and not element.rescued


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed tags close at their parent's end, stray end tags are ignored."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.root = _Element("#root", {}, None)
        self.stack = [self.root]
        self.warnings: list[str] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _implied_end(self, tag: str) -> None:
        """Close what a browser closes implicitly: a <p> before a block, an <li> before an <li>."""
        if tag in BLOCK and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "body" or tag in BLOCK:  # a browser ends <head> where the body's content starts
            for index in range(len(self.stack) - 1, 0, -1):
                if self.stack[index].tag == "head":
                    del self.stack[index:]
                    break
        siblings = {"li": ("ul", "ol"), "dt": ("dl",), "dd": ("dl",), "tr": ("table",),
                    "td": ("tr", "table"), "th": ("tr", "table")}
        if tag in siblings:
            for index in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[index].tag
                if open_tag in siblings[tag]:
                    break
                if open_tag == tag or (tag in ("dt", "dd") and open_tag in ("dt", "dd")) or (
                        tag in ("td", "th") and open_tag in ("td", "th")):
                    del self.stack[index:]
                    break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_end(tag)
        self._swallowed_words(tag, attrs)
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1],
                           start=self._offset())
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_end(tag)
        self.stack[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs},
                                                self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                self.stack[index].closed = True
                del self.stack[index:]
                return

    def _swallowed_words(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start tag missing its ``>`` reads the words after it as attributes: say so."""
        words = [name for name, value in attrs if value is None and name not in BOOLEAN_ATTRIBUTES
                 and _WORDISH.fullmatch(name.rstrip("<"))]
        punctuated = any(name.rstrip("<")[-1:] in ".,;:!?" for name in words)
        if len(words) < 3 and not (punctuated and len(words) >= 2):
            return
        tag_text = _SPACE.sub(" ", self.get_starttag_text() or "")
        line = self.getpos()[0]
        self.warnings.append(f"line {line}: the tag {_quote(tag_text, 60)} has no closing '>' "
                             f"where expected, so the words in it were not checked")

    def handle_data(self, data: str) -> None:
        start = self._offset()
        if self.raw.startswith(data, start):
            self.stack[-1].children.append(_Text(start, start + len(data), data, False))

    def _entity(self) -> None:
        start = self._offset()
        match = _ENTITY.match(self.raw, start)
        if match:
            value = htmllib.unescape(match.group())
            self.stack[-1].children.append(_Text(start, match.end(), value, True))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def _walk(root: _Element) -> Iterator[_Element]:
    """Every element under ``root`` (itself included) outside dropped subtrees, in order."""
    pending = [root]
    while pending:
        element = pending.pop()
        if _dropped(element) and element is not root:
            continue
        yield element
        pending.extend(c for c in reversed(element.children) if isinstance(c, _Element))


def _text_sizes(root: _Element) -> dict[int, int]:
    """Non-space characters of visible text under each element, keyed by ``id(element)``."""
    order = list(_walk(root))
    sizes = {id(e): 0 for e in order}
    for element in reversed(order):
        own = sum(len(c.value.strip()) for c in element.children if isinstance(c, _Text))
        sizes[id(element)] += own
        if element.parent is not None and id(element.parent) in sizes and element is not root:
            sizes[id(element.parent)] += sizes[id(element)]
    return sizes


def _main_element(root: _Element) -> _Element:
    """<article>/<main> (the biggest), else the parent of most paragraph text, else <body>."""
    sizes = _text_sizes(root)
    elements = list(_walk(root))

    def is_candidate(e: _Element) -> bool:
        hint = (e.attrs.get("class", "") + " " + e.attrs.get("id", "")).lower()
        return (e.tag in ("article", "main") or e.attrs.get("role") == "main"
                or e.attrs.get("itemprop") == "articleBody"
                or any(h in hint for h in CONTENT_HINTS))

    candidates = [e for e in elements if is_candidate(e) and sizes[id(e)] > 0]
    if candidates:
        best = max(candidates, key=lambda e: sizes[id(e)])
        inner = [e for e in _walk(best) if e is not best and is_candidate(e)]
        if inner:
            biggest = max(inner, key=lambda e: sizes[id(e)])
            if sizes[id(biggest)] >= 0.6 * sizes[id(best)]:
                best = biggest
        return best
    paragraph_text: dict[int, int] = {}
    parents: dict[int, _Element] = {}
    for element in elements:
        if element.tag == "p" and element.parent is not None:
            paragraph_text[id(element.parent)] = (paragraph_text.get(id(element.parent), 0)
                                                  + sizes[id(element)])
            parents[id(element.parent)] = element.parent
    if paragraph_text:
        return parents[max(paragraph_text, key=lambda k: paragraph_text[k])]
    bodies = [e for e in elements if e.tag == "body"]
    return bodies[0] if bodies else root


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

    def add_text(self, piece: _Text, kind: str) -> None:
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


def _kind_for(element: _Element) -> str:
    node: _Element | None = element
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


def _layout(main: _Element) -> _TextBuilder:
    builder = _TextBuilder()
    pending: list[tuple[_Element | _Text, _Element, bool]] = [(main, main, False)]
    while pending:
        node, parent, leaving = pending.pop()
        if isinstance(node, _Text):
            builder.add_text(node, _kind_for(parent))
            continue
        if _dropped(node) and node is not main:
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


def _parse(raw: str, source: str) -> tuple[_Element, list[str]]:
    builder = _TreeBuilder(raw)
    try:
        builder.feed(raw)
        builder.close()
    except (AssertionError, ValueError, IndexError) as exc:
        raise InputError(f"{source} could not be parsed as HTML: {exc}") from None
    return builder.root, builder.warnings + _unclosed(builder.root, raw)


def _unclosed(root: _Element, raw: str) -> list[str]:
    """Rescue unclosed furniture that holds content; report what an unclosed raw-text element
    hides. Returns the warnings, in document order."""
    warnings: list[str] = []
    pending = [root]
    while pending:
        element = pending.pop()
        if element is not root and not element.closed:
            if element.tag in RESCUABLE and _holds_content(element):
                element.rescued = True
                warnings.append(f"line {_line(raw, element.start)}: <{element.tag}> is never "
                                "closed and holds article text; it was read as content")
            elif element.tag in RAW_TEXT:
                # the parser keeps what follows an unclosed <script> to itself: read the raw HTML
                tag_end = raw.find(">", element.start) + 1
                hidden = raw[tag_end:] if tag_end else ""
                if "<" in hidden and _strip_tags(hidden):
                    warnings.append(
                        f"line {_line(raw, element.start)}: <{element.tag}> is never closed, so "
                        f"the rest of the page ({len(hidden):,} characters) was not checked: "
                        f"{_quote(_strip_tags(hidden), 80)}")
        pending.extend(c for c in reversed(element.children) if isinstance(c, _Element))
    return warnings


def _holds_content(element: _Element) -> bool:
    """Paragraphs or headings with text somewhere below ``element``."""
    pending = list(element.children)
    while pending:
        node = pending.pop()
        if isinstance(node, _Element):
            if node.tag in CONTENT_TAGS and _has_text(node):
                return True
            pending.extend(node.children)
    return False


def _has_text(element: _Element) -> bool:
    pending: list[_Element | _Text] = [element]
    while pending:
        node = pending.pop()
        if isinstance(node, _Text):
            if node.value.strip():
                return True
        elif node.tag not in RAW_TEXT:
            pending.extend(node.children)
    return False


def _strip_tags(markup: str) -> str:
    return _SPACE.sub(" ", re.sub(r"<[^<>]*>", " ", markup)).strip()


def _quote(text: str, width: int) -> str:
    text = text.strip()
    return "«" + (text if len(text) <= width else text[: width - 1] + "…") + "»"


def _line(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def _title(root: _Element) -> str:
    def text_of(element: _Element) -> str:
        values: list[str] = []
        pending: list[_Element | _Text] = [element]
        while pending:
            node = pending.pop()
            if isinstance(node, _Text):
                values.append(node.value)
            elif node.tag not in ("script", "style"):
                pending.extend(reversed(node.children))
        return _SPACE.sub(" ", "".join(values)).strip()

    pending = [root]
    first_h1 = ""
    while pending:
        element = pending.pop()
        if element.tag == "title":
            title = text_of(element)
            if title:
                return title
        if element.tag == "h1" and not first_h1:
            first_h1 = text_of(element)
        pending.extend(c for c in reversed(element.children) if isinstance(c, _Element))
    return first_h1


def extract(raw: str, source: str = "<html>") -> HtmlText:
    """The main text of ``raw`` with its blocks and its map back into ``raw``."""
    root, warnings = _parse(raw, source)
    builder = _layout(_main_element(root))
    return HtmlText("".join(builder.parts), builder.blocks, builder.spans, _title(root), warnings)


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
