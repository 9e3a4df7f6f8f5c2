"""Phone width (390 x 844, an iPhone 12-14): nothing on any page overflows sideways."""

import pytest

from harness.browser import interact, screenshot, wait_for_app
from tests.browser.screens import assert_fits

pytestmark = pytest.mark.browser

PAGES = {"home": "", "gaussians": "/gaussians", "topics": "/topics", "guide_gaussians": "/guide_gaussians"}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_a_phone(phone, app_url, name):
    phone.goto(app_url + PAGES[name])
    wait_for_app(phone)
    phone.wait_for_timeout(300)
    assert phone.get_by_role("heading", level=1).first.is_visible()
    assert_fits(phone, name)
    screenshot(phone, f"phone_{name}")


TOPIC_TABS = ("1 · Roll a die", "2 · One topic per document", "3 · Mixed documents", "4 · Word counts",
              "5 · Reason back: known topics", "6 · Learn the topics")


def test_every_topic_tab_fits_a_phone(phone, app_url):
    phone.goto(app_url + "/topics")
    wait_for_app(phone)
    for i, name in enumerate(TOPIC_TABS):
        tab = phone.get_by_role("tab", name=name)
        tab.scroll_into_view_if_needed()
        interact(phone, lambda: tab.click(), rerun=i > 0)  # the first is open
        assert phone.get_by_role("tabpanel", name=name).inner_text().strip(), name
        assert_fits(phone, f"topics, {name}")
        screenshot(phone, f"phone_topics_tab{i + 1}")


def test_gaussian_fit_fits_a_phone(phone, app_url):
    phone.goto(app_url + "/gaussians")
    wait_for_app(phone)
    fit = phone.get_by_text("Fit a mixture with EM", exact=True)
    fit.scroll_into_view_if_needed()
    interact(phone, lambda: fit.click())
    phone.get_by_test_id("stPlotlyChart").nth(1).wait_for()
    wait_for_app(phone)
    assert_fits(phone, "gaussians with the EM fit")
    screenshot(phone, "phone_gaussians_fit")


# Boxes of each chart's legend and of its toolbar (plotly draws the toolbar over the plot).
_LEGEND_AND_TOOLBAR = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => {
    const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    return {legend: box(p.querySelector('.legend')), toolbar: box(p.querySelector('.modebar'))};
})"""


def test_no_legend_hides_under_the_chart_toolbar_on_a_phone(phone, app_url):
    phone.goto(app_url + "/gaussians?g_colour=false&g_guess=true&g_fit=true")
    wait_for_app(phone)
    phone.get_by_test_id("stPlotlyChart").nth(2).wait_for()  # the guess, the fit and its log-likelihood
    wait_for_app(phone)
    boxes = [b for b in phone.evaluate(_LEGEND_AND_TOOLBAR) if b["legend"] and b["toolbar"]]
    assert len(boxes) >= 2, boxes
    for b in boxes:
        legend, bar = b["legend"], b["toolbar"]
        overlap = min(legend["right"], bar["right"]) > max(legend["left"], bar["left"]) and \
            min(legend["bottom"], bar["bottom"]) > max(legend["top"], bar["top"])
        assert not overlap, b
    screenshot(phone, "phone_gaussians_legends")
