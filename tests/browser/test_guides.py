"""The "Follow the worksheet" guides in a real browser: keyboard only, a phone-sized screen, links to a step."""

import pytest
from playwright.sync_api import expect

from harness.browser import interact, screenshot, start_app, wait_for_app, watched_page
from harness.servers import stop
from tests.browser.screens import PHONE, assert_fits

pytestmark = pytest.mark.browser

#: The guides' url paths in app.py: their file names (see mixgen_streamlit/guide.py for why).
GAUSSIAN_GUIDE = "guide_gaussians"
TOPIC_GUIDE = "guide_topics"


def expect_step(page, text: str) -> None:
    """Wait (a first visit may rerun once through the router) until the step heading reads ``text``."""
    expect(page.locator("h3").first).to_have_text(text, timeout=30_000)


def tab_to(page, text: str, limit: int = 80) -> None:
    """Press Tab until a button whose text contains ``text`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(t) => document.activeElement.tagName === 'BUTTON' "
                         "&& document.activeElement.innerText.includes(t)", text):
            return
    raise AssertionError(f"Tab never reached a button labelled {text!r}")


def test_gaussian_guide_with_the_keyboard(page, app_url, dialogs):
    page.goto(f"{app_url}/{GAUSSIAN_GUIDE}")
    wait_for_app(page)
    expect_step(page, "Step 1 of 5: Draw the points")
    expect(page.get_by_text("cov3 = ((1, 0), (0, 0.1))")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "guide_gaussians_1")
    tab_to(page, "Next")
    interact(page, lambda: page.keyboard.press("Enter"))
    expect_step(page, "Step 2 of 5: Colour them by source")
    assert "gg_step=2" in page.url
    # The step picker is a radio group: arrows move, Enter picks.
    page.get_by_role("radio", name="2", exact=True).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    interact(page, lambda: page.keyboard.press("Enter"))
    expect_step(page, "Step 4 of 5: The question")
    tab_to(page, "Check my guess")  # an empty guess may be checked too: it scores zero
    interact(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("You have not put any point in a group yet")).to_be_visible()
    assert page.get_by_text("Mostly, yes").count() == 0  # an empty guess is never told it did well
    screenshot(page, "guide_gaussians_4_checked")
    tab_to(page, "Next")
    interact(page, lambda: page.keyboard.press("Enter"))
    expect_step(page, "Step 5 of 5: Reason back")
    expect(page.get_by_role("link", name="Explore more on the full Gaussian page")).to_be_visible()
    screenshot(page, "guide_gaussians_5")
    assert not dialogs


def test_topic_guide_link_to_a_step_on_a_phone(browser, app_url):
    context = browser.new_context(viewport=PHONE)
    page = watched_page(context)
    try:
        page.goto(f"{app_url}/{TOPIC_GUIDE}?gt_step=5")
        wait_for_app(page)
        expect_step(page, "Step 5 of 9: The question")
        assert page.get_by_text("Page not found").count() == 0
        word_1 = page.get_by_role("radiogroup", name="Topic of word 1,")
        interact(page, lambda: word_1.get_by_role("radio", name="1", exact=True).click())
        interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
        expect(page.get_by_text("are on more than one die")).to_be_visible()
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= PHONE["width"]
        back, nxt = page.get_by_role("button", name="Back"), page.get_by_role("button", name="Next")
        assert abs(back.bounding_box()["y"] - nxt.bounding_box()["y"]) < 2  # side by side
        screenshot(page, "guide_topics_5_phone")
        interact(page, lambda: nxt.click())
        expect_step(page, "Step 6 of 9: Reason back")
        assert "gt_step=6" in page.url
        expect(page.get_by_text("8/15")).to_be_visible()
        expect(page.get_by_role("table")).to_contain_text("Lord of the Rings")  # each word's chances
        assert_fits(page, "guide_topics_6")
        screenshot(page, "guide_topics_6_phone")
        for number, title in ((7, "Find the topics"), (8, "The worksheet's coin"), (9, "Your guess and the sampler")):
            interact(page, lambda: nxt.click())
            expect_step(page, f"Step {number} of 9: {title}")
        # The guess made on step 5 (word 1 as topic 1) meets what the sampler learned.
        expect(page.get_by_text("You answered 1 of the 20 words")).to_be_visible()
        screenshot(page, "guide_topics_9_after_a_guess_phone")
    finally:
        context.close()



def test_first_visit_after_a_restart_opens_the_linked_step(page):
    """A teacher's link is often the first request a (re)started server gets: no "Page not found" box."""
    proc, url = start_app()
    try:
        page.goto(f"{url}/{GAUSSIAN_GUIDE}?gg_step=3")
        wait_for_app(page)
        expect_step(page, "Step 3 of 5: All in one colour")
        assert page.get_by_text("Page not found").count() == 0
    finally:
        stop(proc)
