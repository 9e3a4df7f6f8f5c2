"""AppTest: the router, the landing page and every control of the Gaussian-mixture page."""

import numpy as np
import pytest

from tests.app.helpers import by_key, decoded, open_page, plotly_specs
from mixgen_core import GAUSSIAN_PRESETS


def marker_traces(spec):
    return [t for t in spec["data"] if t.get("mode") == "markers"]


def test_landing_page_links_to_the_pages():
    at = open_page()
    assert "mixgen" in at.title[0].value
    assert any(link.proto.page.endswith("gaussians") or "gaussians" in link.proto.page for link in at.get("page_link"))


def test_default_page_is_the_worksheet():
    at = open_page("gaussians")
    assert not at.error
    traces = marker_traces(plotly_specs(at)[0])
    assert [t["name"] for t in traces] == ["Gaussian 1", "Gaussian 2", "Gaussian 3"]
    assert [len(decoded(t["x"])) for t in traces] == [20, 20, 20]
    assert at.metric[0].value == "60"
    # Equal axis scales.
    assert plotly_specs(at)[0]["layout"]["yaxis"]["scaleanchor"] == "x"


def test_colour_toggle_hides_the_sources_and_asks_the_question():
    at = open_page("gaussians")
    by_key(at.toggle, "g_colour").set_value(False).run()
    traces = marker_traces(plotly_specs(at)[0])
    assert len(traces) == 1 and len(decoded(traces[0]["x"])) == 60
    assert plotly_specs(at)[0]["layout"]["showlegend"] is False
    assert any("Could you still guess" in i.value for i in at.info)
    assert by_key(at.checkbox, "g_ellipses").disabled


def test_the_link_to_copy_follows_every_change_even_before_the_url_does():
    at = open_page("gaussians")
    by_key(at.toggle, "g_colour").set_value(False).run()
    at.button[0].click().run()  # New sample: seed 1
    at.query_params.clear()  # as if the browser sent its URL before the widgets wrote into it
    by_key(at.number_input, "g_0_mx").set_value(2.5).run()
    (link,) = [c.value for c in at.code if "/gaussians" in c.value]
    assert {"g_colour=false", "g_seed=1.0", "g_0_mx=2.5"} <= set(link.split("?")[1].split("&"))


def test_ellipses_add_two_curves_per_gaussian():
    at = open_page("gaussians")
    by_key(at.checkbox, "g_ellipses").check().run()
    lines = [t for t in plotly_specs(at)[0]["data"] if t.get("mode") == "lines"]
    assert len(lines) == 6


def test_new_sample_changes_points_and_seed():
    at = open_page("gaussians")
    before = decoded(marker_traces(plotly_specs(at)[0])[0]["x"])
    at.button[0].click().run()
    assert at.session_state["g_seed"] == 1
    after = decoded(marker_traces(plotly_specs(at)[0])[0]["x"])
    assert not np.array_equal(before, after)
    by_key(at.number_input, "g_seed").set_value(0).run()
    np.testing.assert_array_equal(decoded(marker_traces(plotly_specs(at)[0])[0]["x"]), before)


@pytest.mark.parametrize("preset", list(GAUSSIAN_PRESETS))
def test_every_preset_draws(preset):
    at = open_page("gaussians")
    by_key(at.selectbox, "g_preset").select(preset).run()
    assert not at.exception and not at.error
    traces = marker_traces(plotly_specs(at)[0])
    assert [len(decoded(t["x"])) for t in traces] == [n for _, _, n in GAUSSIAN_PRESETS[preset]]


def test_number_of_gaussians_and_component_controls():
    at = open_page("gaussians")
    by_key(at.slider, "g_k").set_value(5).run()
    assert len(marker_traces(plotly_specs(at)[0])) == 5
    by_key(at.number_input, "g_0_n").set_value(100).run()
    by_key(at.number_input, "g_0_mx").set_value(-10.0).run()
    by_key(at.number_input, "g_0_vx").set_value(0.0).run()
    by_key(at.number_input, "g_0_vy").set_value(2.0).run()
    by_key(at.slider, "g_0_rho").set_value(-1.0).run()
    assert not at.exception and not at.error
    first = marker_traces(plotly_specs(at)[0])[0]
    np.testing.assert_allclose(decoded(first["x"]), -10.0)  # no spread along x
    assert len(decoded(first["x"])) == 100
    by_key(at.slider, "g_k").set_value(1).run()
    assert len(marker_traces(plotly_specs(at)[0])) == 1


def test_all_points_zero_still_draws_a_plot():
    at = open_page("gaussians")
    for i in range(3):
        by_key(at.number_input, f"g_{i}_n").set_value(0).run()
    assert not at.exception
    assert at.metric[0].value == "0"


def test_each_page_keeps_its_state_across_page_switches():
    at = open_page("gaussians")
    by_key(at.slider, "g_k").set_value(4).run()
    by_key(at.toggle, "g_colour").set_value(False).run()
    at.switch_page("pages/topics.py").run()
    by_key(at.number_input, "t_nwords").set_value(7).run()
    at.switch_page("pages/gaussians.py").run()
    assert by_key(at.slider, "g_k").value == 4 and by_key(at.toggle, "g_colour").value is False
    at.switch_page("pages/topics.py").run()
    assert by_key(at.number_input, "t_nwords").value == 7
    assert not at.exception
