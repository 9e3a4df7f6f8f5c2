"""AppTest: "Guess, then check" on the Gaussian page and in its guide, and the teacher's challenge link.

AppTest cannot drag a lasso: selections are covered by the helper that applies them
(tests/ui/test_guess_points.py) and by the browser test; here the keyboard way (typed
centres) builds the guess.
"""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mixgen_core import preset_components, sample_gaussian_mixture, score_partition
from mixgen_ui.gaussian_settings import DEFAULT_PRESET
from mixgen_ui.guess_points import CHECKED_PROMPT, fingerprint
from tests.app.helpers import by_key, decoded, link_notice, metric, open_link, open_page, plotly_specs

TRUE_MEANS = [(1.0, 1.0), (5.0, 2.0), (1.0, 4.0)]
ASSIGN = "FormSubmitter:g_guess_centres-Assign points to the typed centres"


def truth(seed: int = 0) -> np.ndarray:
    return sample_gaussian_mixture(preset_components(DEFAULT_PRESET), np.random.default_rng(seed)).labels


def type_centres(at: AppTest, centres, prefix: str = "g") -> AppTest:
    for g, (x, y) in enumerate(centres):
        at.number_input(key=f"{prefix}_guess_cx_{g}").set_value(x)
        at.number_input(key=f"{prefix}_guess_cy_{g}").set_value(y)
    at.button(key=ASSIGN.replace("g_guess", f"{prefix}_guess")).click().run()
    assert not at.exception, at.exception
    return at


def guessing_page() -> AppTest:
    at = open_page("gaussians")
    by_key(at.toggle, "g_colour").set_value(False).run()
    by_key(at.toggle, "g_guess").set_value(True).run()
    assert not at.exception
    return at


def test_guessing_is_off_by_default_and_needs_the_colours_off():
    at = open_page("gaussians")
    assert "g_guess" not in [t.key for t in at.toggle]  # only offered once the colours are off
    assert "g_guess_labels" not in at.session_state
    by_key(at.toggle, "g_colour").set_value(False).run()
    assert by_key(at.toggle, "g_guess").value is False
    assert "g_guess_labels" not in at.session_state  # nothing computed while off


def test_the_whole_guess_with_typed_centres():
    at = guessing_page()
    assert any("60 of 60 points still unassigned" in m.value for m in at.markdown)
    (trace,) = plotly_specs(at)[0]["data"]  # one trace: every point unassigned
    assert sorted(decoded(trace["customdata"]).astype(int)) == list(range(60))

    type_centres(at, TRUE_MEANS)
    labels = np.asarray(at.session_state["g_guess_labels"])
    assert (labels >= 0).all() and any("All 60 points are in a group" in m.value for m in at.markdown)
    names = [t["name"] for t in plotly_specs(at)[0]["data"]]
    assert names[:3] == ["Group 1", "Group 2", "Group 3"] and "your centres" in names

    # Reassign with group 3's centre blank: only groups with a typed centre take points, so group 3
    # keeps its points; then empty group 2.
    before = labels
    at.number_input(key="g_guess_cx_2").set_value(None)
    at.button(key=ASSIGN).click().run()
    labels = np.asarray(at.session_state["g_guess_labels"])
    assert (labels[before == 2] == 2).all() and set(labels.tolist()) == {0, 1, 2}
    at.segmented_control(key="g_guess_group").set_value(1).run()
    at.button(key="g_guess_clear").click().run()
    after = np.asarray(at.session_state["g_guess_labels"])
    assert set(after.tolist()) <= {-1, 0, 2} and (after == -1).sum() == (labels == 1).sum()
    assert any(f"{(labels == 1).sum()} of 60 points still unassigned" in m.value for m in at.markdown)

    # Back to three centres, then check.
    type_centres(at, TRUE_MEANS)
    guess = np.asarray(at.session_state["g_guess_labels"])
    at.button(key="g_guess_check").click().run()
    assert not at.exception
    score = score_partition(truth(), guess)
    assert metric(at, "Your accuracy") == f"{score.accuracy:.0%}"
    assert metric(at, "Your adjusted Rand index") == f"{score.adjusted_rand:.2f}"
    assert metric(at, "EM's accuracy").endswith("%") and metric(at, "EM's adjusted Rand index")
    assert any("Share of points in the right group" in c.value for c in at.caption)
    assert any("the points came from **3**" in m.value for m in at.markdown)  # K: yours, true, BIC
    truth_spec = plotly_specs(at)[1]  # the truth beside the guess
    assert [t["name"] for t in truth_spec["data"]] == ["Gaussian 1", "Gaussian 2", "Gaussian 3"]

    at.button(key="g_guess_again").click().run()  # back to guessing, the groups kept
    at.button(key="g_guess_restart").click().run()
    assert (np.asarray(at.session_state["g_guess_labels"]) == -1).all()
    assert not any(m.label.startswith("Your accuracy") for m in at.metric)
    assert any("60 of 60 points still unassigned" in m.value for m in at.markdown)


