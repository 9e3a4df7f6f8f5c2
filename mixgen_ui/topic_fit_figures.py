"""Figures for reasoning back on the topic page: learned dice beside the true ones, and mixes.

Built from plain dicts and validated once (see :mod:`mixgen_ui.figure_parts`): the comparison
figure made step by step with ``make_subplots`` and ``add_trace(row=...)`` was most of the
"Learn the topics" tab's script run.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from .figure_parts import Spec, cell_axes, figure, subplots, title
from .palette import NEUTRAL, colour
from .topic_figures import plotly_label

#: Words per topic shown in the comparison (the most probable ones, true or learned).
TOP_WORDS = 12


#: One corpus's comparison: a heading for its rows (or ""), the vocabulary (V words), the true dice
#: (K_true, V), the learned dice (K_fit, V) and the learned topic matched to each true one (K_true,; -1: none).
Comparison = tuple[str, Sequence[str], np.ndarray, np.ndarray, np.ndarray]


def topic_comparison_figure(
    vocabulary: Sequence[str],
    true_topic_word: np.ndarray,
    fitted_topic_word: np.ndarray,
    match: np.ndarray,
    names: Sequence[str],
) -> go.Figure:
    """One row per true topic: its die's probabilities beside the matched learned topic's.

    Parameters
    ----------
    vocabulary : sequence of str, length V
    true_topic_word : array of shape (K_true, V)
    fitted_topic_word : array of shape (K_fit, V)
    match : int array of shape (K_true,)
        Learned topic matched to each true topic, or -1.
    names : sequence of str, length K_true (user text: escaped here)
    """
    return topic_comparisons_figure([("", vocabulary, true_topic_word, fitted_topic_word, match)], names)


def topic_comparisons_figure(corpora: Sequence[Comparison], names: Sequence[str]) -> go.Figure:
    """:func:`topic_comparison_figure` of several corpora learned from the same dice, one after the
    other in one figure, each row's title headed by its corpus (a line of its own, for a phone's
    width). A browser draws one chart of four panels in about the time of one of two: plotly's cost
    is mostly per chart, not per panel.

    Parameters
    ----------
    corpora : sequence of :data:`Comparison`
    names : sequence of str, length K_true (user text: escaped here)
    """
    rows = [(head, vocabulary, true[i], fitted[m[i]] if m[i] >= 0 else np.zeros_like(true[i]), i, m[i])
            for head, vocabulary, true, fitted, m in corpora for i in range(true.shape[0])]
    titles = [f"{head + '<br>' if head else ''}{i + 1}: {plotly_label(names[i])} "
              + (f"↔ learned topic {j + 1}" if j >= 0 else "(no learned topic left)")
              for head, _, _, _, i, j in rows]
    layout = subplots(len(rows), 1, titles, vertical_spacing=0.5 / max(len(rows), 1) ** 0.5 / 2)
    data: list[Spec] = []
    for r, (_, vocabulary, true, learned, i, _) in enumerate(rows):
        top = np.argsort(-np.maximum(true, learned), kind="stable")[:TOP_WORDS]
        words = [vocabulary[j] for j in top]
        hover = [plotly_label(w, 200) for w in words]
        x = np.arange(len(top))
        data.append(dict(type="bar", x=x, y=true[top], name="true die", marker=dict(color=colour(i)),
                         showlegend=r == 0, legendgroup="true", customdata=hover,
                         hovertemplate="%{customdata}: %{y:.3f}<extra>true</extra>", **cell_axes(r + 1)))
        data.append(dict(type="bar", x=x, y=learned[top], name="learned die",
                         marker=dict(color=NEUTRAL, pattern=dict(shape="/")),
                         showlegend=r == 0, legendgroup="learned", customdata=hover,
                         hovertemplate="%{customdata}: %{y:.3f}<extra>learned</extra>", **cell_axes(r + 1)))
        n = "" if r == 0 else str(r + 1)
        layout[f"xaxis{n}"].update(tickmode="array", tickvals=list(x), ticktext=[plotly_label(w) for w in words])
        layout[f"yaxis{n}"]["title"] = title("probability")
    # The legend sits near the top of the figure (container coordinates): under the toolbar a phone
    # always shows, above the first row's title; in plot coordinates it would run into that title.
    height = 260 * len(rows) + 110
    layout.update(height=height, barmode="group", margin=dict(l=10, r=10, t=100, b=10),
                  legend=dict(orientation="h", yref="container", yanchor="top", y=1 - 34 / height, xanchor="left",
                              x=0))
    return figure(data, layout)


def mixing_figure(true_mixing: np.ndarray, estimated: np.ndarray, names: Sequence[str],
                  observed: np.ndarray | None = None) -> go.Figure:
    """A document's mixing weights: the true ones, the estimated ones, and the observed share.

    Parameters
    ----------
    true_mixing, estimated : arrays of shape (K,)
    names : sequence of str, length K (escaped here)
    observed : array of shape (K,), optional
        Share of the document's words that really came from each topic.
    """
    x = [f"{k + 1}: {plotly_label(n)}" for k, n in enumerate(names)]
    bars = [dict(type="bar", x=x, y=true_mixing, name="true mix",
                 marker=dict(color=[colour(k) for k in range(len(names))])),
            dict(type="bar", x=x, y=estimated, name="estimated from the words",
                 marker=dict(color=NEUTRAL, pattern=dict(shape="/")))]
    if observed is not None:
        bars.append(dict(type="bar", x=x, y=observed, name="share of words really from it",
                         marker=dict(color="#bbbbbb", pattern=dict(shape="."))))
    return figure(bars, dict(
        height=300, barmode="group", margin=dict(l=10, r=10, t=30, b=10),
        yaxis=dict(title=title("weight"), range=[0, 1]),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    ))


def year_share_figure(years: Sequence[int], shares: np.ndarray, labels: Sequence[str]) -> go.Figure:
    """How much each topic is used year by year: stacked bars of each topic's share of the words.

    Parameters
    ----------
    years : sequence of Y int
    shares : array of shape (K, Y), columns summing to 1
    labels : sequence of K str, e.g. each topic's top words (user text: escaped here)
    """
    x = [str(y) for y in years]
    data = [dict(type="bar", x=x, y=shares[k], name=f"{k + 1}: {plotly_label(labels[k], 40)}",
                 marker=dict(color=colour(k)), hovertemplate="%{x}: %{y:.0%}<extra>topic " + str(k + 1) + "</extra>")
            for k in range(shares.shape[0])]
    return figure(data, dict(
        height=360 + 22 * shares.shape[0], barmode="stack",
        yaxis=dict(range=[0, 1], tickformat=".0%", title=title("share of the year's words")),
        xaxis=dict(type="category", title=title("year")), margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.25, xanchor="left", x=0),
    ))
