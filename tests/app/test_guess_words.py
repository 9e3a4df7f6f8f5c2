"""AppTest: guess each word's topic, then check (topic page tab 3, the guide's step 5, a challenge link)."""

from __future__ import annotations

from html import escape

import numpy as np
import pytest

from mixgen_core import sample_documents, word_posteriors, worksheet_topics
from mixgen_ui.guess_words import GUESS_WORDS, NOT_SURE
from mixgen_ui.topic_settings import TABS
from tests.app.helpers import by_key, click, documents, heading, html_blocks, metric, open_link, open_page, words_of
from tests.payloads import HOSTILE

MIXED = TABS[2]
TOPICS = worksheet_topics()


def page_docs(seed=0, n_docs=3, n_words=20):
    """The documents the topic page rolls with the worksheet's topics and a fair coin."""
    return sample_documents(TOPICS, n_docs, n_words, topic_weights=[1.0, 1.0], rng=np.random.default_rng(seed))


def guessing_page(**state):
    at = open_page("topics", t_tab=MIXED, **state)
    by_key(at.toggle, "t_colour").set_value(False).run()
    by_key(at.toggle, "t_guess").set_value(True).run()
    assert not at.exception and not at.error
    return at


def guess(at, i: int, topic: int):
    at.segmented_control(key=f"t_gw_{i}").set_value(topic).run()
    assert not at.exception, at.exception
    return at


def test_guessing_is_off_by_default_and_needs_the_colours_off():
    at = open_page("topics", t_tab=MIXED)
    assert not at.segmented_control and not any(t.key == "t_guess" for t in at.toggle)
    by_key(at.toggle, "t_colour").set_value(False).run()
    assert not by_key(at.toggle, "t_guess").value and not at.segmented_control


def test_guess_change_check_and_the_scores():
    at = guessing_page()
    doc = page_docs()[0]
    truth = doc.topics
    assert len(at.segmented_control) == 20
    assert at.button(key="t_gw_check").proto.disabled  # nothing answered yet
    (shown,) = documents(at)
    assert words_of(shown) == list(doc.words) and "vertical-align:super" not in shown
    guesses: list = [None] * 20
    for i in range(12):
        guesses[i] = 0
        guess(at, i, 0)
    guesses[3] = 1 - truth[3]  # change one: now surely wrong
    guess(at, 3, guesses[3])
    guesses[4] = int(truth[4])  # change another: now surely right
    guess(at, 4, guesses[4])
    guesses[12] = NOT_SURE
    guess(at, 12, NOT_SURE)
    # The document above the controls shows the guesses so far: 12 words numbered, the rest plain.
    (shown,) = documents(at)
    assert shown.count("vertical-align:super") == 12
    assert not at.button(key="t_gw_check").proto.disabled
    click(at, "t_gw_check")
    right = sum(g == t for g, t in zip(guesses, truth))
    assert metric(at, "Your guess") == f"{right / 20:.0%}"
    assert any(c.value.startswith(f"{right} of 20 words right (1 not sure, 7 unanswered)") for c in at.caption)
    bayes = np.argmax(word_posteriors(TOPICS, doc.words), axis=1)
    assert metric(at, "Bayes' rule") == f"{np.mean(bayes == truth):.0%}"
    # Revealed: the truth in colour, a cross on each word given the wrong topic, no controls left.
    (revealed,) = documents(at)
    assert words_of(revealed) == list(doc.words)
    wrong = sum(g is not None and g >= 0 and g != t for g, t in zip(guesses, truth))
    assert revealed.count("vertical-align:super") == 20 + wrong and revealed.count("✗") == wrong
    assert not at.segmented_control
    shared_here = [w for w in dict.fromkeys(doc.words) if w in ("merry", "run")]
    table = [b for b in html_blocks(at) if "<table" in b]
    assert bool(table) == bool(shared_here)
    for w in shared_here:
        assert f"<bdi>{w}</bdi>" in table[0] and "0.533" in table[0]
    # Guess again: the answers are kept, the answer hidden.
    click(at, "t_gw_again")
    assert at.segmented_control(key="t_gw_3").value == guesses[3]
    assert not at.metric


def test_guesses_reset_for_another_document_or_seed():
    at = guessing_page()
    guess(at, 0, 1)
    at.selectbox(key="t_doc").select("Document 2").run()
    assert at.segmented_control(key="t_gw_0").value is None
    assert words_of(documents(at)[0]) == list(page_docs()[1].words)
    guess(at, 0, 1)
    next(b for b in at.button if b.label == "New documents").click().run()
    assert at.segmented_control(key="t_gw_0").value is None


