"""Terminology: preferred health terms from ``data/glossary.yaml`` (with context rules, so
"convulsions" near "calf" becomes "cramps" but not near "epilepsy"), and one name per concept
within an article ("flatfoot" here, "flat-footedness" there)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..catalogue import Category, CheckSpec, Source, check
from ..config import Config
from ..lexicon import Concept, Lexicon, LexMatch, load_glossary, render, shipped
from ..records import Issue, Suggestion
from ..rule_examples import glossary_rules
from ..stages.analyse import AnalysedDocument, load_spacy
from .base import Check
from .calque import issues_from_matches

SOURCE = "glossary"
INCONSISTENCY_CONFIDENCE = 0.5


def _variant_name(match: LexMatch, concept: Concept) -> str:
    return next(v.name for v in concept.variants if v.entry.id == match.entry.id)


def choose_target(concept: Concept, counts: Counter[str], order: list[str]) -> str:
    """The name the article should settle on: the preferred one if used, else the most used
    (ties go to the one used first)."""
    if counts[concept.preferred]:
        return concept.preferred
    return max(counts, key=lambda name: (counts[name], -order.index(name)))


def inconsistency_issues(
    adoc: AnalysedDocument, concept: Concept, lexicon: Lexicon
) -> Iterator[Issue]:
    """Minority names of one concept, each suggesting the name the article should settle on."""
    found: list[tuple[str, LexMatch, int, int]] = []
    for block in adoc.blocks:
        for match in lexicon.matches(block.doc):
            start, end = block.char_start(match.span[0]), block.char_end(match.span[-1])
            found.append((_variant_name(match, concept), match, start, end))
    counts = Counter(name for name, *_ in found)
    if len(counts) < 2:
        return
    order = list(dict.fromkeys(name for name, *_ in found))
    target = choose_target(concept, counts, order)
    target_form = concept.form(target)
    preferred_form = concept.form(concept.preferred)
    others = ", ".join(f"'{n.replace('-', ' ')}' ({counts[n]}×)" for n in order)
    for name, match, start, end in found:
        if name == target:
            continue
        texts = list(dict.fromkeys(render(f, match) for f in (target_form, preferred_form)))
        yield Issue(
            start=start,
            end=end,
            category="terminology",
            rule=f"terminology/inconsistent-{concept.id}",
            message=(
                f"This article names the same thing in several ways ({others}); "
                f"use '{target.replace('-', ' ')}' throughout."
            ),
            source=SOURCE,
            confidence=INCONSISTENCY_CONFIDENCE,
            severity="info",
            suggestions=[
                Suggestion(text=t, source=SOURCE, score=round(0.5 - 0.1 * i, 4))
                for i, t in enumerate(texts)
                if t != match.span.text
            ],
            context=match.span.sent.text,
        )


@check(CheckSpec(
    name="terminology",
    description="Preferred health terms (data/glossary.yaml, with context rules) and one name "
                "per concept within an article.",
    categories=(Category("terminology", 1.5, "#a0f0ff",
                         "a wrong or inconsistent medical term: it can mislead a patient"),),
    sources=(Source("glossary", 0.9, curated=True, description="the curated glossary"),),
    order=50,
    rules=glossary_rules,
))
class TerminologyCheck(Check):
    """Flags glossary terms and mixed names for one concept within a document."""

    def __init__(self, config: Config, paths: Iterable[Path] | None = None) -> None:
        super().__init__(config)
        files = list(paths) if paths is not None else [shipped("glossary.yaml")]
        files += list(config.extra_glossary)
        entries, concepts = load_glossary(files)
        vocab = load_spacy(config.spacy_model).vocab
        self.lexicon = Lexicon(entries, vocab)
        self.concepts = [(c, Lexicon([v.entry for v in c.variants], vocab)) for c in concepts]

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        issues = [i for _, i in issues_from_matches(adoc, self.lexicon, "terminology", SOURCE)]
        # an entry already says "use cramps" here: an inconsistency note saying the same is noise
        said = {(i.start, i.end, i.suggestions[0].text.lower()) for i in issues if i.suggestions}
        for concept, lexicon in self.concepts:
            for issue in inconsistency_issues(adoc, concept, lexicon):
                top = issue.suggestions[0].text.lower() if issue.suggestions else ""
                if (issue.start, issue.end, top) not in said:
                    issues.append(issue)
        return sorted(issues, key=lambda i: (i.start, i.end, i.rule))
