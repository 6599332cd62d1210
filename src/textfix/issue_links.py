"""What became of each issue of a Result: the applied edit that carried one of its suggestions
(if any), and the stable id every output (JSON, CSV, workspace) names it by."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from .records import Edit, Issue, Result


def applied_edit(issue: Issue, edits: Iterable[Edit]) -> Edit | None:
    """The applied edit that carried one of this issue's suggestions, if any.

    An edit counts when it covers the issue's span (a rewrite may cover the whole sentence) and
    its replacement is one of the issue's suggestion texts.
    """
    texts = {s.text for s in issue.suggestions}
    for edit in edits:
        if edit.replacement in texts and edit.start <= issue.start and issue.end <= edit.end:
            return edit
    return None



def applied_edits(result: Result) -> list[Edit | None]:
    """``applied_edit`` for every issue of ``result``, in order, without a quadratic scan.

    Relies on applied edits not overlapping (``apply.validate_edits`` refuses overlaps), so the
    edits that can cover an issue are the few starting just before it.
    """
    edits = sorted(result.edits, key=lambda e: (e.start, e.end))
    starts = [e.start for e in edits]
    found: list[Edit | None] = []
    for issue in result.issues:
        k = bisect.bisect_right(starts, issue.start) - 1
        hit = None
        while k >= 0 and edits[k].end >= issue.start:
            if issue.end <= edits[k].end and applied_edit(issue, (edits[k],)):
                hit = edits[k]
                break
            k -= 1
        found.append(hit)
    return found



def issue_ids(result: Result) -> list[str]:
    """Stable ids for ``result.issues``, in the same order, unique within the document.

    ``Issue.stable_id`` hashes document, rule, span text and context, so the same rule firing twice
    on the same words of one sentence collides; the second occurrence (in text order) gets
    ``-2``, the third ``-3``. Every output (JSON, CSV, workspace) uses these ids.
    """
    doc = result.document
    base = [issue.stable_id(doc.id, doc.text) for issue in result.issues]
    order = sorted(range(len(base)), key=lambda k: (result.issues[k].start,
                                                    result.issues[k].end, k))
    seen: Counter[str] = Counter()
    ids = list(base)
    for k in order:
        seen[base[k]] += 1
        if seen[base[k]] > 1:
            ids[k] = f"{base[k]}-{seen[base[k]]}"
    return ids
