"""Collapsed Gibbs sampling played in the browser with the words themselves in the figure, so Play moves
the coloured documents together with everything else (plotly frames; playing never reruns the app).

- :func:`learning_animation`: one frame per sweep: the documents' words coloured by their current
  topic, each learned die against the true one, and the share of words in their true topic and the
  sampler's score (the log joint) drawn as the sweeps go by.
- :func:`reroll_animation`: one frame per word of one sweep: the documents with the word being
  re-rolled ringed, the re-roll in the title, the two factors and their product, and the share and
  the score drawn word by word.

The documents are a grid (a heatmap): one row per ``GRID_COLUMNS`` words, each document starting a
row, each cell a word tinted by its topic and numbered (colour is never the only cue). A frame
carries only the cells' topics, so its size is the words drawn: at most ``MAX_GRID_WORDS`` of them,
in at most ``MAX_SWEEP_FRAMES`` frames, whatever the corpus sampled.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import GibbsRun, sweep_log_joints, sweep_states

from .figure_parts import Spec, title
from .gibbs_figures import FRAME_MS, MAX_SWEEP_FRAMES, MODEBAR_PX, _animated, _controls, _floats, _step_moving
from .highlight import _tint
from .palette import NEUTRAL, colour
from .topic_figures import plotly_label

#: Words per row of the documents' grid: on a phone each cell is then about 60 px wide, room for a word
#: of eight letters and its topic number (with ten, words ran into each other).
GRID_COLUMNS = 5
#: Most words drawn in the grid (the sampler may see more): the grid's part of every frame.
MAX_GRID_WORDS = 60
#: Pixels per row of the grid.
GRID_ROW_PX = 24
#: Characters of a word in a grid cell (hover shows it whole).
GRID_WORD_CHARS = 8
#: Words on the axis of a die panel (the most frequent).
DIE_WORDS = 15
#: Most dice drawn as panels (each about 200 px tall with its words); with more topics the figure leaves
#: the dice out (the sweep-by-sweep view of a larger corpus draws them all in one panel).
MAX_DIE_PANELS = 3
#: Pixels from a chart's top to its title: under the modebar, which covers about 26 px once it shows
#: (plotly starts a title of several lines a little above its pad).
TITLE_TOP_PX = MODEBAR_PX + 16
#: Milliseconds per sweep while playing.
SWEEP_MS = 450
__all__ = ["MAX_SWEEP_FRAMES", "grid_cells", "learning_animation", "pixel_rows", "reroll_animation"]


def grid_cells(doc_lengths: Sequence[int], limit: int, columns: int = GRID_COLUMNS
               ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Where each of the first ``limit`` words goes in the grid: its row and column, and each row's label
    (``"doc 2"`` on a document's first row, blank on the rows it continues onto)."""
    rows, cols, labels = [], [], []
    left = limit
    for d, length in enumerate(doc_lengths):
        take = min(int(length), left)
        if take <= 0:
            if left <= 0:
                break
            continue
        first = len(labels)
        for i in range(take):
            rows.append(first + i // columns)
            cols.append(i % columns)
        labels += [f"doc {d + 1}"] + [""] * ((take - 1) // columns)
        left -= take
    return np.array(rows, dtype=int), np.array(cols, dtype=int), labels


def _grid_z(numbers: np.ndarray, rows: np.ndarray, cols: np.ndarray, n_rows: int) -> list[list[int | None]]:
    """The grid's cells: each word's shown topic (1-based), None where there is no word."""
    z: list[list[int | None]] = [[None] * GRID_COLUMNS for _ in range(n_rows)]
    for r, c, k in zip(rows.tolist(), cols.tolist(), numbers.tolist()):
        z[r][c] = int(k) + 1
    return z


def _grid_trace(words: Sequence[str], z: list, rows: np.ndarray, cols: np.ndarray, n_rows: int, k: int) -> Spec:
    """The documents as a heatmap of words, each cell tinted by its topic and numbered."""
    text = [[""] * GRID_COLUMNS for _ in range(n_rows)]
    for r, c, w in zip(rows.tolist(), cols.tolist(), words):
        text[r][c] = plotly_label(w, GRID_WORD_CHARS)
    scale = []
    for j in range(k):
        scale += [[j / k, _tint(colour(j))], [(j + 1) / k, _tint(colour(j))]]
    return {"type": "heatmap", "z": z, "text": text, "texttemplate": "%{text}<sup>%{z}</sup>",
            "textfont": {"size": 11, "color": "#111111"}, "zmin": 0.5, "zmax": k + 0.5, "colorscale": scale,
            "showscale": False, "xgap": 3, "ygap": 3, "hovertemplate": "%{text}: topic %{z}<extra></extra>",
            "xaxis": "x", "yaxis": "y"}


def _grid_axes(layout: Spec, labels: list[str]) -> None:
    layout["xaxis"].update(visible=False, range=[-0.5, GRID_COLUMNS - 0.5], fixedrange=True)
    layout["yaxis"].update(autorange="reversed", tickmode="array", tickvals=list(range(len(labels))),
                           ticktext=labels, fixedrange=True, showgrid=False, zeroline=False)


#: Where panels sit across the width when a row holds 1, 2 or 3 of them.
_SPANS = {1: [(0.0, 1.0)], 2: [(0.0, 0.44), (0.56, 1.0)], 3: [(0.0, 0.26), (0.37, 0.63), (0.74, 1.0)]}


def pixel_rows(rows: Sequence[tuple[int, int, int]]) -> tuple[Spec, int]:
    """Axes for rows of panels laid out in pixels: ``(cells, height, gap_above)`` per row, top first
    (``cells`` 1 to 3 side by side). Axes are numbered in order (``x``/``y``, ``x2``/``y2``, ...).
    Returns the layout (axes only) and the plot area's height in pixels: plotly places panels in
    fractions of it, so pixels keep the grid's rows and the gaps for tick labels the same at any size."""
    plot = sum(h + g for _, h, g in rows)
    layout: Spec = {}
    top, n = plot, 0
    for cells, h, gap in rows:
        top -= gap
        for x0, x1 in _SPANS[cells]:
            n += 1
            s = str(n) if n > 1 else ""
            layout["xaxis" + s] = {"domain": [x0, x1], "anchor": "y" + s}
            layout["yaxis" + s] = {"domain": [max(0.0, (top - h) / plot), min(1.0, top / plot)], "anchor": "x" + s}
        top -= h
    return layout, plot


def _note(text: str, axis: str, layout: Spec) -> Spec:
    """A panel's title just above panel ``axis`` (``""``, ``"2"``...)."""
    x0, x1 = layout["xaxis" + axis]["domain"]
    return {"text": text, "xref": "paper", "yref": "paper", "x": (x0 + x1) / 2, "y": layout["yaxis" + axis]["domain"][1],
            "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 14}}


def _growing(xs: Sequence[float], ys: Sequence[float], upto: int) -> list[Spec]:
    """A line drawn up to point ``upto`` and a marker on that point (two traces' moving parts)."""
    return [{"type": "scatter", "x": list(xs[: upto + 1]), "y": _floats(np.asarray(ys[: upto + 1]))},
            {"type": "scatter", "x": [xs[upto]], "y": [float(ys[upto])]}]


def _line_traces(axis: str, fmt: str) -> list[Spec]:
    """A growing line and its marker on panel ``axis``."""
    where = {"xaxis": "x" + axis, "yaxis": "y" + axis, "showlegend": False}
    return [{"mode": "lines", "line": {"color": NEUTRAL}, "hoverinfo": "skip", **where},
            {"mode": "markers", "marker": {"size": 10, "color": NEUTRAL},
             "hovertemplate": f"%{{x}}: {fmt}<extra></extra>", **where}]


def _padded(values: np.ndarray, share: bool) -> list[float]:
    if share:
        return [0.0, 1.05]
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = max((hi - lo) * 0.08, 1.0)
    return [lo - pad, hi + pad]


def learning_animation(run: GibbsRun, sweeps: Sequence[int], numbers: np.ndarray, agreement: np.ndarray | None,
                       true_topic_word: np.ndarray | None, names: Sequence[str]) -> go.Figure:
    """One frame per sweep in ``sweeps`` (0 is the random start): the words coloured by their topic, each
    learned die against the true one, and the share of words in their true topic and the log joint so far.

    Parameters
    ----------
    run : GibbsRun
    sweeps : sequence of S int, increasing, from 0
        The sweeps shown (see :func:`mixgen_ui.gibbs_view.frame_sweeps`: at most ``MAX_SWEEP_FRAMES``).
    numbers : int array of shape (S, K)
        ``numbers[i, t]``: the number sampler topic ``t`` is shown as at ``sweeps[i]`` (its true topic's).
    agreement : float array of shape (S,), or None
        The share of words in their true topic at each sweep; None without a truth.
    true_topic_word : array of shape (K, V) on ``run.vocabulary``, or None
        The true dice, drawn solid beside the learned (hatched) ones.
    names : K names of the topics, for the die panels' titles.
    """
    k = run.n_topics
    dice = k if k <= MAX_DIE_PANELS else 0
    rows, cols, labels = grid_cells(run.doc_lengths.tolist(), MAX_GRID_WORDS)
    shown_words = [run.vocabulary[w] for w in run.word_ids[: rows.size].tolist()]
    counts = np.bincount(run.word_ids, minlength=len(run.vocabulary))
    columns = np.argsort(-counts, kind="stable")[:DIE_WORDS]
    if true_topic_word is not None:  # each die's own words first
        columns = columns[np.lexsort((-true_topic_word[:, columns].max(axis=0),
                                      np.argmax(true_topic_word[:, columns], axis=0)))]
    panel_rows = [(1, len(labels) * GRID_ROW_PX, 0)] + [(1, 110, 50 if j == 0 else 95) for j in range(dice)]
    panel_rows.append((2 if agreement is not None else 1, 90, 95))
    layout, plot = pixel_rows(panel_rows)
    _grid_axes(layout, labels)
    ticks = [plotly_label(run.vocabulary[c], 12) for c in columns]
    x = list(range(len(columns)))
    learned = [run.topic_word(s)[:, columns] for s in sweeps]
    top = max(float(max(t.max() for t in learned)), 0.0 if true_topic_word is None
              else float(true_topic_word[:, columns].max())) * 1.15

    def bars(i: int) -> list[Spec]:
        order = np.argsort(numbers[i])
        return [{"type": "bar", "y": _floats(learned[i][order[j]])} for j in range(dice)]

    def moving(i: int) -> list[Spec]:
        z = _grid_z(numbers[i][run.assignments[sweeps[i], : rows.size].astype(np.intp)], rows, cols, len(labels))
        lines = _growing(sweeps, run.log_joint[list(sweeps)], i)
        if agreement is not None:
            lines = _growing(sweeps, agreement, i) + lines
        return [{"type": "heatmap", "z": z}, *bars(i), *lines]

    now = moving(0)
    data: list[Spec] = [{**_grid_trace(shown_words, now[0]["z"], rows, cols, len(labels), k)}]
    notes = [_note("the words, coloured by their topic now", "", layout)]
    for j in range(dice):
        a = str(j + 2)
        data.append({**now[1 + j], "x": x, "name": "learned die" if j == 0 else f"learned {j + 1}",
                     "legendgroup": "learned", "showlegend": j == 0, "xaxis": "x" + a, "yaxis": "y" + a,
                     "marker": {"color": "white", "line": {"color": colour(j), "width": 2},
                                "pattern": {"shape": "/", "fgcolor": colour(j)}},
                     "hovertemplate": "%{x}: %{y:.3f}<extra>learned</extra>"})
        layout["xaxis" + a].update(tickmode="array", tickvals=x, ticktext=ticks, tickangle=-45)
        layout["yaxis" + a].update(range=[0, max(top, 0.05)], title=title("chance"))
        name = plotly_label(names[j], 24) if j < len(names) else f"topic {j + 1}"
        notes.append(_note(f"die {j + 1}: {name}", a, layout))
    if true_topic_word is not None:
        for j in range(dice):
            a = str(j + 2)
            data.append({"type": "bar", "x": x, "y": _floats(true_topic_word[j, columns]),
                         "name": "true die" if j == 0 else f"true {j + 1}", "legendgroup": "true",
                         "showlegend": j == 0, "marker": {"color": colour(j)}, "xaxis": "x" + a, "yaxis": "y" + a,
                         "hovertemplate": "%{x}: %{y:.3f}<extra>true</extra>", "offsetgroup": "0"})
            data[1 + j]["offsetgroup"] = "1"
    line_axes = [str(dice + 2), str(dice + 3)] if agreement is not None else [str(dice + 2)]
    texts = (["words in their true topic"] if agreement is not None else []) + ["score (log joint)"]
    fmts = (["%{y:.0%}"] if agreement is not None else []) + ["%{y:.1f}"]
    moving_lines = now[1 + dice:]
    for i, (a, text, fmt) in enumerate(zip(line_axes, texts, fmts)):
        for part, fixed in zip(moving_lines[2 * i: 2 * i + 2], _line_traces(a, fmt)):
            data.append({**part, **fixed})
        share = agreement is not None and i == 0
        layout["xaxis" + a].update(range=[-0.5, sweeps[-1] + 0.5], title=title("sweep"))
        layout["yaxis" + a].update(range=_padded(agreement if share else run.log_joint[list(sweeps)], share),
                                   **({"tickformat": ".0%"} if share else {}))
        notes.append(_note(text, a, layout))
    n_true = dice if true_topic_word is not None else 0
    first_line = 1 + dice + n_true
    moved = [0, *range(1, 1 + dice), *range(first_line, first_line + len(moving_lines))]
    labels_f = [str(s) for s in sweeps]

    def frame_title(i: int) -> str:
        head = "the random start" if sweeps[i] == 0 else f"after sweep {sweeps[i]} of {sweeps[-1]}"
        # Two short lines: one line of both was cut off at a phone's width.
        tail = "" if agreement is None else f"<br>{agreement[i]:.0%} of words in their true topic"
        return head + tail

    frames = [{"name": labels_f[i], "data": moving(i), "traces": moved,
               "layout": {"title": {"text": frame_title(i)}}} for i in range(len(sweeps))]
    controls = _controls(labels_f, 0, "sweep ", SWEEP_MS, top=TITLE_TOP_PX + 110, plot=plot, axis=70)
    layout.update(barmode="group", bargap=0.2, annotations=notes,
                  title=dict(text=frame_title(0), font=dict(size=15), x=0, xanchor="left", y=1, yref="container",
                             yanchor="top", pad=dict(t=TITLE_TOP_PX)),
                  legend=dict(orientation="h", x=0, xanchor="left", y=1, yref="container", yanchor="top",
                              font=dict(size=12)),
                  **controls)
    layout["legend"]["y"] = 1 - (TITLE_TOP_PX + 50) / controls["height"]
    return _animated(data, layout, frames)


def _reroll_title(run: GibbsRun, sweep: int, p: int, numbers: np.ndarray) -> str:
    """The frame's title: which word, and what the re-roll did (each topic in its colour)."""
    s = run.step_details(sweep - 1, p)
    before, after = int(numbers[s.topic_before]), int(numbers[s.topic_after])
    word = plotly_label(s.word, 16)

    def tagged(k: int) -> str:
        return f'<span style="color:{colour(k)}"><b>{word} {k + 1}</b></span>'

    verdict = "kept its topic" if before == after else "changed topic"
    chances = " · ".join(f"{q:.0%}" for q in s.probabilities[np.argsort(numbers)])
    # Three short lines, under the modebar: two long ones were cut off at a phone's width.
    return (f"Sweep {sweep}, word {p + 1} of {run.assignments.shape[1]} (document {s.document + 1})<br>"
            f"Re-rolled: {tagged(before)} → {tagged(after)}<br>{verdict}; chances {chances}")


def reroll_animation(run: GibbsRun, sweep: int, active: int, numbers: np.ndarray,
                     true_labels: np.ndarray | None) -> go.Figure:
    """One frame per re-roll of sweep ``sweep`` (1-based; ``active``, 0-based, is the frame it opens on).

    Top: the documents' words coloured by their topic just before the re-roll, the word being re-rolled
    ringed; the title names the word and what was drawn. Middle: how much the word's document already
    uses each topic, how much each topic already uses this word, and their product (the chances the
    new topic is drawn from). Bottom: the share of words in their true topic (with ``true_labels``, the
    topics shown as ``numbers``) and the score (log joint) after each re-roll so far.
    """
    n = run.assignments.shape[1]
    k = run.n_topics
    order = np.argsort(numbers)
    rows, cols, labels = grid_cells(run.doc_lengths.tolist(), min(n, MAX_GRID_WORDS))
    shown_words = [run.vocabulary[w] for w in run.word_ids[: rows.size].tolist()]
    states = sweep_states(run, sweep)
    scores = sweep_log_joints(run, sweep)
    share = None if true_labels is None else (numbers[states] == np.asarray(true_labels)[None, :]).mean(axis=1)
    steps = [run.step_details(sweep - 1, p) for p in range(n)]
    panel_rows = [(1, len(labels) * GRID_ROW_PX, 0), (3, 170, 70), (2 if share is not None else 1, 90, 95)]
    layout, plot = pixel_rows(panel_rows)
    _grid_axes(layout, labels)
    xs = list(range(n + 1))

    def ring(p: int) -> Spec:
        if p >= rows.size:
            return {"type": "scatter", "x": [], "y": []}
        return {"type": "scatter", "x": [int(cols[p])], "y": [int(rows[p])]}

    def moving(p: int) -> list[Spec]:
        z = _grid_z(numbers[states[p, : rows.size]], rows, cols, len(labels))
        lines = _growing(xs, scores, p)
        if share is not None:
            lines = _growing(xs, share, p) + lines
        return [{"type": "heatmap", "z": z}, ring(p), *_step_moving(steps[p], order), *lines]

    now = moving(active)
    data: list[Spec] = [_grid_trace(shown_words, now[0]["z"], rows, cols, len(labels), k),
                        {**now[1], "mode": "markers", "xaxis": "x", "yaxis": "y", "showlegend": False,
                         "hoverinfo": "skip", "marker": {"symbol": "square-open", "size": 30, "color": "#111111",
                                                         "line": {"width": 3}}}]
    bar_x = [str(j + 1) for j in range(k)]
    fixed = {"x": bar_x, "marker": {"color": [colour(j) for j in range(k)]},
             "hovertemplate": "topic %{x}: %{y:.3f}<extra></extra>", "showlegend": False}
    for i, a in enumerate(("2", "3", "4")):
        data.append({**now[2 + i], **fixed, "xaxis": "x" + a, "yaxis": "y" + a})
    data[4]["textposition"] = "outside"
    tops = (max(float(s.document_factor.max()) for s in steps) * 1.1,
            max(float(s.word_factor.max()) for s in steps) * 1.1, 1.15)
    notes = [_note("document<br>uses topic", "2", layout), _note("topic uses<br>this word", "3", layout),
             _note("chance<br>(product)", "4", layout)]
    for a, t in zip(("2", "3", "4"), tops):
        layout["yaxis" + a]["range"] = [0, t]
        layout["xaxis" + a].update(type="category", tickprefix="topic ")
    line_axes = ["5", "6"] if share is not None else ["5"]
    texts = (["words in their true topic"] if share is not None else []) + ["score (log joint)"]
    fmts = (["%{y:.0%}"] if share is not None else []) + ["%{y:.1f}"]
    for i, (a, text, fmt) in enumerate(zip(line_axes, texts, fmts)):
        for part, fixed_part in zip(now[5 + 2 * i: 7 + 2 * i], _line_traces(a, fmt)):
            data.append({**part, **fixed_part})
        is_share = share is not None and i == 0
        layout["xaxis" + a].update(range=[-0.5, n + 0.5], title=title("words re-rolled"))
        layout["yaxis" + a].update(range=_padded(share if is_share else scores, is_share),
                                   **({"tickformat": ".0%"} if is_share else {}))
        notes.append(_note(text, a, layout))
    labels_f = [str(p + 1) for p in range(n)]
    moved = list(range(len(data)))
    frames = [{"name": labels_f[p], "data": moving(p), "traces": moved,
               "layout": {"title": {"text": _reroll_title(run, sweep, p, numbers)}}} for p in range(n)]
    controls = _controls(labels_f, active, "word ", FRAME_MS, top=TITLE_TOP_PX + 70, plot=plot, axis=70)
    layout.update(bargap=0.25, annotations=notes, showlegend=False,
                  title=dict(text=_reroll_title(run, sweep, active, numbers), font=dict(size=13), x=0,
                             xanchor="left", y=1, yref="container", yanchor="top", pad=dict(t=TITLE_TOP_PX)),
                  **controls)
    return _animated(data, layout, frames)
