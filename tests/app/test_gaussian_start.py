"""AppTest: EM from the student's own start, the starts table, and k-means beside EM."""

import numpy as np
import pytest

from tests.app.helpers import button, by_key, link_notice, metric, open_link, open_page, plotly_specs


def fit_page(**state):
    at = open_page("gaussians", g_fit=True, **state)
    assert not at.exception, at.exception
    return at


def test_default_start_is_unchanged_and_new_controls_are_off():
    at = fit_page()
    assert at.radio(key="g_fit_init").value == "k-means++"
    assert at.toggle(key="g_kmeans").value is False
    assert not any(m.label.startswith("k-means") for m in at.metric)
    assert not any(n.key.startswith("g_start_") for n in at.number_input)
    before = metric(at, "Iteration")
    at.radio(key="g_fit_init").set_value("random points").run()
    at.radio(key="g_fit_init").set_value("k-means++").run()
    assert metric(at, "Iteration") == before


def test_own_means_start_a_visible_climb():
    at = fit_page()
    at.radio(key="g_fit_init").set_value("my own means").run()
    assert not at.exception
    boxes = [n for n in at.number_input if n.key.startswith("g_start_")]
    assert len(boxes) == 6  # x and y for each of the 3 Gaussians to fit
    # a poor start: all three means far down in the bottom-left corner
    for i, (x, y) in enumerate([(-3.0, -3.0), (-2.0, -3.0), (-1.0, -3.0)]):
        by_key(at.number_input, f"g_start_x{i}").set_value(x)
        by_key(at.number_input, f"g_start_y{i}").set_value(y)
    button(at, "Start EM from these means").click().run()
    assert not at.exception, at.exception
    n_iter = int(metric(at, "Iteration").split(" of ")[1])
    assert n_iter >= 5
    start_ll = float(metric(at, "Mean log-likelihood"))
    button(at, "Run to convergence").click().run()
    assert float(metric(at, "Mean log-likelihood")) > start_ll + 0.5
    assert button(at, "New initial guess").disabled


def test_own_means_at_the_same_place_get_a_clear_message():
    at = fit_page(g_fit_init="my own means")
    for i in range(2):
        by_key(at.number_input, f"g_start_x{i}").set_value(1.0)
        by_key(at.number_input, f"g_start_y{i}").set_value(1.0)
    button(at, "Start EM from these means").click().run()
    assert not at.exception
    assert at.error and "start at the same place" in at.error[0].value
    assert not any(m.label == "Iteration" for m in at.metric)


def test_a_start_a_million_away_is_fitted_without_a_fault():
    # EM's start from there spreads about a million: too wide to draw, not a reason to fail.
    at = fit_page(g_fit_k=1, g_start_y0=1e6)
    at.radio(key="g_fit_init").set_value("my own means").run()
    assert not at.exception and not at.error, (at.exception, at.error)
    assert metric(at, "Iteration").startswith("0 of")  # the start, an ellipse a million wide
    (scatter,) = [f for f in plotly_specs(at) if any(t.get("name") == "fitted means" for t in f["data"])]
    assert any(t.get("name") == "fit 1" and len(t.get("x", [])) == 0 for t in scatter["data"])


def test_starts_table_marks_the_highest():
    at = fit_page(g_fit_init="my own means", g_fit_tab="Different starts")
    table = next(d.value for d in at.dataframe if "start" in d.value.columns)
    assert list(table["start"])[0].startswith("k-means++")
    assert sum(s.startswith("random points") for s in table["start"]) == 4
    assert any(s.startswith("your own means") for s in table["start"])
    assert "★ highest" in list(table["highest"])
    best = table["final mean log-likelihood"].max()
    assert all((h == "★ highest") == (v >= best - 1e-4) for h, v in zip(table["highest"],
                                                                      table["final mean log-likelihood"]))
    assert any("nearest hill" in c.value for c in at.caption)


