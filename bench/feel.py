"""How the app feels in a browser: seconds from a click to the page drawn, on a warm server.

Run: ``python -m bench.feel [--rounds 5] [--baseline REF] [--only tabs]``. Starts ``streamlit run
app.py`` on 127.0.0.1 (and, with ``--baseline``, the app at commit REF beside it) and drives
Debian's Chromium through Playwright. After one unmeasured walk that warms the caches, each
round, per version:

- opens the topic page and switches to each of its tabs in turn (from the tab before it);
- walks each guide from its first step with Next to its last and back with Back, clicking on
  the way each other button of a step (Roll once, New documents, Draw again, a guess...); a
  button that leads to another step ("Guess on step 5") is timed, then the walk returns to its step.

A click is timed from Playwright's click to the end of the run it asked for (the server's
``script_finished`` on the page's websocket), then every element's code loaded (no grey skeleton
left) and every chart drawn (``wait_for_app``). Before the first click on a page, and after each
timed one, the bench waits until the browser's main thread is quiet (``wait_until_quiet``), as a
student reads before clicking: a click made at once would pay for the work before it.
It prints per interaction p50 and p95 over the rounds, and the p50 of the server's run alone
(the rest is the browser: drawing, loading a widget's code); with ``--baseline`` the rounds of the
two versions alternate, so both see the same load on a shared machine, and the last column is
the ratio of the p50s. Goals: any tab within 0.6 s, every click of the guides within 0.35 s
(p50 over its goal is marked).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.throughput import unpack
from harness.browser import CHROMIUM, CHROMIUM_ARGS, RunWatch, wait_for_app, wait_until_quiet
from harness.load_driver import percentile
from harness.servers import start_streamlit, stop

TAB_GOAL = 0.6
CLICK_GOAL = 0.35
GUIDES = ("guide_gaussians", "guide_topics")
#: Buttons clicked besides Back and Next on a guide's step, at most this many (a guess offers many).
OTHER_BUTTONS = 3
Times = dict[str, list[tuple[float, float]]]  # interaction -> (click to drawn, server run) per click


def timed_click(page: Page, watch: RunWatch, locator, timeout: float = 60.0) -> tuple[float, float]:
    """Click ``locator`` and wait until the run it asks for has finished and every chart is drawn:
    the seconds to that, and the seconds of the server's run alone (request to script_finished)."""
    mark = watch.seq
    start = time.perf_counter()
    locator.click()
    deadline = start + timeout
    while not watch.settled_since(mark):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"no finished run within {timeout:g} s of clicking {locator}")
        page.wait_for_timeout(5)  # lets Playwright deliver the websocket's frames
    wait_for_app(page, timeout * 1000)  # a cold browser's first chart loads plotly: this click's time
    took = time.perf_counter() - start
    wait_until_quiet(page)  # untimed: what the page still does once drawn is not charged to the next click
    return took, watch.run_times[-1]


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    # Until its code has loaded a button is a grey skeleton: the walk would find no button to click.
    wait_for_app(page, 60_000)
    # A student reads a page before the first click; a click at once would also pay for the page's
    # opening (see wait_until_quiet), charged to whichever tab or step came first.
    wait_until_quiet(page)


def topic_tabs(page: Page, watch: RunWatch, url: str, times: Times) -> None:
    open_page(page, f"{url}/topics")
    tabs = page.get_by_test_id("stMain").get_by_role("tab")
    tabs.last.wait_for(timeout=60_000)
    labels = [tabs.nth(i).inner_text().strip() for i in range(tabs.count())]
    for i in [*range(1, len(labels)), 0]:  # the page opens on the first tab: it is switched to last
        times[f"topics: tab {labels[i]}"].append(timed_click(page, watch, tabs.nth(i)))


def _step_button_keys(page: Page) -> list[str]:
    """The widget keys of the enabled buttons in the page's main area, in order."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
            '[data-testid="stMain"] [data-testid="stButton"] button:not([disabled])'))
        .map(b => { const el = b.closest('[class*="st-key-"]');
                    const cls = el ? Array.from(el.classList).find(c => c.startsWith('st-key-')) : null;
                    return cls ? cls.slice('st-key-'.length) : null; })
        .filter((k, i, all) => k && all.indexOf(k) === i)""")


def _button(page: Page, key: str):
    return page.locator(f'.st-key-{key} button[data-testid^="stBaseButton"]').first


def _step_on_page(page: Page) -> int:
    """The step the guide shows, read from its heading ("Step 3 of 9: ...")."""
    return int(page.get_by_text(re.compile(r"^Step \d+ of \d+")).first.inner_text().split()[1])


