"""The words guide's last steps and the animations that play in the browser (Gibbs, EM): screenshots at
desktop and phone width (still and mid-play), and Play changing the documents' and points' colours
without a rerun."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from mixgen_ui.topic_settings import GIBBS_VIEWS, TABS
from harness.browser import _WATCHES, interact, screenshot, wait_for_app
from tests.browser.screens import assert_fits
from tests.browser.test_gibbs import assert_controls_clear, assert_drawn_once

pytestmark = pytest.mark.browser

GIBBS = TABS[6]


def animated(page, n: int) -> None:
    """Wait until ``n`` animated charts (their Play buttons) are drawn."""
    page.wait_for_function("n => document.querySelectorAll('.js-plotly-plot .updatemenu-button').length >= 2 * n",
                           arg=n, timeout=90_000)


# What a chart shows of its documents or points: the heatmap's picture (its cells' colours) and cell
# labels (word and topic number), and each drawn point's fill colour.
_LOOK = """c => ({
    cells: Array.from(c.querySelectorAll('.hm image')).map(i => i.getAttribute('href')).join('|'),
    labels: Array.from(c.querySelectorAll('.hm text, .heatmaplayer text, g.textpoint text')).map(t => t.textContent).join('|'),
    points: Array.from(c.querySelectorAll('.scatterlayer .point')).map(p => p.style.fill).join('|'),
    title: (c.querySelector('.gtitle') || {}).textContent,
})"""


def look(chart) -> dict:
    return chart.evaluate(_LOOK)


def play_and_watch(page, chart, seconds: float, name: str) -> list[dict]:
    """Press Play, take a look every half second (a screenshot half way), Pause; no rerun meanwhile."""
    watch = _WATCHES[page]
    runs = watch.seq
    seen = [look(chart)]
    chart.scroll_into_view_if_needed()
    interact(page, lambda: chart.locator(".updatemenu-button").nth(0).click(), rerun=False)
    for i in range(int(seconds * 2)):
        page.wait_for_timeout(500)
        seen.append(look(chart))
        if i == int(seconds):
            screenshot(page, name)
    chart.locator(".updatemenu-button").nth(1).click()
    assert watch.seq == runs, "playing must not rerun the app"
    return seen


@pytest.mark.parametrize("step", [7, 8, 9])
def test_guide_last_steps_fit_and_screenshots(sized_page, app_url, step):
    page, size = sized_page
    page.goto(f"{app_url}/guide_topics?gt_step={step}")
    wait_for_app(page, timeout=90_000)
    if step < 9:
        animated(page, 1)
    page.wait_for_timeout(500)
    assert page.get_by_text(f"Step {step} of 9").count() == 1
    screenshot(page, f"guide_topics_step{step}_{size}")
    if step < 9:  # buttons clear of the slider, titles clear of the modebar and of the tick labels
        assert_controls_clear(page, f"guide step {step} {size}", 1)
    if step < 9 and size == "desktop":
        assert_drawn_once(page, f"guide step {step}")
    if size == "phone":
        assert_fits(page, f"guide step {step}")


@pytest.mark.parametrize("step", [7, 8])
def test_guide_learning_plays_and_recolours_the_words(sized_page, app_url, step):
    page, size = sized_page
    page.goto(f"{app_url}/guide_topics?gt_step={step}")
    wait_for_app(page, timeout=90_000)
    animated(page, 1)
    chart = page.locator(".js-plotly-plot").filter(has=page.locator(".updatemenu-button")).first
    seen = play_and_watch(page, chart, 4, f"guide_topics_step{step}_playing_{size}")
    assert len({s["title"] for s in seen}) > 3, "the sweeps should advance"
    assert len({s["cells"] for s in seen}) > 2, "the words' colours should change as they are re-drawn"
    assert len({s["labels"] for s in seen}) > 2, "the words' topic numbers should change too"


def test_gibbs_tab_play_moves_the_documents_with_the_bars(sized_page, app_url):
    page, size = sized_page
    page.goto(f"{app_url}/topics?{urlencode({'t_tab': GIBBS})}")
    wait_for_app(page, timeout=90_000)
    animated(page, 1)
    charts = page.locator(".js-plotly-plot").filter(has=page.locator(".updatemenu-button"))
    step_chart = charts.first
    seen = play_and_watch(page, step_chart, 4, f"gibbs_step_playing_{size}")
    titles = [s["title"] for s in seen]
    assert len(set(titles)) > 3 and all("Re-rolled:" in t for t in titles), "the re-roll line moves with the bars"
    ring = step_chart.evaluate("c => Array.from(c.querySelectorAll('.scatterlayer .point'))"
                               ".map(p => p.getAttribute('transform')).join('|')")
    assert ring, "the ring on the word being re-rolled is drawn"
    # The other view: every sweep, one after another.
    interact(page, lambda: page.get_by_test_id("stRadio").get_by_text(GIBBS_VIEWS[1]).click())
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .slider-container text').length > 0"
                           " && !document.querySelector('.js-plotly-plot .gtitle')?.textContent.includes('Re-rolled')",
                           timeout=90_000)
    seen = play_and_watch(page, charts.first, 4, f"gibbs_all_sweeps_playing_{size}")
    assert len({s["cells"] for s in seen}) > 2, "every sweep re-colours the documents"
    assert len({s["title"] for s in seen}) > 3


def test_em_play_recolours_the_points(sized_page, app_url):
    page, size = sized_page
    page.goto(f"{app_url}/gaussians?{urlencode({'g_fit': 'true', 'g_fit_init': 'random points'})}")
    wait_for_app(page, timeout=90_000)
    interact(page, lambda: page.get_by_text("Play every iteration in your browser").click())
    animated(page, 1)
    page.wait_for_timeout(500)
    assert_controls_clear(page, f"EM {size}", 1)
    chart = page.locator(".js-plotly-plot").filter(has=page.locator(".updatemenu-button")).first
    seen = play_and_watch(page, chart, 3, f"em_playing_{size}")
    assert len({s["points"] for s in seen}) > 2, "the points should be re-coloured as EM iterates"
    assert len({s["title"] for s in seen}) > 2
    if size == "phone":
        assert_fits(page, "EM playing")


def test_play_goes_on_from_the_word_picked(page, app_url):
    """Picked with the sliders, word 20 of sweep 2 is where Play starts: the frames go on from it, not from word 1."""
    page.goto(f"{app_url}/topics?{urlencode({'t_tab': GIBBS, 't_gibbs_sweep': 2, 't_gibbs_step': 20})}")
    wait_for_app(page, timeout=90_000)
    animated(page, 1)
    chart = page.locator(".js-plotly-plot").filter(has=page.locator(".updatemenu-button")).first
    seen = play_and_watch(page, chart, 3, "gibbs_step_playing_from_word_20")
    words = [int(s["title"].split("word ")[1].split(" of")[0]) for s in seen]
    assert words[0] == 20 and all(w >= 20 for w in words) and max(words) > 21, words
