"""Many concurrent browser sessions against a live ``streamlit run``: the classroom load test.

Used by ``bench/load_test.py`` (30 sessions, figures for the README) and by
``tests/browser/test_load_smoke.py`` (3 sessions, always on). Each session is one tab (its
own websocket, so its own Streamlit session), several tabs per headless Chromium process, all
driven concurrently from one asyncio loop.

The 30 tabs stand in for 30 students' computers on one 2-core machine, so each Chromium keeps
its tabs in one renderer process (``--process-per-site``): they share the compiled Streamlit
and plotly code, which saves about a third of a first render's client CPU. The HTTP cache is
off in every tab, so the server still sends every student the whole front end, as it would.

A session: open ``/gaussians`` and wait for the run to finish and the chart to draw (first
render); then, for each round, toggle "Colour by source", click "New sample", move "Number of
Gaussians" one step, switch to the topic page, open "3 · Mixed documents", toggle "Colour by
topic", and switch back. An interaction counts as done only when the app is idle again
*and* what it should change has changed (the plot's data, or the mixed-documents panel), so
a rerun that has not started yet is never mistaken for a finished one.

Only loopback addresses are ever opened; every wait has a timeout and every loop a bound.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page, async_playwright

from harness.browser import CHROMIUM, CHROMIUM_ARGS, RunWatch

# Every page is a student's foreground tab: no timer throttling of pages Chromium thinks hidden.
LOAD_ARGS = [*CHROMIUM_ARGS, "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
             "--disable-backgrounding-occluded-windows", "--process-per-site"]
# A student's click lands at once: skip Playwright's wait for the target to hold still, which
# with many tabs in one process costs up to seconds and is no part of the app's response.
CLICK = dict(force=True)

IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
MIXED_TAB = "3 · Mixed documents"

# A fingerprint of what an interaction must change. Both return null until drawn.
_PLOT_SIGNATURE = """() => {
    const p = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!p || !p._fullData || !p.querySelector('.main-svg')) return null;
    return p._fullData.map(t => `${t.name}:${t.x ? t.x.length : 0}:${t.x && t.x.length ? t.x[0] : ''}`).join('|');
}"""
_PANEL_SIGNATURE = """(name) => {
    const tab = Array.from(document.querySelectorAll('[role="tab"]')).find(t => t.innerText.trim() === name);
    const panel = tab && document.getElementById(tab.getAttribute('aria-controls'));
    return panel ? panel.innerText : null;
}"""
_IDLE_AND_CHANGED = """([kind, before, arg]) => {
    const app = document.querySelector('%s');
    if (!app) return false;
    const now = kind === 'plot' ? (%s)() : (%s)(arg);
    return now !== null && now !== before;
}""" % (IDLE, _PLOT_SIGNATURE, _PANEL_SIGNATURE)
_CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .every(c => c.querySelector('.js-plotly-plot .main-svg'))"""


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        raise ValueError(f"the load test only ever targets loopback, not {host!r}")


@dataclass
class SessionResult:
    """What one session saw. Times are in seconds."""

    index: int
    first_render: float | None = None
    reruns: list[float] = field(default_factory=list)
    page_switches: list[float] = field(default_factory=list)
    server_runs: list[float] = field(default_factory=list)  # rerun request sent -> script_finished received
    failures: list[str] = field(default_factory=list)
    chart_rendered: bool = False
    connected_at_peak: bool = False


@dataclass
class LoadReport:
    sessions: int
    results: list[SessionResult]
    rss_kib: dict[str, int] = field(default_factory=dict)  # baseline, peak, after_close
    wall: float = 0.0
    load_wall: float = 0.0  # from the first session's start to the last one's end
    server_cpu: float = 0.0  # CPU seconds the server used in that time
    harness_cpu: float = 0.0  # CPU seconds this process's other descendants (Playwright, Chromiums) used

    @property
    def held(self) -> int:
        return sum(r.connected_at_peak for r in self.results)

    @property
    def failures(self) -> list[str]:
        return [f"session {r.index}: {f}" for r in self.results for f in r.failures]

    def latencies(self, what: str) -> list[float]:
        if what == "first_render":
            return [r.first_render for r in self.results if r.first_render is not None]
        return [x for r in self.results for x in getattr(r, what)]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, linearly interpolated; nan for none."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# ---------------------------------------------------------------- server memory


