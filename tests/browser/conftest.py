"""Fixtures of the browser tests: one live app and one Chromium per test session, a fresh page per test."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.live_app import CHROMIUM, CHROMIUM_ARGS, start_app, watched_page


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
    pg = watched_page(context)
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
