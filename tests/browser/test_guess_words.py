"""Guess each word's topic, then check, in a real browser: tapping on a phone, the keyboard alone, axe-core,
and screenshots of a guess before and after the check."""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import pytest
from playwright.sync_api import expect

from harness.browser import interact, screenshot, wait_for_app, watched_page
from mixgen_core import sample_documents, worksheet_topics
from tests.browser.test_accessibility import axe_source, serious_violations  # noqa: F401 (a fixture)
from tests.browser.screens import SCREENS, assert_fits

pytestmark = pytest.mark.browser

GUESSING = "/topics?" + urlencode({"t_tab": "3 · Mixed documents", "t_colour": "false", "t_guess": "true"})
TRUTH = sample_documents(worksheet_topics(), 3, 20, topic_weights=[1.0, 1.0], rng=np.random.default_rng(0))[0].topics
OPTIONS = ("1", "2", "not sure")


def open_guessing(page, url: str) -> None:
    page.goto(url + GUESSING)
    wait_for_app(page)
    page.get_by_role("radiogroup", name="Topic of word 1,").wait_for()


def option(page, i: int, label: str):
    """Word ``i``'s (0-based) answer ``label`` ("1", "2", "not sure")."""
    group = page.get_by_role("radiogroup", name=f"Topic of word {i + 1},", exact=False).first
    return group.get_by_role("radio", name=label, exact=True)


def your_score(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text="Your guess")
    return metric.get_by_test_id("stMetricValue").inner_text()


def expected(guesses: dict[int, int]) -> str:
    right = sum(TRUTH[i] == t for i, t in guesses.items())
    return f"{right / len(TRUTH):.0%}"


def test_tap_a_guess_on_a_phone(phone, app_url):
    open_guessing(phone, app_url)
    assert_fits(phone, "guessing")
    guesses = {i: (0 if i % 3 else 1) for i in range(8)}
    for i, t in guesses.items():
        target = option(phone, i, OPTIONS[t])
        target.scroll_into_view_if_needed()
        interact(phone, lambda: target.tap())
        assert target.get_attribute("aria-checked") == "true"
    target = option(phone, 8, "not sure")
    target.scroll_into_view_if_needed()
    interact(phone, lambda: target.tap())
    guesses[8] = -1
    # Two controls side by side on a 390 px phone.
    first, second = (option(phone, i, "1").bounding_box() for i in (0, 1))
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
    assert_fits(phone, "guessing, answered")
    screenshot(phone, "guess_words_phone_before")
    check = phone.get_by_role("button", name="Check my guess")
    check.scroll_into_view_if_needed()
    interact(phone, lambda: check.tap())
    assert your_score(phone) == expected(guesses)
    assert_fits(phone, "guess checked")
    screenshot(phone, "guess_words_phone_after")


def _focused(page) -> tuple[str, str]:
    """The focused control: its group's label and its own text."""
    return tuple(page.evaluate("""() => { const a = document.activeElement;
        const g = a && a.closest('[role=radiogroup]');
        return [g ? g.getAttribute('aria-label') : '', a ? a.innerText.trim() : '']; }"""))


def _tab_to(page, group: str, limit: int = 200, back: bool = False) -> None:
    """Press Tab (Shift+Tab with ``back``) until a control of the group labelled ``group...`` has the focus."""
    for _ in range(limit):
        if _focused(page)[0].startswith(group):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached {group!r}")


def _answer(page, text: str) -> None:
    """In the focused word's control, move with the arrow keys to ``text`` and press Space."""
    for _ in range(len(OPTIONS)):
        if _focused(page)[1] == text:
            break
        page.keyboard.press("ArrowRight")
    assert _focused(page)[1] == text
    interact(page, lambda: page.keyboard.press("Space"))


