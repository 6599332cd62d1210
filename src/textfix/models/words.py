"""Words with character offsets, and alignment between tokenized corpora and plain text.

The quality model reads words, not subwords, because its training tags (MLQE-PE) are per word. A
user's text is split with ``WORD_RE``, which mimics the Moses-style tokenization of the MT data
("don't" → "don" "'t", hyphenated words kept whole), so flags come back as character offsets.
Evaluation goes the other way: flags on the detokenized text are mapped back to the corpus tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

WORD_RE = re.compile(r"\w+(?:-\w+)*|(?<=\w)['’]\w+|[^\w\s]")
_ENTITIES = {"&apos;": "'", "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">", "@-@": "-"}

Span = tuple[int, int]


def split_words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word and punctuation mark of ``text``."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def _normalise_token(token: str) -> str:
    for entity, char in _ENTITIES.items():
        token = token.replace(entity, char)
    return token


def align_tokens(tokens: Sequence[str], text: str) -> list[Span]:
    """Character span in ``text`` of each corpus token (empty span where a token vanished).

    Whitespace is ignored on both sides; when the characters differ (detokenization changed a
    quote, say) a character-level diff still maps every matching character.
    """
    tok_chars: list[int] = []  # token index of each non-space token character
    tok_str = []
    for index, token in enumerate(tokens):
        norm = "".join(_normalise_token(token).split())
        tok_str.append(norm)
        tok_chars.extend([index] * len(norm))
    joined = "".join(tok_str)
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    text_chars = "".join(text[i] for i in positions)
    mapped: list[int | None] = [None] * len(joined)
    if joined == text_chars:
        mapped = list(positions)
    else:
        matcher = SequenceMatcher(None, joined, text_chars, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                mapped[a + k] = positions[b + k]
    spans: list[Span] = []
    cursor = 0
    char_index = 0
    for norm in tok_str:
        hits = [p for p in mapped[char_index : char_index + len(norm)] if p is not None]
        char_index += len(norm)
        if hits:
            spans.append((hits[0], hits[-1] + 1))
            cursor = hits[-1] + 1
        else:
            spans.append((cursor, cursor))
    return spans


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def project_tags(src_spans: Sequence[Span], src_bad: Sequence[bool],
                 dst_spans: Sequence[Span]) -> list[bool]:
    """A destination span is BAD when any BAD source span overlaps it."""
    bad = [s for s, flag in zip(src_spans, src_bad, strict=True) if flag and s[0] < s[1]]
    bad.sort()
    out = []
    for span in dst_spans:
        out.append(any(overlaps(span, b) for b in bad if b[0] < span[1]))
    return out


def word_tags(tags_line: str) -> list[bool]:
    """MLQE-PE target tags interleave gap and word tags (2n+1); words sit at odd positions."""
    tags = tags_line.split()
    return [t == "BAD" for t in tags[1::2]]
