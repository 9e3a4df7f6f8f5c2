"""Guess, then check: the student puts the points in groups, then scores the guess against the
truth and against EM on the same points. Shared by the Gaussian page (prefix ``g``) and its
guide (prefix ``gg``).

State (all in the session's state, keyed ``<prefix>_guess_<name>``, bounded by the page's
point cap): ``labels`` (int8, one per point, -1 = in no group yet), ``print`` (a fingerprint
of the sample the labels belong to: a new sample resets the guess), ``group`` (the group the
next selection goes to), ``chart`` (a counter in the chart's key: each applied selection
gives the chart a new key, so a selection is applied exactly once and the next one starts
empty), ``checked`` and ``cx_<i>``/``cy_<i>`` (typed centres). None of it is in the URL.

Here: the pure helpers on that state, the selection, the scores' sentences and the groups'
legend (tested without a running app). The callbacks and sections: :mod:`mixgen_streamlit.guess_points`.
"""

from __future__ import annotations

import hashlib
import math
from html import escape
from typing import Any, Mapping, MutableMapping, Sequence

import numpy as np

from mixgen_core import (
    MAX_COMPONENTS,
    MAX_POINTS,
    nearest_centres,
)

from .guess_figures import group_name
from .palette import colour, look, symbol

#: Most groups a student may make (as many as the page has Gaussians).
MAX_GUESS_GROUPS = MAX_COMPONENTS
#: What each marker shape is called, for people who cannot see the colours.
ACCURACY_MEANS = "Share of points in the right group, after matching your groups to the true ones as well as possible."
BEST_MEANS = ("The share of these very points that Bayes' rule puts in their right group when it knows the true "
              "Gaussians: each point goes to the Gaussian most likely to have drawn it. No rule that names each "
              "point's Gaussian from the point alone can expect to do better; scores matched to the true groups "
              "afterwards (yours, EM's) can come out a little higher by chance where clouds overlap.")
BEST_REAL_MEANS = ("Each true group summed up by one Gaussian (its points' mean and covariance), then each point given "
                   "to the most likely one: how far Gaussians can go on these measurements.")
RAND_MEANS = ("Agreement on which pairs of points belong together: 1 is perfect, about 0 is no better than "
              "random grouping.")


def key(prefix: str, name: str) -> str:
    """Session-state key ``<prefix>_guess_<name>`` of the guess's state."""
    return f"{prefix}_guess_{name}"


# --------------------------------------------------------------------------- pure helpers
def fingerprint(points: np.ndarray) -> str:
    """A short digest of the sample's points: equal for the same points, different (in practice) otherwise."""
    pts = np.ascontiguousarray(points, dtype=np.float64)
    return f"{len(pts)}:" + hashlib.blake2b(pts.tobytes(), digest_size=12).hexdigest()


def forget_old_guess(state: MutableMapping[str, Any], prefix: str, points: np.ndarray) -> None:
    """When ``points`` are not the ones guessed (a new sample, a changed setting): every point back in
    no group and the guess unchecked. Call it before reading whether the guess is checked, so that no
    part of the page speaks of an answer for points that are gone."""
    fp = fingerprint(points)
    labels = state.get(key(prefix, "labels"))
    if state.get(key(prefix, "print")) != fp or not isinstance(labels, np.ndarray) or labels.shape != (len(points),):
        state[key(prefix, "labels")] = np.full(len(points), -1, dtype=np.int8)
        state[key(prefix, "print")] = fp
        state[key(prefix, "checked")] = False


def current_labels(state: MutableMapping[str, Any], prefix: str, points: np.ndarray, k: int) -> np.ndarray:
    """The guess for ``points`` from ``state``: reset to "no group" when the sample changed
    (:func:`forget_old_guess`), and with groups ``k`` and above emptied (the student said there are only ``k``).

    Returns an int8 array of shape (N,) (the stored one; replace it, never change it in place).
    """
    forget_old_guess(state, prefix, points)
    labels = state[key(prefix, "labels")]
    if (labels >= k).any():
        labels = np.where(labels >= k, -1, labels).astype(np.int8)
    state[key(prefix, "labels")] = labels
    return labels


def assign(labels: np.ndarray, index: Sequence[int] | np.ndarray, group: int) -> np.ndarray:
    """A copy of ``labels`` with the points ``index`` moved into ``group`` (from wherever they were)."""
    out = np.array(labels, dtype=np.int8, copy=True)
    out[np.asarray(index, dtype=np.intp)] = group
    return out


def clear_group(labels: np.ndarray, group: int) -> np.ndarray:
    """A copy of ``labels`` with every point of ``group`` back in no group."""
    return np.where(np.asarray(labels) == group, -1, labels).astype(np.int8)


