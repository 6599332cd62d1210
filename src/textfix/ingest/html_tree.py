"""Raw HTML to a tree that remembers where each piece of text sits in the source.

The standard library's tolerant ``html.parser`` reports source positions; lxml and trafilatura
rebuild the tree and lose them. The tree is forgiving as a browser is: unclosed tags close at
their parent's end, stray end tags are ignored, a <p> ends before a block. Unclosed furniture
(``<nav>``, ``<aside>``...) that holds paragraphs is rescued and read, with a warning; text the
parser cannot give back (words swallowed into a tag without its ``>``, a page after an unclosed
``<script>``) is reported. ``main_element`` finds the article in the page.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError

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
class TextNode:
    start: int  # offsets into the raw HTML
    end: int
    value: str  # the decoded text
    entity: bool


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element | TextNode] = field(default_factory=list)
    start: int = 0  # offset of its start tag in the raw HTML
    closed: bool = False  # its own end tag was seen (not closed by a parent or the end of file)
    rescued: bool = False  # dropped by its tag, but read: left unclosed around content


def dropped(element: Element) -> bool:
    return element.tag in DROP and not element.rescued


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed tags close at their parent's end, stray end tags are ignored."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.root = Element("#root", {}, None)
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
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1],
                           start=self._offset())
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_end(tag)
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs},
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
            self.stack[-1].children.append(TextNode(start, start + len(data), data, False))

    def _entity(self) -> None:
        start = self._offset()
        match = _ENTITY.match(self.raw, start)
        if match:
            value = htmllib.unescape(match.group())
            self.stack[-1].children.append(TextNode(start, match.end(), value, True))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def walk(root: Element) -> Iterator[Element]:
    """Every element under ``root`` (itself included) outside dropped subtrees, in order."""
    pending = [root]
    while pending:
        element = pending.pop()
        if dropped(element) and element is not root:
            continue
        yield element
        pending.extend(c for c in reversed(element.children) if isinstance(c, Element))


def _text_sizes(root: Element) -> dict[int, int]:
    """Non-space characters of visible text under each element, keyed by ``id(element)``."""
    order = list(walk(root))
    sizes = {id(e): 0 for e in order}
    for element in reversed(order):
        own = sum(len(c.value.strip()) for c in element.children if isinstance(c, TextNode))
        sizes[id(element)] += own
        if element.parent is not None and id(element.parent) in sizes and element is not root:
            sizes[id(element.parent)] += sizes[id(element)]
    return sizes


def main_element(root: Element) -> Element:
    """<article>/<main> (the biggest), else the parent of most paragraph text, else <body>."""
    sizes = _text_sizes(root)
    elements = list(walk(root))

    def is_candidate(e: Element) -> bool:
        hint = (e.attrs.get("class", "") + " " + e.attrs.get("id", "")).lower()
        return (e.tag in ("article", "main") or e.attrs.get("role") == "main"
                or e.attrs.get("itemprop") == "articleBody"
                or any(h in hint for h in CONTENT_HINTS))

    candidates = [e for e in elements if is_candidate(e) and sizes[id(e)] > 0]
    if candidates:
        best = max(candidates, key=lambda e: sizes[id(e)])
        inner = [e for e in walk(best) if e is not best and is_candidate(e)]
        if inner:
            biggest = max(inner, key=lambda e: sizes[id(e)])
            if sizes[id(biggest)] >= 0.6 * sizes[id(best)]:
                best = biggest
        return best
    paragraph_text: dict[int, int] = {}
    parents: dict[int, Element] = {}
    for element in elements:
        if element.tag == "p" and element.parent is not None:
            paragraph_text[id(element.parent)] = (paragraph_text.get(id(element.parent), 0)
                                                  + sizes[id(element)])
            parents[id(element.parent)] = element.parent
    if paragraph_text:
        return parents[max(paragraph_text, key=lambda k: paragraph_text[k])]
    bodies = [e for e in elements if e.tag == "body"]
    return bodies[0] if bodies else root


def parse(raw: str, source: str) -> tuple[Element, list[str]]:
    builder = _TreeBuilder(raw)
    try:
        builder.feed(raw)
        builder.close()
    except (AssertionError, ValueError, IndexError) as exc:
        raise InputError(f"{source} could not be parsed as HTML: {exc}") from None
    return builder.root, builder.warnings + _unclosed(builder.root, raw)


def _unclosed(root: Element, raw: str) -> list[str]:
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
        pending.extend(c for c in reversed(element.children) if isinstance(c, Element))
    return warnings


def _holds_content(element: Element) -> bool:
    """Paragraphs or headings with text somewhere below ``element``."""
    pending = list(element.children)
    while pending:
        node = pending.pop()
        if isinstance(node, Element):
            if node.tag in CONTENT_TAGS and _has_text(node):
                return True
            pending.extend(node.children)
    return False


def _has_text(element: Element) -> bool:
    pending: list[Element | TextNode] = [element]
    while pending:
        node = pending.pop()
        if isinstance(node, TextNode):
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


def page_title(root: Element) -> str:
    def text_of(element: Element) -> str:
        values: list[str] = []
        pending: list[Element | TextNode] = [element]
        while pending:
            node = pending.pop()
            if isinstance(node, TextNode):
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
        pending.extend(c for c in reversed(element.children) if isinstance(c, Element))
    return first_h1
