"""Animated figures of collapsed Gibbs sampling, replayed in the browser (plotly frames, a Play/Pause
menu and a slider), so playing never reruns the app: the whole history is in the figure.

- :func:`_step_moving`: what moves from one re-roll to the next in the bars of the two factors of each
  topic and their product (the word-by-word animation itself is :func:`mixgen_ui.gibbs_play.reroll_animation`).
- :func:`sweep_animation`: one frame per sweep (at most ``MAX_SWEEP_FRAMES``): each learned
  topic's die on the most frequent words, and the log joint (and agreement with the truth)
  so far.

Words are user text: escaped for plotly by :func:`mixgen_ui.topic_figures.plotly_label`.

Both figures are built from plain dicts (see :mod:`mixgen_ui.figure_parts`). Built with
``make_subplots``, ``add_trace`` and one validated ``go.Frame`` per frame, the word-by-word animation
was most of every script run of its tab (``python -m bench.bench_reruns --only Gibbs`` measures it).
Three things make it cheap:

- the subplot grid is laid out here (:func:`~mixgen_ui.figure_parts.subplots`), to the last bit as ``make_subplots`` does;
- in the app, the frames and the slider's steps are stored as they are (:func:`_animated`): even
  unchecked, plotly builds an object per frame and per step, which took three times the rest;
- a frame carries only what moves. plotly.js merges a frame's traces into the figure's (its
  ``Plots.transition`` extends ``gd.data[i]`` with the frame's trace ``i``), so a property left out
  of a frame keeps the figure's own value; the properties left out here (colours, hover templates,
  x, names, ...) are the same in every frame and in the figure's traces, so each frame shows
  exactly what a frame carrying them all showed, and the figure's JSON is about half as long.
"""

from __future__ import annotations

import base64
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import GibbsRun, GibbsStep

from .figure_parts import Spec, checking, figure, subplots, title
from .palette import NEUTRAL, colour
from .topic_figures import plotly_label

#: Most frames of the sweep-by-sweep animation.
MAX_SWEEP_FRAMES = 100
#: Words on the sweep-by-sweep figure's bars.
SWEEP_WORDS = 15
#: Milliseconds per frame while playing.
FRAME_MS = 700


def _animated(data: Sequence[Spec], layout: Spec, frames: Sequence[Spec]) -> go.Figure:
    """:func:`~mixgen_ui.figure_parts.figure` of an animation (``layout["sliders"][0]`` its slider).

    In the tests (``figure_parts.checking()``) every frame and step is checked as usual. In the app,
    plotly gets the figure with its first frame and its slider's first step, and the others are
    stored as they are: ``to_dict()``, ``to_json()`` and ``st.plotly_chart`` give them exactly as
    checked ones (``tests/ui/test_gibbs_figures.py`` compares the two), but plotly cannot browse them
    as objects (``fig.frames[1].layout`` fails); read ``fig.to_dict()["frames"]``. This reaches
    into two private attributes of plotly (6 and 7; that test fails if they change): ``_frame_objs``, the store
    ``fig.frames = ...`` fills, and ``_validate``, which plotly itself turns off to put in its
    default template.
    """
    if checking():
        return figure(data, layout, frames)
    slider = layout["sliders"][0]
    fig = figure(data, {**layout, "sliders": [{**slider, "steps": slider["steps"][:1]}]}, frames[:1])
    stored = fig.layout.sliders[0]
    stored._validate = False
    stored.steps = slider["steps"]
    stored._validate = True
    fig._frame_objs = (*fig._frame_objs, *(go.Frame(f, _validate=False) for f in frames[1:]))
    return fig


#: Pixels under a figure's plot area for its controls: the Play/Pause row, then the slider (its current
#: value, rail and tick labels) and a little room below it.
BUTTONS_PX, SLIDER_PX = 40, 88


