"""A live ``streamlit run`` on a loopback port, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Chromium as root in a sandboxless container, with no calls home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` on loopback and wait until it answers its health check."""
    port = port or _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start within 60 s:\n" + proc.stdout.read().decode(errors="replace"))


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_app()
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of any alert/confirm/prompt a page opened (there must be none)."""
    return []


@pytest.fixture
def page(browser, dialogs) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has connected, finished its current run and plotly has drawn."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
        '[data-test-script-state="notRunning"]',
        timeout=timeout,
    )
    # Charts draw asynchronously after the run: wait until each chart holds its plot.
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
                   .every(c => c.querySelector('.js-plotly-plot .main-svg'))""",
        timeout=timeout,
    )


def interact(page: Page, action) -> None:
    """Do ``action`` (a click, a fill...) and wait for the rerun it triggers to finish."""
    action()
    try:  # a quick rerun may be over before we look: then the wait simply times out
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1500)
    except PlaywrightTimeout:
        pass
    wait_for_app(page)


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page to ``screenshots/`` (ignored by git) for a person to look at.

    Streamlit scrolls inside its own container, so the viewport is stretched to the
    content's height for the shot (capped), then put back.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        """() => Math.max(...['stMain', 'stSidebarContent'].map(id => {
            const el = document.querySelector(`[data-testid="${id}"]`);
            return el ? el.scrollHeight : 0; }))"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    page.wait_for_timeout(400)  # plotly redraws on resize
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def plotted_traces(page: Page, index: int = 0) -> list[dict]:
    """The x/y data, names and marker colours of the ``index``-th plotly chart, read from the browser."""
    page.wait_for_function(
        "(i) => { const p = document.querySelectorAll('.js-plotly-plot')[i]; return p && p._fullData; }",
        arg=index, timeout=30_000,
    )
    return page.evaluate(
        """(i) => Array.from(document.querySelectorAll('.js-plotly-plot'))[i]._fullData.map(t => ({
            name: t.name, type: t.type, mode: t.mode,
            x: Array.from(t.x || []), y: Array.from(t.y || []),
            color: t.marker ? t.marker.color : null,
        }))""",
        index,
    )
