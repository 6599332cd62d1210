"""Edit labels on real text: character edits for one pass, and offsets through several passes.

The tagger labels the words of the *current* text (``split_words``); ``char_edits`` turns those
labels into character edits on it, keeping every untouched character (spacing, quotes, accents
the uncased encoder stripped) and giving replacements the case pattern of the word they replace.
``Passes`` composes the passes: it remembers which characters are still copies of the original,
so after the last pass each change is one edit on the *original* text, with the labels and the
lowest confidence that made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..detok import detokenize
from .edit_labels import APPEND, DELETE, KEEP, apply_word

NO_SPACE_BEFORE = (".", ",", ";", ":", "!", "?", ")", "%", "'", "’")


@dataclass
class CharEdit:
    """Replace ``text[start:end]``; ``labels`` and ``confidence`` say why and how sure."""

    start: int
    end: int
    replacement: str
    confidence: float = 1.0
    labels: list[str] = field(default_factory=list)


def _phrase(words: Sequence[str]) -> str:
    return detokenize(" ".join(words))


def _joined(phrase: str) -> str:
    """An appended phrase with the space it needs before it."""
    return phrase if phrase.startswith(NO_SPACE_BEFORE) else " " + phrase


def word_edit(text: str, spans: Sequence[tuple[int, int]], i: int, label: str) -> CharEdit | None:
    """The character edit of label ``label`` on word ``i`` (``spans`` index the words)."""
    start, end = spans[i]
    word = text[start:end]
    if label == KEEP:
        return None
    if label == DELETE:
        gap_start = spans[i - 1][1] if i else 0
        if i and text[gap_start:start].isspace():
            return CharEdit(gap_start, end, "")
        if i == 0:
            stop = spans[1][0] if len(spans) > 1 else end
            return CharEdit(start, stop if text[end:stop].isspace() else end, "")
        return CharEdit(start, end, "")
    if label.startswith(APPEND):
        added = label[len(APPEND):].split(" ")
        following = [text[s:e].lower() for s, e in spans[i + 1 : i + 1 + len(added)]]
        if following == [w.lower() for w in added]:
            return None  # already there (a later pass must not add it again)
        return CharEdit(end, end, _joined(_phrase(added)))
    words = apply_word(word, label)
    new = _phrase(words)
    return None if new == word else CharEdit(start, end, new)


def char_edits(text: str, spans: Sequence[tuple[int, int]], labels: Sequence[str],
               confidences: Sequence[float]) -> list[CharEdit]:
    """Edits of one pass: ``labels[0]`` is the start slot, ``labels[i + 1]`` word ``i``'s; edits
    that touch are merged, so they never overlap."""
    edits: list[CharEdit] = []
    words = labels[0][len(APPEND):].split(" ")
    leading = [text[s:e].lower() for s, e in spans[: len(words)]]
    if spans and labels[0].startswith(APPEND) and leading != [w.lower() for w in words]:
        first = text[spans[0][0]:spans[0][1]]
        phrase = _phrase(words)
        if first[:1].isupper():
            phrase = phrase[:1].upper() + phrase[1:]
        edits.append(CharEdit(spans[0][0], spans[0][0], phrase + " ", confidences[0],
                              [labels[0]]))
    for i, (label, conf) in enumerate(zip(labels[1:], confidences[1:], strict=True)):
        edit = word_edit(text, spans, i, label)
        if edit is not None:
            edit.confidence, edit.labels = conf, [label]
            edits.append(edit)
    return merge_touching(text, edits)


def merge_touching(text: str, edits: list[CharEdit]) -> list[CharEdit]:
    out: list[CharEdit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and edit.start <= out[-1].end:
            last = out[-1]
            middle = text[last.end:edit.start] if edit.start > last.end else ""
            last.replacement += middle + edit.replacement
            last.end = max(last.end, edit.end)
            last.confidence = min(last.confidence, edit.confidence)
            last.labels += edit.labels
        else:
            out.append(CharEdit(edit.start, edit.end, edit.replacement, edit.confidence,
                                list(edit.labels)))
    return out


@dataclass
class _Piece:
    text: str
    origin: int | None  # where this copy starts in the original; None: inserted text
    confidence: float = 1.0
    labels: list[str] = field(default_factory=list)


class Passes:
    """The current text as pieces of the original and inserted text (a piece table)."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.pieces = [_Piece(original, 0)] if original else []

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def _cut(self, at: int) -> int:
        """Split the piece containing offset ``at`` of the current text; the index of the
        first piece at or after it."""
        pos = 0
        for k, piece in enumerate(self.pieces):
            if at == pos:
                return k
            if at < pos + len(piece.text):
                cut = at - pos
                origin = None if piece.origin is None else piece.origin + cut
                rest = _Piece(piece.text[cut:], origin, piece.confidence, list(piece.labels))
                piece.text = piece.text[:cut]
                self.pieces.insert(k + 1, rest)
                return k + 1
            pos += len(piece.text)
        return len(self.pieces)

    def apply(self, edits: Sequence[CharEdit]) -> None:
        """Apply one pass's non-overlapping edits (offsets into the current text)."""
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            a = self._cut(edit.start)
            b = self._cut(edit.end) if edit.end > edit.start else a
            removed = self.pieces[a:b]
            conf = min([edit.confidence] + [p.confidence for p in removed if p.origin is None])
            labels = [lab for p in removed if p.origin is None for lab in p.labels] + edit.labels
            self.pieces[a:b] = [_Piece(edit.replacement, None, conf, labels)]

    def edits(self) -> list[CharEdit]:
        """The changes as edits on the original text: runs of inserted pieces and the
        original characters no piece copies any more."""
        out: list[CharEdit] = []
        cursor = 0  # next original offset expected
        pending: list[_Piece] = []
        for piece in [*self.pieces, _Piece("", len(self.original))]:
            if piece.origin is None:
                pending.append(piece)
                continue
            if piece.origin != cursor or any(p.text or p.labels for p in pending):
                out.append(CharEdit(cursor, piece.origin, "".join(p.text for p in pending),
                                    min((p.confidence for p in pending), default=1.0),
                                    [lab for p in pending for lab in p.labels]))
            pending = []
            cursor = piece.origin + len(piece.text)
        return [e for e in out if e.start != e.end or e.replacement]
