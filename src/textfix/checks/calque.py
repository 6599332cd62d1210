"""Calques: Russian phrases translated word for word ("against the background of", "reduces the
leg"), found with the curated lexicon in ``data/calques.yaml`` plus any user files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..catalogue import Category, CheckSpec, Source, check
from ..config import Config
from ..lexicon import Entry, Lexicon, LexMatch, load_entries, render, shipped
from ..records import Issue, Suggestion
from ..rule_examples import calque_rules
from ..stages.analyse import AnalysedDocument, load_spacy
from .base import Check

SOURCE = "lexicon"


def suggestions_for(match: LexMatch, source: str) -> list[Suggestion]:
    """Ranked, de-duplicated suggestions; one identical to the matched text is no fix."""
    entry: Entry = match.entry
    seen = {match.span.text}
    out: list[Suggestion] = []
    for template in entry.suggestions:
        text = render(template, match)
        if text in seen:
            continue
        seen.add(text)
        score = max(0.05, entry.confidence * (1.0 - 0.15 * len(out)))
        out.append(Suggestion(text=text, source=source, score=round(score, 4), hold=entry.hold))
    return out


def issues_from_matches(
    adoc: AnalysedDocument, lexicon: Lexicon, category: str, source: str
) -> Iterator[tuple[LexMatch, Issue]]:
    """One Issue per lexicon match, with exact document offsets and the sentence as context."""
    for block in adoc.blocks:
        for match in lexicon.matches(block.doc):
            span = match.span
            start, end = block.char_start(span[0]), block.char_end(span[-1])
            suggestions = suggestions_for(match, source)
            yield match, Issue(
                start=start,
                end=end,
                category=category,
                rule=f"{category}/{match.entry.id}",
                message=match.entry.message,
                source=source,
                confidence=match.entry.confidence,
                severity=match.entry.severity,
                suggestions=suggestions,
                context=span.sent.text,
            )


@check(CheckSpec(
    name="calque",
    description="Russian phrases translated word for word, from the curated calque lexicon "
                "(data/calques.yaml and --calques files).",
    categories=(Category("calque", 1.0, "#caffbf", "a Russian phrase translated word for word"),),
    sources=(Source("lexicon", 0.9, curated=True, description="the curated calque lexicon"),),
    order=20,
    rules=calque_rules,
))
class CalqueCheck(Check):
    """Flags calques listed in the shipped lexicon and in ``config.extra_calques``."""

    def __init__(self, config: Config, paths: Iterable[Path] | None = None) -> None:
        super().__init__(config)
        files = list(paths) if paths is not None else [shipped("calques.yaml")]
        files += list(config.extra_calques)
        self.lexicon = Lexicon(load_entries(files), load_spacy(config.spacy_model).vocab)

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        return [issue for _, issue in issues_from_matches(adoc, self.lexicon, "calque", SOURCE)]
