"""Plotly figures for the topic-documents page.

Plotly reads a little HTML in labels (``<b>``, ``<a href>``, ``<br>``), so every word goes
through :func:`plotly_label`: escaped (shown literally) and shortened. Bars sit at integer
positions with the words as tick text, so two words that shorten alike never merge.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from .palette import NEUTRAL, colour

#: Longest label drawn on an axis; longer words are cut with an ellipsis.
LABEL_CHARS = 24


def plotly_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` escaped for plotly, cut to ``limit`` characters."""
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _bar_layout(fig: go.Figure, words: Sequence[str], y_title: str, height: int = 340) -> go.Figure:
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=30, b=10), barmode="group", yaxis_title=y_title,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(words))),
                     ticktext=[plotly_label(w) for w in words], tickangle=-45 if len(words) > 8 else 0)
    return fig


def die_figure(words: Sequence[str], probabilities: np.ndarray, topic_index: int,
               observed: np.ndarray | None = None) -> go.Figure:
    """A die's side probabilities as bars, and optionally the observed frequencies beside them.

    Parameters
    ----------
    words : sequence of str, length V
    probabilities : array of shape (V,)
    topic_index : int
        Picks the topic's colour.
    observed : array of shape (V,), optional
        Observed frequencies (counts divided by the number of rolls).
    """
    x = np.arange(len(words))
    hover = [plotly_label(w, 200) for w in words]
    fig = go.Figure(go.Bar(x=x, y=probabilities, name="probability", marker_color=colour(topic_index),
                           customdata=hover, hovertemplate="%{customdata}: %{y:.3f}<extra>probability</extra>"))
    if observed is not None:
        fig.add_trace(go.Bar(x=x, y=observed, name="observed frequency", marker_color=NEUTRAL,
                             marker_pattern_shape="/", customdata=hover,
                             hovertemplate="%{customdata}: %{y:.3f}<extra>observed</extra>"))
    fig.update_layout(showlegend=observed is not None)
    return _bar_layout(fig, words, "probability")


def word_count_figure(words: Sequence[str], observed: np.ndarray, expected: np.ndarray) -> go.Figure:
    """Word counts in the generated documents (bars) against the expected counts (markers).

    Parameters
    ----------
    words : sequence of str, length V
    observed, expected : arrays of shape (V,)
    """
    x = np.arange(len(words))
    hover = [plotly_label(w, 200) for w in words]
    fig = go.Figure([
        go.Bar(x=x, y=observed, name="counted", marker_color=NEUTRAL, customdata=hover,
               hovertemplate="%{customdata}: %{y}<extra>counted</extra>"),
        go.Scatter(x=x, y=expected, name="expected", mode="markers",
                   marker=dict(symbol="diamond", size=11, color=colour(1), line=dict(width=1, color="#111")),
                   customdata=hover, hovertemplate="%{customdata}: %{y:.1f}<extra>expected</extra>"),
    ])
    return _bar_layout(fig, words, "number of times")


def frequency_figure(words: Sequence[str], checkpoints: np.ndarray, frequencies: np.ndarray,
                     probabilities: np.ndarray) -> go.Figure:
    """Observed frequency of each side against the number of rolls, settling on its probability.

    Parameters
    ----------
    words : sequence of str, length V
    checkpoints : int array of shape (m,)
        Numbers of rolls (log-spaced).
    frequencies : array of shape (m, V)
    probabilities : array of shape (V,)
        Drawn as dashed lines; sides take the palette's colours in turn.
    """

    fig = go.Figure()
    for j, word in enumerate(words[:8]):  # more lines than that is a tangle
        fig.add_trace(go.Scatter(x=checkpoints, y=frequencies[:, j], mode="lines", name=plotly_label(word),
                                 line=dict(color=colour(j), width=2),
                                 hovertemplate="after %{x} rolls: %{y:.3f}<extra></extra>"))
        fig.add_hline(y=float(probabilities[j]), line=dict(color=colour(j), width=1, dash="dash"))
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=30, b=10), xaxis_title="number of rolls",
                      yaxis_title="observed frequency", xaxis_type="log",
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0))
    return fig
