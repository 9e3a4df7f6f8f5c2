"""The topic-documents page in a real browser: highlighted words, the colour toggle, hostile words."""

import pytest

from harness.browser import interact, screenshot, start_app, wait_for_app
from harness.servers import stop
from tests.payloads import HOSTILE as PAYLOADS
from tests.payloads import LONG_WORD, UNRULY

pytestmark = pytest.mark.browser

HOSTILE = PAYLOADS + UNRULY


def open_mixed_tab(page, url):
    page.goto(f"{url}/topics")
    wait_for_app(page)
    interact(page, lambda: page.get_by_role("tab", name="3 · Mixed documents").click())


def set_words(page, index: int, text: str) -> None:
    box = page.locator(f".st-key-t_{index}_words textarea")  # topic index's box, whichever is drawn first
    interact(page, lambda: (box.fill(text), box.press("Tab")))


def test_mixed_documents_with_and_without_colour(page, app_url, dialogs):
    open_mixed_tab(page, app_url)
    panel = page.get_by_role("tabpanel", name="3 · Mixed documents")
    assert panel.get_by_text("kids' birthday").first.is_visible()
    words = panel.locator("bdi")
    assert words.count() >= 60  # three documents of 20 words, plus legend and shared words
    assert panel.get_by_text("merry").first.is_visible()
    screenshot(page, "topics_mixed_coloured")
    interact(page, lambda: page.get_by_text("Colour by topic").click())
    assert page.get_by_text("If you saw only the words, could you tell which topic each came from?").is_visible()
    screenshot(page, "topics_mixed_plain")
    assert not dialogs


def test_die_tab_rolls(page, app_url, dialogs):
    page.goto(f"{app_url}/topics")
    wait_for_app(page)
    before = page.locator("code").filter(has_text="side index").inner_text()
    for _ in range(3):  # some roll must differ from the first
        interact(page, lambda: page.get_by_role("button", name="Roll once").click())
        if page.locator("code").filter(has_text="side index").inner_text() != before:
            break
    assert page.locator("code").filter(has_text="side index").inner_text() != before
    screenshot(page, "topics_die")
    assert not dialogs


def test_hostile_words_show_literally(page, app_url, dialogs):
    page.goto(f"{app_url}/topics")
    wait_for_app(page)
    images_before = page.locator("img").count()
    set_words(page, 0, ", ".join(HOSTILE + [LONG_WORD, "cake"]))
    name = page.locator(".st-key-t_0_name input")
    interact(page, lambda: (name.fill("<b>bold</b> [link](http://example.com)"), name.press("Enter")))
    interact(page, lambda: page.get_by_role("tab", name="3 · Mixed documents").click())
    # Still there: no style rule hid the page, no image or link was injected.
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert page.get_by_test_id("stAppViewContainer").is_visible()
    assert page.locator('img[src="x"]').count() == 0 and page.locator("img").count() == images_before
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator('a[href="http://example.com"]').count() == 0
    legend = page.get_by_role("tabpanel", name="3 · Mixed documents")
    assert legend.get_by_text("<b>bold</b> [link](http://example.com)").first.is_visible()
    # The die tab lists every side literally, long word and all (on the chart, shortened).
    interact(page, lambda: page.get_by_role("tab", name="1 · Roll a die").click())
    body = page.locator("body").inner_text()
    assert "<b>bold</b>" in body
    # The die's chart, found by its key like the boxes above; wait for plotly to draw the new sides.
    die = ".st-key-t_die_plot .js-plotly-plot"
    page.wait_for_function("""([die, p]) => Array.from(document.querySelectorAll(die + ' .xtick text'))
                                 .map(t => t.textContent).join('').includes(p)""", arg=[die, HOSTILE[0][:23]],
                           timeout=15_000)
    texts = page.locator(die).locator(".xtick text").all_text_contents()
    for payload in HOSTILE[:6]:
        assert payload[:23] in "".join(texts), payload
    # Every hostile word is shown literally where documents are drawn.
    interact(page, lambda: page.get_by_role("tab", name="2 · One topic per document").click())
    single = page.get_by_role("tabpanel", name="2 · One topic per document").inner_text()
    shown = [p for p in HOSTILE + [LONG_WORD] if p in single]
    assert shown, "the single-topic document should show some of the hostile words literally"
    screenshot(page, "topics_hostile")
    assert not dialogs


def test_first_visit_to_a_page_goes_through_the_router(browser):
    proc, url = start_app()
    try:
        page = browser.new_page()
        page.goto(f"{url}/topics")
        wait_for_app(page)
        nav = page.get_by_test_id("stSidebarNav")
        assert nav.get_by_text("Topic documents").is_visible()
        assert nav.get_by_text("Gaussian mixture").is_visible()
        page.close()
    finally:
        stop(proc)


def test_reason_back_tabs(page, app_url, dialogs):
    from urllib.parse import urlencode

    from harness.browser import plotted_traces

    query = urlencode({"t_tab": "5 · Reason back: known topics"})
    page.goto(f"{app_url}/topics?{query}")
    wait_for_app(page)
    assert page.get_by_text("Why is").first.is_visible() or page.get_by_text("Bayes' rule").is_visible()
    screenshot(page, "topics_known_topics")
    query = urlencode({"t_tab": "6 · Learn the topics", "t_ndocs": 200, "t_nwords": 50, "t_dirichlet": "true"})
    page.goto(f"{app_url}/topics?{query}")
    wait_for_app(page, timeout=60_000)
    names = {t["name"] for t in plotted_traces(page)}
    assert names == {"true die", "learned die"}
    assert page.get_by_test_id("stMetricValue").first.inner_text().endswith("%")
    screenshot(page, "topics_learned")
    assert not dialogs
