"""Guess, then check: the student puts the points in groups, then scores the guess against the
truth and against EM on the same points. Shared by the Gaussian page (prefix ``g``) and its
guide (prefix ``gg``).

State (all in ``st.session_state``, keyed ``<prefix>_guess_<name>``, bounded by the page's
point cap): ``labels`` (int8, one per point, -1 = in no group yet), ``print`` (a fingerprint
of the sample the labels belong to: a new sample resets the guess), ``group`` (the group the
next selection goes to), ``chart`` (a counter in the chart's key: each applied selection
gives the chart a new key, so a selection is applied exactly once and the next one starts
empty), ``checked`` and ``cx_<i>``/``cy_<i>`` (typed centres). None of it is in the URL.

The first half holds pure helpers (tested without a running app); the second half the
sections the pages show.
"""

from __future__ import annotations

import hashlib
import math
from functools import partial
from html import escape
from typing import Any, Mapping, MutableMapping, Sequence

import numpy as np
import streamlit as st

from mixgen_core import (
    MAX_COMPONENTS,
    MAX_POINTS,
    GaussianComponent,
    GaussianSample,
    PartitionScore,
    best_possible_points,
    nearest_centres,
    score_partition,
)

from .cached import cached_bic, cached_fit
from .fit_figures import groups_scatter, with_axes
from .gaussian_figures import mixture_scatter
from .gaussian_settings import BIC_AUTO_POINTS
from .guess_figures import checked_figure, group_name, guess_figure
from .palette import colour, symbol
from .settings import Setting
from .text import md_escape

#: Most groups a student may make (as many as the page has Gaussians).
MAX_GUESS_GROUPS = MAX_COMPONENTS
#: What each marker shape is called, for people who cannot see the colours.
SHAPE_NAMES = {"circle": "circles", "square": "squares", "diamond": "diamonds", "triangle-up": "triangles",
               "x": "crosses (x)", "cross": "plus signs", "star": "stars", "triangle-down": "upside-down triangles"}
COLOUR_NAMES = {"#0072B2": "blue", "#E69F00": "orange", "#009E73": "green", "#D55E00": "red-orange",
                "#CC79A7": "pink", "#56B4E9": "sky blue", "#F0E442": "yellow", "#999999": "grey"}
ACCURACY_MEANS = "Share of points in the right group, after matching your groups to the true ones as well as possible."
BEST_MEANS = ("The share of these very points that Bayes' rule puts in their right group when it knows the true "
              "Gaussians: each point goes to the Gaussian most likely to have drawn it. No rule that sees only the "
              "points can expect to do better.")
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


def current_labels(state: MutableMapping[str, Any], prefix: str, points: np.ndarray, k: int) -> np.ndarray:
    """The guess for ``points`` from ``state``: reset to "no group" when the sample changed, and
    with groups ``k`` and above emptied (the student said there are only ``k``).

    Returns an int8 array of shape (N,) (the stored one; replace it, never change it in place).
    """
    fp = fingerprint(points)
    labels = state.get(key(prefix, "labels"))
    if state.get(key(prefix, "print")) != fp or not isinstance(labels, np.ndarray) or labels.shape != (len(points),):
        labels = np.full(len(points), -1, dtype=np.int8)
        state[key(prefix, "print")] = fp
        state[key(prefix, "checked")] = False
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


def url_value(s: Setting, raw_values: Sequence[str]) -> Any:
    """Setting ``s``'s value in a link (its last value there), or its default when absent or
    unusable: what its widget will show once it is drawn (used while a challenge hides it)."""
    if not raw_values:
        return s.default
    raw = raw_values[-1]
    if s.kind == "bool":
        return raw.lower() == "true" if s.problem(raw) is None else s.default
    if s.kind in ("int", "float"):
        try:
            value = float(raw)
        except ValueError:
            return s.default
        if not math.isfinite(value) or (s.lo is not None and value < s.lo) or (s.hi is not None and value > s.hi):
            return s.default
        return int(round(value)) if s.kind == "int" else value
    if s.kind == "choice":
        return s.options[s.choices.index(raw)] if raw in s.choices else s.default
    return raw[: s.max_chars] if s.max_chars else raw


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
        words = escape(f"{group_name(g)}: {COLOUR_NAMES.get(colour(g), 'coloured')} {SHAPE_NAMES[shape]}")
        items.append(f'<span style="display:inline-block;margin:0 12px 4px 0;white-space:nowrap">{swatch}{words}</span>')
    return f'<div style="font-size:0.9em;line-height:1.6">{"".join(items)}</div>'


