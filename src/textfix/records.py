"""The one data model that flows through the pipeline.

Every offset (``start``/``end``) is a character offset into ``Document.text``, the original text
as read. Reports, the review store and edits all speak about the same characters, and applying no
edit returns ``Document.text`` unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SegmentKind = Literal["heading", "paragraph", "list_item", "boilerplate", "caption"]



@dataclass(frozen=True)
class Segment:
    """A block of the document: a heading, a paragraph, a list item or boilerplate."""

    start: int
    end: int
    kind: SegmentKind
    reason: str = ""  # why a boilerplate segment was recognised as such
    # The text this segment translates (e.g. the Russian original from an XLIFF or TMX unit),
    # for checks that compare a translation with its source; None for monolingual input.
    source_text: str | None = None
    source_language: str | None = None  # BCP 47, e.g. "ru"


@dataclass
class Document:
    """An input article (or one line of a ``--lines`` file) with its block structure."""

    id: str
    text: str
    source: str = ""  # path or "<stdin>"
    format: str = "text"  # text | markdown | html | lines | jsonl | csv
    segments: list[Segment] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def segment_at(self, offset: int) -> Segment | None:
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg
        return None


@dataclass
class Suggestion:
    """A replacement for an issue's span (or, for rewrites, for the span of a whole sentence)."""

    text: str
    source: str  # harper, languagetool, lexicon, glossary, parser, model, memory, typography
    score: float = 0.5  # in [0, 1]; higher is better
    safe: bool | None = None  # set by the guard: may it be applied without an editor?
    guard_reason: str = ""  # why the guard refused, for the editor
    # Why this fix must wait for an editor whatever the issue's confidence ("house style", "LM
    # reads worse", "guard: changes a dose"), set by the stage that knows; None: nothing holds it.
    # The apply policy reads it; confidence says only how sure the problem is.
    hold: str | None = None
    model: str | None = None  # "id@hash" of the model that proposed it (model sources only)

    def hold_back(self, reason: str) -> None:
        """Add a reason to wait for an editor; a reason already given is not repeated."""
        if not self.hold:
            self.hold = reason
        elif reason not in self.hold:
            self.hold = f"{self.hold}; {reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source, "score": round(self.score, 4),
                "safe": self.safe, "guard_reason": self.guard_reason, "hold": self.hold,
                **({"model": self.model} if self.model else {})}


@dataclass
class Issue:
    """One flagged span, shaped after LanguageTool's RuleMatch and harper's Lint."""

    start: int
    end: int
    category: str
    rule: str  # stable id, e.g. "calque/against-the-background-of"
    message: str
    source: str
    confidence: float = 0.5
    severity: str = "warning"  # info | warning | error
    suggestions: list[Suggestion] = field(default_factory=list)
    context: str = ""  # the sentence the issue sits in, for stable ids and review

    def span_text(self, text: str) -> str:
        return text[self.start : self.end]

    def stable_id(self, doc_id: str, text: str) -> str:
        """Same document, rule, span and context give the same id on every run."""
        key = "\x1f".join((doc_id, self.rule, text[self.start : self.end], self.context))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "rule": self.rule,
            "message": self.message,
            "source": self.source,
            "confidence": round(self.confidence, 4),
            "severity": self.severity,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass
class Result:
    """What the pipeline made of one document."""

    document: Document
    issues: list[Issue]
    edits: list[Edit]  # the edits the policy applied
    corrected: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.document.id,
            "text": self.document.text,
            "issues": [i.to_dict() for i in self.issues],
            "corrected": self.corrected,
        }


def segment_dict(seg: Segment) -> dict[str, Any]:
    return asdict(seg)
