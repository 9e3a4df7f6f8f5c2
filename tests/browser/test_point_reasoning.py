"""One point reasoned back, in a real browser: a click on the fit chart, and the keyboard path at 390 px."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import expect

from mixgen_core import preset_components, sample_gaussian_mixture
from mixgen_ui.gaussian_settings import DEFAULT_PRESET
from tests.browser.screens import PHONE, assert_fits
from harness.browser import interact, screenshot, wait_for_app, watched_page

pytestmark = pytest.mark.browser

SAMPLE = sample_gaussian_mixture(preset_components(DEFAULT_PRESET), np.random.default_rng(0))
FIT_CHART = 1  # the points first, then EM's fit

# Page coordinates of data points on the index-th plotly chart.
_TO_PAGE = """([i, xy]) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[i];
    const L = gd._fullLayout, box = gd.getBoundingClientRect();
    return xy.map(([x, y]) => [box.left + L._size.l + L.xaxis.l2p(x), box.top + L._size.t + L.yaxis.l2p(y)]);
}"""


# The ring round the point whose numbers are written out: drawn, and where.
RINGED = """([i, name]) => (document.querySelectorAll('.js-plotly-plot')[i]?._fullData || [])
    .some(t => (t.name || '').startsWith(name))"""
RING_XY = """([i, name]) => {
    const t = document.querySelectorAll('.js-plotly-plot')[i]._fullData.find(t => (t.name || '').startsWith(name));
    return [t.x[0], t.y[0]];
}"""

UNSELECTED = """(i) => document.querySelectorAll('.js-plotly-plot')[i].data
    .every(t => !t.selectedpoints || t.selectedpoints.length === 0)"""


def loneliest_point() -> int:
    """The point furthest from its nearest neighbour: a click on it can hit no other."""
    d = np.hypot(*(SAMPLE.points[:, None, :] - SAMPLE.points[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    return int(np.argmax(d.min(axis=1)))


def click_point(page, i: int, attempts: int = 4) -> None:
    """Click point ``i`` on the fit chart until its number reaches the point box.

    WebGL points take clicks only once plotly has drawn them, which a loaded machine can delay
    past any fixed wait; a click that came too early selects nothing, so it is tried again. The
    box's value, not a rerun count, says whether a click landed (a slow rerun is not a miss).
    """
    box = page.get_by_role("spinbutton", name="Point number (1 to 60)")
    for attempt in range(attempts):
        # the chart centred in the viewport: a point below the fold takes no click
        page.evaluate("(i) => document.querySelectorAll('.js-plotly-plot')[i].scrollIntoView({block: 'center'})",
                      FIT_CHART)
        page.wait_for_timeout(500 * (attempt + 1))
        ((x, y),) = page.evaluate(_TO_PAGE, [FIT_CHART, [SAMPLE.points[i].tolist()]])
        viewport = page.viewport_size
        assert 0 <= x < viewport["width"] and 0 <= y < viewport["height"], "the point is off the screen"
        page.mouse.click(x, y)
        try:
            expect(box).to_have_value(str(i + 1), timeout=20_000)
        except AssertionError:
            if attempt == attempts - 1:
                raise
            continue
        wait_for_app(page)
        return


def share_tables(page):
    """The sentence under each mixture's table (one per mixture)."""
    return page.get_by_text("of this point: its weight × density")


def test_click_a_point_on_the_fit_chart(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians?g_fit=true")
    wait_for_app(page)
    i = loneliest_point()
    chart = page.locator(".js-plotly-plot").nth(FIT_CHART)
    chart.scroll_into_view_if_needed()
    page.wait_for_function("(i) => document.querySelectorAll('.js-plotly-plot')[i]?._fullData", arg=FIT_CHART)
    wait_for_app(page)
    click_point(page, i)
    box = page.get_by_role("spinbutton", name="Point number (1 to 60)")
    expect(box).to_have_value(str(i + 1))
    expect(share_tables(page)).to_have_count(2, timeout=30_000)  # EM's iteration and the truth, side by side
    expect(page.get_by_text(f"Point {i + 1} at (")).to_be_visible()
    expect(page.get_by_test_id("stTable")).to_have_count(2, timeout=30_000)
    share_tables(page).first.scroll_into_view_if_needed()
    page.wait_for_function(RINGED, arg=[FIT_CHART, f"point {i + 1} "], timeout=30_000)
    screenshot(page, "point_clicked_desktop")
    other = 1 if i != 0 else 2
    box.fill(str(other))
    interact(page, lambda: box.press("Enter"))
    expect(page.get_by_text(f"Point {other} at (")).to_be_visible(timeout=30_000)
    page.wait_for_function(RINGED, arg=[FIT_CHART, f"point {other} "], timeout=30_000)
    ring = page.evaluate(RING_XY, [FIT_CHART, f"point {other} "])
    assert ring == SAMPLE.points[other - 1].tolist()
    # the redrawn chart drops the old click's selection: the ring is the only point marked
    page.wait_for_function(UNSELECTED, arg=FIT_CHART, timeout=30_000)
    chart.scroll_into_view_if_needed()
    screenshot(page, "point_typed_ringed_desktop")
    assert not dialogs


def test_choose_a_point_by_number_with_the_keyboard_on_a_phone(browser, app_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = watched_page(context)
    try:
        phone.goto(f"{app_url}/gaussians?g_fit=true")
        wait_for_app(phone)
        box = phone.get_by_role("spinbutton", name="Point number (1 to 60)")
        box.scroll_into_view_if_needed()
        box.focus()
        phone.keyboard.type("7")
        interact(phone, lambda: phone.keyboard.press("Enter"))
        expect(box).to_have_value("7")
        expect(share_tables(phone)).to_have_count(2, timeout=30_000)
        expect(phone.get_by_text("Point 7 at (")).to_be_visible()
        phone.wait_for_function(RINGED, arg=[FIT_CHART, "point 7 "], timeout=30_000)
        expect(phone.get_by_test_id("stTable")).to_have_count(2, timeout=30_000)
        assert_fits(phone, "gaussians, one point")
        share_tables(phone).first.scroll_into_view_if_needed()
        screenshot(phone, "point_by_number_phone")
    finally:
        context.close()