# --------------------------------------------------------------------------- callbacks
def _set(prefix: str, name: str, value: Any) -> None:
    st.session_state[key(prefix, name)] = value


def _new_chart(prefix: str) -> None:
    """Give the chart a new key: its old selection is gone, the next one starts empty."""
    _set(prefix, "chart", int(st.session_state.get(key(prefix, "chart"), 0)) + 1)


def _on_select(prefix: str, chart_key: str, n: int) -> None:
    index = selected_indices(st.session_state.get(chart_key), n)
    if index.size:
        group = int(st.session_state.get(key(prefix, "group")) or 0)
        _set(prefix, "labels", assign(st.session_state[key(prefix, "labels")], index, group))
        _new_chart(prefix)


def _clear_group(prefix: str) -> None:
    group = int(st.session_state.get(key(prefix, "group")) or 0)
    _set(prefix, "labels", clear_group(st.session_state[key(prefix, "labels")], group))


def start_over(prefix: str) -> None:
    """Every point back in no group, the centres emptied, the answer hidden (a button's callback)."""
    labels = st.session_state.get(key(prefix, "labels"))
    if labels is not None:
        _set(prefix, "labels", np.full(len(labels), -1, dtype=np.int8))
    _set(prefix, "checked", False)
    for g in range(MAX_GUESS_GROUPS):
        for axis in ("cx", "cy"):
            if key(prefix, f"{axis}_{g}") in st.session_state:
                _set(prefix, f"{axis}_{g}", None)
    _new_chart(prefix)


def uncheck(prefix: str) -> None:
    """Hide the answer and keep the groups, to change them (the "Guess again" button's callback)."""
    _set(prefix, "checked", False)
    _new_chart(prefix)


def _assign_to_centres(prefix: str, points: np.ndarray, k: int) -> None:
    try:
        _set(prefix, "labels", labels_from_centres(points, typed_centres(st.session_state, prefix, k),
                                                   st.session_state.get(key(prefix, "labels"))))
        _set(prefix, "note", None)
    except ValueError as err:
        _set(prefix, "note", str(err))
    _new_chart(prefix)


def _check(prefix: str, also: dict[str, Any] | None) -> None:
    _set(prefix, "checked", True)
    st.session_state.update(also or {})


# --------------------------------------------------------------------------- sections
def group_picker(prefix: str, k: int, labels: np.ndarray) -> int:
    """Which group the next selection fills, what each group looks like, how many points are left,
    and the buttons to empty this group or start over. Returns the chosen group."""
    if int(st.session_state.get(key(prefix, "group")) or 0) >= k:
        _set(prefix, "group", 0)
    group = st.segmented_control(
        "Put the points you select into group", list(range(k)), default=0, required=True, key=key(prefix, "group"),
        format_func=lambda g: str(g + 1), help="Then lasso or box-select points on the chart (or click one point): they "
        "move into this group, even if they were in another one.")
    st.html(groups_legend_html(k))
    st.markdown(f"**{unassigned_sentence(labels)}**")
    with st.container(horizontal=True, gap="small"):
        st.button(f"Clear {group_name(group).lower()}", key=key(prefix, "clear"), icon=":material/backspace:",
                  on_click=_clear_group, args=(prefix,), help="Put this group's points back in no group.")
        st.button("Start over", key=key(prefix, "restart"), icon=":material/restart_alt:",
                  on_click=start_over, args=(prefix,), help="Every point back in no group, centres emptied.")
    return group


#: Axis titles and whether both axes share one scale: (x title, y title, equal scales).
Axes = tuple[str, str, bool]
#: Generated points: plain x and y, one scale (a round Gaussian looks round).
PLAIN_AXES: Axes = ("x", "y", True)


