"""Accessibility: axe-core (pinned in package.json, installed by ``npm ci``) on every page, light and dark.

Each page (and each tab of the topic page, and the Gaussian page with its EM fit open) is
checked in a browser context whose system colour scheme is light, then dark: the app's
theme follows it (``.streamlit/config.toml`` has a light and a dark theme). No violation
of impact "serious" or "critical" is allowed. A screenshot of each view is saved.
"""

from __future__ import annotations

import pytest

from harness.browser import ROOT, interact, screenshot, wait_for_app, watched_page
from tests.browser.screens import SCREENS

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
THEMES = ("light", "dark")
TOPIC_TABS = ("1 · Roll a die", "2 · One topic per document", "3 · Mixed documents", "4 · Word counts",
              "5 · Reason back: known topics", "6 · Learn the topics")

# Left out of the scan (never hidden from people), each for a stated reason; our own
# content (text, highlighted words, legends, charts) is never listed here.
AXE_EXCLUDE: list[str] = [
    # The label of a disabled widget (e.g. "Concentration" while "Each document its own mix"
    # is off): Streamlit greys it out, and WCAG 1.4.3 exempts text of an inactive control.
    # axe cannot tell, because Streamlit's label is aria-hidden and the disabled input sits
    # elsewhere; Streamlit marks such a label with a `disabled` attribute.
    '[data-testid="stWidgetLabel"][disabled]',
]


def _axe_source() -> str:
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` at the repository root (scripts/test.sh does)")
    return AXE.read_text()


@pytest.fixture(scope="module")
def axe_source() -> str:
    return _axe_source()


def serious_violations(page, axe_source: str) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line per element.

    The pointer is moved off the page first: a button it was left over (after a click) shows
    Streamlit's hover colours, which are not what a reader sees at rest.
    """
    page.mouse.move(0, 0)
    page.wait_for_timeout(200)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async (exclude) => {
            const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])} : document;
            const r = await axe.run(context, {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: (n.failureSummary || '').slice(0, 300)})),
            }));
        }""",
        AXE_EXCLUDE,
    )
    return [f"{v['impact']} {v['id']} ({v['help']}): {n['target']}\n    {n['html']}\n    {n['summary']}"
            for v in result for n in v["nodes"]]


@pytest.fixture(params=THEMES)
def themed_page(request, browser):
    context = browser.new_context(**SCREENS["desktop"], color_scheme=request.param)
    page = watched_page(context)
    yield page, request.param
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(300)  # let late layout (fonts, plot resize) settle before measuring contrast


def _check(page, theme: str, name: str, axe_source: str) -> list[str]:
    background = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    is_dark = sum(int(c) for c in background[background.index("(") + 1:-1].split(",")[:3]) < 3 * 128
    assert is_dark == (theme == "dark"), f"{name}: the app did not follow the {theme} system theme ({background})"
    screenshot(page, f"a11y_{name}_{theme}")
    return [f"[{name}, {theme}] {v}" for v in serious_violations(page, axe_source)]


def test_home(themed_page, app_url, axe_source):
    page, theme = themed_page
    _open(page, app_url)
    assert not (found := _check(page, theme, "home", axe_source)), "\n".join(found)


def test_gaussians_with_and_without_fit(themed_page, app_url, axe_source):
    page, theme = themed_page
    _open(page, f"{app_url}/gaussians")
    found = _check(page, theme, "gaussians", axe_source)
    interact(page, lambda: page.get_by_text("Colour by source", exact=True).click())
    found += _check(page, theme, "gaussians_plain", axe_source)
    interact(page, lambda: page.get_by_text("Fit a mixture with EM", exact=True).click())
    page.get_by_test_id("stPlotlyChart").nth(1).wait_for()
    wait_for_app(page)
    found += _check(page, theme, "gaussians_fit", axe_source)
    assert not found, "\n".join(found)


def test_topics_every_tab(themed_page, app_url, axe_source):
    page, theme = themed_page
    _open(page, f"{app_url}/topics")
    found = []
    for i, tab in enumerate(TOPIC_TABS):
        interact(page, lambda: page.get_by_role("tab", name=tab).click(), rerun=i > 0)  # the first is open
        panel = page.get_by_role("tabpanel", name=tab)
        panel.wait_for()
        assert panel.inner_text().strip(), f"tab {tab!r} is empty"
        found += _check(page, theme, f"topics_tab{i + 1}", axe_source)
    assert not found, "\n".join(found)