def _children(pid: int) -> list[int]:
    """All descendants of ``pid`` (from /proc, Linux only)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _sum_over_tree(pid: int, read: Callable[[int], float]) -> float:
    """``read(p)`` summed over ``pid`` and its descendants; a process gone meanwhile counts 0."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            total += read(p)
        except (OSError, IndexError, ValueError):
            pass
    return total


def _vmrss_kib(p: int) -> int:
    with open(f"/proc/{p}/status") as f:
        return next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)  # 0: a zombie


def _cpu_ticks(p: int) -> int:
    with open(f"/proc/{p}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime, stime, and cutime, cstime: children that ended (a closed tab's renderer) count too
    return sum(int(x) for x in fields[11:15])


def rss_kib(pid: int) -> int:
    """Resident memory (VmRSS, KiB) of ``pid`` and all its descendants; 0 for a gone process."""
    return int(_sum_over_tree(pid, _vmrss_kib))


def cpu_seconds(pid: int) -> float:
    """CPU time (s) used so far by ``pid`` and its descendants, living or ended; 0 for a gone process."""
    return _sum_over_tree(pid, _cpu_ticks) / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Samples the server's RSS in the background and keeps the peak."""

    def __init__(self, pid: int | None, interval: float = 0.25):
        self.pid, self.interval, self.peak = pid, interval, 0
        self._task: asyncio.Task | None = None

    def sample(self) -> int:
        value = rss_kib(self.pid) if self.pid else 0
        self.peak = max(self.peak, value)
        return value

    async def _run(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass


# ---------------------------------------------------------------- one session


async def _wait_idle(page: Page, timeout_ms: float) -> None:
    await page.wait_for_selector(IDLE, timeout=timeout_ms)
    await page.wait_for_function(_CHARTS_DRAWN, timeout=timeout_ms, polling=50)


async def _timed_change(page: Page, kind: str, action: Callable[[], Awaitable], timeout_ms: float,
                        arg: str | None = None) -> float:
    """Do ``action``; return the seconds until the app is idle again with ``kind`` changed."""
    before = await page.evaluate(_PLOT_SIGNATURE if kind == "plot" else _PANEL_SIGNATURE,
                                 *([] if kind == "plot" else [arg]))
    if before is None:
        raise RuntimeError(f"nothing to watch before the action ({kind})")
    start = time.perf_counter()
    await action()
    await page.wait_for_function(_IDLE_AND_CHANGED, arg=[kind, before, arg], timeout=timeout_ms, polling=50)
    if kind == "plot":
        await page.wait_for_function(_CHARTS_DRAWN, timeout=timeout_ms, polling=50)
    return time.perf_counter() - start


async def _switch_page(page: Page, label: str, path: str, timeout_ms: float) -> float:
    start = time.perf_counter()
    await page.get_by_test_id("stSidebarNav").get_by_role("link", name=label).click(timeout=timeout_ms, **CLICK)
    # The page may add its widget values as a query string: match the path only.
    await page.wait_for_url(lambda u: urlsplit(u).path.rstrip("/").endswith(path), timeout=timeout_ms)
    # The new page's title shows once its run has drawn, then wait for idle + charts.
    heading = "A mixture of Gaussians" if path == "/gaussians" else "Words from topics"
    await page.get_by_role("heading", name=heading).wait_for(timeout=timeout_ms)
    await _wait_idle(page, timeout_ms)
    return time.perf_counter() - start


Step = Callable[[Page, SessionResult, int, float], Awaitable[None]]


async def step_colour(page: Page, res: SessionResult, round_: int, timeout_ms: float) -> None:
    toggle = page.get_by_text("Colour by source", exact=True)
    res.reruns.append(await _timed_change(page, "plot", lambda: toggle.click(timeout=timeout_ms, **CLICK), timeout_ms))


async def step_new_sample(page: Page, res: SessionResult, round_: int, timeout_ms: float) -> None:
    button = page.get_by_role("button", name="New sample")
    res.reruns.append(await _timed_change(page, "plot", lambda: button.click(timeout=timeout_ms, **CLICK), timeout_ms))


async def step_gaussians(page: Page, res: SessionResult, round_: int, timeout_ms: float) -> None:
    slider = page.get_by_role("slider", name="Number of Gaussians")
    key = "ArrowRight" if round_ % 2 == 0 else "ArrowLeft"  # 3 -> 4 -> 3 -> 4 ...

    async def move() -> None:
        await slider.focus(timeout=timeout_ms)
        await slider.press(key, timeout=timeout_ms)

    res.reruns.append(await _timed_change(page, "plot", move, timeout_ms))


async def step_topics(page: Page, res: SessionResult, round_: int, timeout_ms: float) -> None:
    res.page_switches.append(await _switch_page(page, "Topic documents", "/topics", timeout_ms))
    # Tabs are lazy (a click reruns the page to fill the tab): wait for the tab's toggle, idle.
    await page.get_by_role("tab", name=MIXED_TAB).click(timeout=timeout_ms, **CLICK)
    toggle = page.get_by_text("Colour by topic", exact=True)
    await toggle.wait_for(timeout=timeout_ms)
    await _wait_idle(page, timeout_ms)
    res.reruns.append(await _timed_change(page, "panel", lambda: toggle.click(timeout=timeout_ms, **CLICK), timeout_ms,
                                          arg=MIXED_TAB))
    res.page_switches.append(await _switch_page(page, "Gaussian mixture", "/gaussians", timeout_ms))


FULL_ROUND: tuple[Step, ...] = (step_colour, step_new_sample, step_gaussians, step_topics)


async def new_session_page(context: BrowserContext) -> Page:
    """A new tab in ``context`` that fetches everything from the server (no HTTP cache)."""
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page


async def run_session(context: BrowserContext, url: str, index: int, *, rounds: int, steps: tuple[Step, ...],
                      think: float, timeout_ms: float, rng: random.Random, done: asyncio.Event,
                      finished: list[int], total: int) -> SessionResult:
    """One student: open the page, interact, then stay connected until every session is done."""
    res = SessionResult(index)
    page = await new_session_page(context)
    try:
        # Script runs as the websocket sees them, leaving out the busy browsers' drawing.
        res.server_runs = RunWatch(page).run_times
        page.on("dialog", lambda d: (res.failures.append(f"dialog: {d.message}"), asyncio.ensure_future(d.dismiss())))
        start = time.perf_counter()
        try:
            # Not the "load" event: the timer runs until the chart has drawn, whatever loads first.
            await page.goto(f"{url}/gaussians", timeout=timeout_ms, wait_until="commit")
            await page.get_by_role("heading", name="A mixture of Gaussians").wait_for(timeout=timeout_ms)
            await _wait_idle(page, timeout_ms)
            await page.wait_for_function(_PLOT_SIGNATURE, timeout=timeout_ms, polling=50)
            res.first_render = time.perf_counter() - start
            res.chart_rendered = True
        except Exception as err:  # noqa: BLE001 - every failure is counted, not raised
            res.failures.append(f"first render: {type(err).__name__}: {str(err).splitlines()[0]}")
        if res.chart_rendered:
            for round_ in range(rounds):
                for step in steps:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))  # a person reads before clicking
                    try:
                        await step(page, res, round_, timeout_ms)
                    except Exception as err:  # noqa: BLE001
                        res.failures.append(f"{step.__name__} round {round_}: {type(err).__name__}: "
                                            f"{str(err).splitlines()[0]}")
        finished.append(index)
        if len(finished) == total:
            done.set()
        # Hold the session open until everyone is done, so the peak has all sessions in it.
        try:
            await asyncio.wait_for(done.wait(), timeout=timeout_ms / 1000 * (rounds * len(steps) + 2))
        except asyncio.TimeoutError:
            res.failures.append("gave up waiting for the other sessions")
        res.connected_at_peak = await page.evaluate(
            "() => !!document.querySelector('[data-testid=\"stApp\"][data-test-connection-state=\"CONNECTED\"]')")
    finally:
        await page.close()
    return res


