"""EM on the Gaussian-mixture page, in a real browser: fit, replay, compare with the truth."""

import pytest

from harness.browser import interact, plotted_traces, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_fit_a_mixture_and_step_through_it(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians?g_fit=true")
    wait_for_app(page)
    iteration = page.get_by_test_id("stMetricValue").filter(has_text=" of ")
    assert iteration.inner_text().startswith("0 of")
    interact(page, lambda: page.get_by_role("button", name="Step one iteration").click())
    assert iteration.inner_text().startswith("1 of")
    interact(page, lambda: page.get_by_role("button", name="Run to convergence").click())
    assert page.get_by_text("Converged").is_visible()
    assert "g_fit_iter=" in page.url  # the replay position is part of the shareable link
    fit = plotted_traces(page, 1)
    names = [t["name"] for t in fit]
    assert "fitted means" in names and "points (colour = fitted component)" in names
    means = next(t for t in fit if t["name"] == "fitted means")
    assert len(means["x"]) == 3
    screenshot(page, "gaussians_fitted")
    assert not dialogs


def test_overlapping_preset_marks_disagreements(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians?g_fit=true")
    wait_for_app(page)
    preset = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Load a preset")
    interact(page, lambda: preset.click(), rerun=False)  # opens the menu
    interact(page, lambda: page.get_by_role("option", name="Overlapping").click())
    interact(page, lambda: page.get_by_role("button", name="Run to convergence").click())
    names = [t["name"] for t in plotted_traces(page, 1)]
    assert "fit disagrees with truth" in names
    interact(page, lambda: page.get_by_role("tab", name="True vs fitted").click())
    screenshot(page, "gaussians_fitted_overlapping")
    assert not dialogs
