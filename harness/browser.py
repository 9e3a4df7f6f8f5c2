"""The live-app harness: ``streamlit run app.py`` on a loopback port, Debian's Chromium, and
following a page's websocket (:class:`RunWatch`) so a test waits for the rerun it asked for.

Used by the browser tests (``tests/browser/conftest.py`` holds only their fixtures) and by
``bench/load_test.py`` (run as ``python -m bench.load_test``) through :mod:`harness.load_driver`.
"""

from __future__ import annotations

import subprocess
import time
import weakref
from pathlib import Path

from playwright.sync_api import BrowserContext, Page
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .servers import ROOT, start_streamlit

SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Chromium as root in a sandboxless container, with no calls home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def start_app(port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` on loopback and wait until it answers its health check
    (stop it with :func:`harness.servers.stop`)."""
    return start_streamlit("app.py", port)


#: What Streamlit draws in place of an element whose code has not loaded yet.
SKELETONS = '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]'


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has connected and finished its current run, every element's code has
    loaded and plotly has drawn every chart.

    A cold browser draws a grey skeleton for an element until its code has loaded, not
    necessarily for all elements of a kind at once: a test that typed into "the first words box"
    then could type into the second one (the first still a skeleton). A skeleton is not yet a
    chart either (plotly's code loads with the first chart)."""
    page.wait_for_function(f"() => !document.querySelector('{SKELETONS}')", timeout=timeout)
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


def wait_until_quiet(page: Page, quiet_ms: int = 500, timeout: float = 30_000) -> None:
    """Wait until the page's main thread has run no long task (over 50 ms) for ``quiet_ms``.

    After its charts are drawn a freshly opened page keeps the browser busy for a while (plotly's
    and the code highlighter's modules are still being evaluated): a click then waits for that,
    which is the page's opening, not the click's own time. After ``timeout`` ms it stops waiting
    (a page that never goes quiet is measured as it is)."""
    page.evaluate(
        """([quiet, limit]) => new Promise(resolve => {
            let last = performance.now();
            const seen = new PerformanceObserver(() => { last = performance.now(); });
            seen.observe({type: 'longtask'});
            const start = performance.now();
            const check = () => {
                const now = performance.now();
                if (now - last >= quiet || now - start > limit) { seen.disconnect(); resolve(); }
                else setTimeout(check, 50);
            };
            setTimeout(check, 50);
        })""",
        [quiet_ms, timeout],
    )


class RunWatch:
    """Follows a page's websocket: the browser's rerun requests and the server's finished runs.

    The DOM cannot tell us reliably that a rerun happened: a quick one can start and finish
    between two React renders, so the app never shows "running". The messages always pass.
    ``run_times`` holds, per finished run, the seconds from its latest request to the
    server's "script finished": the run as the websocket sees it, without the drawing.
    Works with Playwright's sync and async pages alike.
    """

    def __init__(self, page):
        self.seq = self.requested = self.finished = 0
        self.run_times: list[float] = []
        self._pending: float | None = None
        page.on("websocket", lambda ws: (ws.on("framesent", self._sent), ws.on("framereceived", self._received)))

    def _sent(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            self.seq += 1
            self.requested = self.seq
            self._pending = time.perf_counter()

    def _received(self, payload: bytes | str) -> None:
        # Only a run finishing after a request counts (see settled_since): while none is
        # pending, skip parsing the frames, most of which are the page's elements.
        if self._pending is not None and isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.seq += 1
                self.finished = self.seq
                self.run_times.append(time.perf_counter() - self._pending)
                self._pending = None

    def settled_since(self, mark: int) -> bool:
        """A rerun was requested after ``mark`` and a run has finished since the last request."""
        return self.requested > mark and self.finished > self.requested


_WATCHES: "weakref.WeakKeyDictionary[Page, RunWatch]" = weakref.WeakKeyDictionary()


def watched_page(context: BrowserContext) -> Page:
    """A new page in ``context`` whose script runs ``interact`` can follow."""
    page = context.new_page()
    _WATCHES[page] = RunWatch(page)
    return page


def interact(page: Page, action, rerun: bool = True, timeout: float = 30_000) -> None:
    """Do ``action`` (a click, a fill...) and wait for the rerun it triggers to finish.

    With ``rerun`` (the default) the action must ask for a script run: we wait until the
    browser has sent that request and the server has finished the run, however late it
    starts or quickly it ends, then for the charts to draw. ``rerun=False`` is for actions
    the browser handles alone (opening a menu or an expander).
    """
    watch = _WATCHES.get(page)
    if rerun and watch is None:
        raise RuntimeError("interact needs a page made by watched_page()")
    mark = watch.seq if watch else 0
    action()
    if rerun:
        deadline = time.monotonic() + timeout / 1000
        while not watch.settled_since(mark):
            if time.monotonic() > deadline:
                raise AssertionError(f"no finished rerun within {timeout / 1000:g} s of the action")
            page.wait_for_timeout(50)  # lets Playwright deliver the websocket events
    wait_for_app(page, timeout)


def open_expander(page: Page, label: str) -> None:
    """Open the expander headed ``label`` (if it is shut) and wait until it has finished opening.

    Streamlit animates an expander open; on a busy machine that takes long enough for a test to type
    into it meanwhile, and a rerender during the animation starts it again from shut, moving what
    a click was aimed at (a mouse-up landing on the header folds it, and a submit is lost)."""
    details = page.locator("details").filter(has=page.locator("summary", has_text=label)).first
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    # An animation started again cancels the old one (whose promise rejects): wait until none is left.
    details.evaluate("""async d => { for (let i = 0; i < 50; i++) {
        const running = d.getAnimations({subtree: true});
        if (!running.length) return;
        await Promise.allSettled(running.map(a => a.finished)); } }""")


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
