"""Undo Moses-style tokenization ("it 's a test .") so tokenized MT data reads like real text.

Users' articles are never tokenized; evaluation and benchmark inputs from tokenized corpora go
through this first so every tool sees the same text a user would give it.
"""

from __future__ import annotations

import re

# punctuation joins the word before it when a space, the end, more punctuation or a closing quote
# follows ('"What ?" asked John' -> '"What?" asked John')
_NO_SPACE_BEFORE = re.compile(r" ([.,!?;:%)\]}»”]|'s|'re|'ve|'ll|'d|'m|n't)(?=\s|$|[.,!?;:\"”’])")
_NO_SPACE_AFTER = re.compile(r"([(\[{«“$]) ")
_QUOTE = re.compile(r'" ([^"]*?) "')
_CONTRACTION = re.compile(r"(\w) ?'\s?(t|s|re|ve|ll|d|m)\b")
_HYPHEN = re.compile(r" (-|/) (?=\w)")
_URL_SCHEME = re.compile(r"\b(https?|ftp): //")
_APOS_ENTITY = {"&apos;": "'", "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">",
                "@-@": "-"}


def detokenize(line: str) -> str:
    text = line.strip()
    for entity, char in _APOS_ENTITY.items():
        text = text.replace(entity, char)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text) if " @-@ " in line else text
    text = _CONTRACTION.sub(r"\1'\2", text)
    text = _QUOTE.sub(r'"\1"', text)
    previous = None
    while previous != text:
        previous = text
        text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = _HYPHEN.sub(lambda m: m.group(0) if m.group(1) == "-" else "/", text)
    text = _URL_SCHEME.sub(r"\1://", text)  # "https : //" -> "https://"
    return text
