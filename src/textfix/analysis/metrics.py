"""The numbers an analyst asks of a corpus of machine-translated articles.

All helpers take a ``CorpusData`` (``textfix.analysis.load``) and return a DataFrame with fixed
columns, empty (never an error) when there is nothing to count. Boilerplate issues are left out
everywhere, as in the article scores: teasers and captions are dropped, not corrected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

from ..catalogue import catalogue
from ..scoring import QUALITY_SCALE
from .load import CorpusData

RATE_COLUMNS = ["issues", "words", "per_1000_words"]
PHRASE_COLUMNS = ["phrase", "count", "articles", "sites", "category", "rule", "usual_fix",
                  "fix_share", "applied_share"]
ACCEPTANCE_COLUMNS = ["decisions", "accepted", "edited", "rejected", "acceptance_rate"]
QUALITY_COLUMNS = ["key", "site", "doc_id", "words", "issues_before", "issues_after",
                   "quality_before", "quality_after", "gain"]
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")


def counted_issues(data: CorpusData) -> pd.DataFrame:
    """Issues that count against an article (boilerplate left out)."""
    issues = data.issues
    return issues[~issues["boilerplate"].fillna(False).astype(bool)]


def issue_rates(data: CorpusData, by: str | Sequence[str] = "category") -> pd.DataFrame:
    """Issues per 1,000 words, grouped ``by`` "category", "site" or both (a list).

    The words are those of the articles in each group: by category every category shares the
    corpus's words; by site each site has its own. Sorted by rate, highest first.
    """
    keys = [by] if isinstance(by, str) else list(by)
    for key in keys:
        if key not in ("category", "site"):
            raise ValueError(f"by must be 'category' and/or 'site', not {key!r}")
    issues = counted_issues(data)
    counts = issues.groupby(keys, dropna=False).size().rename("issues").reset_index()
    if "site" in keys:
        words = data.articles.groupby("site")["words"].sum().rename("words").reset_index()
        counts = counts.merge(words, on="site", how="right" if keys == ["site"] else "left")
        counts["issues"] = counts["issues"].fillna(0).astype(int)
    else:
        counts["words"] = int(data.articles["words"].sum())
    counts["per_1000_words"] = [_per_1000(i, w) for i, w in zip(counts["issues"],
                                                                  counts["words"], strict=True)]
    counts = counts.sort_values(["per_1000_words", *keys], ascending=[False] + [True] * len(keys))
    return counts.reset_index(drop=True)[[*keys, *RATE_COLUMNS]]


def rate_matrix(data: CorpusData) -> pd.DataFrame:
    """Sites × categories, issues per 1,000 words (0 where a site has none of a category)."""
    rates = issue_rates(data, ["site", "category"])
    if rates.empty:
        return pd.DataFrame()
    matrix = rates.pivot_table(index="site", columns="category", values="per_1000_words",
                               fill_value=0.0, aggfunc="sum")
    return matrix.reindex(columns=matrix.sum().sort_values(ascending=False).index)


def normalise_phrase(text: object) -> str:
    """Case and spacing folded, edge punctuation dropped: "Against the background of," and
    "against the  background of" are the same recurring calque."""
    if not isinstance(text, str):
        return ""
    return _EDGE_PUNCT.sub("", _SPACES.sub(" ", text.strip().lower()))


def frequent_phrases(data: CorpusData, top: int = 20,
                     categories: Sequence[str] | None = None) -> pd.DataFrame:
    """The most often flagged phrases and the fix most often proposed for each.

    ``usual_fix`` is the commonest best suggestion (case folded), ``fix_share`` the share of
    occurrences proposing it, ``applied_share`` the share fixed automatically. Phrases are
    ranked by count, then by how many articles they recur in.
    """
    issues = counted_issues(data)
    if categories is not None:
        issues = issues[issues["category"].isin(list(categories))]
    frame = issues.assign(phrase=issues["span"].map(normalise_phrase),
                          fix=issues["suggestion"].map(normalise_phrase))
    frame = frame[frame["phrase"] != ""]
    rows = []
    for phrase, group in frame.groupby("phrase"):
        fixes = group.loc[group["fix"] != "", "fix"].value_counts()
        rows.append({
            "phrase": phrase, "count": len(group), "articles": group["doc_id"].nunique(),
            "sites": group["site"].nunique(), "category": group["category"].mode().iat[0],
            "rule": group["rule"].mode().iat[0],
            "usual_fix": fixes.index[0] if len(fixes) else None,
            "fix_share": round(fixes.iat[0] / len(group), 3) if len(fixes) else 0.0,
            "applied_share": round(float(group["applied"].astype(bool).mean()), 3),
        })
    out = pd.DataFrame(rows, columns=PHRASE_COLUMNS)
    out = out.sort_values(["count", "articles", "phrase"], ascending=[False, False, True])
    return out.head(top).reset_index(drop=True)


def acceptance_rates(data: CorpusData, by: str = "suggestion_source") -> pd.DataFrame:
    """How often editors accepted suggestions, by ``suggestion_source``, ``site`` or
    ``category``; ``acceptance_rate`` = accepted / decisions (edits count as not accepted).
    A decision that was undone does not count: the editor took it back.

    Empty (with these columns) until editors have reviewed something.
    """
    if by not in ("suggestion_source", "site", "category"):
        raise ValueError(f"by must be suggestion_source, site or category, not {by!r}")
    decisions = data.decisions
    standing = (decisions["undone_at"].isna() if "undone_at" in decisions
                else pd.Series(True, index=decisions.index))
    decisions = decisions[standing & decisions["action"].isin(["accept", "reject", "edit"])]
    if decisions.empty:
        return pd.DataFrame(columns=[by, *ACCEPTANCE_COLUMNS])
    grouped = decisions.assign(**{by: decisions[by].fillna("(none)")}).groupby(by)["action"]
    out = pd.DataFrame({
        "decisions": grouped.size(),
        "accepted": grouped.apply(lambda a: int((a == "accept").sum())),
        "edited": grouped.apply(lambda a: int((a == "edit").sum())),
        "rejected": grouped.apply(lambda a: int((a == "reject").sum())),
    }).reset_index()
    out["acceptance_rate"] = (out["accepted"] / out["decisions"]).round(3)
    return out.sort_values(["decisions", by], ascending=[False, True]).reset_index(drop=True)


def quality_before_after(data: CorpusData) -> pd.DataFrame:
    """Each article's quality as checked, and with only the issues no applied edit resolved.

    Both use the score's formula (``textfix.scoring``) on the issues table and the same word
    count, so an article with nothing applied gains exactly 0 (the article table's ``quality``
    can differ by a rounding step: the issues table keeps confidences to 4 decimals).
    ``quality_after`` is what the article would score if the applied fixes introduced nothing
    new. ``gain`` = after − before.
    """
    articles = data.articles
    if articles.empty:
        return pd.DataFrame(columns=QUALITY_COLUMNS)
    issues = counted_issues(data)
    weights = issues["category"].map(catalogue().weight)
    weighted = (weights * issues["confidence"].astype(float).clip(0, 1))
    remaining = ~issues["applied"].astype(bool)
    before_n = issues.groupby("doc_id").size()
    after_n = issues[remaining].groupby("doc_id").size()
    after_w = weighted[remaining].groupby(issues.loc[remaining, "doc_id"]).sum()
    before_w = weighted.groupby(issues["doc_id"]).sum()
    out = articles[["key", "site", "doc_id", "words"]].copy()
    out["quality_before"] = [_quality(before_w.get(doc, 0.0), words)
                             for doc, words in zip(out["doc_id"], out["words"], strict=True)]
    out["issues_before"] = out["doc_id"].map(before_n).fillna(0).astype(int)
    out["issues_after"] = out["doc_id"].map(after_n).fillna(0).astype(int)
    out["quality_after"] = [
        _quality(after_w.get(doc, 0.0), words) for doc, words in zip(out["doc_id"], out["words"],
                                                                     strict=True)]
    out["gain"] = (out["quality_after"] - out["quality_before"]).round(1)
    return out[QUALITY_COLUMNS].reset_index(drop=True)


def overview(data: CorpusData) -> dict[str, float | int]:
    """Headline figures for a report or dashboard."""
    articles = data.articles
    issues = counted_issues(data)
    words = int(articles["words"].sum()) if len(articles) else 0
    quality = quality_before_after(data)
    return {
        "articles": len(articles), "words": words, "issues": len(issues),
        "issues_per_1000_words": _per_1000(len(issues), words),
        "edits_applied": int(articles["edits_applied"].sum()) if len(articles) else 0,
        "waiting_review": int(articles["waiting_review"].sum()) if len(articles) else 0,
        "mean_quality_before": round(float(quality["quality_before"].mean()), 1)
        if len(quality) else float("nan"),
        "mean_quality_after": round(float(quality["quality_after"].mean()), 1)
        if len(quality) else float("nan"),
        "failures": len(data.failures),
    }


def _per_1000(issues: float, words: float) -> float:
    return round(1000.0 * float(issues) / max(float(words), 1.0), 2)


def _quality(weighted: float, words: float) -> float:
    density = 100.0 * float(weighted) / max(float(words), 1.0)
    return round(100.0 * math.exp(-density / QUALITY_SCALE), 1)