async def run_load(url: str, *, sessions: int = 30, browsers: int = 3, rounds: int = 2,
                   steps: tuple[Step, ...] = FULL_ROUND, server_pid: int | None = None,
                   ramp: float = 0.2, think: float = 1.0, settle: float = 20.0,
                   timeout_ms: float = 30_000, seed: int = 0, warmup: bool = True,
                   log: Callable[[str], None] = lambda s: None) -> LoadReport:
    """Drive ``sessions`` concurrent sessions against ``url``, spread over ``browsers`` Chromiums.

    ``ramp``: seconds between session starts (students do not click at the same millisecond);
    ``think``: mean pause before each interaction; ``settle``: seconds to wait after closing
    every session before the last memory reading.
    """
    _check_loopback(url)
    if sessions < 1 or browsers < 1 or rounds < 0:
        raise ValueError("need at least one session and one browser, and rounds >= 0")
    browsers = min(browsers, sessions)
    report = LoadReport(sessions, [])
    sampler = RssSampler(server_pid)
    wall = time.perf_counter()
    async with async_playwright() as pw:
        chromiums = [await pw.chromium.launch(executable_path=CHROMIUM, args=LOAD_ARGS, headless=True)
                     for _ in range(browsers)]
        contexts = [await b.new_context(viewport={"width": 1280, "height": 900}) for b in chromiums]
        try:
            if warmup:  # first visit imports numpy, plotly... into the server: not a per-session cost
                w = await run_session(contexts[0], url, -1, rounds=1, steps=steps, think=0, timeout_ms=60_000,
                                      rng=random.Random(seed), done=asyncio.Event(), finished=[], total=1)
                if w.failures:
                    log(f"warm-up session failed: {w.failures}")
                await asyncio.sleep(2)
            report.rss_kib["baseline"] = sampler.sample()
            sampler.peak = report.rss_kib["baseline"]
            log(f"baseline RSS {report.rss_kib['baseline'] / 1024:.0f} MiB; starting {sessions} sessions")
            sampler.start()
            done, finished = asyncio.Event(), []
            t0, cpu0, all0 = time.perf_counter(), cpu_seconds(server_pid) if server_pid else 0.0, cpu_seconds(os.getpid())

            async def start_later(i: int) -> SessionResult:
                await asyncio.sleep(i * ramp)
                return await run_session(contexts[i % browsers], url, i, rounds=rounds, steps=steps, think=think,
                                         timeout_ms=timeout_ms, rng=random.Random(seed * 1000 + i), done=done,
                                         finished=finished, total=sessions)

            outcomes = await asyncio.gather(*(start_later(i) for i in range(sessions)), return_exceptions=True)
            await sampler.stop()
            report.rss_kib["peak"] = sampler.peak
            report.load_wall = time.perf_counter() - t0
            report.server_cpu = (cpu_seconds(server_pid) - cpu0) if server_pid else 0.0
            # Browsers and the Playwright driver are this process's descendants, as is a server we started.
            mine = cpu_seconds(os.getpid()) - all0
            report.harness_cpu = mine - (report.server_cpu if server_pid in _children(os.getpid()) else 0.0)
            for i, out in enumerate(outcomes):
                if isinstance(out, BaseException):
                    out = SessionResult(i, failures=[f"session crashed: {type(out).__name__}: {out}"])
                report.results.append(out)
            if server_pid:
                log(f"all sessions closed; waiting {settle:g} s for the server to let them go")
                await asyncio.sleep(settle)
                report.rss_kib["after_close"] = rss_kib(server_pid)
                # Streamlit keeps a closed tab's session (for a reconnect) until its TTL has passed
                # *and* the session store is next touched: the next student's visit does that.
                probe = await new_session_page(contexts[0])
                await probe.goto(f"{url}/gaussians", timeout=timeout_ms)
                await _wait_idle(probe, timeout_ms)
                await probe.close()
                await asyncio.sleep(3)
                report.rss_kib["after_next_visit"] = rss_kib(server_pid)
        finally:
            for b in chromiums:
                await b.close()
    report.wall = time.perf_counter() - wall
    return report


