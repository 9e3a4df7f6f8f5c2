"""In a real browser, at desktop width and on a phone (390 px): EM from the student's own start,
k-means beside EM, the penguins with EM, Old Faithful and an uploaded CSV file. Each view is
screenshotted, checked with axe-core (no serious or critical violation) and, on the phone,
checked for nothing sticking out sideways."""

import pytest
from playwright.sync_api import expect

from harness.browser import ROOT, interact, plotted_traces, screenshot, wait_for_app
from tests.browser.test_accessibility import _axe_source, serious_violations
from tests.browser.screens import assert_fits

pytestmark = pytest.mark.browser

OWN_START = ("g_fit=true&g_fit_init=my+own+means&g_start_x0=-2&g_start_y0=-1&g_start_x1=0&g_start_y1=-1"
             "&g_start_x2=2&g_start_y2=-1")
VIEWS = {
    "own_start": f"/gaussians?{OWN_START}&g_fit_iter=2",
    "kmeans": "/gaussians?g_fit=true&g_kmeans=true&g_k=2&g_0_mx=0.0&g_0_my=0.0&g_0_vx=4.0&g_0_vy=0.16&g_0_rho=0.9"
              "&g_0_n=80&g_1_mx=0.0&g_1_my=2.5&g_1_vx=4.0&g_1_vy=0.16&g_1_rho=-0.9&g_1_n=80&g_fit_iter=40",
    "penguins": "/gaussians?g_data=Palmer+penguins&g_fit=true&g_fit_iter=30",
    "faithful": "/gaussians?g_data=Old+Faithful&g_fit=true&g_fit_iter=30",
}
CSV = ROOT / "screenshots" / "_upload_points.csv"


#: This shared 2-core machine can be very busy: allow slow first renders.
SLOW = 120_000


def _traces_of_chart_with(page, trace_name: str) -> list[dict]:
    """The traces of the chart that holds a trace called ``trace_name``, once it is drawn: charts draw
    in their own time, so their order in the page is no way to find one."""
    index = page.wait_for_function(
        """(n) => { const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
                   const i = plots.findIndex(p => p._fullData && p._fullData.some(t => t.name === n));
                   return i >= 0 ? i + 1 : 0; }""", arg=trace_name, timeout=SLOW).json_value() - 1
    return plotted_traces(page, index)


def _settle(page):
    wait_for_app(page, SLOW)
    page.wait_for_timeout(400)


def _check(page, width, name):
    if width == "phone":
        assert_fits(page, name)
    screenshot(page, f"gaussians_{name}_{width}")
    found = serious_violations(page, _axe_source())
    assert not found, "\n".join(found)


@pytest.mark.parametrize("view", list(VIEWS))
def test_view(sized_page, app_url, view):
    page, width = sized_page
    page.goto(app_url + VIEWS[view])
    _settle(page)
    charts = page.get_by_test_id("stPlotlyChart")
    charts.nth(1).wait_for(timeout=SLOW)
    assert not page.get_by_test_id("stException").count()
    assert _traces_of_chart_with(page, "fitted means")
    if view == "kmeans":
        assert _traces_of_chart_with(page, "centres")
        assert page.get_by_text("k-means gives every point").is_visible()
    if view == "faithful":
        assert page.get_by_text("Nobody knows the true groups: reasoning back is all there is.").first.is_visible()
    if view == "penguins":
        assert [t["name"] for t in _traces_of_chart_with(page, "Adelie")] == ["Adelie", "Gentoo", "Chinstrap"]
    _check(page, width, view)


def test_upload_a_csv_pick_columns_and_fit(page, app_url):
    width = "desktop"  # the prompt at 390 px: test_upload_prompt_fits_a_phone
    CSV.parent.mkdir(exist_ok=True)
    rows = [f"{'short' if i % 2 else 'long'},{(i % 9) / 10 + (1.0 if i % 2 else 4.0)},{50 + i % 13 + (0 if i % 2 else 30)},{i}"
            for i in range(60)]
    CSV.write_text("kind,length,wait,id\n" + "\n".join(rows) + "\n")
    page.goto(app_url + "/gaussians?g_data=Your+own+points+%28CSV%29&g_fit=true")
    _settle(page)
    assert page.get_by_text("Links never carry uploaded data").is_visible()
    interact(page, lambda: page.locator("input[type=file]").set_input_files(str(CSV)), timeout=SLOW)
    _settle(page)
    page.get_by_test_id("stPlotlyChart").nth(1).wait_for(timeout=SLOW)
    names = [t["name"] for t in _traces_of_chart_with(page, "long")]
    assert names == ["long", "short"]
    # pick the columns: y becomes "id" (no groups along it), then "wait" again (two clear groups)
    sidebar = page.get_by_test_id("stSidebar")
    y_box = sidebar.get_by_test_id("stSelectbox").filter(has_text="Your points: y axis")
    for column, expected in (("id", set(range(60))), ("wait", {50 + i % 13 + (0 if i % 2 else 30) for i in range(60)})):
        if width == "phone" and sidebar.get_attribute("aria-expanded") != "true":  # a phone closes it after each choice
            page.get_by_test_id("stExpandSidebarButton").click()
            expect(y_box).to_be_in_viewport()  # after the sidebar has slid in
        y_input = y_box.locator("input")
        y_input.click()
        y_input.fill(column)  # the box filters its options as one types
        interact(page, lambda: y_input.press("Enter"), timeout=SLOW)
        _settle(page)
        assert {round(y) for t in _traces_of_chart_with(page, "long") for y in t["y"]} == expected, column
    if width == "phone" and sidebar.get_attribute("aria-expanded") == "true":
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    interact(page, lambda: page.get_by_role("button", name="Run to convergence").click(), timeout=SLOW)
    _settle(page)
    fit = _traces_of_chart_with(page, "fitted means")
    assert "fitted means" in [t["name"] for t in fit]
    assert page.get_by_test_id("stMetricValue").filter(has_text="%").first.inner_text() == "100%"
    _check(page, width, "upload")


def test_upload_prompt_fits_a_phone(sized_page, app_url):
    page, width = sized_page
    page.goto(app_url + "/gaussians?g_data=Your+own+points+%28CSV%29")
    _settle(page)
    assert page.get_by_text("Links never carry uploaded data").is_visible()
    assert page.locator("input[type=file]").count() == 1
    _check(page, width, "upload_prompt")
