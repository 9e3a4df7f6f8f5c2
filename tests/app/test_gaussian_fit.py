"""AppTest: the "reason back" controls of the Gaussian-mixture page (EM, replay, BIC, comparison)."""

import numpy as np

from tests.app.helpers import button, by_key, decoded, open_page, plotly_specs


def fit_page(**widgets):
    at = open_page("gaussians")
    for key, value in widgets.items():
        at.session_state[key] = value
    at.toggle(key="g_fit").set_value(True).run()
    assert not at.exception, at.exception
    return at


def current_iteration(at):
    return next(m for m in at.metric if m.label == "Iteration").value


def test_fit_steps_replays_and_resets():
    at = fit_page()
    assert current_iteration(at).startswith("0 of ")
    n_iter = int(current_iteration(at).split(" of ")[1])
    assert n_iter >= 1
    button(at, "Step one iteration").click().run()
    assert current_iteration(at) == f"1 of {n_iter}"
    button(at, "Run to convergence").click().run()
    assert current_iteration(at) == f"{n_iter} of {n_iter}"
    assert at.success and "Converged" in at.success[0].value
    button(at, "Back to the start").click().run()
    assert current_iteration(at) == f"0 of {n_iter}"
    if n_iter >= 2:
        at.slider(key="g_fit_iter").set_value(2).run()
        assert current_iteration(at) == f"2 of {n_iter}"


def test_converged_fit_agrees_with_the_worksheet_truth():
    at = fit_page(g_fit_tab="True vs fitted")
    button(at, "Run to convergence").click().run()
    agree = next(m for m in at.metric if m.label == "Points agreeing with the truth").value
    assert agree == "100%"  # the worksheet's three clouds barely overlap
    table = at.dataframe[0].value
    assert all("↔ fit" in g for g in table["Gaussian"])
    fitted = np.array([[float(v) for v in s.strip("()").split(",")] for s in table["fitted mean"]])
    true = np.array([[1, 1], [5, 2], [1, 4]])
    # 20 points each: the mean's standard error is at most sqrt(1 / 20) ≈ 0.22 per axis; allow 4 SE.
    assert np.all(np.abs(fitted - true) < 4 * np.sqrt(1.0 / 20))


def test_log_likelihood_chart_never_decreases_and_bic_marks_a_best_k():
    at = fit_page()
    specs = plotly_specs(at)
    ll = next(s for s in specs if s["layout"]["xaxis"]["title"]["text"] == "iteration")
    y = decoded(ll["data"][0]["y"])
    assert y.size >= 2 and np.all(np.diff(y) >= -1e-9)
    assert not any(s["layout"]["xaxis"]["title"]["text"] == "number of components K" for s in specs)  # lazy tab
    at = fit_page(g_fit_tab="Choosing K (BIC)")
    specs = plotly_specs(at)
    bic = next(s for s in specs if s["layout"]["xaxis"]["title"]["text"] == "number of components K")
    best = next(t for t in bic["data"] if t["name"] == "best K")
    assert best["text"] == ["best: K = 3"]


def test_new_initial_guess_and_fewer_or_more_components():
    at = fit_page(g_fit_tab="True vs fitted")
    button(at, "New initial guess").click().run()
    assert at.session_state["g_fit_seed"] == 1
    for k in (1, 2, 5, 8):
        by_key(at.slider, "g_fit_k").set_value(k).run()
        assert not at.exception and not at.warning, (k, at.warning)
        assert len(at.dataframe[0].value["Gaussian"]) == 3


def test_too_few_points_gets_a_clear_message():
    at = fit_page()
    for i in range(3):
        by_key(at.number_input, f"g_{i}_n").set_value(1).run()
    by_key(at.slider, "g_fit_k").set_value(5).run()
    assert not at.exception
    assert at.warning and "EM can" in at.warning[0].value


def test_fit_plot_shows_fitted_means_and_disagreements():
    at = fit_page()
    # Overlapping clouds: EM cannot get every point right.
    at.selectbox(key="g_preset").select("Overlapping").run()
    button(at, "Run to convergence").click().run()
    fit_spec = next(s for s in plotly_specs(at) if any(t.get("name") == "fitted means" for t in s["data"]))
    names = [t["name"] for t in fit_spec["data"]]
    assert "fit disagrees with truth" in names
    agree = next(m for m in at.metric if m.label == "Points agreeing with the truth").value
    assert int(agree.rstrip("%")) < 100


def em_play_figure(at):
    return next(f for f in plotly_specs(at) if f["layout"].get("updatemenus"))


def test_play_em_builds_every_iteration_only_when_opened():
    at = fit_page(g_fit_init="random points")
    assert not any(f["layout"].get("updatemenus") for f in plotly_specs(at))  # closed: nothing built
    at = fit_page(g_em_play=True)
    n_iter = int(current_iteration(at).split(" of ")[1])
    fig = em_play_figure(at)
    frames = fig["frames"]
    assert [f["name"] for f in frames] == [str(i) for i in range(n_iter + 1)]  # every iteration, from the guess
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]] == ["▶ Play", "❚❚ Pause"]
    # Each frame re-colours the points and moves the ellipses; the log-likelihood line grows by one point.
    points = [f["data"][0]["marker"]["color"] for f in frames]
    assert len(points[0]) == 60 and points[0] != points[-1]
    lines = [f["data"][-2] for f in frames]
    assert [len(line["x"]) for line in lines] == list(range(1, n_iter + 1 + 1))
    ll = decoded(lines[-1]["y"])
    assert np.all(np.diff(ll) >= -1e-9)  # EM never lowers the likelihood
    # The slider that steps one rerun at a time is still there, beside it.
    at.slider(key="g_fit_iter").set_value(1).run()
    assert current_iteration(at) == f"1 of {n_iter}" and em_play_figure(at)["frames"] == frames


def _help(at, label: str) -> str:
    return next(m.proto.help for m in at.metric if m.label == label)


def test_agreement_help_says_how_fitted_gaussians_are_paired():
    """With 4 fitted Gaussians and 3 true: the pairing is one to one, and the spare fit is wrong on its points
    (not "matched to the true one it is closest to")."""
    at = fit_page(g_fit_k=4)
    text = _help(at, "Points agreeing with the truth")
    assert "paired one to one" in text and "closest in total" in text
    assert "left without one (more fitted than true) agrees on none of its points" in text
    assert "the true one it is closest to" not in text


def test_bic_chart_counts_only_gaussians_that_drew_points():
    """The worksheet with Gaussian 3 drawing no point: the points came from 2 Gaussians, as the guess's
    check says; the chart said "true K = 3"."""
    at = fit_page(g_2_n=0, g_fit_tab="Choosing K (BIC)")
    bic = next(s for s in plotly_specs(at) if s["layout"]["xaxis"]["title"]["text"] == "number of components K")
    assert [a["text"] for a in bic["layout"]["annotations"]] == ["true K = 2"]
    assert by_key(at.slider, "g_fit_k").value == 2  # EM looks for as many as drew points
