"""AppTest: one point's E-step on the Gaussian page, chosen by number (the keyboard path)."""

import numpy as np

from mixgen_core import GaussianComponent, point_posterior, sample_gaussian_mixture, true_params
from mixgen_ui.gaussian_settings import GAUSSIANS
from mixgen_ui.point_numbers import share_text
from tests.app.helpers import decoded, open_page, plotly_specs

SHARE = "share (responsibility)"


def fit_page(**state):
    at = open_page("gaussians")
    for key, value in state.items():
        at.session_state[key] = value
    at.toggle(key="g_fit").set_value(True).run()
    assert not at.exception, at.exception
    return at


def share_tables(at):
    return [t.value for t in at.table if SHARE in t.value.columns]


def percent(text: str) -> float:
    return {"under 0.1%": 0.0, "over 99.9%": 100.0}.get(text) if text in ("under 0.1%", "over 99.9%") else float(
        text.rstrip("%"))


def test_no_point_chosen_shows_how_to_choose():
    at = fit_page()
    assert not share_tables(at)
    assert not [t for f in plotly_specs(at) for t in f["data"] if t.get("name", "").startswith("point ")]
    assert at.number_input(key="g_point").value is None
    assert any("Choose a point" in c.value for c in at.caption)


def test_typed_point_shows_em_and_truth_side_by_side():
    at = fit_page()
    at.number_input(key="g_point").set_value(7).run()
    assert not at.exception, at.exception
    em, truth = share_tables(at)
    assert list(em["Gaussian"])[:-1] == ["fit 1", "fit 2", "fit 3"]
    assert list(truth["Gaussian"])[:-1] == ["Gaussian 1", "Gaussian 2", "Gaussian 3"]
    for table in (em, truth):
        shares = [percent(s) for s in list(table[SHARE])[:-1]]
        assert abs(sum(shares) - 100) < 0.3  # each rounded to 0.1%
        assert all("spread" in d or d == "at its centre" for d in list(table["distance from its centre"])[:-1])
    # the truth's numbers are the worksheet's Gaussians' at point 7 of the page's sample (seed 0 by default)
    comps = [GaussianComponent((1, 1), ((0.1, 0), (0, 0.1)), 20), GaussianComponent((5, 2), ((0.5, 0), (0, 0.4)), 20),
             GaussianComponent((1, 4), ((1, 0), (0, 0.1)), 20)]
    seed = GAUSSIANS["g_seed"].default
    points = sample_gaussian_mixture(comps, np.random.default_rng(seed)).points
    params, _ = true_params(comps)
    post = point_posterior(points[6], params.weights, params.means, params.covariances)
    assert list(truth[SHARE])[:-1] == [share_text(r) for r in post.responsibility]
    assert any("takes" in c.value and "of this point" in c.value for c in at.caption)
    # the typed point is ringed on the fit chart, and the page says which point the numbers are for
    rings = [t for f in plotly_specs(at) for t in f["data"] if t.get("name", "").startswith("point 7 ")]
    assert len(rings) == 1
    assert [decoded(rings[0]["x"])[0], decoded(rings[0]["y"])[0]] == points[6].tolist()
    assert any(m.value.startswith("Point 7 at (") and "ringed on the chart" in m.value for m in at.markdown)


def test_point_follows_em_iterations_and_kmeans_distances():
    at = fit_page(g_kmeans=True)
    at.number_input(key="g_point").set_value(1).run()
    first = share_tables(at)[0]
    at.session_state["g_fit_iter"] = 0
    next(b for b in at.button if b.label == "Run to convergence").click().run()
    assert not at.exception, at.exception
    assert any(m.value.startswith("k-means") or "k-means, iteration" in m.value for m in at.markdown)
    km = next(t.value for t in at.table if "gets the point" in t.value.columns)
    assert list(km["gets the point"]).count("yes, all of it") == 1
    last = share_tables(at)[0]
    assert list(first.columns) == list(last.columns)


def test_a_smaller_sample_clears_a_number_beyond_it():
    at = fit_page()
    at.number_input(key="g_point").set_value(60).run()
    at.session_state["g_n_0"] = 5
    at.run()
    assert not at.exception, at.exception


def real_page(source):
    at = open_page("gaussians")
    at.selectbox(key="g_data").set_value(source).run()
    at.toggle(key="g_fit").set_value(True).run()
    at.number_input(key="g_point").set_value(3).run()
    assert not at.exception, at.exception
    return at


def test_without_a_truth_only_ems_numbers_are_shown():
    (em,) = share_tables(real_page("Old Faithful"))
    assert list(em["Gaussian"]) == ["fit 1", "fit 2", "total"]


def test_real_groups_are_named_as_the_data_name_them():
    em, truth = share_tables(real_page("Palmer penguins"))
    assert list(truth["Gaussian"])[:-1] == ["Adelie", "Gentoo", "Chinstrap"]

