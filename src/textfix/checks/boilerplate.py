"""Report the page furniture ingest found (teasers, "Continue reading" links, captions, snippets).

Ingest already decided which segments are boilerplate (``textfix.ingest.boilerplate``); this
check turns each into an Issue with a deletion suggestion, so the editor sees why the text was
set aside and the policy can remove it (unless the user keeps boilerplate). The span runs on over
the line breaks after the segment, so deleting it leaves no empty lines behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..catalogue import Category, CheckSpec, Source, check
from ..example import Example, Rule
from ..ingest.segment import LINE_BREAK
from ..records import Issue, Segment, Suggestion
from ..stages.analyse import AnalysedDocument
from .base import Check

MESSAGES = {
    "teaser": "Teaser for another article (a title and a snippet), not part of this article; "
              "delete it.",
    "continue-reading": "\"Continue reading\" link left over from the web page; delete it.",
    "caption": "Image caption without its image; it interrupts the text. Delete it or put the "
               "image back.",
    "truncated-snippet": "Snippet cut off mid-sentence (it ends in \"…\"); delete it or replace it "
                         "with the full text.",
}
DEFAULT_MESSAGE = "Page furniture, not part of the article; delete it."
CONFIDENCE = 0.9


def deletion_spans(text: str, segments: Sequence[Segment]) -> dict[int, tuple[int, int]]:
    """Span to delete per boilerplate segment (by index): the segment and its blank lines.

    Each takes the whitespace after it. A run of boilerplate that ends the text (teasers under
    an article) instead takes the blank lines before it, keeping the line break that ends the last
    real paragraph, so deleting it all leaves the article ending cleanly. Spans never overlap.
    """
    last_content = max((i for i, s in enumerate(segments) if s.kind != "boilerplate"), default=-1)
    spans: dict[int, tuple[int, int]] = {}
    for index, seg in enumerate(segments):
        if seg.kind != "boilerplate":
            continue
        start, end = seg.start, seg.end
        while end < len(text) and text[end].isspace():
            end += 1
        if index == last_content + 1:  # the first of the boilerplate run that ends the text
            floor = segments[last_content].end if last_content >= 0 else 0
            while start > floor and text[start - 1].isspace():
                start -= 1
            if start > 0:
                line_break = LINE_BREAK.match(text, start)
                start = line_break.end() if line_break else start
            start = min(start, seg.start)
        spans[index] = (start, end)
    return spans


ARTICLE = "Knee pain after running\n\nKnee pain after a run is common. Rest the knee and cool it."
AFTER = "\n\nCool the knee with ice for fifteen minutes."


def boilerplate_rules() -> Iterator[Rule]:
    """Each reason ingest gives, with a small scraped page (furniture is judged by its place
    among the paragraphs, so a sentence alone cannot show it) and a near miss.

    ``boilerplate/other`` (a boilerplate segment without a reason) is not declared: no shipped
    reader makes one.
    """
    teaser = "Why the ankles swell in the heat\nIn the heat the vessels widen and fluid "
    yield Rule("boilerplate/teaser", "boilerplate", (
        Example.flagged(f"{ARTICLE}\n\n{teaser}goes down into the legs, and then the\u2026",
                        fix=ARTICLE + "\n"),
        Example.flagged(f"{ARTICLE}\n\nRead also: Why the ankles swell in the heat",
                        fix=ARTICLE + "\n"),
        Example.ok(f"{ARTICLE}\n\n{teaser}collects in the legs."),
    ), __name__)
    for reason, furniture, near_miss in (
        ("continue-reading", "Continue reading \u2192",
         "Continue reading the label before each dose."),
        ("caption", "A runner holds his knee after a long run", "First aid for the knee"),
        ("truncated-snippet", "The pain comes from overload of the tendons and the\u2026",
         "The pain may come from the tendons, the cartilage or an old injury\u2026"),
    ):
        yield Rule(f"boilerplate/{reason}", "boilerplate", (
            Example.flagged(f"{ARTICLE}\n\n{furniture}{AFTER}", fix=ARTICLE + AFTER),
            Example.ok(f"{ARTICLE}\n\n{near_miss}{AFTER}"),
        ), __name__)


@check(CheckSpec(
    name="boilerplate",
    description="Page furniture ingest set aside (teasers, 'Continue reading' links, captions, "
                "snippets): deleted from the corrected article unless --keep-boilerplate.",
    categories=(Category("boilerplate", 0.0, "#e8e8e8", "not part of the article"),),
    sources=(Source("ingest", 0.5, description="ingest's boilerplate detection"),),
    order=70,
    rules=boilerplate_rules,
))
class BoilerplateCheck(Check):
    """One issue per boilerplate segment, rule ``boilerplate/<reason>``."""

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        return list(self._issues(adoc))

    def _issues(self, adoc: AnalysedDocument) -> Iterator[Issue]:
        text = adoc.document.text
        segments = adoc.document.segments
        for index, (start, end) in sorted(deletion_spans(text, segments).items()):
            seg = segments[index]
            reason = seg.reason or "other"
            yield Issue(
                start=start,
                end=end,
                category="boilerplate",
                rule=f"boilerplate/{reason}",
                message=MESSAGES.get(reason, DEFAULT_MESSAGE),
                source="ingest",
                confidence=CONFIDENCE,
                severity="warning",
                suggestions=[Suggestion(text="", source="ingest", score=CONFIDENCE)],
                context=text[seg.start : seg.end],
            )
