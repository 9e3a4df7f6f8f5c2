"""How many topics and words by relevance in a real browser: own text at desktop width and on a phone."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from mixgen_ui.topic_settings import OWN_TEXT, TABS
from tests.browser.screens import PHONE, assert_fits
from harness.browser import interact, open_expander, screenshot, wait_for_app, watched_page

pytestmark = pytest.mark.browser

TEXT = "\n\n".join([
    "The garden needs water and sun; the garden roses and tulips grow in spring sun and water.",
    "The engine burns fuel; the engine pistons and gears turn while fuel and oil flow through the engine.",
    "Roses, tulips and garden soil: water the garden in spring, give the roses sun.",
    "Gears, pistons, oil and fuel: the engine turns the gears, the pistons need oil.",
] * 3)
URL = f"/topics?{urlencode({'t_tab': TABS[5], 't_corpus': OWN_TEXT})}"


def paste_and_read(page, app_url, name: str) -> None:
    page.goto(app_url + URL)
    wait_for_app(page, timeout=90_000)
    box = page.get_by_role("textbox", name="Your text")
    box.fill(TEXT)
    interact(page, lambda: box.press("Control+Enter"), timeout=90_000)
    expect(page.get_by_text("Each topic's top words", exact=True)).to_be_visible(timeout=90_000)
    open_expander(page, "How many topics? A suggestion")
    expect(page.get_by_text("The words support")).to_be_visible(timeout=90_000)
    expect(page.get_by_text("is at this suggestion")).to_be_visible()
    shaky = page.get_by_text("A shaky suggestion")  # twelve documents: five held out
    expect(shaky).to_be_visible()
    expect(page.get_by_text("only 5 documents were held out")).to_be_visible()
    shaky.scroll_into_view_if_needed()
    screenshot(page, f"{name}_shaky")
    slider = page.get_by_role("slider", name="Rank each topic's words by")
    expect(slider).to_be_visible()
    slider.focus()
    interact(page, lambda: page.keyboard.press("End"))  # 1: frequent in this topic, by keyboard
    expect(page.get_by_text("1: frequent in this topic").first).to_be_visible()
    open_expander(page, "Topic 1: its top documents")
    screenshot(page, name)


def test_own_text_suggestion_and_relevance_desktop(page, app_url, dialogs):
    paste_and_read(page, app_url, "topics_reading_desktop")
    assert not dialogs


def test_own_text_suggestion_and_relevance_phone(browser, app_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = watched_page(context)
    try:
        paste_and_read(phone, app_url, "topics_reading_phone")
        assert_fits(phone, "topics, how many topics and relevance")
    finally:
        context.close()