def test_kmeans_beside_em_with_hard_colours_and_agreement():
    at = fit_page()
    at.selectbox(key="g_preset").select("Elongated and correlated").run()
    at.toggle(key="g_kmeans").set_value(True).run()
    assert not at.exception, at.exception
    button(at, "Run to convergence").click().run()
    em = int(metric(at, "Points agreeing with the truth").rstrip("%"))
    km = int(metric(at, "k-means: points agreeing with the truth").rstrip("%"))
    assert em > km  # elongated clouds: k-means cuts across them
    assert any("k-means gives every point" in c.value for c in at.caption)
    verdict = next(i.value for i in at.info if i.value.startswith("Here EM gets"))
    assert "not all round" in verdict  # both stopped: who wins, and the shape that explains it
    km_spec = next(s for s in plotly_specs(at) if any(t.get("name") == "centres" for t in s["data"]))
    clusters = [t for t in km_spec["data"] if str(t.get("name", "")).startswith("cluster ")]
    assert clusters and all(isinstance(t["marker"]["color"], str) for t in clusters)  # one colour per cluster
    legend = {t.get("name") for t in km_spec["data"] if t.get("showlegend") is not False}
    assert "true Gaussians (2 sd)" in legend and "true groups (2 sd)" not in legend  # what is drawn
    # the same slider steps both
    by_key(at.slider, "g_fit_iter").set_value(0).run()
    assert metric(at, "k-means iteration").startswith("0 of ")


@pytest.mark.parametrize("params, fragment", [
    ({"g_fit": "true", "g_fit_init": "<b>mine</b>"}, "g_fit_init"),
    ({"g_fit": "true", "g_fit_init": "my own means", "g_start_x0": "1e309"}, "g_start_x0"),
    ({"g_fit": "true", "g_fit_init": "my own means", "g_start_y1": "nan"}, "g_start_y1"),
    ({"g_fit": "true", "g_fit_init": "my own means", "g_start_x2": "9e9"}, "g_start_x2"),
    ({"g_fit": "true", "g_kmeans": "maybe"}, "g_kmeans"),
    ({"g_fit": "true", "g_fit_tab": "Every start"}, "g_fit_tab"),
])
def test_hostile_start_links_give_a_notice(params, fragment):
    at = open_link(**params)
    assert fragment in link_notice(at)
    assert plotly_specs(at)


def test_a_link_reproduces_own_means():
    at = open_link(g_fit="true", g_fit_init="my own means", g_start_x0="-2", g_start_y0="-2",
                   g_start_x1="0", g_start_y1="-2", g_start_x2="2", g_start_y2="-2")
    assert not at.warning
    assert by_key(at.number_input, "g_start_x0").value == -2.0
    assert np.isfinite(float(metric(at, "Mean log-likelihood")))


def test_a_kmeans_point_move_is_explained_where_it_happens():
    # "Overlapping", seed 3: from EM's start, Lloyd stops after 7 steps; step 8 moves points, step 9 is Lloyd again
    at = fit_page()
    at.selectbox(key="g_preset").select("Overlapping").run()
    by_key(at.number_input, "g_seed").set_value(3).run()
    at.toggle(key="g_kmeans").set_value(True).run()
    moved = lambda: [c.value for c in at.caption if "Lloyd had stopped" in c.value]  # noqa: E731
    by_key(at.slider, "g_fit_iter").set_value(8).run()
    assert not at.exception, at.exception
    assert metric(at, "k-means iteration") == "8 of 9" and len(moved()) == 1 and moved()[0].startswith("Step 8:")
    by_key(at.slider, "g_fit_iter").set_value(7).run()
    assert metric(at, "k-means iteration") == "7 of 9" and not moved()


def test_the_iteration_shown_is_kept_within_a_shorter_fit():
    # The slider at the end of a long fit, then two changes of the points: the slider's kept value
    # must not outrun the new fit's iterations.
    at = fit_page(g_fit_k=8)
    slider = by_key(at.slider, "g_fit_iter")
    slider.set_value(slider.max).run()
    by_key(at.slider, "g_k").set_value(2).run()
    by_key(at.slider, "g_0_rho").set_value(0.5).run()
    assert not at.exception and not at.error, at.error
    slider = by_key(at.slider, "g_fit_iter")
    assert 0 <= slider.value <= slider.max