def _controls(labels: Sequence[str], active: int, prefix: str, frame_ms: int, *, top: int, plot: int,
              axis: int) -> dict:
    """A Play/Pause row and, under it, a full-width slider over frames named by ``labels``; and the
    figure's height and margins that hold them: ``top`` px above a plot area ``plot`` px tall, then
    ``axis`` px for the bottom x axis' labels, the buttons and the slider.

    The buttons have their own row: beside the slider, at a phone's width they sat on its start and
    its current value. Positions under the plot area are fractions of its height (plotly has no pixel
    positions for them), so ``plot`` turns pixels into fractions; where plotly takes room from the
    plot area (the sweep figure's legend), they come out a few pixels higher, which the gaps allow.
    """
    still = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    # Play goes on from the frame shown (after a pause, from where it paused). Opened between the first
    # and the last frame, plotly knows of no frame shown yet and would start from the first: Play is
    # given the frames from the one it opens on. Opened on the first or the last, it plays them all.
    frames = list(labels[active:]) if 0 < active < len(labels) - 1 else None
    play = {"mode": "immediate", "fromcurrent": True, "frame": {"duration": frame_ms, "redraw": True},
            "transition": {"duration": 0}}
    bottom = axis + BUTTONS_PX + SLIDER_PX
    return dict(
        height=top + plot + bottom, margin=dict(l=10, r=10, t=top, b=bottom),
        updatemenus=[dict(type="buttons", direction="left", showactive=False, x=0, y=-axis / plot,
                          xanchor="left", yanchor="top", pad=dict(t=0, r=10),
                          buttons=[dict(label="▶ Play", method="animate", args=[frames, play]),
                                   dict(label="❚❚ Pause", method="animate", args=[[None], still])])],
        sliders=[dict(active=active, x=0, len=1, y=-(axis + BUTTONS_PX) / plot, yanchor="top",
                      pad=dict(t=0, b=0), currentvalue=dict(prefix=prefix, visible=True, xanchor="left"),
                      steps=[dict(label=lab, method="animate", args=[[lab], still]) for lab in labels])],
    )


def _floats(values: np.ndarray) -> Spec | list:
    """``values`` as plotly's typed-array spec: what plotly makes of a float array when it serialises
    a figure, made here because plotly's own conversion of a small array (a copy and checks through
    narwhals, once to validate and once to serialise) costs more than the rest of a frame."""
    v = np.ascontiguousarray(values, dtype=np.float64)
    if v.size == 0:  # plotly leaves an empty array a list
        return []
    return {"dtype": "f8", "bdata": base64.b64encode(v).decode("ascii")}


def _step_moving(step: GibbsStep, order: np.ndarray) -> list[Spec]:
    """What moves from one re-roll to the next in the three bar traces: the heights, and which bar is
    marked drawn (topics in display order, ``order[j]``: sampler topic shown as j)."""
    return [{"type": "bar", "y": _floats(step.document_factor[order])},
            {"type": "bar", "y": _floats(step.word_factor[order])},
            {"type": "bar", "y": _floats(step.probabilities[order]),
             "text": ["drawn" if k == step.topic_after else "" for k in order]}]


#: Pixels at the top of a chart that plotly's modebar (camera, zoom, ...) covers when it shows; it spans
#: about 220 px from the right, most of a phone's width, so nothing of the sweep figure is drawn there.
MODEBAR_PX = 32
#: Characters of a word under the sweep figure's bars (hover shows more): slanted at 45°, a longer
#: label reached into the title of the panel below.
SWEEP_TICK_CHARS = 12
#: The sweep figure's panels and the gaps above them, in pixels from the top of its plot area: the
#: dice; under them their slanted words and the log joint's two-line title; the log joint; its sweeps
#: and the agreement's title; the agreement.
SWEEP_BARS_PX, SWEEP_WORDS_GAP_PX, SWEEP_LINE_PX, SWEEP_LINE_GAP_PX = 190, 130, 95, 60
#: Pixels above the sweep figure's plot area: the modebar's, then the legend (two lines of title, a row of
#: topics, about 71 px in Chromium) and a little room under it. A legend of more rows (up to eight topics
#: on a phone) pushes the plot area down.
SWEEP_TOP_PX = MODEBAR_PX + 86


def _stacked(layout: Spec, titles: Sequence[str], heights: Sequence[int], gaps: Sequence[int]) -> int:
    """Lay the rows of a one-column :func:`~mixgen_ui.figure_parts.subplots` layout (its ``titles``)
    out in pixels: row ``i`` is ``heights[i]`` px tall, ``gaps[i]`` px above row ``i + 1``, each title
    on its row's top edge. Returns the plot area's height in pixels."""
    plot = sum(heights) + sum(gaps)
    tops = [plot - sum(heights[:i]) - sum(gaps[:i]) for i in range(len(heights))]
    for i, (top, h) in enumerate(zip(tops, heights)):
        layout["yaxis" + (str(i + 1) if i else "")]["domain"] = [(top - h) / plot, top / plot]
    for note, top in zip(layout["annotations"], [top for top, t in zip(tops, titles) if t]):
        note["y"] = top / plot
    return plot


