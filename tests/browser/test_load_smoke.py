"""A small always-on version of ``bench/load_test.py``: three students at once, one rerun each."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness.load_driver import run_load, step_colour, step_topics

pytestmark = pytest.mark.browser


def test_three_concurrent_sessions_render_and_rerun(app_url):
    # Run the async driver on its own thread: the session's sync Playwright owns this one.
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(asyncio.run, run_load(
            app_url, sessions=3, browsers=1, rounds=1, steps=(step_colour,), ramp=0.3, think=0.2,
            warmup=False, timeout_ms=30_000)).result(timeout=180)
    assert not report.failures, report.failures
    assert report.held == 3
    assert all(r.chart_rendered for r in report.results)
    assert all(len(r.reruns) == 1 for r in report.results)  # each toggle redrew the chart


def test_one_session_switches_to_topics_and_back(app_url):
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(asyncio.run, run_load(
            app_url, sessions=1, browsers=1, rounds=1, steps=(step_topics,), think=0, warmup=False,
            timeout_ms=30_000)).result(timeout=120)
    assert not report.failures, report.failures
    (res,) = report.results
    assert len(res.page_switches) == 2 and len(res.reruns) == 1
