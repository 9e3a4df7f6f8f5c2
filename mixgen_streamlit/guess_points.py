"""Guess, then check, on the points (the Gaussian page and its guide): the callbacks that change the guess
and the sections that show it. The pure helpers are in :mod:`mixgen_ui.guess_points`."""

from __future__ import annotations

from functools import partial
from typing import Any, Sequence

import numpy as np
import streamlit as st

from mixgen_core import GaussianComponent, GaussianSample, PartitionScore, best_possible_points, score_partition
from mixgen_ui.fit_figures import with_axes
from mixgen_ui.gaussian_figures import component_names, groups_scatter
from mixgen_ui.gaussian_settings import BIC_AUTO_POINTS
from mixgen_ui.guess_figures import checked_figure, group_name, guess_figure
from mixgen_ui.guess_points import (
    ACCURACY_MEANS,
    BEST_MEANS,
    BEST_REAL_MEANS,
    MAX_GUESS_GROUPS,
    RAND_MEANS,
    assign,
    clear_group,
    groups_legend_html,
    key,
    labels_from_centres,
    selected_indices,
    typed_centres,
    unassigned_sentence,
)
from mixgen_ui.real_points import groups_drawn
from mixgen_ui.text import md_escape

from .cached import cached_bic, cached_fit


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


def results(prefix: str, sample: GaussianSample, components: Sequence[GaussianComponent], labels: np.ndarray,
            k_guess: int, em_seed: int, *, names: Sequence[str] = (),
            axes: Axes = PLAIN_AXES) -> tuple[PartitionScore, PartitionScore | None, tuple[str, int] | None]:
    """The truth beside the guess (wrong points ringed), the student's score, EM's and the best the points
    allow, who won and why (sentences chosen by :mod:`mixgen_ui.verdicts`), and the number of Gaussians
    against the truth and BIC. Returns both scores and, when another start of EM would climb higher and
    put more points right, that start (initial guess, seed). Real data (``names`` of its true groups,
    e.g. penguin species) are drawn with their group names and ``axes``."""
    from mixgen_ui import verdicts

    from .verdict_view import other_starts, show_verdict

    points, truth = sample.points, sample.labels
    score = score_partition(truth, labels)
    k_true = groups_drawn(truth)
    source = "true group" if names else "Gaussian"
    st.markdown("**The answer**")
    left, right = st.columns(2)
    with left:
        st.caption(f"The truth: each point in the colour and shape of the {source} it came from.")
        truth_fig = groups_scatter(points, truth, names or component_names(len(components)), components,
                                   coloured=True)
        st.plotly_chart(with_axes(truth_fig, *axes), width="stretch", key=key(prefix, "truth_plot"))
    with right:
        st.caption(f"Your guess: each of your groups in the colour of the {source} it is matched to. "
                   "Ringed: points in the wrong group, or in none.")
        st.plotly_chart(with_axes(checked_figure(points, labels, score), *axes), width="stretch",
                        key=key(prefix, "checked_plot"))
    em_fault = None
    try:
        fit, lls = cached_fit(points, k_true, em_seed)
    except ValueError as err:  # its sentence says why (all points at one place, too few points...)
        fit = lls = None
        em_fault = str(err)
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
            st.caption(md_escape(f"EM cannot fit these points: {em_fault}"))
        else:
            st.metric(f"EM's accuracy ({k_true} Gaussian{'s' if k_true != 1 else ''})", f"{em.accuracy:.0%}",
                      help=f"EM run to the end from a k-means++ start (seed {em_seed}), with as many Gaussians as "
                           "drew the points; the fit further down shows whatever start and number you choose. "
                           + ACCURACY_MEANS)
            st.metric("EM's adjusted Rand index", f"{em.adjusted_rand:.2f}", help=RAND_MEANS)
    with best_col:
        if best is not None:
            st.metric("Bayes' rule, true Gaussians known" if not names else "Bayes' rule, a Gaussian per group",
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
                                 others=None if found is None else found[0], truth="group" if names else "Gaussian")
        show_verdict(verdicts.compare_with_em(facts))
        better = found[1] if found is not None and verdicts.better_start_helps(facts) else None
    k_bic = None
    if len(points) <= BIC_AUTO_POINTS and len(points) >= 2:
        try:
            curve = cached_bic(points, em_seed)
        except ValueError as err:  # the same reason EM gave is not said twice
            curve = None
            if str(err) != em_fault:
                st.caption(md_escape(f"BIC cannot compare numbers of Gaussians here: {err}"))
        k_bic = int(min(curve, key=curve.get)) if curve else None
    st.markdown(verdicts.k_sentence(k_guess, k_true, k_bic, "group" if names else "Gaussian"))
    return score, em, better
