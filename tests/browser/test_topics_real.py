"""The student's own text in a real browser: .txt files uploaded with Playwright, topics learned,
every word (the hostile ones too) shown literally in the coloured paragraphs."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from harness.browser import interact, screenshot, wait_for_app
from mixgen_ui.topic_settings import OWN_TEXT, TABS
from tests import ROOT
from tests.payloads import HOSTILE

pytestmark = pytest.mark.browser

PARAGRAPHS = [
    "The orc army marched on the tower, drums beating, rings of battle around the dark tower.",
    "Cake and balloons at the party: the children jump and run, happy birthday songs and pizza.",
    "Drums, battle and the tower: the orc captain shouts, the army of orcs marches to battle.",
    "Birthday cake, balloons, pizza: every child at the party is happy and the children jump.",
]


def test_upload_text_files_and_learn_their_topics(page, app_url, dialogs, tmp_path):
    files = []
    for i, text in enumerate(PARAGRAPHS):
        path = tmp_path / f"doc{i}.txt"
        extra = f" {HOSTILE[i]} {HOSTILE[i]} " if i < len(HOSTILE) else ""
        path.write_text(text + extra + text, encoding="utf-8")
        files.append(str(path))
    page.goto(f"{app_url}/topics?{urlencode({'t_tab': TABS[5], 't_corpus': OWN_TEXT})}")
    wait_for_app(page, timeout=90_000)
    interact(page, lambda: page.locator("input[type=file]").set_input_files(files), timeout=90_000)
    wait_for_app(page, timeout=90_000)
    expect(page.get_by_text("Each topic's top words", exact=True)).to_be_visible(timeout=90_000)
    panel = page.get_by_role("tabpanel", name=TABS[5])
    for name in ("doc0.txt", "doc3.txt"):  # one document per file, labelled by its (escaped) name
        expect(panel.get_by_text(name).last).to_be_visible()  # (the first may sit in a folded "top documents")
    for hostile in HOSTILE[:4]:
        assert panel.get_by_text(hostile).count() >= 1, hostile  # shown as text, never as markup
    assert page.locator("img[src=x]").count() == 0 and not dialogs
    screenshot(page, "topics_own_text_upload")
    assert (ROOT / "screenshots" / "topics_own_text_upload.png").exists()