def sweep_animation(run: GibbsRun, sweeps: Sequence[int], numbers: np.ndarray, columns: np.ndarray,
                    agreement: np.ndarray | None) -> go.Figure:
    """One frame per sweep in ``sweeps``: each topic's estimated die on the words ``columns`` (top), the
    log joint so far (middle) and, with a truth, the share of words in their true topic (bottom).

    ``numbers[i]`` (shape ``(len(sweeps), K)``) says which number each sampler topic is shown as at
    ``sweeps[i]``, so a topic keeps the colour of the true topic it is matched to.

    Laid out for any width from a phone's: titles of at most 30 characters a line; the top panel's
    title is its legend's, so the two stay together: the legend starts under the modebar
    (``MODEBAR_PX``), and when its topics wrap onto more rows it pushes the plot area down (plotly
    reserves the room of a legend placed in the figure's height, ``yref="container"``; a subplot
    title would stay put under it). The panels, and the gaps under them for their x labels and the
    next title, are set in pixels.
    """
    k = run.n_topics
    rows = 3 if agreement is not None else 2
    titles = ["", "log joint: how well the topics<br>explain the words"]
    if agreement is not None:
        titles.append("words in their true topic")
    layout = subplots(rows, 1, titles)
    plot = _stacked(layout, titles, [SWEEP_BARS_PX] + [SWEEP_LINE_PX] * (rows - 1),
                    [SWEEP_WORDS_GAP_PX, SWEEP_LINE_GAP_PX][:rows - 1])
    words = [plotly_label(run.vocabulary[j]) for j in columns]
    x = list(range(len(columns)))

    def moving(i: int) -> list[Spec]:
        """What moves at ``sweeps[i]``: the bars' heights (topics in display order) and where the
        markers on the lines are."""
        tw = run.topic_word(sweeps[i])[:, columns]
        order = np.argsort(numbers[i])
        s = sweeps[i]
        marks = [float(run.log_joint[s])] + ([float(agreement[i])] if agreement is not None else [])
        return ([{"type": "bar", "y": _floats(tw[order[j]])} for j in range(k)]
                + [{"type": "scatter", "x": [s], "y": [m]} for m in marks])

    last = len(sweeps) - 1
    at_last = moving(last)
    data: list[Spec] = [{**bar, "x": x, "name": f"topic {j + 1}", "marker": {"color": colour(j)},
                         "customdata": words, "xaxis": "x", "yaxis": "y",
                         "hovertemplate": "%{customdata}: %{y:.3f}<extra>topic " + str(j + 1) + "</extra>"}
                        for j, bar in enumerate(at_last[:k])]
    line = {"type": "scatter", "mode": "lines", "line": dict(color=NEUTRAL), "showlegend": False, "hoverinfo": "skip"}
    data.append({**line, "x": list(sweeps), "y": _floats(run.log_joint[list(sweeps)]), "xaxis": "x2", "yaxis": "y2"})
    if agreement is not None:
        data.append({**line, "x": list(sweeps), "y": _floats(agreement), "xaxis": "x3", "yaxis": "y3"})
        layout["yaxis3"].update(range=[0, 1.05], tickformat=".0%")
    for r, (mark, fmt) in enumerate(zip(at_last[k:], ("%{y:.1f}", "%{y:.0%}")), start=2):
        data.append({**mark, "mode": "markers", "marker": dict(size=12, color=NEUTRAL), "showlegend": False,
                     "hovertemplate": f"sweep %{{x}}: {fmt}<extra></extra>", "xaxis": f"x{r}", "yaxis": f"y{r}"})
    first_marker = k + (2 if agreement is not None else 1)
    moved = list(range(k)) + list(range(first_marker, first_marker + (2 if agreement is not None else 1)))
    labels = [str(s) for s in sweeps]
    # A frame carries only what moves (see the module docstring); the rest is the figure's own.
    frames = [{"name": labels[i], "data": moving(i), "traces": moved} for i in range(len(sweeps))]
    top = max(float(run.topic_word(s)[:, columns].max()) for s in sweeps[:: max(1, len(sweeps) // 20)]) * 1.1
    layout["yaxis"].update(range=[0, max(top, 0.05)], title=title("probability"))
    layout["xaxis"].update(tickmode="array", tickvals=x, tickangle=-45,
                           ticktext=[plotly_label(run.vocabulary[j], SWEEP_TICK_CHARS) for j in columns])
    layout[f"xaxis{rows}"]["title"] = title("sweep")
    controls = _controls(labels, last, "sweep ", 300, top=SWEEP_TOP_PX, plot=plot, axis=70)
    legend = dict(orientation="h", xanchor="center", x=0.5, yref="container", yanchor="top",
                  y=1 - MODEBAR_PX / controls["height"],
                  title=dict(text="each learned topic's die<br>on the most frequent words", side="top center",
                             font=dict(size=16)))
    layout.update(barmode="group", legend=legend, **controls)
    return _animated(data, layout, frames)