def test_long_documents_ask_only_the_first_words():
    at = guessing_page(t_nwords=200.0)
    assert len(at.segmented_control) == GUESS_WORDS
    assert any(f"first {GUESS_WORDS} of this document's 200 words" in c.value for c in at.caption)


def test_the_guides_step_5_is_a_guess_then_check(open_guide):  # noqa: F811
    at = open_guide("guide_topics", gt_step="5")
    assert heading(at) == "Step 5 of 9: The question"
    (mixed,) = sample_documents(TOPICS, 1, 20, rng=np.random.default_rng([0, 4]))
    (shown,) = documents(at)
    assert words_of(shown) == list(mixed.words) and "vertical-align:super" not in shown
    assert len(at.segmented_control) == 1 + 20  # the step picker and one control per word
    for i in range(20):
        at.segmented_control(key=f"gt_gw_{i}").set_value(1).run()
    click(at, "gt_gw_check")
    right = int(np.sum(mixed.topics == 1))
    assert metric(at, "Your guess") == f"{right / 20:.0%}"
    assert metric(at, "Bayes' rule")
    (revealed,) = documents(at)
    assert "vertical-align:super" in revealed and revealed.count("✗") == 20 - right
    assert '"merry"' in at.info[-1].value
    click(at, "gt_next")
    click(at, "gt_back")
    assert metric(at, "Your guess") == f"{right / 20:.0%}"  # still checked after a step away
    click(at, "gt_gw_again")
    assert at.segmented_control(key="gt_gw_0").value == 1


def test_a_challenge_link_hides_the_settings_until_the_check():
    at = open_link("topics", t_challenge="true", t_seed="5", t_1_name="the rings")
    assert not at.exception and not at.error and not at.warning
    assert at.session_state["t_tab"] == MIXED
    assert not at.sidebar.text_area and not at.sidebar.text_input and not at.sidebar.number_input
    assert any("settings are hidden until you check your guess" in c.value for c in at.sidebar.caption)
    assert not at.toggle or not any(t.key in ("t_colour", "t_guess") for t in at.toggle)
    assert not at.get("popover")  # no link that would carry the words
    assert any("the rings" in b for b in html_blocks(at))  # the link's settings are used
    doc = page_docs(seed=5)[0]
    assert words_of(documents(at)[0]) == list(doc.words)
    guess(at, 0, 0)
    click(at, "t_gw_check")
    assert metric(at, "Your guess") == ("5%" if doc.topics[0] == 0 else "0%")
    assert by_key(at.text_area, "t_0_words").value.startswith("balloon")  # the settings are shown now
    assert by_key(at.number_input, "t_seed").value == 5
    assert by_key(at.text_input, "t_1_name").value == "the rings"
    assert metric(at, "Your guess")  # the same document: still checked


def test_other_tabs_wait_during_a_challenge():
    at = open_link("topics", t_challenge="true", t_tab=TABS[4])
    assert not at.exception
    assert at.info and "check your guess on tab 3 first" in at.info[0].value
    assert not at.dataframe


@pytest.mark.parametrize("key", ["t_challenge", "t_guess"])
@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "yes", "[x](javascript:alert(1))", ""])
def test_hostile_flags_give_a_notice(key, value):
    at = open_link("topics", **{key: value, "t_tab": MIXED})
    assert not at.exception
    if value:
        assert at.warning and key.replace("_", "\\_") in at.warning[0].value
    assert not at.segmented_control  # not switched on
    assert any(t.key == "t_colour" for t in at.toggle)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_words_stay_literal_when_guessing(payload):
    at = guessing_page(t_0_words=f"{payload}, cake", t_0_name=payload)
    for i in range(20):
        guess(at, i, 0) if i % 2 else None
    bodies = "".join(html_blocks(at))
    assert escape(payload) in bodies
    if "<" in payload:
        assert f"<bdi>{payload}" not in bodies
    click(at, "t_gw_check")
    bodies = "".join(html_blocks(at))
    assert escape(payload) in bodies and not at.error
    if "<" in payload:
        assert f"<bdi>{payload}" not in bodies


def test_beating_bayes_rule_with_own_mixes_is_not_called_luck():
    # Each document its own mix, nearly all one topic here: the words say so, and a student who reads
    # them can beat Bayes' rule with the average mix without luck.
    at = guessing_page(t_dirichlet=True, t_alpha=0.05, t_seed=1)
    for i in range(20):
        guess(at, i, 1)
    click(at, "t_gw_check")
    (verdict,) = [s.value for s in at.success]
    assert verdict.startswith("Yes: you gave 20 of 20 words") and "lucky" not in verdict and "its own mix" in verdict
