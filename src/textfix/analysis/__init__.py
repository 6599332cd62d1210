"""Corpus analysis for notebooks: batch runs and review workspaces as pandas tables.

    from textfix import analysis
    data = analysis.load("out/batch")              # or a workspace .db
    analysis.issue_rates(data, "site")             # issues per 1,000 words
    analysis.frequent_phrases(data, categories=["calque"])
    analysis.plot_top_phrases(data)

Not to be confused with ``textfix.stages.analyse`` (the spaCy parse the checks read).
"""

from .load import (
    ARTICLE_TABLE_COLUMNS,
    DECISION_COLUMNS,
    FAILURE_COLUMNS,
    ISSUE_TABLE_COLUMNS,
    SUGGESTION_COLUMNS,
    CorpusData,
    load,
    load_batch,
    load_workspace,
)
from .metrics import (
    acceptance_rates,
    counted_issues,
    frequent_phrases,
    issue_rates,
    normalise_phrase,
    overview,
    quality_before_after,
    rate_matrix,
)
from .plots import (
    figure_png_base64,
    plot_acceptance,
    plot_issue_rates,
    plot_quality,
    plot_site_categories,
    plot_top_phrases,
)

__all__ = [
    "ARTICLE_TABLE_COLUMNS",
    "DECISION_COLUMNS",
    "FAILURE_COLUMNS",
    "ISSUE_TABLE_COLUMNS",
    "SUGGESTION_COLUMNS",
    "CorpusData",
    "acceptance_rates",
    "counted_issues",
    "figure_png_base64",
    "frequent_phrases",
    "issue_rates",
    "load",
    "load_batch",
    "load_workspace",
    "normalise_phrase",
    "overview",
    "plot_acceptance",
    "plot_issue_rates",
    "plot_quality",
    "plot_site_categories",
    "plot_top_phrases",
    "quality_before_after",
    "rate_matrix",
]
