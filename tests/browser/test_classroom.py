"""A class round in Chromium: the teacher makes a challenge and starts a round, the board is
projected (1920 px), three students join on phones (390 px), check their guesses, and the board
updates on its own (its fragment refreshes every few seconds) with their answers, nicknames
shown literally. Screenshots: the board projected and a student's phone."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import _axe_source, serious_violations
from tests.browser.screens import assert_fits
from harness.browser import interact, screenshot, wait_for_app, watched_page

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
NICKNAMES = ["Ada", "<i>Zoë</i> \u202eRTL", "'; DROP TABLE x; --"]


def code_blocks(page) -> list[str]:
    return [c.inner_text().strip() for c in page.locator('[data-testid="stCode"]').all()]


def see_groups(phone, k: int) -> None:
    """Type how many Gaussians you see (a challenge's guess starts there); the check button follows."""
    box = phone.get_by_role("spinbutton", name="How many Gaussians do you see?")
    box.wait_for(timeout=60_000)
    box.fill(str(k))
    interact(phone, lambda: box.press("Enter"))
    phone.get_by_role("button", name="Check my guess").wait_for(timeout=60_000)


def answered_on_board(board) -> str:
    return board.locator('[role="status"]').first.inner_text()


def test_teacher_board_updates_as_three_students_answer(browser, app_url):
    teacher_ctx = browser.new_context(viewport=PROJECTOR)
    teacher = watched_page(teacher_ctx)
    teacher.goto(f"{app_url}/gaussians?g_seed=3")
    wait_for_app(teacher)
    interact(teacher, lambda: teacher.get_by_text("Make this a challenge", exact=True).click())
    assert teacher.get_by_text("Bayes' rule puts", exact=False).count() >= 1
    interact(teacher, lambda: teacher.get_by_role("button", name="Start a class round").click())
    screenshot(teacher, "class_teacher_round_1920")
    links = code_blocks(teacher)
    join = next(link for link in links if "/join?code=" in link)
    board_link = next(link for link in links if "/board?code=" in link)
    code = join.rsplit("=", 1)[-1]
    assert join.startswith(app_url) and board_link.startswith(app_url)

    board = watched_page(teacher_ctx)
    board.goto(board_link)
    board.wait_for_selector('[role="status"]', timeout=60_000)
    assert board.get_by_text(code, exact=True).count() >= 1
    assert "0\njoined" in answered_on_board(board).replace("\n\n", "\n")

    phones = []
    for nick in NICKNAMES:
        ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        phone = watched_page(ctx)
        phones.append((ctx, phone))
        phone.goto(join)
        wait_for_app(phone)
        if nick == NICKNAMES[0]:
            screenshot(phone, "class_join_phone_390")
            assert_fits(phone, "join")
            assert not (found := serious_violations(phone, _axe_source())), "\n".join(found)
        phone.get_by_role("textbox", name="Nickname (optional)").fill(nick)
        interact(phone, lambda: phone.get_by_role("button", name="Join").click())
        see_groups(phone, 3)
        interact(phone, lambda: phone.get_by_role("button", name="Check my guess").click())
        phone.get_by_text("Sent to the class board", exact=False).wait_for(timeout=60_000)
        assert f"round={code}" in phone.url and "student=" in phone.url  # the membership rides in the URL
    # A reload (a new session): the URL keeps the student in the round, and their check replaces their row.
    first = phones[0][1]
    first.reload()
    wait_for_app(first)
    see_groups(first, 2)
    first.get_by_text(f"Class round {code}", exact=False).wait_for(timeout=60_000)
    interact(first, lambda: first.get_by_role("button", name="Check my guess").click())
    first.get_by_text("Sent to the class board", exact=False).wait_for(timeout=60_000)
    screenshot(phones[1][1], "class_student_phone_390")
    assert_fits(phones[1][1], "student after the check")

    # The board updates on its own (no reload): three answered, nicknames shown as typed. Two of its
    # refreshes (every 3 s) pass first, so it shows the store after the reloaded student's check.
    board.wait_for_timeout(7_000)
    board.wait_for_function(
        """() => { const s = document.querySelector('[role="status"]');
                   return s && /3\\s*answered/.test(s.innerText); }""", timeout=60_000)
    assert "3\njoined" in answered_on_board(board).replace("\n\n", "\n")  # the reload added no row
    items = board.locator("ol li").all_inner_texts()
    assert len(items) == 3
    for nick in NICKNAMES:
        assert any(nick in item for item in items), (nick, items)
    assert board.locator("ol li i").count() == 0  # markup in a nickname is text, never markup
    board.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    screenshot(board, "class_board_1920")
    assert not (found := serious_violations(board, _axe_source())), "\n".join(found)

    for ctx, _ in phones:
        ctx.close()
    teacher_ctx.close()


def test_a_harder_start_button_applies_its_preset_to_the_sidebar(page, app_url):
    """The builder sits in the points' fragment; its preset buttons rerun the whole app, so the
    sidebar's settings, the points and the link to send all follow the preset."""
    page.goto(f"{app_url}/gaussians")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    slider = sidebar.locator('input[type="range"][aria-label="Number of Gaussians"]')
    assert slider.input_value() == "3"
    interact(page, lambda: page.get_by_text("Make this a challenge", exact=True).click())
    interact(page, lambda: page.get_by_role("button", name="Touching clouds").click())
    page.wait_for_function(
        """() => { const s = document.querySelector(
                       '[data-testid="stSidebar"] input[type="range"][aria-label="Number of Gaussians"]');
                   return s && s.value === '2'; }""", timeout=30_000)
    wait_for_app(page)
    expanders = sidebar.locator('[data-testid="stExpander"] summary').all_inner_texts()
    assert [e.split()[-2:] for e in expanders if "Gaussian" in e] == [["Gaussian", "1"], ["Gaussian", "2"]], expanders
    # Gaussian 1 of "Touching clouds" in the sidebar's boxes: mean x, variance x, mean y, variance y,
    # correlation, points (a tall leaning cloud of 70).
    values = sidebar.locator('[data-testid="stExpander"]').first.locator("input").evaluate_all(
        "els => els.map(e => e.value)")
    assert [float(v) for v in values] == [0.0, 0.3, 0.0, 2.0, 0.6, 70.0], values
    assert page.get_by_test_id("stMetric").filter(has_text="Points").inner_text().split()[-1] == "140"
    link = next(c for c in code_blocks(page) if "_challenge=true" in c)
    assert "g_k=2" in link and "g_1_mx=1.8" in link, link
    screenshot(page, "class_builder_harder_start_desktop")