def selected_indices(selection: Any, n: int) -> np.ndarray:
    """Sample indices (sorted, distinct) of the points a chart selection holds.

    ``selection`` is the chart's state (``{"selection": {"points": [...]}}``) or its
    ``selection`` part. Each point's sample index is its ``customdata`` (see
    :mod:`mixgen_ui.guess_figures`); anything else in a point (the centres' crosses, a
    malformed or forged value, an index outside ``0..n-1``) is skipped.
    """
    try:
        if "selection" in selection:
            selection = selection["selection"]
        points = selection["points"]
    except (TypeError, KeyError, AttributeError):
        return np.zeros(0, dtype=np.int64)
    if not isinstance(points, (list, tuple)):
        return np.zeros(0, dtype=np.int64)
    found = []
    for p in points[:MAX_POINTS]:
        if not isinstance(p, Mapping):
            continue
        value = p.get("customdata")
        if isinstance(value, (list, tuple)) and len(value) == 1:
            value = value[0]
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            continue
        if math.isfinite(value) and float(value).is_integer() and 0 <= value < n:
            found.append(int(value))
    return np.unique(np.array(found, dtype=np.int64))


def typed_centres(state: Mapping[str, Any], prefix: str, k: int) -> dict[int, tuple[float, float]]:
    """The centres the student has typed: ``{group: (x, y)}`` for groups with both numbers given."""
    out = {}
    for g in range(k):
        x, y = state.get(key(prefix, f"cx_{g}")), state.get(key(prefix, f"cy_{g}"))
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)):
            out[g] = (float(x), float(y))
    return out


def labels_from_centres(points: np.ndarray, centres: Mapping[int, tuple[float, float]],
                        labels: np.ndarray | None = None) -> np.ndarray:
    """The guess after "assign to the typed centres": only groups with a typed centre take points.

    A point already in a group without a typed centre (lassoed, say) stays there; every other
    point (in no group, or in a group whose centre was typed) joins the group of its nearest
    typed centre (ties: the lower group). ``labels`` None: no point is in a group yet.
    Returns int8, shape (N,).
    """
    if not centres:
        raise ValueError("Type both numbers of at least one centre first.")
    groups = np.array(sorted(centres), dtype=np.int8)
    nearest = groups[nearest_centres(points, [centres[g] for g in groups])]
    if labels is None:
        return nearest
    labels = np.asarray(labels, dtype=np.int8)
    keep = (labels >= 0) & ~np.isin(labels, groups)
    return np.where(keep, labels, nearest).astype(np.int8)


def unassigned_sentence(labels: np.ndarray) -> str:
    """``"12 of 60 points still unassigned"``, or that every point is in a group."""
    n, free = len(labels), int((np.asarray(labels) < 0).sum())
    if free == 0:
        return f"All {n:,} points are in a group."
    return f"{free:,} of {n:,} point{'s' if n != 1 else ''} still unassigned."


#: The line above a checked guess: the question is answered below, so it is not asked again.
CHECKED_PROMPT = ("**Your guess is checked**: the answer and your scores are below. "
                  "To change your groups, press **Guess again**.")


def guess_prompt(checked: bool, source: str = "Gaussian") -> str:
    """The line beside the guessing chart, fitting the state: before the check the worksheet's
    question and what to do; after it :data:`CHECKED_PROMPT`. ``source``: what a group stands for
    (``"Gaussian"`` for generated points, ``"group"`` for real data's true groups)."""
    if checked:
        return CHECKED_PROMPT
    return (f"**Which points came from the same {source}?** Say how many {source}s you see, pick a group, "
            "then lasso its points on the chart (or type centres below). Then check your guess.")




# --------------------------------------------------------------------------- HTML
#: Each marker shape as a CSS clip-path over a square swatch (st.html keeps inline styles, not SVG).
_SHAPE_CLIP = {
    "circle": "circle(50%)",
    "square": "inset(8%)",
    "diamond": "polygon(50% 0,100% 50%,50% 100%,0 50%)",
    "triangle-up": "polygon(50% 5%,100% 95%,0 95%)",
    "x": "polygon(15% 0,50% 35%,85% 0,100% 15%,65% 50%,100% 85%,85% 100%,50% 65%,15% 100%,0 85%,35% 50%,0 15%)",
    "cross": "polygon(35% 0,65% 0,65% 35%,100% 35%,100% 65%,65% 65%,65% 100%,35% 100%,35% 65%,0 65%,0 35%,35% 35%)",
    "star": "polygon(50% 0,62% 38%,100% 38%,69% 61%,81% 100%,50% 76%,19% 100%,31% 61%,0 38%,38% 38%)",
    "triangle-down": "polygon(0 5%,100% 5%,50% 95%)",
}


def groups_legend_html(k: int) -> str:
    """Each group's marker (palette colour and shape, drawn) and its name in words; safe for ``st.html``."""
    items = []
    for g in range(k):
        shape = symbol(g)
        swatch = (f'<span aria-hidden="true" style="display:inline-block;width:13px;height:13px;'
                  f'vertical-align:-2px;margin-right:5px;background:{colour(g)};clip-path:{_SHAPE_CLIP[shape]}">'
                  "</span>")
        words = escape(f"{group_name(g)}: {look(g)}")
        items.append(f'<span style="display:inline-block;margin:0 12px 4px 0;white-space:nowrap">{swatch}{words}</span>')
    return f'<div style="font-size:0.9em;line-height:1.6">{"".join(items)}</div>'
