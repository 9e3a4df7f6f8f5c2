"""Guess, then check, in a real browser: a lasso drawn with the mouse, the whole guess with the
keyboard alone, a phone's width, axe-core in guessing mode, and screenshots before and after."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import expect

from harness.browser import interact, open_expander, screenshot, wait_for_app, watched_page
from mixgen_core import preset_components, sample_gaussian_mixture, score_partition
from mixgen_ui.gaussian_settings import DEFAULT_PRESET
from mixgen_ui.guess_points import labels_from_centres
from tests.browser.test_accessibility import _axe_source, serious_violations
from tests.browser.screens import SCREENS, assert_fits

pytestmark = pytest.mark.browser

GUESSING = "/gaussians?g_colour=false&g_guess=true"
TRUE_MEANS = [(1.0, 1.0), (5.0, 2.0), (1.0, 4.0)]
SAMPLE = sample_gaussian_mixture(preset_components(DEFAULT_PRESET), np.random.default_rng(0))

# Page coordinates of data points on the first plotly chart.
_TO_PAGE = """(xy) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[0];
    const L = gd._fullLayout, box = gd.getBoundingClientRect();
    return xy.map(([x, y]) => [box.left + L._size.l + L.xaxis.l2p(x), box.top + L._size.t + L.yaxis.l2p(y)]);
}"""


def metric_value(page, label: str) -> str:
    m = page.get_by_test_id("stMetric").filter(has_text=label).first
    return m.get_by_test_id("stMetricValue").inner_text().strip()


def accuracy_text(guess) -> str:
    return f"{score_partition(SAMPLE.labels, guess).accuracy:.0%}"


def open_guessing(page, app_url: str) -> None:
    page.goto(app_url + GUESSING)
    wait_for_app(page)
    expect(page.get_by_text("60 of 60 points still unassigned.")).to_be_visible()


def open_centres_form(page) -> None:
    """Open the typed-centres expander and wait until its boxes take input (a rerun still drawing the
    page can fold it again: then it is opened again)."""
    box = page.get_by_label("Group 1 centre x")
    for _ in range(3):
        wait_for_app(page)
        open_expander(page, "No dragging: type a centre for each group")
        try:
            expect(box).to_be_editable(timeout=10_000)
            return
        except AssertionError:
            continue
    expect(box).to_be_editable()


def type_centres_and_assign(page) -> None:
    """Open the typed-centres form and fill it by mouse-free locators (used where the keyboard is not the point)."""
    open_centres_form(page)
    for g, (x, y) in enumerate(TRUE_MEANS):
        page.get_by_label(f"Group {g + 1} centre x").fill(str(x))
        page.get_by_label(f"Group {g + 1} centre y").fill(str(y))
    interact(page, lambda: page.get_by_role("button", name="Assign points to the typed centres").click())
    expect(page.get_by_text("All 60 points are in a group.")).to_be_visible()


def test_lasso_with_the_mouse_then_check(page, app_url, dialogs):
    open_guessing(page, app_url)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.hover()
    page.locator('.modebar-btn[data-title="Lasso Select"]').first.click()
    corners = [(0.0, 0.0), (2.3, 0.0), (2.3, 2.3), (0.0, 2.3)]  # around Gaussian 1 at (1, 1)
    path = page.evaluate(_TO_PAGE, [list(c) for c in corners])

    def lasso():
        page.mouse.move(*path[0])
        page.mouse.down()
        for (x0, y0), (x1, y1) in zip(path, path[1:] + path[:1]):
            for t in np.linspace(0.1, 1.0, 8):
                page.mouse.move(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
        page.mouse.up()

    interact(page, lasso)
    x, y = SAMPLE.points.T
    inside = (x > 0) & (x < 2.3) & (y > 0) & (y < 2.3)
    assert inside.sum() >= 15
    expect(page.get_by_text(f"{60 - inside.sum()} of 60 points still unassigned.")).to_be_visible()
    screenshot(page, "guess_lasso_desktop_before")
    interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
    assert metric_value(page, "Your accuracy") == accuracy_text(np.where(inside, 0, -1))
    assert re.fullmatch(r"\d+%", metric_value(page, "EM's accuracy"))
    assert not dialogs


def _tab_to(page, test: str, limit: int = 200) -> None:
    """Press Tab until ``test`` (a JS expression on ``el``, the focused element) holds.

    First waits until some element on the page passes ``test``: a widget still drawn as a
    grey skeleton (its code not yet loaded) takes no focus, and the walk would go past it."""
    page.wait_for_function(
        f"() => Array.from(document.querySelectorAll('*')).some(el => {{ try {{ return !!({test}); }}"
        " catch (e) { return false; } })"
    )
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({test}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def _button(text: str) -> str:
    return f"el.tagName === 'BUTTON' && el.innerText.includes({text!r})"


def test_the_whole_guess_with_the_keyboard_alone(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians")
    wait_for_app(page)
    _tab_to(page, "el.getAttribute('role') === 'switch' && el.closest('label').innerText.includes('Colour by source')")
    interact(page, lambda: page.keyboard.press("Space"))
    _tab_to(page, "el.getAttribute('role') === 'switch' && el.closest('label').innerText.includes('Guess the groups')")
    interact(page, lambda: page.keyboard.press("Space"))
    expect(page.get_by_text("60 of 60 points still unassigned.")).to_be_visible()
    _tab_to(page, "el.tagName === 'SUMMARY' && el.innerText.includes('No dragging')")
    page.keyboard.press("Enter")
    for g, (x, y) in enumerate(TRUE_MEANS):
        for axis, v in (("x", x), ("y", y)):
            _tab_to(page, f"el.tagName === 'INPUT' && el.getAttribute('aria-label') === 'Group {g + 1} centre {axis}'")
            page.keyboard.type(str(v))
    _tab_to(page, _button("Assign points to the typed centres"))
    interact(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("All 60 points are in a group.")).to_be_visible()
    page.keyboard.press("Shift+Tab")  # the focus may have been lost in the rerun: find the check button again
    _tab_to(page, _button("Check my guess"))
    interact(page, lambda: page.keyboard.press("Space"))
    guess = labels_from_centres(SAMPLE.points, dict(enumerate(TRUE_MEANS)))
    assert metric_value(page, "Your accuracy") == accuracy_text(guess)
    assert not dialogs


def test_guess_at_desktop_and_phone_width_with_screenshots(browser, app_url):
    for name, kwargs in SCREENS.items():
        context = browser.new_context(**kwargs)
        page = watched_page(context)
        try:
            open_guessing(page, app_url)
            type_centres_and_assign(page)
            if name == "phone":
                assert_fits(page, "guessing on a phone")
            screenshot(page, f"guess_{name}_before_check")
            interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
            expect(page.get_by_text("The answer", exact=True)).to_be_visible()
            if name == "phone":
                assert_fits(page, "the checked guess on a phone")
            screenshot(page, f"guess_{name}_after_check")
        finally:
            context.close()


def test_challenge_link_reveals_after_the_check(page, app_url):
    page.goto(f"{app_url}/gaussians?g_challenge=true&g_seed=0")
    wait_for_app(page)
    expect(page.get_by_text("A challenge: the settings are hidden until you check your guess.").first).to_be_visible()
    assert page.get_by_text("Load a preset").count() == 0 and page.get_by_text("Colour by source").count() == 0
    screenshot(page, "guess_challenge_before")
    box = page.get_by_role("spinbutton", name="How many Gaussians do you see?")
    expect(box).to_have_value("")  # not filled in with the answer
    interact(page, lambda: (box.fill("3"), box.press("Enter")))
    type_centres_and_assign(page)
    interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
    expect(page.get_by_text("Load a preset")).to_be_visible()
    guess = labels_from_centres(SAMPLE.points, dict(enumerate(TRUE_MEANS)))
    assert metric_value(page, "Your accuracy") == accuracy_text(guess)
    screenshot(page, "guess_challenge_after")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_guessing_mode_has_no_serious_axe_violation(browser, app_url, theme):
    context = browser.new_context(**SCREENS["desktop"], color_scheme=theme)
    page = watched_page(context)
    try:
        open_guessing(page, app_url)
        open_centres_form(page)
        found = serious_violations(page, _axe_source())
        type_centres_and_assign(page)
        interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
        page.wait_for_timeout(300)
        found += serious_violations(page, _axe_source())
        screenshot(page, f"a11y_guess_checked_{theme}")
        assert not found, "\n".join(found)
    finally:
        context.close()
