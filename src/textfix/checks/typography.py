"""Mechanical typography: dashes, quote styles, spacing around punctuation, doubled marks.

These run on the raw text of each checkable segment, not on tokens, so offsets are exact and
every suggestion is a small, safe replacement. Numbers, ranges ("10-20 mg"), hyphenated words,
decimals, abbreviations and URLs are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..catalogue import Category, CheckSpec, Source, check
from ..example import Example, Rule
from ..records import Issue, Suggestion
from ..stages.analyse import AnalysedDocument, checkable_segments
from .base import Check

SCORE = 0.9
# Dashes and repeated marks are house style: the mark is surely there, but post-editors keep
# them, and applying them raised TER against the MLQE-PE dev post-edits, so their fixes are held
# for the editor (``Suggestion.hold``), not applied on their own.
HOUSE_STYLE = "house style"
URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b\w+\.(?:com|org|"
                 r"gov|net|edu|info|ru|uk|io)\b\S*", re.IGNORECASE)
# " - " between words (not digits: "10 - 20" is a range; not after "." or ":", where it is a
# bullet in flattened lists).
SPACED_HYPHEN = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\"\u201d'])) (-{1,2}) (?=[\"\u201c(]?[^\W\d_])")
BULLET_HYPHEN = re.compile(r" - (?=[A-Z])")
DOUBLE_SPACE = re.compile(r"(?<=\S)( {2,})(?=\S)")
SPACE_BEFORE = re.compile(r"(?<=[^\W_]) +([,.;:!?])(?=\s|$|[\"\u201d')\]])")
# "the pill ,then rest .Also": the space went before the mark instead of after it
MISPLACED_SPACE = re.compile(r"(?<=[^\W_]) +(?:([,;])(?=[A-Za-z]{2})|([.!?])(?=[A-Z][a-z]))")
# "walking.The", "calcium,magnesium", "Why?Because": two letters first so "e.g." and
# initials stay, a capital after "." so "Node.js" and file names stay.
MISSING_SPACE = re.compile(
    r"(?<=[a-z]{2})(?:([.!?])(?=[A-Z][a-z])|([,;])(?=[A-Za-z]{2}))"
)
REPEATED_MARK = re.compile(r"([,;:!?])\1+|(?<!\.)\.\.(?!\.)")
STRAIGHT_DOUBLE = re.compile(r'(?<!\d)"')
CURLY_DOUBLE = re.compile("[\u201c\u201d]")
OPENING_CONTEXT = re.compile(r"(?:^|[\s(\[{\u2013\u2014-])$")


@dataclass(frozen=True)
class _Finding:
    start: int  # offset into the segment text
    end: int
    rule: str
    message: str
    replacement: str
    confidence: float = 0.9
    hold: str | None = None  # why the fix waits for an editor


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` touches one of ``spans`` (a URL or an e-mail address)."""
    return any(a < end and start < b for a, b in spans)


def _spacing(text: str) -> Iterator[_Finding]:
    """Findings that depend only on the segment's own text."""
    urls = [m.span() for m in URL.finditer(text)]
    # " - Gene Review - Genetic Testing - ...": a list flattened into one line uses hyphens as
    # bullets; turning them into dashes would not help the reader
    flattened_list = len(BULLET_HYPHEN.findall(text)) >= 3
    for m in ([] if flattened_list else SPACED_HYPHEN.finditer(text)):
        yield _Finding(m.start(1), m.end(1), "typography/spaced-hyphen",
                       "A hyphen with spaces round it is used as a dash; use an en dash (–).",
                       "\u2013", hold=HOUSE_STYLE)
    for m in DOUBLE_SPACE.finditer(text):
        yield _Finding(m.start(1), m.end(1), "typography/double-space",
                       "Two or more spaces between words; use one.", " ", 0.95)
    for m in SPACE_BEFORE.finditer(text):
        mark = m.group(1)
        if mark == "." and text[m.end(1) : m.end(1) + 2] == "..":
            continue  # " ..." is an ellipsis
        if _inside(urls, m.start(), m.end()):
            continue
        yield _Finding(m.start(), m.end(), "typography/space-before-punctuation",
                       f"No space goes before '{mark}'.", mark)
    for m in MISPLACED_SPACE.finditer(text):
        if _inside(urls, m.start(), m.end()):
            continue
        mark = m.group(1) or m.group(2)
        yield _Finding(m.start(), m.end(), "typography/misplaced-space",
                       f"The space belongs after '{mark}', not before it.", mark + " ", 0.85)
    for m in MISSING_SPACE.finditer(text):
        if _inside(urls, m.start(), m.end()):
            continue
        mark = m.group(1) or m.group(2)
        yield _Finding(m.start(), m.end(), "typography/missing-space",
                       f"A space is missing after '{mark}'.", mark + " ", 0.85)
    for m in REPEATED_MARK.finditer(text):
        if _inside(urls, m.start(), m.end()):
            continue
        mark = m.group(0)[0]
        yield _Finding(m.start(), m.end(), "typography/repeated-punctuation",
                       f"'{m.group(0)}' repeats a punctuation mark; use one.", mark,
                       hold=HOUSE_STYLE)


