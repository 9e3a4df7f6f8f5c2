"""The Gibbs tab, the learn tab's side by side and State of the Union paragraphs in a real browser:
screenshots at desktop and phone width, the animation playing without a rerun, axe-core."""

from urllib.parse import urlencode

import pytest

from harness.browser import _WATCHES, interact, screenshot, wait_for_app
from mixgen_ui.topic_settings import GIBBS_VIEWS, SOTU, TABS
from tests.browser.test_accessibility import _axe_source, serious_violations
from tests.browser.screens import assert_fits

pytestmark = pytest.mark.browser

LEARN, GIBBS = TABS[5], TABS[6]
VIEWS = {
    "gibbs_step": {"t_tab": GIBBS, "t_gibbs_sweep": 2, "t_gibbs_step": 7},
    "gibbs_all": {"t_tab": GIBBS, "t_gibbs_view": GIBBS_VIEWS[1]},
    "gibbs_sweeps": {"t_tab": GIBBS, "t_gibbs_big": "true"},
    "learn_side_by_side": {"t_tab": LEARN},
    "sotu_paragraphs": {"t_tab": LEARN, "t_corpus": SOTU, "t_sotu_from": 2001, "t_sotu_to": 2004},
}
#: How many animated charts (Play/Pause and a slider) each view shows.
ANIMATED = {"gibbs_step": 1, "gibbs_all": 1, "gibbs_sweeps": 2}


# The boxes of each animated chart's Play/Pause buttons and slider parts (current value, rail, grip,
# tick labels), of the chart itself, of plotly's modebar (there even while hidden), the legend, the titles
# (the figure's, the subplots', the legend's) and the x axes' tick labels.
_CONTROLS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(c => c.querySelector('.updatemenu-button')).map(c => {
        const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
        const all = s => Array.from(c.querySelectorAll(s)).map(box);
        return {chart: box(c.querySelector('.main-svg')), buttons: all('.updatemenu-button'),
                slider: all('.slider-container text, .slider-rail-rect, .slider-grip-rect'),
                modebar: all('.modebar'), legend: all('.legend .bg'),
                titles: Array.from(c.querySelectorAll('.gtitle, .annotation-text, .legendtitletext'))
                    .map(t => [t.textContent, box(t)]),
                ticks: all('.xaxislayer-above .xtick text')};
    })"""


# Each chart's margins as asked and as plotly used them: equal when no axis had to widen them (and plotly
# drew the figure once).
_MARGINS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    asked: ['l', 'r', 't', 'b'].map(side => gd.layout.margin[side]),
    used: ['l', 'r', 't', 'b'].map(side => Math.round(gd._fullLayout._size[side]))}))"""


def assert_drawn_once(page, name: str) -> None:
    """Every chart asked at once for the margins its labels take (at a desktop's width)."""
    charts = page.evaluate(_MARGINS)
    assert charts and all(c["asked"] == c["used"] for c in charts), f"{name}: margins widened by plotly: {charts}"


def assert_controls_clear(page, name: str, expected: int) -> None:
    """No Play/Pause button lies on the slider, and neither is cut off at the chart's edges; the modebar
    covers no legend or title, no title is cut off at the sides, and no x tick label runs into a title."""
    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    charts = page.evaluate(_CONTROLS)
    assert len(charts) == expected, f"{name}: {len(charts)} animated charts, not {expected}"
    for c in charts:
        assert len(c["buttons"]) == 2 and c["slider"], f"{name}: {c}"
        hits = [(b, s) for b in c["buttons"] for s in c["slider"] if overlap(b, s)]
        assert not hits, f"{name}: buttons over the slider: {hits}"
        x0, y0, x1, y1 = c["chart"]
        out = [b for b in c["buttons"] + c["slider"] if b[0] < x0 or b[2] > x1 or b[1] < y0 or b[3] > y1]
        assert not out, f"{name}: controls cut off at the chart's edges {c['chart']}: {out}"
        assert c["modebar"] and c["titles"], f"{name}: no modebar or no titles: {c}"
        covered = [t for t in c["legend"] + [box for _, box in c["titles"]] for m in c["modebar"] if overlap(t, m)]
        assert not covered, f"{name}: the modebar {c['modebar']} covers {covered}"
        cut = [(text, box) for text, box in c["titles"] if box[0] < x0 or box[2] > x1]
        assert not cut, f"{name}: titles cut off at the chart's sides {c['chart']}: {cut}"
        into = [(text, tick) for text, box in c["titles"] for tick in c["ticks"] if overlap(box, tick)]
        assert not into, f"{name}: tick labels run into titles: {into}"


@pytest.mark.parametrize("view", list(VIEWS))
def test_views_screenshots_fit_and_axe(sized_page, app_url, view):
    page, size = sized_page
    page.goto(f"{app_url}/topics?{urlencode(VIEWS[view])}")
    wait_for_app(page, timeout=90_000)
    if view in ANIMATED:  # a chart can still be a placeholder when wait_for_app returns: wait until it is drawn
        page.wait_for_function("n => document.querySelectorAll('.js-plotly-plot .updatemenu-button').length >= 2 * n",
                               arg=ANIMATED[view], timeout=90_000)
    page.wait_for_timeout(500)
    screenshot(page, f"{view}_{size}")
    if view in ANIMATED:
        assert_controls_clear(page, f"{view}_{size}", ANIMATED[view])
    if size == "phone":
        assert_fits(page, view)
    if size == "desktop" and view != "sotu_paragraphs":
        assert_drawn_once(page, view)
    if size == "desktop":
        found = serious_violations(page, _axe_source())
        assert not found, "\n".join(found)


def test_animation_plays_in_the_browser_without_a_rerun(page, app_url):
    page.goto(f"{app_url}/topics?{urlencode({'t_tab': GIBBS})}")
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    title = chart.locator(".gtitle")
    first = title.text_content()
    watch = _WATCHES[page]
    runs = watch.seq
    interact(page, lambda: chart.locator(".updatemenu-button").nth(0).click(), rerun=False)
    page.wait_for_timeout(2500)  # about three frames
    moved = title.text_content()
    screenshot(page, "gibbs_playing_desktop")
    assert moved != first, "the animation should have advanced the frames"
    assert watch.seq == runs, "playing must not rerun the app"
    chart.locator(".updatemenu-button").nth(1).click()
    # The slider under the chart replays a frame, also without a rerun.
    assert watch.seq == runs


def test_next_word_button_reruns_and_moves(page, app_url):
    page.goto(f"{app_url}/topics?{urlencode({'t_tab': GIBBS})}")
    wait_for_app(page)
    interact(page, lambda: page.get_by_role("button", name="Next word").click())
    assert "word 2 of" in page.locator(".js-plotly-plot .gtitle").first.text_content()
    assert "t_gibbs_step=2" in page.url