def format_report(report: LoadReport, *, browsers: int, rounds: int) -> str:
    """The figures as a small Markdown table."""

    def ms(values: list[float], q: int) -> str:
        return f"{percentile(values, q) * 1000:.0f} ms" if values else "n/a"

    first, reruns, switches, server = (report.latencies(w) for w in
                                        ("first_render", "reruns", "page_switches", "server_runs"))
    n_interactions = len(reruns) + len(switches)
    rows = [
        ("sessions held (connected at the peak)", f"{report.held} / {report.sessions}"),
        ("browsers x pages", f"{browsers} x ~{-(-report.sessions // browsers)}; {rounds} round(s) each"),
        ("failed interactions", f"{len(report.failures)} (of {n_interactions} done)"),
        ("first render p50 / p95", f"{ms(first, 50)} / {ms(first, 95)}"),
        ("rerun p50 / p95 (n={})".format(len(reruns)), f"{ms(reruns, 50)} / {ms(reruns, 95)}"),
        ("page switch p50 / p95 (n={})".format(len(switches)), f"{ms(switches, 50)} / {ms(switches, 95)}"),
        ("rerun max", f"{max(reruns) * 1000:.0f} ms" if reruns else "n/a"),
        ("server script run p50 / p95 (n={}; request to finish, no drawing)".format(len(server)),
         f"{ms(server, 50)} / {ms(server, 95)}"),
    ]
    rss = report.rss_kib
    if "baseline" in rss and rss["baseline"]:
        per = (rss["peak"] - rss["baseline"]) / max(report.sessions, 1)
        rows += [
            ("server RSS baseline (after one warm-up session)", f"{rss['baseline'] / 1024:.0f} MiB"),
            ("server RSS peak", f"{rss['peak'] / 1024:.0f} MiB"),
            ("server RSS per session ((peak - baseline) / N)", f"{per / 1024:.2f} MiB"),
        ]
        if "after_close" in rss:
            rows.append(("server RSS after all sessions closed", f"{rss['after_close'] / 1024:.0f} MiB"))
        if "after_next_visit" in rss:
            rows.append(("server RSS after one more visit (expires closed sessions)",
                         f"{rss['after_next_visit'] / 1024:.0f} MiB"))
        cores = os.cpu_count() or 1
        rows.append(("CPU while sessions ran: server / browsers (+ driver)",
                     f"{report.server_cpu:.0f} s / {report.harness_cpu:.0f} s of {report.load_wall * cores:.0f} s "
                     f"({cores} cores x {report.load_wall:.0f} s)"))
    rows.append(("wall time", f"{report.wall:.0f} s"))
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"| {'-' * width} | ----- |"]
    lines += [f"| {k.ljust(width)} | {v} |" for k, v in rows]
    if report.failures:
        lines.append("\nFailures:")
        lines += [f"- {f}" for f in report.failures[:50]]
    return "\n".join(lines)

