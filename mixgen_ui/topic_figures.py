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

from .figure_parts import Spec, figure, hline, title
from .palette import NEUTRAL, colour

#: Longest label drawn on an axis; longer words are cut with an ellipsis.
LABEL_CHARS = 24


def plotly_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` escaped for plotly, cut to ``limit`` characters."""
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _bar_layout(words: Sequence[str], y_title: str, height: int = 340, **extra) -> Spec:
    return {
        "height": height, "margin": dict(l=10, r=10, t=30, b=10), "barmode": "group", "yaxis": {"title": title(y_title)},
        "legend": dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        "xaxis": dict(tickmode="array", tickvals=list(range(len(words))),
                      ticktext=[plotly_label(w) for w in words], tickangle=-45 if len(words) > 8 else 0),
        **extra,
    }


def die_figure(words: Sequence[str], probabilities: np.ndarray, topic_index: int,
               observed: np.ndarray | None = None, rolled: int | None = None) -> go.Figure:
    """A die's side probabilities as bars, and optionally the observed frequencies beside them.

    Parameters
    ----------
    words : sequence of str, length V
    probabilities : array of shape (V,)
    topic_index : int
        Picks the topic's colour.
    observed : array of shape (V,), optional
        Observed frequencies (counts divided by the number of rolls).
    rolled : int, optional
        The side that just came up: its bar is outlined and labelled "rolled".
    """
    x = np.arange(len(words))
    hover = [plotly_label(w, 200) for w in words]
    data = [dict(type="bar", x=x, y=probabilities, name="probability", marker=dict(color=colour(topic_index)),
                 customdata=hover, hovertemplate="%{customdata}: %{y:.3f}<extra>probability</extra>")]
    if observed is not None:
        data.append(dict(type="bar", x=x, y=observed, name="observed frequency",
                         marker=dict(color=NEUTRAL, pattern=dict(shape="/")), customdata=hover,
                         hovertemplate="%{customdata}: %{y:.3f}<extra>observed</extra>"))
    extra = {}
    if rolled is not None:
        edge = ["#111" if i == rolled else "rgba(0,0,0,0)" for i in range(len(words))]
        data[0]["marker"]["line"] = dict(color=edge, width=3)
        extra["annotations"] = [dict(x=int(rolled), y=float(probabilities[rolled]), text="rolled", showarrow=True,
                                     arrowhead=2, ax=0, ay=-28, font=dict(size=13))]
    return figure(data, _bar_layout(words, "probability", showlegend=observed is not None, **extra))


def word_count_figure(words: Sequence[str], observed: np.ndarray, expected: np.ndarray) -> go.Figure:
    """Word counts in the generated documents (bars) against the expected counts (markers).

    Parameters
    ----------
    words : sequence of str, length V
    observed, expected : arrays of shape (V,)
    """
    x = np.arange(len(words))
    hover = [plotly_label(w, 200) for w in words]
    return figure([
        dict(type="bar", x=x, y=observed, name="counted", marker=dict(color=NEUTRAL), customdata=hover,
             hovertemplate="%{customdata}: %{y}<extra>counted</extra>"),
        dict(type="scatter", x=x, y=expected, name="expected", mode="markers",
             marker=dict(symbol="diamond", size=11, color=colour(1), line=dict(width=1, color="#111")),
             customdata=hover, hovertemplate="%{customdata}: %{y:.1f}<extra>expected</extra>"),
    ], _bar_layout(words, "number of times"))


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
    shown = range(min(len(words), 8))  # more lines than that is a tangle
    top = max(1, int(np.max(checkpoints))) if len(checkpoints) else 1
    # ticks at the powers of ten only, written out (1, 10, 100, 1,000): the axis is logarithmic, each
    # tick ten times the one before, and plotly's own minor labels ("2 3 ... 9") read as a mistake
    powers = [10 ** e for e in range(int(np.floor(np.log10(top))) + 1)]
    data = [dict(type="scatter", x=checkpoints, y=frequencies[:, j], mode="lines", name=plotly_label(words[j]),
                 line=dict(color=colour(j), width=2), hovertemplate="after %{x} rolls: %{y:.3f}<extra></extra>")
            for j in shown]
    shapes = [hline(float(probabilities[j]), dict(color=colour(j), width=1, dash="dash")) for j in shown]
    return figure(data, dict(
        height=300, margin=dict(l=10, r=10, t=30, b=10), shapes=shapes,
        xaxis=dict(title=title("number of rolls (log scale)"),
                   type="log", tickmode="array", tickvals=powers, ticktext=[f"{p:,}" for p in powers]),
        yaxis=dict(title=title("observed frequency")),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    ))