def guess_chart(prefix: str, points: np.ndarray, labels: np.ndarray, k: int, axes: Axes = PLAIN_AXES,
                selectable: bool = True) -> None:
    """The points as grouped so far; a lasso, box or click moves the selected points into the chosen group.
    ``axes``: real measurements keep their names and, unless standardised, their own scales.
    ``selectable`` False (the guess has been checked): the groups are shown and take no selection."""
    chart_key = f"{key(prefix, 'plot')}_{int(st.session_state.get(key(prefix, 'chart'), 0))}"
    fig = with_axes(guess_figure(points, labels, typed_centres(st.session_state, prefix, k)), *axes)
    if not selectable:  # no lasso or box either: nothing to select while the truth shows
        fig.update_layout(dragmode=False)
        st.plotly_chart(fig, width="stretch", key=f"{chart_key}_checked",
                        config={"modeBarButtonsToRemove": ["select2d", "lasso2d"]})
        st.caption("Your groups as you checked them. To change them, press **Guess again** further down.")
        return
    st.plotly_chart(fig, width="stretch",
                    key=chart_key, on_select=partial(_on_select, prefix, chart_key, len(points)),
                    selection_mode=("points", "box", "lasso"))
    st.caption("Drag a lasso around points to move them into the chosen group (the box and lasso tools are in "
               "the chart's toolbar). Open circles are in no group yet.")


def centre_form(prefix: str, points: np.ndarray, k: int) -> None:
    """No dragging needed: type a centre per group, then every point joins its nearest centre."""
    with st.expander("No dragging: type a centre for each group", icon=":material/keyboard:"):
        with st.form(key(prefix, "centres"), border=False):
            st.caption("Where do you think each group's centre is? Only groups with a typed centre take points: "
                       "a group you leave blank keeps the points you lassoed into it, and every other point joins "
                       "the group of its nearest typed centre. Adjust with the lasso afterwards.")
            for g in range(k):
                c1, c2 = st.columns(2)
                c1.number_input(f"{group_name(g)} centre x", value=None, step=0.5, format="%.2f",
                                key=key(prefix, f"cx_{g}"), min_value=-1e6, max_value=1e6)
                c2.number_input(f"{group_name(g)} centre y", value=None, step=0.5, format="%.2f",
                                key=key(prefix, f"cy_{g}"), min_value=-1e6, max_value=1e6)
            st.form_submit_button("Assign points to the typed centres", icon=":material/hub:",
                                  on_click=_assign_to_centres, args=(prefix, points, k))
        note = st.session_state.get(key(prefix, "note"))
        if note:
            st.warning(md_escape(str(note)))


def check_button(prefix: str, also: dict[str, Any] | None = None) -> bool:
    """The "Check my guess" button; returns whether the guess has been checked. ``also``: more
    session-state values the click writes (a challenge uses it to reveal the page)."""
    checked = bool(st.session_state.get(key(prefix, "checked")))
    if not checked:
        st.button("Check my guess", key=key(prefix, "check"), icon=":material/fact_check:",
                  on_click=_check, args=(prefix, also))
    return checked


def em_hard_labels(points: np.ndarray, k: int, seed: int) -> np.ndarray | None:
    """EM's most likely Gaussian for each point (``k`` Gaussians, initial guess from ``seed``); None if it cannot fit."""
    try:
        fit, _ = cached_fit(points, k, seed)
    except ValueError:
        return None
    return fit.labels


