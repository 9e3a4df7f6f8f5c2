"""The pure helpers of "guess the groups": applying a selection, moving and clearing groups,
typed centres, the sample fingerprint, link values, the verdicts, and the figures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from mixgen_core import score_partition
from mixgen_ui.guess_figures import UNASSIGNED_NAME, checked_figure, guess_figure
from mixgen_ui.guess_points import (
    CHECKED_PROMPT,
    guess_prompt,
    assign,
    clear_group,
    current_labels,
    fingerprint,
    forget_old_guess,
    groups_legend_html,
    key,
    labels_from_centres,
    selected_indices,
    typed_centres,
    unassigned_sentence,
)
from mixgen_ui.palette import COLOUR_NAMES, COLOURS, SYMBOL_NAMES, SYMBOLS, look

POINTS = np.array([[0.0, 0.0], [0.2, 0.1], [5.0, 5.0], [5.1, 4.9], [9.0, 0.0]])


def selection(*customdata) -> dict:
    return {"selection": {"points": [{"curve_number": 0, "point_index": i, "customdata": c}
                                     for i, c in enumerate(customdata)], "point_indices": [], "box": [], "lasso": []}}


# --------------------------------------------------------------------------- selections
def test_selected_indices_reads_customdata_and_skips_the_rest():
    sel = selection(3, 1, 1, [4], 2.0)
    assert selected_indices(sel, 5).tolist() == [1, 2, 3, 4]
    assert selected_indices(sel["selection"], 5).tolist() == [1, 2, 3, 4]  # the inner part works too


@pytest.mark.parametrize("bad", [None, 5, "x", {}, {"selection": None}, {"selection": {"points": "abc"}},
                                 selection(None, True, -1, 5, 1.5, float("nan"), float("inf"), "2", [1, 2], {})])
def test_selected_indices_ignores_malformed_or_forged_selections(bad):
    assert selected_indices(bad, 5).tolist() == []


def test_assign_moves_points_from_any_group_into_the_chosen_one():
    labels = np.array([-1, 0, 0, 1, -1], dtype=np.int8)
    moved = assign(labels, [0, 1, 3], 2)
    assert moved.tolist() == [2, 2, 0, 2, -1]
    assert labels.tolist() == [-1, 0, 0, 1, -1]  # a copy: the stored guess is replaced, never edited
    assert assign(labels, [], 2).tolist() == labels.tolist()


def test_clear_group_empties_only_that_group():
    assert clear_group(np.array([0, 1, 1, 2, -1]), 1).tolist() == [0, -1, -1, 2, -1]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, 19), max_size=20), st.integers(0, 7)), max_size=8))
def test_applying_selections_in_turn_keeps_the_last_group_of_each_point(steps):
    labels = np.full(20, -1, dtype=np.int8)
    expected = [-1] * 20
    for index, group in steps:
        labels = assign(labels, selected_indices(selection(*index), 20), group)
        for i in index:
            expected[i] = group
    assert labels.tolist() == expected and labels.dtype == np.int8


# --------------------------------------------------------------------------- state
def test_current_labels_reset_when_the_sample_changes():
    state: dict = {}
    labels = current_labels(state, "g", POINTS, 3)
    assert labels.tolist() == [-1] * 5 and labels.dtype == np.int8
    state[key("g", "labels")] = assign(labels, [0, 1], 2)
    state[key("g", "checked")] = True
    assert current_labels(state, "g", POINTS, 3).tolist() == [2, 2, -1, -1, -1]  # same sample: kept
    assert state[key("g", "checked")] is True
    moved = POINTS.copy()
    moved[4, 0] += 1e-9
    assert current_labels(state, "g", moved, 3).tolist() == [-1] * 5  # another sample: reset
    assert state[key("g", "checked")] is False
    assert current_labels(state, "g", POINTS[:3], 3).shape == (3,)


def test_an_old_check_is_forgotten_before_anyone_reads_it():
    """A new sample after a check: the page reads "checked" before it knows how many groups the student
    sees, so the reset must not wait for :func:`current_labels`."""
    state: dict = {}
    current_labels(state, "g", POINTS, 3)
    state[key("g", "checked")] = True
    forget_old_guess(state, "g", POINTS)
    assert state[key("g", "checked")] is True  # the same points: the check stands
    forget_old_guess(state, "g", POINTS + 1.0)
    assert state[key("g", "checked")] is False and state[key("g", "labels")].tolist() == [-1] * 5


def test_current_labels_empty_groups_beyond_the_number_of_gaussians():
    state: dict = {}
    current_labels(state, "g", POINTS, 3)
    state[key("g", "labels")] = np.array([0, 1, 2, 2, -1], dtype=np.int8)
    assert current_labels(state, "g", POINTS, 2).tolist() == [0, 1, -1, -1, -1]


def test_prefixes_keep_the_page_and_the_guide_apart():
    state: dict = {}
    current_labels(state, "g", POINTS, 3)
    current_labels(state, "gg", POINTS[:2], 3)
    assert state["g_guess_labels"].shape == (5,) and state["gg_guess_labels"].shape == (2,)


def test_fingerprint_is_cheap_and_tells_samples_apart():
    assert fingerprint(POINTS) == fingerprint(POINTS.copy())
    assert fingerprint(POINTS) != fingerprint(POINTS[::-1])
    assert fingerprint(POINTS) != fingerprint(POINTS[:4])
    assert len(fingerprint(np.zeros((10_000, 2)))) < 40  # not the points themselves


# --------------------------------------------------------------------------- typed centres
def test_typed_centres_need_both_numbers():
    state = {"g_guess_cx_0": 1.0, "g_guess_cy_0": 2.0, "g_guess_cx_1": 3.0, "g_guess_cy_1": None,
             "g_guess_cx_2": float("nan"), "g_guess_cy_2": 0.0, "g_guess_cx_3": 5.0, "g_guess_cy_3": 5.0}
    assert typed_centres(state, "g", 3) == {0: (1.0, 2.0)}  # group 3 is beyond k
    assert typed_centres(state, "g", 4) == {0: (1.0, 2.0), 3: (5.0, 5.0)}


def test_labels_from_centres_use_the_groups_of_the_typed_centres():
    labels = labels_from_centres(POINTS, {1: (0.0, 0.0), 4: (5.0, 5.0)})
    assert labels.tolist() == [1, 1, 4, 4, 4] and labels.dtype == np.int8
    with pytest.raises(ValueError, match="at least one centre"):
        labels_from_centres(POINTS, {})


def test_typed_centres_leave_lassoed_groups_without_a_centre_alone():
    lassoed = np.array([0, 0, 2, 2, -1], dtype=np.int8)  # groups 1 and 3 lassoed, one point in none
    labels = labels_from_centres(POINTS, {1: (9.0, 0.0)}, lassoed)  # one centre typed, for group 2
    assert labels.tolist() == [0, 0, 2, 2, 1]  # only the point in no group joins it
    # a group whose centre is typed gives up its points to the nearest typed centre
    labels = labels_from_centres(POINTS, {0: (0.0, 0.0), 1: (9.0, 0.0)}, np.array([0, 0, 0, 0, 0], dtype=np.int8))
    assert labels.tolist() == [0, 0, 1, 1, 1]
    # no earlier groups: every point joins its nearest typed centre, as before
    assert labels_from_centres(POINTS, {1: (0.0, 0.0)}, None).tolist() == [1] * 5


def test_unassigned_sentence():
    assert unassigned_sentence(np.array([-1, 0, -1])) == "2 of 3 points still unassigned."
    assert unassigned_sentence(np.array([0, 1])) == "All 2 points are in a group."




def test_legend_names_colour_and_shape_in_words():
    html = groups_legend_html(3)
    assert "Group 1: blue circles" in html and "Group 3: green diamonds" in html
    assert all(c in html for c in COLOURS[:3]) and "<script" not in html


# --------------------------------------------------------------------------- figures
def test_guess_figure_keeps_each_points_index_in_customdata():
    labels = np.array([-1, 2, 2, 0, -1], dtype=np.int8)
    fig = guess_figure(POINTS, labels, {0: (1.0, 1.0)})
    names = [t.name for t in fig.data]
    assert names == [UNASSIGNED_NAME, "Group 1", "Group 3", "your centres"]
    index = {t.name: list(t.customdata) for t in fig.data if t.customdata is not None}
    assert index == {UNASSIGNED_NAME: [0, 4], "Group 1": [3], "Group 3": [1, 2]}
    for t in fig.data[:3]:  # each point drawn where its index says
        np.testing.assert_array_equal(np.c_[t.x, t.y], POINTS[list(t.customdata)])
    assert fig.layout.dragmode == "lasso"
    assert [t.name for t in guess_figure(POINTS, np.full(5, -1)).data] == [UNASSIGNED_NAME]


def test_checked_figure_colours_groups_by_their_match_and_rings_the_wrong():
    truth = np.array([0, 0, 1, 1, 1])
    labels = np.array([2, 2, 0, 0, -1])
    score = score_partition(truth, labels)
    fig = checked_figure(POINTS, labels, score)
    by_name = {t.name: t for t in fig.data}
    assert by_name["your group 3 = Gaussian 1"].marker.color == COLOURS[0]
    assert by_name["your group 1 = Gaussian 2"].marker.color == COLOURS[1]
    ring = by_name["in the wrong group (or none)"]
    np.testing.assert_array_equal(np.c_[ring.x, ring.y], POINTS[[4]])


def test_every_colour_and_shape_has_its_words():
    assert len(COLOUR_NAMES) == len(set(COLOUR_NAMES)) == len(COLOURS)
    assert len(SYMBOL_NAMES) == len(set(SYMBOL_NAMES)) == len(SYMBOLS)
    assert look(0) == "blue circles" and look(len(COLOURS)) == look(0)


@pytest.mark.parametrize("source", ["Gaussian", "group"])
def test_the_prompt_asks_the_question_only_before_the_check(source):
    before, after = guess_prompt(False, source), guess_prompt(True, source)
    assert f"came from the same {source}?" in before and f"how many {source}s" in before
    assert after == CHECKED_PROMPT and "?" not in after and "Guess again" in after