def test_a_new_sample_resets_the_guess():
    at = guessing_page()
    type_centres(at, TRUE_MEANS)
    assert (np.asarray(at.session_state["g_guess_labels"]) >= 0).all()
    by_key(at.number_input, "g_seed").set_value(3).run()
    assert (np.asarray(at.session_state["g_guess_labels"]) == -1).all()


def test_fewer_groups_empty_the_groups_beyond():
    at = guessing_page()
    type_centres(at, TRUE_MEANS)
    by_key(at.number_input, "g_guess_k").set_value(2).run()
    labels = np.asarray(at.session_state["g_guess_labels"])
    assert set(labels.tolist()) <= {-1, 0, 1} and (labels == -1).any()
    assert at.segmented_control(key="g_guess_group").options == ["1", "2"]


def test_challenge_link_hides_the_settings_until_the_check():
    at = open_link("gaussians", g_challenge="true", g_seed="5", g_colour="true")
    assert any("settings are hidden until you check" in c.value for c in at.caption)
    keys = {w.key for w in [*at.toggle, *at.selectbox, *at.slider, *at.number_input, *at.checkbox]}
    assert not keys & {"g_k", "g_seed", "g_preset", "g_colour", "g_guess", "g_fit", "g_0_mx", "g_ellipses"}
    assert not at.get("expander") or all("Gaussian 1" != e.label for e in at.get("expander"))
    assert len(plotly_specs(at)[0]["data"]) == 1  # no colours
    # the number of Gaussians is not filled in with the answer: the student types it first
    assert at.number_input(key="g_guess_k_challenge").value is None
    assert not at.segmented_control and not any(k.key == "g_guess_cx_0" for k in at.number_input)
    at.number_input(key="g_guess_k_challenge").set_value(3).run()

    type_centres(at, TRUE_MEANS)
    guess = np.asarray(at.session_state["g_guess_labels"])
    at.button(key="g_guess_check").click().run()
    assert not at.exception
    assert metric(at, "Your accuracy") == f"{score_partition(truth(5), guess).accuracy:.0%}"
    # The settings are back, read from the link: the same points as before the check.
    assert by_key(at.number_input, "g_seed").value == 5 and by_key(at.slider, "g_k").value == 3
    assert not any("settings are hidden" in c.value for c in at.caption)
    assert any(t.key == "g_fit" for t in at.toggle)


@pytest.mark.parametrize("params, fragment", [
    ({"g_challenge": "<script>alert(1)</script>"}, "g_challenge"),
    ({"g_challenge": "yes"}, "g_challenge"),
    ({"g_guess": "true", "g_colour": "false", "g_guess_k": "1e309"}, "g_guess_k"),
    ({"g_guess": "true", "g_colour": "false", "g_guess_k": "-3"}, "g_guess_k"),
    ({"g_guess": "true", "g_colour": "false", "g_guess_k": "nan"}, "g_guess_k"),
    ({"g_guess": "true", "g_colour": "false", "g_guess_k": "**9**"}, "g_guess_k"),
])
def test_hostile_guess_links_give_a_notice(params, fragment):
    at = open_link("gaussians", **params)
    assert fragment in link_notice(at)
    assert plotly_specs(at)  # the page still draws
    assert not at.error


@pytest.mark.parametrize("raw", ["2.5", "3", "**9**"])
def test_a_challenge_sets_aside_the_links_count_without_a_notice(raw):
    """A challenge's count box starts empty whatever the link says: the link's count is not read,
    so no notice calls it unusable (the same value on a guessing link that reads it does get one)."""
    at = open_link("gaussians", g_challenge="true", g_guess_k=raw)
    assert not any("could not be used" in w.value for w in at.warning)
    assert at.number_input(key="g_guess_k_challenge").value is None
    assert plotly_specs(at) and not at.error
    if raw != "3":
        assert "g_guess_k" in link_notice(open_link("gaussians", g_guess="true", g_colour="false", g_guess_k=raw))


def test_guide_step_four_guess_then_check(tmp_path):
    at = open_link("guide_gaussians", gg_step="4")
    assert len(plotly_specs(at)[0]["data"]) == 1
    type_centres(at, TRUE_MEANS, prefix="gg")
    guess = np.asarray(at.session_state["gg_guess_labels"])
    assert (guess >= 0).all()
    at.button(key="gg_guess_check").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Yes")  # the true means as centres: every point right here
    assert len(plotly_specs(at)[0]["data"]) == 3  # the truth, coloured
    assert metric(at, "Your accuracy") == f"{score_partition(truth(), guess).accuracy:.0%}"
    assert metric(at, "EM's accuracy").endswith("%")
    # the question is answered below: the step no longer asks it
    assert not any("Could you still guess" in m.value for m in at.markdown)
    assert any("Your guess is checked" in m.value for m in at.markdown)