def test_the_whole_guess_with_the_keyboard_alone(page, app_url):
    """One Tab stop per word; the arrow keys move between its answers, Space picks one."""
    open_guessing(page, app_url)
    guesses = {i: int(TRUTH[i]) if i % 4 else 1 - int(TRUTH[i]) for i in range(20)}
    guesses[7] = -1
    for i, t in guesses.items():
        _tab_to(page, f"Topic of word {i + 1},")
        _answer(page, OPTIONS[t])
        assert option(page, i, OPTIONS[t]).get_attribute("aria-checked") == "true"
    # Change one answer: Shift+Tab back to word 19, move to its other topic.
    _tab_to(page, "Topic of word 19,", back=True)
    assert _focused(page)[1] == OPTIONS[guesses[18]]  # the focus lands on the answer given
    guesses[18] = 1 - guesses[18]
    page.keyboard.press("Home")
    _answer(page, OPTIONS[guesses[18]])
    for _ in range(20):
        if page.evaluate("() => document.activeElement.innerText.trim()").endswith("Check my guess"):
            break
        page.keyboard.press("Tab")
    interact(page, lambda: page.keyboard.press("Enter"))
    assert your_score(page) == expected(guesses)
    screenshot(page, "guess_words_keyboard_after")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_guessing_has_no_serious_accessibility_violation(browser, app_url, axe_source, theme):  # noqa: F811
    context = browser.new_context(**SCREENS["desktop"], color_scheme=theme)
    page = watched_page(context)
    try:
        open_guessing(page, app_url)
        for i in range(3):
            interact(page, lambda: option(page, i, OPTIONS[i]).click())
        page.mouse.move(1, 1)  # measure the page at rest, not a hovered button
        page.wait_for_timeout(300)
        found = serious_violations(page, axe_source)
        screenshot(page, f"guess_words_desktop_before_{theme}")
        interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
        page.mouse.move(1, 1)
        page.wait_for_timeout(300)
        found += serious_violations(page, axe_source)
        screenshot(page, f"guess_words_desktop_after_{theme}")
        assert not found, "\n".join(found)
    finally:
        context.close()


def test_a_challenge_link(page, app_url):
    page.goto(app_url + "/topics?t_challenge=true")
    wait_for_app(page)
    assert page.get_by_role("tab", name="3 · Mixed documents", selected=True).is_visible()
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("the settings are hidden until you check your guess").is_visible()
    assert sidebar.get_by_label("words", exact=True).count() == 0
    page.get_by_role("radiogroup", name="Topic of word 20,").wait_for()
    screenshot(page, "guess_words_challenge_before")
    interact(page, lambda: option(page, 0, "2").click())
    interact(page, lambda: page.get_by_role("button", name="Check my guess").click())
    assert your_score(page) == expected({0: 1})
    # The revealed settings: each topic's words box.
    expect(sidebar.get_by_label("words", exact=True)).to_have_count(2)
    screenshot(page, "guess_words_challenge_after")


def test_the_guides_step_5_on_a_phone(phone, app_url):
    """The guide's "The question": guess each word, check, then on to step 6 (replaces the Yes/No reveal)."""
    phone.goto(f"{app_url}/guide_topics?gt_step=5")
    wait_for_app(phone)
    phone.get_by_role("radiogroup", name="Topic of word 1,").wait_for()
    for i in range(4):
        target = option(phone, i, OPTIONS[i % 2])
        target.scroll_into_view_if_needed()
        interact(phone, lambda: target.tap())
    check = phone.get_by_role("button", name="Check my guess")
    check.scroll_into_view_if_needed()
    interact(phone, lambda: check.tap())
    assert phone.get_by_text("are on more than one die").is_visible()
    assert your_score(phone).endswith("%")
    assert_fits(phone, "guide step 5, checked")
    screenshot(phone, "guess_words_guide_phone_after")
    nxt = phone.get_by_role("button", name="Next")
    interact(phone, lambda: nxt.tap())
    assert "gt_step=6" in phone.url
