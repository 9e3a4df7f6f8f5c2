"""In a real browser: typed centres leave lassoed groups alone, "Guess again" after a check (and no
selection while the truth shows), whole numbers in the address bar; screenshots of every view
changed so that each sentence is true, at desktop width and at a phone's 390 px."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.browser.test_guess_points import SAMPLE, _TO_PAGE, open_centres_form, open_guessing
from harness.browser import interact, plotted_traces, screenshot, wait_for_app, watched_page
from tests.browser.screens import SCREENS

pytestmark = pytest.mark.browser


def lasso_around(page, corners) -> None:
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.hover()
    page.locator('.modebar-btn[data-title="Lasso Select"]').first.click()
    path = page.evaluate(_TO_PAGE, [list(c) for c in corners])

    def draw():
        page.mouse.move(*path[0])
        page.mouse.down()
        for (x0, y0), (x1, y1) in zip(path, path[1:] + path[:1]):
            for t in np.linspace(0.1, 1.0, 8):
                page.mouse.move(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
        page.mouse.up()

    interact(page, draw)


def group_sizes(page) -> dict[str, int]:
    return {t["name"]: len(t["x"]) for t in plotted_traces(page, 0) if t["name"]}


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_typed_centre_leaves_the_lassoed_group_alone(page, app_url, dialogs):
    open_guessing(page, app_url)
    lasso_around(page, [(0.0, 0.0), (2.3, 0.0), (2.3, 2.3), (0.0, 2.3)])  # Gaussian 1's cloud, into group 1
    x, y = SAMPLE.points.T
    inside = int(((x > 0) & (x < 2.3) & (y > 0) & (y < 2.3)).sum())
    assert inside >= 15 and group_sizes(page).get("Group 1") == inside
    open_centres_form(page)
    page.get_by_label("Group 2 centre x").fill("5")
    page.get_by_label("Group 2 centre y").fill("2")
    interact(page, lambda: page.get_by_role("button", name="Assign points to the typed centres").click())
    expect(page.get_by_text("All 60 points are in a group.")).to_be_visible()
    sizes = group_sizes(page)
    assert sizes.get("Group 1") == inside and sizes.get("Group 2") == 60 - inside  # group 1 kept its points
    screenshot(page, "true_typed_centre_keeps_lasso_desktop")
    assert not dialogs


def test_guess_again_after_a_check_and_no_lasso_while_the_truth_shows(page, app_url, dialogs):
    open_guessing(page, app_url)
    open_centres_form(page)
    for g, (cx, cy) in enumerate([(1.0, 1.0), (5.0, 2.0), (1.0, 4.0)]):
        page.get_by_label(f"Group {g + 1} centre x").fill(str(cx))
        page.get_by_label(f"Group {g + 1} centre y").fill(str(cy))
    interact(page, lambda: page.get_by_role("button", name="Assign points to the typed centres").click())
    interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
    expect(page.get_by_text("The answer", exact=True)).to_be_visible()
    expect(page.get_by_text("Your groups as you checked them")).to_be_visible()
    dragmode = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.dragmode")
    assert dragmode not in ("lasso", "select")  # the checked guess takes no selection
    assert page.locator('.modebar-btn[data-title="Lasso Select"]').count() == 0
    assert page.get_by_text("Put the points you select into group").count() == 0
    screenshot(page, "true_gaussian_checked_desktop")
    interact(page, lambda: page.get_by_role("button", name="Guess again").click())
    expect(page.get_by_role("button", name="Check my guess")).to_be_visible()
    expect(page.get_by_text("All 60 points are in a group.")).to_be_visible()  # the groups are kept
    assert page.get_by_text("The answer", exact=True).count() == 0
    assert not dialogs


def test_whole_numbers_stay_whole_in_the_address_bar(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians")
    wait_for_app(page)
    interact(page, lambda: page.get_by_role("button", name="New sample").click())
    page.wait_for_function("() => location.search.includes('g_seed=')")
    assert query(page)["g_seed"] == ["1"], page.url
    preset = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Load a preset")
    interact(page, lambda: preset.click(), rerun=False)
    interact(page, lambda: page.get_by_role("option", name="Unbalanced counts").click())
    page.wait_for_function("() => location.search.includes('g_0_n=')")
    q = query(page)
    assert q["g_0_n"] == ["200"] and q["g_2_n"] == ["5"] and q["g_1_mx"] == ["4"], page.url  # 20: the default, left out
    assert not any(v.endswith(".0") for vs in q.values() for v in vs), page.url
    assert not dialogs


VIEWS = {
    "guide_points_verdict": "/guide_gaussians?gg_step=4",
    "guide_words_rolls": "/guide_topics?gt_step=1",
    "guide_words_verdict": "/guide_topics?gt_step=5",
    "topics_tab1_log_axis": "/topics?t_tab=1+%C2%B7+Roll+a+die",
    "topics_tab6_legend": "/topics?t_tab=6+%C2%B7+Learn+the+topics",
    "gaussians_challenge": "/gaussians?g_challenge=true",
    "gaussians_kmeans": "/gaussians?g_fit=true&g_kmeans=true",
    "gaussians_penguins": "/gaussians?g_data=Palmer+penguins",
}


def _act(page, name: str) -> None:
    """Bring each view to the state that shows its changed sentences."""
    if name == "guide_points_verdict":
        interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
        expect(page.get_by_text("You have not put any point in a group")).to_be_visible()
    elif name == "guide_words_rolls":
        for _ in range(3):
            interact(page, lambda: page.get_by_role("button", name="Roll once").click())
        expect(page.get_by_text("Roll 4:")).to_be_visible()
    elif name == "guide_words_verdict":
        page.get_by_role("radiogroup", name="Topic of word 1,").wait_for()
        for i in range(6):
            group = page.get_by_role("radiogroup", name=f"Topic of word {i + 1},", exact=False).first
            interact(page, lambda: group.get_by_role("radio", name="1", exact=True).click())
        interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
        expect(page.get_by_text("Bayes' rule with the dice known").first).to_be_visible()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_of_every_changed_view(browser, app_url, width):
    context = browser.new_context(**SCREENS[width])
    page = watched_page(context)
    try:
        for name, path in VIEWS.items():
            page.goto(app_url + path)
            wait_for_app(page, timeout=90_000)
            _act(page, name)
            wait_for_app(page, timeout=90_000)  # a cold browser's widgets' code, then the charts
            screenshot(page, f"true_{name}_{width}")
    finally:
        context.close()