def results(prefix: str, sample: GaussianSample, components: Sequence[GaussianComponent], labels: np.ndarray,
            k_guess: int, em_seed: int, *, names: Sequence[str] = (),
            axes: Axes = PLAIN_AXES) -> tuple[PartitionScore, PartitionScore | None, tuple[str, int] | None]:
    """The truth beside the guess (wrong points ringed), the student's score, EM's and the best the points
    allow, who won and why (sentences chosen by :mod:`mixgen_ui.verdicts`), and the number of Gaussians
    against the truth and BIC. Returns both scores and, when another start of EM would climb higher and
    put more points right, that start (initial guess, seed). Real data (``names`` of its true groups,
    e.g. penguin species) are drawn with their group names and ``axes``."""
    from mixgen_streamlit.verdict_view import other_starts, show_verdict
    from mixgen_ui import verdicts

    points, truth = sample.points, sample.labels
    score = score_partition(truth, labels)
    k_true = int(np.unique(truth).size)
    source = "true group" if names else "Gaussian"
    st.markdown("**The answer**")
    left, right = st.columns(2)
    with left:
        st.caption(f"The truth: each point in the colour and shape of the {source} it came from.")
        truth_fig = (groups_scatter(points, truth, names, None, coloured=True) if names
                     else mixture_scatter(sample, components, coloured=True))
        st.plotly_chart(with_axes(truth_fig, *axes), width="stretch", key=key(prefix, "truth_plot"))
    with right:
        st.caption(f"Your guess: each of your groups in the colour of the {source} it is matched to. "
                   "Ringed: points in the wrong group, or in none.")
        st.plotly_chart(with_axes(checked_figure(points, labels, score), *axes), width="stretch",
                        key=key(prefix, "checked_plot"))
    try:
        fit, lls = cached_fit(points, k_true, em_seed)
    except ValueError:
        fit = lls = None
    em = score_partition(truth, fit.labels) if fit is not None else None
    try:
        best = best_possible_points(sample, components) if components else None
    except ValueError:
        best = None
    you_col, em_col, best_col = st.columns(3)
    with you_col:
        st.metric("Your accuracy", f"{score.accuracy:.0%}", help=ACCURACY_MEANS)
        st.metric("Your adjusted Rand index", f"{score.adjusted_rand:.2f}", help=RAND_MEANS)
    with em_col:
        if em is None:
            st.caption("EM cannot fit these points (too few of them for the number of Gaussians).")
        else:
            st.metric(f"EM's accuracy ({k_true} Gaussian{'s' if k_true != 1 else ''})", f"{em.accuracy:.0%}",
                      help=ACCURACY_MEANS)
            st.metric("EM's adjusted Rand index", f"{em.adjusted_rand:.2f}", help=RAND_MEANS)
    with best_col:
        if best is not None:
            st.metric("Best possible accuracy" if not names else "Bayes' rule, a Gaussian per group",
                      f"{best.accuracy:.0%}", help=BEST_MEANS if not names else BEST_REAL_MEANS)
            st.caption(f"{best.n_correct:,} of {len(points):,} points: "
                       + ("Bayes' rule with the true Gaussians known." if not names else
                          "Bayes' rule with a Gaussian fitted to each true group."))
    st.caption(f"**Accuracy:** {ACCURACY_MEANS} **Adjusted Rand index:** {RAND_MEANS}")
    best_right = best.n_correct if best is not None and not names else None
    show_verdict(verdicts.guess_verdict(verdicts.GuessFacts(
        n=len(points), grouped=int((labels >= 0).sum()), right=score.n_correct,
        adjusted_rand=score.adjusted_rand, best_right=best_right)))
    overlap = verdicts.overlap_sentence(len(points), best_right)
    if overlap:
        st.caption(overlap)
    better = None
    if em is not None:
        found = other_starts(points, truth, k_true, em_seed, lls[-1]) if score.n_correct > em.n_correct else None
        facts = verdicts.EmFacts(n=len(points), you_right=score.n_correct, em_right=em.n_correct,
                                 best_right=best_right, em_converged=bool(fit.converged), start="k-means++",
                                 others=None if found is None else found[0])
        show_verdict(verdicts.compare_with_em(facts))
        better = found[1] if found is not None and verdicts.better_start_helps(facts) else None
    k_bic = None
    if len(points) <= BIC_AUTO_POINTS and len(points) >= 2:
        curve = cached_bic(points, em_seed)
        k_bic = int(min(curve, key=curve.get)) if curve else None
    st.markdown(verdicts.k_sentence(k_guess, k_true, k_bic, "group" if names else "Gaussian"))
    return score, em, better
