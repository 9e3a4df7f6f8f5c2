"""AppTest: every control of the topic-documents page."""

import pytest

from apptest_helpers import by_key, open_page, plotly_specs

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    "</span>",
    "[x](javascript:alert(1))",
    ":red[red]",
    "$x^2$",
]


def html_blocks(at):
    return [el.proto.body for el in at.get("html")]


def test_defaults_are_the_worksheet():
    at = open_page("topics")
    assert not at.error
    assert by_key(at.text_input, "t_0_name").value == "kids' birthday"
    assert by_key(at.text_area, "t_1_words").value == "spider, ring, drums, orc, battle, merry, run, frodo"
    assert by_key(at.number_input, "t_nwords").value == 20
    assert by_key(at.number_input, "t_0_mix").value == by_key(at.number_input, "t_1_mix").value  # a fair coin
    docs = [b for b in html_blocks(at) if "line-height:2.1" in b]
    # Two single-topic documents and three mixed ones, 20 words each.
    assert len(docs) == 5 and all(b.count("<bdi>") == 20 for b in docs)
    assert any("merry" in b for b in html_blocks(at) if b.startswith("<div>Shared words"))


def test_colour_toggle_hides_topics_and_asks_the_question():
    at = open_page("topics")
    by_key(at.toggle, "t_colour").set_value(False).run()
    mixed = [b for b in html_blocks(at) if "line-height:2.1" in b][2:]
    assert all("vertical-align:super" not in b for b in mixed)  # no topic numbers
    assert any("could you tell which topic" in i.value for i in at.info)


def test_roll_once_and_many():
    at = open_page("topics")
    at.button(key="t_roll_once").click().run()
    assert at.session_state["t_roll_count"] == 1
    assert at.code[0].value.count("1") >= 1
    outcome = at.code[0].value.splitlines()[0]
    assert outcome.count("1") == 1 and outcome.count("0") == 6  # one-hot over 7 sides
    at.select_slider(key="t_rolls").set_value(10_000).run()
    die = plotly_specs(at)[0]
    observed = next(t for t in die["data"] if t["name"] == "observed frequency")
    assert not at.exception and observed


def test_choose_second_die():
    at = open_page("topics")
    at.selectbox(key="t_die").select(1).run()
    ticks = plotly_specs(at)[0]["layout"]["xaxis"]["ticktext"]
    assert ticks == ["spider", "ring", "drums", "orc", "battle", "merry", "run", "frodo"]


def test_edit_topics_add_and_remove():
    at = open_page("topics")
    by_key(at.number_input, "t_k").set_value(3).run()
    assert not at.error
    by_key(at.text_area, "t_2_words").input("sun, sea, sand").run()
    by_key(at.text_input, "t_2_name").input("beach").run()
    by_key(at.text_input, "t_2_weights").input("3, 1, 1").run()
    assert not at.exception and not at.error
    assert any("beach" in b for b in html_blocks(at))
    by_key(at.number_input, "t_k").set_value(1).run()
    assert not at.exception and not at.error


@pytest.mark.parametrize(
    "key, value, fragment",
    [
        ("t_0_words", "", "no words"),
        ("t_0_words", "a, a", "twice"),
        ("t_0_weights", "1, 2", "wrong|shape|length|7"),
        ("t_0_weights", "x, y", "numbers"),
        ("t_0_weights", "-1, 1, 1, 1, 1, 1, 1", "negative"),
        ("t_0_weights", "0, 0, 0, 0, 0, 0, 0", "zero"),
        ("t_0_weights", "nan, 1, 1, 1, 1, 1, 1", "finite"),
    ],
)
def test_bad_topics_get_a_clear_message(key, value, fragment):
    import re

    at = open_page("topics")
    widget = by_key(at.text_area if key.endswith("words") else at.text_input, key)
    widget.input(value).run()
    assert not at.exception
    assert at.error and re.search(fragment, at.error[0].value.replace("\\", ""), re.I)


def test_all_mixing_weights_zero():
    at = open_page("topics")
    by_key(at.number_input, "t_0_mix").set_value(0.0).run()
    by_key(at.number_input, "t_1_mix").set_value(0.0).run()
    assert at.error and "mixing weight" in at.error[0].value


def test_dirichlet_mixing_and_sizes():
    at = open_page("topics")
    by_key(at.toggle, "t_dirichlet").set_value(True).run()
    by_key(at.slider, "t_alpha").set_value(0.1).run()
    by_key(at.number_input, "t_ndocs").set_value(40).run()
    by_key(at.number_input, "t_nwords").set_value(100).run()
    assert not at.exception and not at.error
    counts = plotly_specs(at)[-1]
    assert {t["name"] for t in counts["data"]} == {"counted", "expected"}


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_words_stay_literal(payload):
    at = open_page("topics")
    by_key(at.text_area, "t_0_words").input(f"{payload}, cake").run()
    by_key(at.text_input, "t_0_name").input(payload).run()
    assert not at.exception and not at.error
    from html import escape

    bodies = "".join(html_blocks(at))
    assert escape(payload) in bodies
    if "<" in payload:
        assert f"<bdi>{payload}" not in bodies
