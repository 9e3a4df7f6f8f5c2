"""The Gaussian-mixture page in a real browser: it draws, and the colour toggle works."""

import pytest

from harness.browser import interact, plotted_traces, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_landing_page_renders_and_links(page, app_url, dialogs):
    page.goto(app_url)
    wait_for_app(page)
    assert page.get_by_text("mixgen: how data is generated").is_visible()
    screenshot(page, "home")
    page.get_by_role("link", name="Explore freely").first.click()
    page.wait_for_url("**/gaussians")
    wait_for_app(page)
    assert page.get_by_role("heading", name="A mixture of Gaussians").is_visible()
    assert not dialogs


def test_gaussian_page_colour_toggle(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians")
    wait_for_app(page)
    traces = [t for t in plotted_traces(page) if t["mode"] == "markers"]
    assert [(t["name"], len(t["x"])) for t in traces] == [("Gaussian 1", 20), ("Gaussian 2", 20), ("Gaussian 3", 20)]
    assert len({t["color"] for t in traces}) == 3
    screenshot(page, "gaussians_coloured")

    interact(page, lambda: page.get_by_text("Colour by source").click())
    (single,) = plotted_traces(page)
    assert len(single["x"]) == 60
    assert sorted(single["x"]) == sorted(x for t in traces for x in t["x"])  # the same points, one colour
    assert page.get_by_text("Could you still guess which points came from the same Gaussian?").is_visible()
    screenshot(page, "gaussians_one_colour")
    assert not dialogs
