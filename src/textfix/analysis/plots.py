"""Charts of the ``metrics`` tables, as matplotlib ``Figure`` objects.

Figures are built without pyplot, so nothing here touches global backend state: a notebook shows
them inline (``display(fig)``), the batch dashboard saves them with the Agg renderer
(``figure_png_base64``), and a script can ``fig.savefig(path)``. Each function takes ``ax`` to draw
into an existing figure instead.
"""

from __future__ import annotations

import base64
import io

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import metrics
from .load import CorpusData

_COLOUR = "#3465a4"
_AFTER = "#73a839"


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="grey")
    ax.set_xticks([])
    ax.set_yticks([])


def plot_issue_rates(data: CorpusData, by: str = "category", ax: Axes | None = None) -> Figure:
    """Horizontal bars: issues per 1,000 words by category or by site."""
    rates = metrics.issue_rates(data, by)
    fig, ax = _axes(ax, (6, 0.4 * max(len(rates), 3) + 1))
    if rates.empty or rates["issues"].sum() == 0:
        _empty(ax, "no issues")
        return fig
    rates = rates.iloc[::-1]
    labels = [str(v) or "(no site)" for v in rates[by]]
    ax.barh(labels, rates["per_1000_words"], color=_COLOUR)
    ax.set_xlabel("issues per 1,000 words")
    ax.set_title(f"Issues per 1,000 words by {by}")
    return fig


def plot_site_categories(data: CorpusData, ax: Axes | None = None) -> Figure:
    """Stacked bars: each site's rate split by category, to see which site has which habit."""
    matrix = metrics.rate_matrix(data)
    fig, ax = _axes(ax, (7, 0.5 * max(len(matrix), 3) + 1.5))
    if matrix.empty:
        _empty(ax, "no issues")
        return fig
    left = pd.Series(0.0, index=matrix.index)
    labels = [str(v) or "(no site)" for v in matrix.index]
    for category in matrix.columns:
        ax.barh(labels, matrix[category], left=left, label=category)
        left = left + matrix[category]
    ax.set_xlabel("issues per 1,000 words")
    ax.set_title("Issue rate by site and category")
    ax.legend(fontsize="small", loc="lower right")
    return fig


def plot_top_phrases(data: CorpusData, top: int = 12, ax: Axes | None = None,
                     categories: list[str] | None = None) -> Figure:
    """The most frequent flagged phrases, labelled with their usual fix."""
    phrases = metrics.frequent_phrases(data, top=top, categories=categories)
    fig, ax = _axes(ax, (8, 0.4 * max(len(phrases), 3) + 1))
    if phrases.empty:
        _empty(ax, "no flagged phrases")
        return fig
    phrases = phrases.iloc[::-1]
    labels = [_short(p) + (f" → {_short(f)}" if isinstance(f, str) and f else "")
              for p, f in zip(phrases["phrase"], phrases["usual_fix"], strict=True)]
    ax.barh(labels, phrases["count"], color=_COLOUR)
    ax.set_xlabel("occurrences")
    ax.set_title("Most frequent flagged phrases (→ usual fix)")
    return fig


def plot_quality(data: CorpusData, ax: Axes | None = None) -> Figure:
    """Distribution of article quality as checked and after the applied fixes."""
    quality = metrics.quality_before_after(data)
    fig, ax = _axes(ax, (6, 3.5))
    if quality.empty:
        _empty(ax, "no articles")
        return fig
    bins = list(range(0, 105, 5))
    ax.hist(quality["quality_before"], bins=bins, alpha=0.6, label="as checked", color=_COLOUR)
    ax.hist(quality["quality_after"], bins=bins, alpha=0.6, label="after applied fixes",
            color=_AFTER)
    ax.set_xlabel("quality (0–100)")
    ax.set_ylabel("articles")
    ax.set_title("Article quality before and after automatic fixes")
    ax.legend(fontsize="small")
    return fig


def plot_acceptance(data: CorpusData, by: str = "suggestion_source",
                    ax: Axes | None = None) -> Figure:
    """Editors' acceptance rate by suggestion source (or site/category)."""
    rates = metrics.acceptance_rates(data, by)
    fig, ax = _axes(ax, (6, 0.4 * max(len(rates), 3) + 1))
    if rates.empty:
        _empty(ax, "no editor decisions yet")
        return fig
    ax.barh([str(v) for v in rates[by]][::-1], rates["acceptance_rate"][::-1], color=_COLOUR)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of suggestions accepted")
    ax.set_title(f"Acceptance by {by.replace('_', ' ')}")
    return fig


def figure_png_base64(fig: Figure, dpi: int = 90) -> str:
    """The figure as a base64 PNG (for ``<img src="data:image/png;base64,...">``)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
