"""Which suggestions become edits: the apply policy.

- ``safe`` (the default): the best-ranked suggestion of an issue (``ranking.best_suggestion``,
  the one every report shows) is applied only when the guard marked it safe, no stage holds it
  for an editor (``Suggestion.hold``: house style, the LM reads it worse, a rewrite the models
  did not agree on, the guard's refusal) and the issue's confidence reaches ``MIN_CONFIDENCE``.
  If the best suggestion is unsafe or held, a lower-ranked one is *not* applied instead: the
  checks thought that fix most likely, so an editor should choose. A suggestion the guard never
  saw (``safe is None``) counts as unsafe. This module is the one place a threshold lives:
  stages say why a fix must wait (a hold), never by lowering a confidence under it.
- ``none``: no edits at all, boilerplate included; the output is the input byte for byte.
- ``all``: the best suggestion of every issue, guard and confidence ignored (for experiments).

Boilerplate issues (teasers, "Continue reading" links, captions) become deletions under ``safe``
and ``all`` unless ``keep_boilerplate``, whatever their suggestions or confidence: the
boilerplate check decided they are not article content and the user's switch decides whether
they go. A deletion also takes the line breaks after the block, so no hole of blank lines stays.
Edits never overlap: boilerplate deletions win, the rest is settled by
``stages.ranking.resolve_overlaps``.
"""

from __future__ import annotations

from ..config import APPLY_POLICIES
from ..errors import ConfigError
from ..records import Edit, Issue, Suggestion
from .apply import EditConflict
from .ranking import Candidate, best_suggestion, candidate_for, resolve_overlaps

MIN_CONFIDENCE = 0.5
BOILERPLATE_PRIORITY = float("inf")


def select_edits(
    issues: list[Issue],
    text: str,
    policy: str,
    keep_boilerplate: bool = False,
    *,
    min_confidence: float = MIN_CONFIDENCE,
) -> list[Edit]:
    """The edits to apply to ``text`` under ``policy``, sorted and never overlapping."""
    if policy not in APPLY_POLICIES:
        raise ConfigError(f"unknown apply policy {policy!r}; choose one of {APPLY_POLICIES}")
    if policy == "none":
        return []
    for issue in issues:
        if not 0 <= issue.start <= issue.end <= len(text):
            raise EditConflict(f"issue {issue.rule} at {issue.start}-{issue.end} is outside the "
                               f"text (length {len(text)})")
    boilerplate = [] if keep_boilerplate else _boilerplate_deletions(issues, text)
    candidates: list[Candidate] = []
    for issue in issues:
        if issue.category == "boilerplate":
            continue
        suggestion = best_suggestion(issue, text)
        if suggestion is None:
            continue
        if policy == "safe" and not may_apply(issue, suggestion, min_confidence):
            continue
        candidate = candidate_for(issue, suggestion)
        if not any(candidate.conflicts(b) for b in boilerplate):
            candidates.append(candidate)
    chosen = boilerplate + resolve_overlaps(candidates)
    edits = [Edit(c.start, c.end, c.replacement) for c in chosen]
    return sorted(edits, key=lambda e: (e.start, e.end))


def may_apply(issue: Issue, suggestion: Suggestion,
              min_confidence: float = MIN_CONFIDENCE) -> bool:
    """The safe policy's test: guard-approved, held by no stage, and a sure enough problem."""
    return (suggestion.safe is True and suggestion.hold is None
            and issue.confidence >= min_confidence)


def _boilerplate_deletions(issues: list[Issue], text: str) -> list[Candidate]:
    """One deletion per run of boilerplate, swallowing the blank lines after it.

    Touching or overlapping boilerplate spans are merged first so that two teasers in a row
    become one deletion. When the deletion reaches the end of the text, the blank lines before
    it go too, and the text keeps the final line break it had.
    """
    spans = sorted(((i.start, i.end, i) for i in issues
                    if i.category == "boilerplate" and i.end > i.start), key=lambda t: t[:2])
    runs: list[list] = []
    for start, end, issue in spans:
        end = _swallow_line_breaks(text, end)
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end, issue])
    deletions: list[Candidate] = []
    for start, end, issue in runs:
        replacement = ""
        if end == len(text) and start > 0:
            # back over the blank lines before it, but never into the deletion before it
            floor = deletions[-1].end if deletions else 0
            while start > floor and text[start - 1] in "\r\n \t":
                start -= 1
            if text.endswith("\n"):
                replacement = "\r\n" if text.endswith("\r\n") else "\n"
        deletions.append(Candidate(issue, start, end, replacement, BOILERPLATE_PRIORITY))
    return deletions


def _swallow_line_breaks(text: str, end: int) -> int:
    """``end`` moved past trailing spaces and the line breaks (and blank lines) that follow."""
    probe = end
    while probe < len(text) and text[probe] in " \t":
        probe += 1
    if probe < len(text) and text[probe] not in "\r\n":
        return end  # more text on the same line: keep its spacing
    while probe < len(text) and text[probe] in " \t\r\n":
        probe += 1
    return probe