def _quote_findings(texts: list[tuple[int, str]]) -> Iterator[tuple[int, _Finding]]:
    """Straight and curly double quotes mixed in one document: bring the minority in line."""
    straight = [(base, m.start()) for base, text in texts for m in STRAIGHT_DOUBLE.finditer(text)]
    curly = [(base, m.start()) for base, text in texts for m in CURLY_DOUBLE.finditer(text)]
    if not straight or not curly:
        return
    to_curly = len(curly) >= len(straight)
    minority = straight if to_curly else curly
    by_base = dict(texts)
    for base, pos in minority:
        text = by_base[base]
        if to_curly:
            opening = bool(OPENING_CONTEXT.search(text[:pos]))
            replacement = "\u201c" if opening else "\u201d"
            message = "Straight quote in a document that uses curly quotes; use "
        else:
            replacement = '"'
            message = "Curly quote in a document that uses straight quotes; use "
        yield base, _Finding(pos, pos + 1, "typography/mixed-quotes", message + replacement + ".",
                             replacement, 0.85)


def typography_rules() -> Iterator[Rule]:
    """Each rule with a slip it must fix and a near miss (numbers, ellipses) it must leave."""
    rules = {
        "spaced-hyphen": (("Knee pain - a reason to see a doctor?",
                           "Knee pain \u2013 a reason to see a doctor?"),
                          "Take 200 - 400 mg a day with food."),
        "double-space": (("Rest the knee  after a long walk.", "Rest the knee after a long walk."),
                         "Rest the knee after a long walk."),
        "space-before-punctuation": (("The knee hurts ; rest it.", "The knee hurts; rest it."),
                                     "Wait ... the swelling returns by evening."),
        "misplaced-space": (("Cool the knee ,then rest.", "Cool the knee, then rest."),
                            "Cool the knee, then rest."),
        "missing-space": (("The knee swells.Then it aches.", "The knee swells. Then it aches."),
                          "Take the tablet with food, e.g. at breakfast."),
        "repeated-punctuation": (("It hurts!! Rest the knee at once.",
                                  "It hurts! Rest the knee at once."),
                                 "Wait... the swelling returns by evening."),
        "mixed-quotes": (("Patients call it a \u201cknot\u201d; the leaflet says \"cramp\u201d.",
                          "Patients call it a \u201cknot\u201d; the leaflet says "
                          "\u201ccramp\u201d."),
                         'Patients call it a "knot"; the leaflet says "cramp".'),
    }
    for name, ((flagged, fixed), ok) in rules.items():
        yield Rule(f"typography/{name}", "typography",
                   (Example.flagged(flagged, fix=fixed), Example.ok(ok)), __name__)


@check(CheckSpec(
    name="typography",
    description="Mechanical typography: dashes, quote styles, spacing around punctuation, "
                "doubled marks.",
    categories=(Category("typography", 0.3, "#d6e4ff", "untidy, not wrong"),),
    sources=(Source("typography", 0.85, curated=True,
                    description="deterministic, narrow typography rules"),),
    order=60,
    rules=typography_rules,
))
class TypographyCheck(Check):
    """Flag and fix mechanical typography slips in the raw text of each checkable segment."""

    source = "typography"

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        document = adoc.document
        texts = [(seg.start, document.text[seg.start : seg.end])
                 for seg in checkable_segments(document)]
        findings: list[tuple[int, _Finding]] = []
        for base, text in texts:
            findings.extend((base, f) for f in _spacing(text))
        findings.extend(_quote_findings(texts))
        by_base = dict(texts)
        issues = [self._issue(base, by_base[base], f) for base, f in findings]
        issues.sort(key=lambda i: (i.start, i.end, i.rule))
        return issues

    def _issue(self, base: int, text: str, finding: _Finding) -> Issue:
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.end)
        context = text[line_start : line_end if line_end != -1 else len(text)]
        return Issue(
            start=base + finding.start,
            end=base + finding.end,
            category="typography",
            rule=finding.rule,
            message=finding.message,
            source=self.source,
            confidence=finding.confidence,
            severity="info",
            suggestions=[Suggestion(text=finding.replacement, source="typography", score=SCORE,
                                    hold=finding.hold)],
            context=context,
        )