def test_guide_guess_again_hides_the_answer_and_empties_the_groups():
    at = open_link("guide_gaussians", gg_step="4")
    type_centres(at, TRUE_MEANS, prefix="gg")
    at.button(key="gg_guess_check").click().run()
    at.button(key="gg_again").click().run()
    assert not at.exception and not at.metric
    assert (np.asarray(at.session_state["gg_guess_labels"]) == -1).all()
    assert at.button(key="gg_guess_check")  # ready to check again


def test_gaussian_page_guess_again_after_a_check_and_no_selection_while_the_truth_shows():
    at = guessing_page()
    type_centres(at, TRUE_MEANS)
    at.button(key="g_guess_check").click().run()
    chart = at.get("plotly_chart")[0]
    assert not chart.proto.selection_mode  # the checked guess takes no lasso or box
    assert not at.segmented_control and not any(n.key == "g_guess_cx_0" for n in at.number_input)
    assert by_key(at.number_input, "g_guess_k").proto.disabled
    prompts = [i.value for i in at.info]
    assert not any("Which points came from" in p for p in prompts)  # answered: not asked again
    assert any("Your guess is checked" in p for p in prompts)
    kept = np.asarray(at.session_state["g_guess_labels"])
    at.button(key="g_guess_again").click().run()
    assert not at.exception and not any(m.label.startswith("Your accuracy") for m in at.metric)
    assert at.get("plotly_chart")[0].proto.selection_mode  # selections again
    assert any("Which points came from the same Gaussian?" in i.value for i in at.info)  # asked again
    assert (np.asarray(at.session_state["g_guess_labels"]) == kept).all()  # the groups are kept to change
    assert at.button(key="g_guess_check")


def _checked_by_state(at: AppTest, points: np.ndarray, labels: np.ndarray, prefix: str = "g") -> AppTest:
    """A guess of ``labels`` on ``points``, checked, as the page keeps it."""
    at.session_state[f"{prefix}_guess_labels"] = np.asarray(labels, dtype=np.int8)
    at.session_state[f"{prefix}_guess_print"] = fingerprint(points)
    at.session_state[f"{prefix}_guess_checked"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_new_sample_after_a_check_speaks_of_no_answer():
    """"New sample" after a check: the points changed, so nothing may say the guess is checked."""
    at = guessing_page()
    type_centres(at, TRUE_MEANS)
    at.button(key="g_guess_check").click().run()
    assert any(i.value == CHECKED_PROMPT for i in at.info)
    next(b for b in at.button if b.label == "New sample").click().run()
    assert not at.exception, at.exception
    assert not any(i.value == CHECKED_PROMPT for i in at.info)
    assert not any("as you checked them" in c.value for c in at.caption)
    assert any(b.key == "g_guess_check" for b in at.button)


def test_points_all_at_one_place_get_the_reason_and_no_fault():
    """Two Gaussians of no spread at (0, 0): EM and BIC cannot fit; the page says why, once, and goes on."""
    params = {"g_k": "2", "g_seed": "0", "g_colour": "false", "g_guess": "true", "g_guess_k": "2"}
    for i in range(2):
        params.update({f"g_{i}_{f}": "0" for f in ("mx", "my", "vx", "vy", "rho")}, **{f"g_{i}_n": "20"})
    at = open_link("gaussians", **params)
    truth = np.repeat([0, 1], 20)
    at = _checked_by_state(at, np.zeros((40, 2)), truth)
    reasons = [c.value.replace("\\", "") for c in at.caption if "cannot" in c.value]
    assert reasons == ["EM cannot fit these points: All points are at the same place, so there is no spread "
                       "for a Gaussian to fit. Use points that differ."]
    assert not any("too few" in c.value for c in at.caption)
    assert any("the points came from **2**" in m.value for m in at.markdown)


def test_real_groups_are_not_said_to_be_drawn_by_gaussians():
    """Penguins, flipper length against bill depth, the species as the guess: the student beats EM, and
    the reason names the true groups, not Gaussians that drew the points (nobody drew them)."""
    from mixgen_streamlit.datasets import penguins
    from mixgen_ui.real_points import PENGUINS, from_real

    at = open_link("gaussians", g_data=PENGUINS, g_colour="false", g_guess="true", g_guess_k="3")
    at.selectbox(key="g_py").set_value("flipper_length_mm").run()
    data = from_real(penguins("bill_length_mm", "flipper_length_mm"), PENGUINS, standardised=False)
    at = _checked_by_state(at, data.points, data.labels)
    verdict = next(s.value for s in at.success if s.value.startswith("You beat EM"))
    assert "need not follow the true groups" in verdict and "drew" not in verdict
