"""Merge and rank the suggestions of all checks, and choose between conflicting edits.

Several checks and grammar backends often flag the same span ("the the" from harper, LanguageTool
and the repetition check). An editor wants one issue with one ranked list of fixes, so issues
with the same span and a compatible category are merged. A suggestion's rank is its own score
blended with a prior for its source: fixes an editor already approved (memory) and curated data
(lexicon, glossary) beat rule engines, which beat a generative model, because a curated fix was
checked by a person and a generated one never was. The prior only outweighs a clearly higher
score from a weaker source when the scores are close (``SCORE_WEIGHT``).

This module is the one source of an issue's ranked suggestions and its best one
(``ranked_suggestions``, ``best_suggestion``): the apply policy, every report (terminal, JSON,
CSV, HTML), the workspace and the review app all read them here, so no output can show a fix
other than the one applied. Later stages (LM ranking, memory) change scores or add suggestions;
the order is always computed afresh from them, never kept from an earlier stage.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from ..catalogue import catalogue
from ..records import Issue, Suggestion

SCORE_WEIGHT = 0.6  # rank = 0.6 * score + 0.4 * prior

# categories that describe the same kind of problem: two checks may label one error differently
CATEGORY_GROUPS = (
    frozenset({"grammar", "spelling"}),
    frozenset({"calque", "fluency", "terminology", "style"}),
)
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
# Rules whose fixes are offered to an editor, never applied on their own, however sure the flag:
# a preposition, article or verb chosen by counts can change what a sentence says ("threats
# from Russia" -> "threats to Russia", "died on the roads" -> "died from", "The task" ->
# "Task"), which the guard cannot compare. On tuning data the references confirmed few of the
# fixes the safe policy applied (ERRANT, ``scripts/policy_vs_harper.py``): prepositions and
# verbs 1 of 30 (JFLEG dev even lines 1 of 10, MLQE-PE train's first 1,500 lines 0 of 20),
# articles 5 of 44 (JFLEG even 4 of 12, MLQE-PE train's first 2,000 lines 1 of 32), against
# 83% of the harper fixes textfix applied on JFLEG even.
OFFERED_ONLY_RULES = {
    rule: "offered only: a preposition, article or verb chosen by counts may change the meaning"
    for rule in ("collocation/preposition", "collocation/governed", "collocation/verb-noun",
                 "collocation/article")
}


def prior(source: str) -> float:
    """How far a source is trusted, as the check that declares it says (``textfix.catalogue``)."""
    return catalogue().prior(source)


def rank(suggestion: Suggestion) -> float:
    """How much to trust a suggestion: its score blended with its source's prior."""
    return SCORE_WEIGHT * suggestion.score + (1 - SCORE_WEIGHT) * prior(suggestion.source)


def _suggestion_order(s: Suggestion) -> tuple:
    return (-rank(s), -prior(s.source), s.text, s.source)


def rank_suggestions(suggestions: list[Suggestion], original: str) -> list[Suggestion]:
    """Best first, one per distinct text, none equal to the original span; ties by text."""
    best: dict[str, Suggestion] = {}
    for suggestion in suggestions:
        if suggestion.text == original:
            continue
        kept = best.get(suggestion.text)
        if kept is None or _suggestion_order(suggestion) < _suggestion_order(kept):
            best[suggestion.text] = suggestion
    return sorted(best.values(), key=_suggestion_order)


def ranked_suggestions(issue: Issue, text: str) -> list[Suggestion]:
    """``issue``'s suggestions that would change ``text``, best first (see ``rank``)."""
    return rank_suggestions(issue.suggestions, issue.span_text(text))


def best_suggestion(issue: Issue, text: str) -> Suggestion | None:
    """The top-ranked suggestion that would change the text, or None: the fix the policy
    applies (if it may) and every report names."""
    ranked = ranked_suggestions(issue, text)
    return ranked[0] if ranked else None


def category_group(category: str) -> frozenset[str]:
    for group in CATEGORY_GROUPS:
        if category in group:
            return group
    return frozenset({category})


def _lead_order(issue: Issue) -> tuple:
    """A member that names a fix leads a model's bare "reads badly here" on the same words: the
    report then says which rule fired and why, and the model's confidence still counts."""
    return (not issue.suggestions, -issue.confidence, -prior(issue.source), issue.rule,
            issue.source, issue.message)


def merge_issues(issues: list[Issue], text: str) -> list[Issue]:
    """One issue per span and category group, suggestions united and ranked; sorted by position.

    The merged issue takes its rule, message and category from its most confident member that
    offers a fix (the source prior breaks ties), its highest confidence and severity, and the
    union of the suggestions of all members, those of an ``OFFERED_ONLY_RULES`` rule held for
    an editor. Input issues are not modified.
    """
    groups: dict[tuple[int, int, frozenset[str]], list[Issue]] = {}
    for issue in issues:
        key = (issue.start, issue.end, category_group(issue.category))
        groups.setdefault(key, []).append(issue)
    merged = []
    for members in groups.values():
        members = sorted(members, key=_lead_order)
        lead = members[0]
        suggestions = [_held(replace(s), m.rule) for m in members for s in m.suggestions]
        merged.append(
            replace(
                lead,
                confidence=max(m.confidence for m in members),
                severity=max((m.severity for m in members),
                             key=lambda s: SEVERITY_ORDER.get(s, 1)),
                suggestions=rank_suggestions(suggestions, lead.span_text(text)),
                context=lead.context or next((m.context for m in members if m.context), ""),
            )
        )
    return sorted(merged, key=lambda i: (i.start, i.end, i.rule))


def _held(suggestion: Suggestion, rule: str) -> Suggestion:
    """The suggestion, held for an editor when its rule's fixes are offered only."""
    if rule in OFFERED_ONLY_RULES:
        suggestion.hold_back(OFFERED_ONLY_RULES[rule])
    return suggestion


@dataclass(frozen=True)
class Candidate:
    """A possible edit: an issue's chosen replacement over ``[start, end)`` and its priority."""

    issue: Issue
    start: int
    end: int
    replacement: str
    priority: float  # higher wins a conflict

    @property
    def occupied(self) -> tuple[int, int]:
        """The characters this edit claims; an insertion claims the character after it.

        This matches ``apply.validate_edits``: two insertions at one point, or an insertion at
        the start of a replacement, conflict.
        """
        return (self.start, self.end if self.end > self.start else self.start + 1)

    def conflicts(self, other: Candidate) -> bool:
        a_start, a_end = self.occupied
        b_start, b_end = other.occupied
        return a_start < b_end and b_start < a_end


def candidate_for(issue: Issue, suggestion: Suggestion) -> Candidate:
    return Candidate(issue, issue.start, issue.end, suggestion.text,
                     issue.confidence * rank(suggestion))


def _candidate_order(c: Candidate) -> tuple:
    # higher priority, then the more specific (shorter) span, then position: deterministic
    return (-c.priority, c.end - c.start, c.start, c.end, c.issue.rule, c.replacement)


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """A conflict-free subset, greedily preferring priority, then shorter spans; sorted by start.

    Overlapping issues all stay in the report; this only decides which of their edits is applied.
    """
    starts: list[int] = []  # occupied intervals of the chosen edits, disjoint and sorted
    ends: list[int] = []
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=_candidate_order):
        start, end = candidate.occupied
        at = bisect_right(starts, start)
        if at > 0 and ends[at - 1] > start:
            continue  # overlaps the chosen interval that starts before it
        if at < len(starts) and starts[at] < end:
            continue  # overlaps the chosen interval that starts after it
        starts.insert(at, start)
        ends.insert(at, end)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: (c.start, c.end))
