"""Recognise scraped page furniture among a document's segments.

Scraped MT articles carry teasers for other articles (a title line over a snippet cut off with
"…"), "Continue reading →" links, image captions (a short unterminated line with a finite verb
between paragraphs) and cut-off snippets. They are not the article: the checks should skip them
and an editor usually deletes them. The link texts and word lists live in
``data/boilerplate.yaml`` so editors can extend them; the structure is judged here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..records import Segment
from .segment import TERMINAL, line_breaks_between

FiniteVerbTest = Callable[[Sequence[str]], list[bool]]

_FALLBACK_FINITE = re.compile(
    r"\b(?:can|could|may|might|must|should|will|would|is|are|was|were|has|have|had|does|do|"
    r"did|leads|causes|helps|reduces|increases|decreases|makes|occurs|develops)\b",
    re.IGNORECASE,
)
_FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})


@dataclass(frozen=True)
class Patterns:
    continue_reading: frozenset[str]
    decoration: str
    related_prefixes: tuple[str, ...]
    ellipsis: tuple[str, ...]
    cut_words: frozenset[str]
    min_snippet_chars: int
    caption_min_words: int
    caption_max_words: int
    question_words: frozenset[str]

    def is_continue_reading(self, line: str) -> bool:
        core = line.strip().strip(self.decoration).strip().lower()
        return bool(core) and core in self.continue_reading

    def is_related_link(self, line: str) -> bool:
        low = line.strip().lower()
        if len(low.split()) > 15:
            return False
        return any(
            low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum())
            for p in self.related_prefixes
        )

    def ends_with_ellipsis(self, text: str) -> bool:
        core = text.rstrip().rstrip("\"'”’»)]")
        return any(core.endswith(e) for e in self.ellipsis)

    def cut_mid_sentence(self, text: str) -> bool:
        """The word before the final ellipsis is one a sentence cannot end with."""
        core = text.rstrip().rstrip("\"'”’»)]")
        for mark in self.ellipsis:
            if core.endswith(mark):
                before = core[: -len(mark)].split()
                return bool(before) and before[-1].lower().strip("\"'“«(") in self.cut_words
        return False


def _lower_set(values: object) -> frozenset[str]:
    return frozenset(str(v).strip().lower() for v in (values or []))


def _read_yaml(path: str | None) -> dict[str, Any]:
    try:
        if path is None:
            raw = resources.files("textfix.data").joinpath("boilerplate.yaml").read_text("utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(raw) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read boilerplate patterns ({path or 'shipped'}): {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"boilerplate patterns ({path or 'shipped'}) must be a YAML mapping")
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are extended, mappings merged, scalars replaced: an extra file only adds."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=4)
def load_patterns(extra: str | None = None) -> Patterns:
    """The shipped patterns, extended by the YAML file ``extra`` when given."""
    data = _read_yaml(None)
    if extra is not None:
        data = _merge(data, _read_yaml(extra))
    teaser = data.get("teaser") or {}
    caption = data.get("caption") or {}
    return Patterns(
        continue_reading=_lower_set(data.get("continue_reading")),
        decoration=str(data.get("link_decoration", "→» .")),
        related_prefixes=tuple(sorted(_lower_set(data.get("related_prefixes")), key=len,
                                      reverse=True)),
        ellipsis=tuple(str(e) for e in data.get("ellipsis", ["…", "..."])),
        cut_words=_lower_set(data.get("cut_words")),
        min_snippet_chars=int(teaser.get("min_snippet_chars", 40)),
        caption_min_words=int(caption.get("min_words", 3)),
        caption_max_words=int(caption.get("max_words", 20)),
        question_words=_lower_set(caption.get("question_words")),
    )


def spacy_finite_verbs(lines: Sequence[str]) -> list[bool]:
    """Which lines have a finite verb (or modal) heading the clause, by spaCy's tagger/parser.

    Only candidate lines go through spaCy, so ingesting stays fast; without a spaCy model a
    word-list fallback is used.
    """
    if not lines:
        return []
    from ..stages.analyse import load_spacy

    try:
        nlp = load_spacy()
    except ConfigError:
        return [bool(_FALLBACK_FINITE.search(line)) for line in lines]
    unique = list(dict.fromkeys(lines))  # scraped pages repeat the same captions and teasers
    verdicts = {
        line: any(tok.tag_ in _FINITE_TAGS and (tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT")
                  for tok in doc)
        for line, doc in zip(unique, nlp.pipe(unique, disable=["lemmatizer"]), strict=True)
    }
    return [verdicts[line] for line in lines]


def mark_boilerplate(
    text: str,
    segments: Sequence[Segment],
    patterns: Patterns | None = None,
    captions: bool = True,
    finite_verbs: FiniteVerbTest = spacy_finite_verbs,
) -> list[Segment]:
    """Return ``segments`` with page furniture re-kinded as boilerplate (teasers merged).

    ``captions=False`` skips caption detection (HTML marks captions by ``<figcaption>``).
    """
    patterns = patterns or load_patterns()
    segs = list(segments)
    bodies = [text[s.start : s.end] for s in segs]
    labels: list[str] = ["" for _ in segs]
    if not segs:
        return []

    def adjacent(i: int, j: int) -> bool:
        return line_breaks_between(text, segs[i].end, segs[j].start) <= 1

    for i, body in enumerate(bodies):
        if patterns.is_continue_reading(body):
            labels[i] = "continue-reading"
        elif patterns.is_related_link(body):
            labels[i] = "teaser"

    merged_into = _pair_teasers(segs, bodies, labels, patterns, adjacent)

    for i, body in enumerate(bodies):
        if labels[i] or segs[i].kind == "heading" or not patterns.ends_with_ellipsis(body):
            continue
        followed_by_link = i + 1 < len(segs) and labels[i + 1] == "continue-reading"
        # a lone segment is the document itself (one MT line, one snippet), never furniture
        if followed_by_link or (len(segs) > 1 and patterns.cut_mid_sentence(body)):
            labels[i] = "truncated-snippet"

    if captions and len(segs) > 1:
        _mark_captions(segs, bodies, labels, patterns, finite_verbs, adjacent)

    out: list[Segment] = []
    for i, seg in enumerate(segs):
        if i in merged_into:
            title = out.pop()
            out.append(Segment(title.start, seg.end, "boilerplate", "teaser"))
        elif labels[i]:
            out.append(replace(seg, kind="boilerplate", reason=labels[i]))
        else:
            out.append(seg)
    return out


def _pair_teasers(
    segs: list[Segment], bodies: list[str], labels: list[str], patterns: Patterns,
    adjacent: Callable[[int, int], bool],
) -> dict[int, int]:
    """A title followed by a cut-off snippet is one teaser: label both, map snippet -> title."""
    merged_into: dict[int, int] = {}
    for i in range(len(segs) - 1):
        j = i + 1
        if labels[i] or labels[j] or not _title_like(segs[i], bodies[i]):
            continue
        snippet = bodies[j]
        if not (patterns.ends_with_ellipsis(snippet)
                and len(snippet) >= patterns.min_snippet_chars):
            continue
        followed_by_link = j + 1 < len(segs) and labels[j + 1] == "continue-reading"
        if adjacent(i, j) or followed_by_link:
            labels[i] = labels[j] = "teaser"
            merged_into[j] = i
    return merged_into


def _title_like(seg: Segment, body: str) -> bool:
    """A one-line heading, or a longer unterminated line (teaser titles run to ~20 words)."""
    if seg.kind == "heading":
        return True
    body = body.strip()
    return (seg.kind == "paragraph" and "\n" not in body and "\r" not in body
            and len(body.split()) <= 20 and body[:1].isupper()
            and (body.endswith("?") or not TERMINAL.search(body)))


def _mark_captions(
    segs: list[Segment],
    bodies: list[str],
    labels: list[str],
    patterns: Patterns,
    finite_verbs: FiniteVerbTest,
    adjacent: Callable[[int, int], bool],
) -> None:
    """Unterminated one-line 'headings' with a finite verb, sitting inside the article's flow."""
    candidates = []
    for i, seg in enumerate(segs):
        if i == 0 or labels[i] or seg.kind not in ("heading", "paragraph") or i + 1 >= len(segs):
            continue  # the first line is the title; a caption always has text after it
        body = bodies[i].strip()
        tokens = body.split()
        if ":" in body or "?" in body or "\n" in body or "\r" in body or TERMINAL.search(body):
            continue
        if not patterns.caption_min_words <= len(tokens) <= patterns.caption_max_words:
            continue
        if tokens[0].lower().strip("\"'“«") in patterns.question_words:
            continue
        nxt, prev = segs[i + 1], segs[i - 1]
        directly_above = adjacent(i, i + 1) and nxt.kind != "heading" and not labels[i + 1]
        between_text = (prev.kind in ("paragraph", "list_item") and not labels[i - 1]
                        and nxt.kind in ("paragraph", "list_item") and not labels[i + 1])
        if directly_above or between_text:
            candidates.append(i)
    verdicts = finite_verbs([bodies[i].strip() for i in candidates])
    for i, finite in zip(candidates, verdicts, strict=True):
        if finite:
            labels[i] = "caption"