def _step_option(page: Page, step: int):
    """The step picker's button for ``step``."""
    return page.get_by_test_id("stButtonGroup").get_by_role("radio", name=str(step), exact=True).first


def guide_walk(page: Page, watch: RunWatch, url: str, guide: str, times: Times) -> None:
    open_page(page, f"{url}/{guide}")
    # Every step has Back or Next; on a fresh browser the buttons come a moment after the text (their
    # code loads lazily, with no skeleton in their place), and a walk that looked too early found none.
    page.locator('[data-testid="stMain"] [data-testid="stButton"] button').first.wait_for(timeout=60_000)
    step, nxt = 1, None
    while True:
        keys = _step_button_keys(page)
        nxt = next((k for k in keys if k.endswith("_next")), nxt)  # on the last step Next is disabled
        for key in [k for k in keys if not k.endswith(("_back", "_next"))][:OTHER_BUTTONS]:
            if _button(page, key).count() == 1 and _button(page, key).is_enabled():
                times[f"{guide} step {step}: {key}"].append(timed_click(page, watch, _button(page, key)))
                if _step_on_page(page) != step:  # a button that leads to another step ("Guess on step 5")
                    timed_click(page, watch, _step_option(page, step))  # back, untimed: the walk goes on
                    break
        if nxt is None or not _button(page, nxt).is_enabled():
            break
        times[f"{guide} step {step}: Next"].append(timed_click(page, watch, _button(page, nxt)))
        step += 1
    back = nxt.replace("_next", "_back") if nxt else None
    while step > 1 and back:
        times[f"{guide} step {step}: Back"].append(timed_click(page, watch, _button(page, back)))
        step -= 1


def one_round(browser, url: str, only: str, times: Times) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        watch = RunWatch(page)
        if only in ("", "tabs"):
            topic_tabs(page, watch, url, times)
        for guide in GUIDES:
            if only in ("", guide):
                guide_walk(page, watch, url, guide, times)
    finally:
        context.close()


def _goal(label: str) -> float:
    return TAB_GOAL if label.startswith("topics: tab") else CLICK_GOAL


def report(versions: list[tuple[str, Times]]) -> None:
    labels = list(dict.fromkeys(label for _, times in versions for label in times))
    head = "".join(f" | {name[:10]:>10s}: p50  p95 server" for name, _ in versions)
    print(f"{'interaction (seconds from click to drawn)':52s}{head}" + ("  now/old" if len(versions) > 1 else ""))
    for label in labels:
        row, p50s = f"{label[:52]:52s}", []
        for _, times in versions:
            total = [t for t, _ in times.get(label, [])]
            server = [s for _, s in times.get(label, [])]
            p50s.append(percentile(total, 50))
            row += (f" | {'':10s}  {p50s[-1]:4.2f} {percentile(total, 95):4.2f}  {percentile(server, 50):4.2f}"
                    if total else f" | {'':10s}     -    -     -")
        if len(versions) > 1 and all(p == p for p in p50s):
            row += f"  {p50s[-1] / p50s[0]:7.2f}"
        if p50s[-1] > _goal(label):
            row += f"  over {_goal(label):g} s"
        print(row, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="measured rounds per version (default 5)")
    ap.add_argument("--baseline", help="also measure the app at this git commit (or in this directory), "
                                       "rounds alternating")
    ap.add_argument("--only", default="", help="only 'tabs' (the topic page's), 'guide_gaussians' or 'guide_topics'")
    args = ap.parse_args(argv)
    if not 1 <= args.rounds <= 100:
        ap.error("keep to 1-100 rounds")
    with tempfile.TemporaryDirectory(prefix="mixgen-baseline-") as tmp:
        old = args.baseline and (Path(args.baseline) if Path(args.baseline).is_dir() else unpack(args.baseline, Path(tmp)))
        roots = [(Path(args.baseline).name if Path(args.baseline).is_dir() else args.baseline, old)] if old else []
        roots.append(("now", Path(__file__).resolve().parents[1]))
        servers = [start_streamlit("app.py", root=root) for _, root in roots]
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for _, url in servers:  # warm: the first visit of each page fills the caches
                    one_round(browser, url, args.only, defaultdict(list))
                results: list[Times] = [defaultdict(list) for _ in roots]
                for _ in range(args.rounds):
                    for (_, url), times in zip(servers, results):
                        one_round(browser, url, args.only, times)
                browser.close()
        finally:
            for proc, _ in servers:
                stop(proc)
    print(f"{os.cpu_count()} cores; Chromium, warm server; {args.rounds} rounds per version\n")
    report([(name, times) for (name, _), times in zip(roots, results)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
