"""Phone width (390 x 844, an iPhone 12-14): nothing on any page overflows sideways."""

import pytest

from tests.live_app import interact, screenshot, wait_for_app, watched_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = {"home": "", "gaussians": "/gaussians", "topics": "/topics"}

# Widest element in the page (and in the main block container), and what sticks out past the viewport.
_OVERFLOW = """() => {
    const vw = window.innerWidth;
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const out = [];
    for (const el of (main || document.body).querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        // A slider's thumb holds a transparent range input wider than the thumb, which pokes
        // past the edge when the thumb sits near the right end: nothing of it shows.
        if (el.matches('[data-testid="stSlider"] input[type="range"]')) continue;
        if (r.right > vw + 1 || r.left < -1) {
            // A part that sticks out but sits in a box the reader can scroll sideways (a table, a
            // code block, the tab bar) is reachable; anything else past the edge is cut off
            // (Streamlit's containers hide overflow, so the page itself never scrolls sideways).
            let scrollable = false;
            for (let a = el.parentElement; a && a !== main; a = a.parentElement) {  // Streamlit's own page scroller does not count
                const s = getComputedStyle(a), ar = a.getBoundingClientRect();
                if (/(auto|scroll)/.test(s.overflowX) && ar.right <= vw + 1 && ar.left >= -1) { scrollable = true; break; }
            }
            if (!scrollable) out.push(`${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid || ''}] `
                                   + `${Math.round(r.left)}..${Math.round(r.right)}: ${(el.innerText || '').slice(0, 60)}`);
        }
    }
    const scroller = document.querySelector('[data-testid="stMain"]');  // Streamlit scrolls this, not the document
    return {
        scrollWidth: Math.max(document.documentElement.scrollWidth, scroller ? scroller.scrollWidth : 0), innerWidth: vw,
        mainScrollWidth: main ? main.scrollWidth : null, mainClientWidth: main ? main.clientWidth : null,
        out: out.slice(0, 10),
    };
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = watched_page(context)
    yield page
    context.close()


def assert_fits(page, name: str) -> None:
    # A tap leaves the pointer where it was: a table drawn under it then shows Streamlit's
    # hover toolbar, which pokes out to the left. Measure the page as it rests.
    page.mouse.move(PHONE["width"] - 1, 1)
    page.wait_for_timeout(300)
    m = page.evaluate(_OVERFLOW)
    assert m["mainScrollWidth"] is not None, f"{name}: no main block container"
    assert m["scrollWidth"] <= m["innerWidth"], f"{name}: page is {m['scrollWidth']} px wide on a {m['innerWidth']} px phone: {m['out']}"
    assert m["mainScrollWidth"] <= m["mainClientWidth"], f"{name}: main block overflows: {m}"
    assert not m["out"], f"{name}: elements stick out past the screen: {m['out']}"


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
