"""In a real browser, with Community Cloud's error setting, a page's fault shows the short
message and no trace, and the visitor goes on to another page."""

from __future__ import annotations

import os

import pytest

from mixgen_ui.fault_text import FAULT_MESSAGE
from harness.browser import SCREENSHOTS, start_app, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cloud_app_url():
    """An app server as Community Cloud runs it (``client.showErrorDetails=false``), faults caught
    as in production, plus the tests' page that fails at its top level."""
    saved = dict(os.environ)
    os.environ.pop("MIXGEN_RAISE_FAULTS", None)
    os.environ.update(MIXGEN_FAULT_PAGE="1", STREAMLIT_CLIENT_SHOW_ERROR_DETAILS="false")
    try:
        proc, url = start_app()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_a_fault_shows_the_message_and_no_trace(cloud_app_url, page):
    page.goto(cloud_app_url)  # a fresh server knows the pages once the router has run
    wait_for_app(page)
    page.goto(f"{cloud_app_url}/fault_for_tests")
    wait_for_app(page)
    page.get_by_text(FAULT_MESSAGE).wait_for()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "fault_message.png"))
    body = page.locator("body").inner_text()
    for trace_text in ("Traceback", "RuntimeError", "fault_page.py", "a fault injected", 'File "'):
        assert trace_text not in body
    assert page.get_by_test_id("stException").count() == 0
    # Another page from the menu works.
    page.get_by_test_id("stSidebarNav").get_by_text("Topic documents").click()
    page.wait_for_url("**/topics")
    page.get_by_test_id("stPlotlyChart").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert FAULT_MESSAGE not in page.locator("body").inner_text()
