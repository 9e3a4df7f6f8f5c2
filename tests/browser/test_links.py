"""Shareable links in a real browser: a copied link reproduces the page; hostile links never break it."""

from urllib.parse import quote

import pytest

from harness.browser import interact, plotted_traces, screenshot, wait_for_app, watched_page
from tests.browser.screens import SCREENS

pytestmark = pytest.mark.browser

HOSTILE_QUERIES = [
    "g_k=1e309", "g_k=-inf", "g_seed=1e309", "g_seed=-inf", "g_0_n=inf", "g_0_mx=nan", "g_0_vx=-1",
    "g_0_n=%EF%BC%95", "g_0_rho=5", "g_k=99", "g_k=3&g_k=4&g_k=abc", "g_colour=maybe", "g_fit_iter=1e309",
    "&".join(f"junk{i}={i}" for i in range(2000)),
    "t_k=1e309", "t_nwords=-inf", "t_ndocs=99999999", "t_seed=nan", "t_roll=1e309", "t_alpha=inf",
    "t_0_words=" + quote("<img src=x onerror=alert(1)>, <script>alert(1)</script>, cake"),
    "t_0_name=" + quote("</span><b>x</b>[a](javascript:alert(1))"),
    "t_0_words=" + "w" * 1_000_00,
    "t_tab=" + quote("<b>nope</b>"), "t_die=Topic+9",
]


def link_from_page(page) -> str:
    """Open the "copy link" popover and read the link it offers."""
    page.get_by_text("Copy link to this scenario").click()
    code = page.get_by_test_id("stPopoverBody").locator("code")
    code.wait_for()
    return code.inner_text().strip()


def test_gaussian_scenario_link_reproduces_the_points(page, browser, app_url, dialogs):
    page.goto(f"{app_url}/gaussians")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    interact(page, lambda: page.get_by_role("button", name="New sample").click())
    box = sidebar.get_by_role("spinbutton", name="mean x").first
    interact(page, lambda: (box.fill("2.5"), box.press("Enter")))
    box = sidebar.get_by_role("spinbutton", name="points").first
    interact(page, lambda: (box.fill("35"), box.press("Enter")))
    interact(page, lambda: page.get_by_text("Colour by source").click())
    before = plotted_traces(page)
    link = link_from_page(page)
    assert "g_seed=1" in link and "g_0_mx=2.5" in link and "g_0_n=35" in link and "g_colour=false" in link

    fresh = browser.new_context(**SCREENS["desktop"])
    other = watched_page(fresh)
    other.goto(link)
    wait_for_app(other)
    after = plotted_traces(other)
    fresh.close()
    assert [(t["x"], t["y"]) for t in after] == [(t["x"], t["y"]) for t in before]  # exactly the same points
    assert len(after[0]["x"]) == 75
    assert not dialogs


def test_topic_scenario_link_reproduces_the_documents(page, browser, app_url, dialogs):
    page.goto(f"{app_url}/topics")
    wait_for_app(page)
    words = page.get_by_label("words", exact=True).first
    interact(page, lambda: (words.fill("sun, sea, sand, merry"), words.press("Tab")))
    interact(page, lambda: page.get_by_role("button", name="New documents").click())
    interact(page, lambda: page.get_by_role("tab", name="3 · Mixed documents").click())
    panel = page.get_by_role("tabpanel", name="3 · Mixed documents")
    before = panel.locator("bdi").all_inner_texts()
    link = link_from_page(page)

    fresh = browser.new_context()
    other = watched_page(fresh)
    other.goto(link)
    wait_for_app(other)
    other_panel = other.get_by_role("tabpanel", name="3 · Mixed documents")
    other_panel.locator("bdi").nth(len(before) - 1).wait_for()
    after = other_panel.locator("bdi").all_inner_texts()
    fresh.close()
    assert "sun" in " ".join(before) and after == before
    assert not dialogs


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: q[:40])
def test_hostile_links_never_break_a_page(page, app_url, dialogs, query):
    path = "topics" if query.startswith("t_") else "gaussians"
    page.goto(f"{app_url}/{path}?{query}")
    wait_for_app(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert page.locator('img[src="x"]').count() == 0 and page.locator("script:not([src])").filter(
        has_text="alert(1)").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert not dialogs


def test_each_page_keeps_its_state_when_moving_between_pages(page, app_url, dialogs):
    page.goto(f"{app_url}/gaussians")
    wait_for_app(page)
    interact(page, lambda: page.get_by_role("button", name="New sample").click())
    interact(page, lambda: page.get_by_text("Colour by source").click())
    before = plotted_traces(page)
    nav = page.get_by_test_id("stSidebarNav")
    interact(page, lambda: nav.get_by_text("Topic documents").click())
    interact(page, lambda: page.get_by_role("button", name="New documents").click())
    interact(page, lambda: nav.get_by_text("Gaussian mixture").click())
    assert plotted_traces(page) == before and "g_seed=1" in page.url
    interact(page, lambda: nav.get_by_text("Topic documents").click())
    assert "t_seed=1" in page.url
    assert not dialogs


def test_downloads_parse_and_match_the_screen(page, app_url, dialogs):
    import csv
    import io
    import json

    page.goto(f"{app_url}/gaussians?g_seed=3")
    wait_for_app(page)
    shown = plotted_traces(page)
    interact(page, lambda: page.get_by_text("Take it home: the data and the code").click())  # lazy: reruns
    screenshot(page, "gaussians_take_home")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the points (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    for k, trace in enumerate(t for t in shown if t["mode"] == "markers"):
        mine = [r for r in rows if r["true_component"] == str(k + 1)]
        assert [float(r["x"]) for r in mine] == trace["x"] and [float(r["y"]) for r in mine] == trace["y"]

    page.goto(f"{app_url}/topics?t_tab=3+%C2%B7+Mixed+documents")
    wait_for_app(page)
    panel = page.get_by_role("tabpanel", name="3 · Mixed documents")
    interact(page, lambda: panel.get_by_text("Take it home: the documents and the code").click())
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download the documents (JSON)").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    words_on_screen = panel.locator('div[style^="line-height:2.1"] bdi').all_inner_texts()
    assert [w["word"] for w in data["words"]] == words_on_screen
    assert not dialogs


def test_a_download_made_on_click_holds_the_learned_topics(page, app_url, dialogs):
    """Tab 6's CSV is made only when clicked (a callable, so reruns don't pay for it): it still arrives."""
    import csv
    import io

    page.goto(f"{app_url}/topics?t_tab=6+%C2%B7+Learn+the+topics&t_fit_side=false")
    wait_for_app(page)
    panel = page.get_by_role("tabpanel", name="6 · Learn the topics")
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download the documents with the learned topics (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert len(rows) == 60 and all(r["word"] for r in rows)  # the default: 3 documents of 20 words
    assert {r["inferred_topic"] for r in rows} <= {"1", "2"} and "p_topic_1" in rows[0]
    assert not dialogs
