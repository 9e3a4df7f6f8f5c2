"""Fixtures of the browser tests: one live app and one Chromium per test session, a fresh page per test."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, sync_playwright

from harness.browser import CHROMIUM, CHROMIUM_ARGS, start_app, watched_page
from harness.servers import stop
from tests.browser.screens import SCREENS


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_app()
    yield url
    stop(proc)


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
    context = browser.new_context(**SCREENS["desktop"])
    pg = watched_page(context)
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


@pytest.fixture
def phone(browser) -> Page:
    """A fresh page on a phone's screen."""
    context = browser.new_context(**SCREENS["phone"])
    yield watched_page(context)
    context.close()


@pytest.fixture(params=list(SCREENS))
def sized_page(request, browser):
    """A fresh page on each screen in turn: ``(page, "desktop" or "phone")``."""
    context = browser.new_context(**SCREENS[request.param])
    yield watched_page(context), request.param
    context.close()
