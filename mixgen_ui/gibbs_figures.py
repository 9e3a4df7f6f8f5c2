"""Animated figures of collapsed Gibbs sampling, replayed in the browser (plotly frames, a Play/Pause
menu and a slider), so playing never reruns the app: the whole history is in the figure.

- :func:`step_animation`: one frame per word of a sweep: the two factors of each topic and their
  product (the chances the new topic is drawn from), the drawn topic marked.
- :func:`sweep_animation`: one frame per sweep (at most ``MAX_SWEEP_FRAMES``): each learned
  topic's die on the most frequent words, and the log joint (and agreement with the truth)
  so far.

Words are user text: escaped for plotly by :func:`mixgen_ui.topic_figures.plotly_label`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mixgen_core import GibbsRun, GibbsStep

from .palette import NEUTRAL, colour
from .topic_figures import plotly_label

#: Most frames of the sweep-by-sweep animation.
MAX_SWEEP_FRAMES = 100
#: Words on the sweep-by-sweep figure's bars.
SWEEP_WORDS = 15
#: Milliseconds per frame while playing.
FRAME_MS = 700


def _controls(labels: Sequence[str], active: int, prefix: str, frame_ms: int) -> dict:
    """A Play/Pause menu and a slider over frames named by ``labels``."""
    still = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    play = {"mode": "immediate", "fromcurrent": True, "frame": {"duration": frame_ms, "redraw": True},
            "transition": {"duration": 0}}
    return dict(
        updatemenus=[dict(type="buttons", direction="left", showactive=False, x=0, y=-0.16, xanchor="left",
                          yanchor="top", pad=dict(t=0, r=10),
                          buttons=[dict(label="▶ Play", method="animate", args=[None, play]),
                                   dict(label="❚❚ Pause", method="animate", args=[[None], still])])],
        sliders=[dict(active=active, x=0.22, len=0.78, y=-0.12, yanchor="top", pad=dict(t=0, b=0),
                      currentvalue=dict(prefix=prefix, visible=True, xanchor="left"),
                      steps=[dict(label=lab, method="animate", args=[[lab], still]) for lab in labels])],
    )


def _step_traces(step: GibbsStep, order: np.ndarray) -> list[go.Bar]:
    """The three bar traces of one re-roll, topics in display order (``order[j]``: sampler topic shown as j)."""
    x = [str(j + 1) for j in range(len(order))]
    colours = [colour(j) for j in range(len(order))]
    drawn = ["drawn" if k == step.topic_after else "" for k in order]
    hover = "topic %{x}: %{y:.3f}<extra></extra>"
    return [go.Bar(x=x, y=step.document_factor[order], marker_color=colours, hovertemplate=hover, showlegend=False),
            go.Bar(x=x, y=step.word_factor[order], marker_color=colours, hovertemplate=hover, showlegend=False),
            go.Bar(x=x, y=step.probabilities[order], marker_color=colours, text=drawn, textposition="outside",
                   hovertemplate=hover, showlegend=False)]


def _step_title(step: GibbsStep, sweep: int, n_words: int, numbers: np.ndarray) -> str:
    return (f"Sweep {sweep}, word {step.position + 1} of {n_words}: “{plotly_label(step.word, 30)}” "
            f"(document {step.document + 1}) · topic {numbers[step.topic_before] + 1} → "
            f"{numbers[step.topic_after] + 1}")


def step_animation(steps: Sequence[GibbsStep], sweep: int, active: int, numbers: np.ndarray) -> go.Figure:
    """One frame per re-roll of sweep ``sweep`` (``steps``, every word in order); the figure opens on
    frame ``active`` (0-based).

    Three panels per frame: how much the word's document already uses each topic (``n_dk + alpha``),
    how much each topic already uses this word (``(n_kw + eta) / (n_k + V eta)``), and their product
    scaled to add up to 1: the chances the new topic is rolled from, the drawn one marked.
    """
    order = np.argsort(numbers)
    n = len(steps)
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.09, subplot_titles=(
        "document uses topic", "topic uses this word", "chance (product)"))
    for col, trace in enumerate(_step_traces(steps[active], order), start=1):
        fig.add_trace(trace, row=1, col=col)
    labels = [str(i + 1) for i in range(n)]
    fig.frames = [go.Frame(name=labels[i], data=_step_traces(s, order), traces=[0, 1, 2],
                           layout=dict(title_text=_step_title(s, sweep, n, numbers))) for i, s in enumerate(steps)]
    doc_top = max(float(s.document_factor.max()) for s in steps) * 1.1
    word_top = max(float(s.word_factor.max()) for s in steps) * 1.1
    fig.update_yaxes(range=[0, doc_top], row=1, col=1)
    fig.update_yaxes(range=[0, word_top], row=1, col=2)
    fig.update_yaxes(range=[0, 1.15], row=1, col=3)
    fig.update_xaxes(type="category", tickprefix="topic ")
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=80, b=120), bargap=0.25,
                      title=dict(text=_step_title(steps[active], sweep, n, numbers), font=dict(size=14), x=0,
                                 xanchor="left"),
                      **_controls(labels, active, "word ", FRAME_MS))
    return fig


def sweep_animation(run: GibbsRun, sweeps: Sequence[int], numbers: np.ndarray, columns: np.ndarray,
                    agreement: np.ndarray | None) -> go.Figure:
    """One frame per sweep in ``sweeps``: each topic's estimated die on the words ``columns`` (top), the
    log joint so far (middle) and, with a truth, the share of words in their true topic (bottom).

    ``numbers[i]`` (shape ``(len(sweeps), K)``) says which number each sampler topic is shown as at
    ``sweeps[i]``, so a topic keeps the colour of the true topic it is matched to.
    """
    k = run.n_topics
    rows = 3 if agreement is not None else 2
    titles = ["each learned topic's die (most frequent words)", "log joint: how well the topics explain the words"]
    if agreement is not None:
        titles.append("words in their true topic")
    fig = make_subplots(rows=rows, cols=1, subplot_titles=titles, vertical_spacing=0.12,
                        row_heights=[0.5, 0.25, 0.25][:rows])
    words = [plotly_label(run.vocabulary[j]) for j in columns]
    x = list(range(len(columns)))

    def bars(i: int) -> list[go.Bar]:
        tw = run.topic_word(sweeps[i])[:, columns]
        order = np.argsort(numbers[i])
        return [go.Bar(x=x, y=tw[order[j]], name=f"topic {j + 1}", marker_color=colour(j), customdata=words,
                       hovertemplate="%{customdata}: %{y:.3f}<extra>topic " + str(j + 1) + "</extra>")
                for j in range(k)]

    def markers(i: int) -> list[go.Scatter]:
        s = sweeps[i]
        out = [go.Scatter(x=[s], y=[run.log_joint[s]], mode="markers", marker=dict(size=12, color=NEUTRAL),
                          showlegend=False, hovertemplate="sweep %{x}: %{y:.1f}<extra></extra>")]
        if agreement is not None:
            out.append(go.Scatter(x=[s], y=[agreement[i]], mode="markers", marker=dict(size=12, color=NEUTRAL),
                                  showlegend=False, hovertemplate="sweep %{x}: %{y:.0%}<extra></extra>"))
        return out

    last = len(sweeps) - 1
    for trace in bars(last):
        fig.add_trace(trace, row=1, col=1)
    fig.add_trace(go.Scatter(x=list(sweeps), y=run.log_joint[list(sweeps)], mode="lines", line=dict(color=NEUTRAL),
                             showlegend=False, hoverinfo="skip"), row=2, col=1)
    if agreement is not None:
        fig.add_trace(go.Scatter(x=list(sweeps), y=agreement, mode="lines", line=dict(color=NEUTRAL),
                                 showlegend=False, hoverinfo="skip"), row=3, col=1)
        fig.update_yaxes(range=[0, 1.05], tickformat=".0%", row=3, col=1)
    first_marker = k + (2 if agreement is not None else 1)
    for r, trace in enumerate(markers(last), start=2):
        fig.add_trace(trace, row=r, col=1)
    moving = list(range(k)) + list(range(first_marker, first_marker + (2 if agreement is not None else 1)))
    labels = [str(s) for s in sweeps]
    fig.frames = [go.Frame(name=labels[i], data=bars(i) + markers(i), traces=moving) for i in range(len(sweeps))]
    top = max(float(run.topic_word(s)[:, columns].max()) for s in sweeps[:: max(1, len(sweeps) // 20)]) * 1.1
    fig.update_yaxes(range=[0, max(top, 0.05)], title_text="probability", row=1, col=1)
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=words, tickangle=-45, row=1, col=1)
    fig.update_xaxes(title_text="sweep", row=rows, col=1)
    fig.update_layout(height=650 if agreement is not None else 520, barmode="group",
                      margin=dict(l=10, r=10, t=40, b=120),
                      legend=dict(orientation="h", yanchor="bottom", y=1.04, xanchor="left", x=0),
                      **_controls(labels, last, "sweep ", 300))
    return fig
