"""AppTest: what the pages say and keep is true of what they show (issue: every sentence true).

Whole numbers in the address bar, Old Faithful's starting number of Gaussians, the labels on real
data, the topic challenge's hidden corpus box, and the guide's numbered rolls."""

from __future__ import annotations

import pytest

from mixgen_core import GAUSSIAN_PRESETS
from mixgen_streamlit.url_numbers import url_text
from mixgen_ui.roll_history import recent_rolls, rolled_side, rolls_sentence
from tests.app.helpers import by_key, click, open_link, open_page


def test_url_text_writes_whole_numbers_whole():
    assert url_text(1.0) == "1" and url_text(70.0) == "70" and url_text(-3.0) == "-3"
    assert url_text(2.5) is None and url_text(float("inf")) is None and url_text(1) is None and url_text("1.0") is None


def test_new_sample_keeps_the_seed_whole_in_the_address_bar():
    at = open_page("gaussians")
    next(b for b in at.button if b.label == "New sample").click().run()
    assert at.query_params["g_seed"] == "1"


def test_a_preset_keeps_its_whole_numbers_whole():
    at = open_page("gaussians")
    name = next(n for n, spec in GAUSSIAN_PRESETS.items() if spec[0][2] != 20)  # a count unlike the default
    by_key(at.selectbox, "g_preset").select(name).run()
    assert not at.exception
    count = GAUSSIAN_PRESETS[name][0][2]
    assert at.query_params["g_0_n"] == str(count)
    assert all(not v.endswith(".0") for v in at.query_params.values()), dict(at.query_params)


@pytest.mark.parametrize("fit_first", [False, True])
def test_old_faithful_opens_fitting_two_gaussians(fit_first):
    at = open_page("gaussians")
    steps = [lambda: by_key(at.selectbox, "g_data").set_value("Old Faithful").run(),
             lambda: by_key(at.toggle, "g_fit").set_value(True).run()]
    for step in (reversed(steps) if fit_first else steps):
        step()
    assert not at.exception
    assert by_key(at.slider, "g_fit_k").value == 2


def test_real_data_labels_say_what_is_shown():
    at = open_page("gaussians")
    text = " ".join(m.value for m in at.markdown)
    assert "fixed number of points from each Gaussian" in text and "Change the Gaussians in the sidebar" in text
    by_key(at.selectbox, "g_data").set_value("Palmer penguins").run()
    box = by_key(at.checkbox, "g_ellipses")
    assert box.label == "Show each group's Gaussian" and "true Gaussians" not in box.label
    text = " ".join(m.value for m in at.markdown)
    assert "Change the Gaussians in the sidebar" not in text and "real measurements" in text
    assert "fixed number of points from each Gaussian" not in text  # nobody drew the penguins from Gaussians


def test_a_topic_challenge_hides_the_corpus_box():
    at = open_link("topics", t_challenge="true", t_ndocs="4", t_nwords="12")
    assert not at.exception
    keys = {w.key for w in [*at.number_input, *at.toggle, *at.slider]}
    assert not keys & {"t_ndocs", "t_nwords", "t_dirichlet", "t_alpha"}
    assert not any("The documents (the corpus" in c.value for c in at.caption)


def test_roll_history_numbers_every_roll():
    p = [1 / 6] * 6
    hist = recent_rolls(p, 0, 1, 3)
    assert [r for r, _ in hist] == [1, 2, 3] and all(0 <= s < 6 for _, s in hist)
    assert hist[-1][1] == rolled_side(p, 0, 1, 3)
    names = [f"side {i}" for i in range(1, 7)]
    text = rolls_sentence(hist, names)
    assert text.startswith(f"Roll 3: side {hist[-1][1] + 1}. Rolls so far, oldest first: ")
    assert [r for r, _ in recent_rolls(p, 0, 1, 20)] == list(range(13, 21))
    assert "The last 8 rolls" in rolls_sentence(recent_rolls(p, 0, 1, 20), names)
    assert rolls_sentence(hist[:1], names) == f"Roll 1: side {hist[0][1] + 1}."


def test_guide_step_one_shows_each_roll_even_when_the_side_repeats(open_guide):
    at = open_guide("guide_topics")
    seen = []
    for n in range(1, 6):
        line = next(m.value for m in at.markdown if m.value.startswith("**Roll "))
        assert line.startswith(f"**Roll {n}: side ")  # the count moves on with every press
        seen.append(line)
        click(at, "gt_roll_1")
    assert len(set(seen)) == 5  # a repeated side still changes the screen
    spec = at.get("plotly_chart")[0].proto.spec
    assert '"rolled"' in spec  # the side that came up is marked on the die
