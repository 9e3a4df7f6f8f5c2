"""AppTest: the pages hold up to bad values typed into boxes, put in the session state or in a link.

Every case: no exception. Where the input is bad, an error or warning says so in words.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import by_key, link_notice, open_link, open_page, plotly_specs
from mixgen_ui.gaussian_settings import GAUSSIANS
from mixgen_ui.settings import MAX_SEED
from mixgen_ui.topic_settings import MAX_DOC_WORDS, MAX_DOCS, TABS, TOPICS

MAX_WORDS_CHARS = TOPICS.item(0, "words").max_chars

BIG_WORD = "w" * 1_000_000
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</div><b>bold</b>",
    "**bold** _it_",
    "[click](javascript:alert(1))",
    ":red[red] :material/home:",
    "$x^2$",
    "# heading",
    "`code`",
]
DIE, SINGLE, MIXED, COUNTS, KNOWN, LEARN = TABS[:6]


def readable(message: str) -> bool:
    """A message for people: a sentence, not a traceback or a repr, of reasonable length."""
    plain = message.replace("\\", "")
    return (bool(re.match(r"[A-Z0-9]", plain)) and "Traceback" not in plain and "Error(" not in plain
            and len(plain) < 2_000)


def messages(at: AppTest) -> list[str]:
    return [el.value for el in list(at.error) + list(at.warning)]


def html_text(at: AppTest) -> str:
    return "\n".join(el.proto.body for el in at.get("html"))


# --------------------------------------------------------------------------- /gaussians
@pytest.mark.parametrize("field", ["mx", "my", "vx", "vy", "n"])
@pytest.mark.parametrize("end", ["lo", "hi"])
def test_gaussian_number_boxes_at_their_limits(field, end):
    at = open_page("gaussians")
    value = getattr(GAUSSIANS.item(0, field), end)
    for i in range(3):  # every component at once: all variances 0 is a mixture of single points
        by_key(at.number_input, f"g_{i}_{field}").set_value(value)
    at.run()
    assert not at.exception
    assert not at.error
    n_points = 60 if field != "n" else 3 * int(value)
    assert at.metric[0].value == f"{n_points:,}"


@pytest.mark.parametrize("key, value", [("g_seed", 0.0), ("g_seed", float(MAX_SEED))])
def test_gaussian_seed_at_its_limits(key, value):
    at = open_page("gaussians")
    by_key(at.number_input, key).set_value(value).run()
    assert not at.exception and not at.error
    assert plotly_specs(at)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 1e-320])
@pytest.mark.parametrize("field", ["mx", "vx", "n"])
def test_gaussian_number_boxes_refuse_impossible_values(field, value):
    at = open_page("gaussians")
    box = by_key(at.number_input, f"g_0_{field}")
    before = box.value
    box.set_value(value).run()
    assert not at.exception and not at.error
    after = by_key(at.number_input, f"g_0_{field}").value
    spec = GAUSSIANS.item(0, field)
    assert spec.lo <= after <= spec.hi  # kept inside the box's limits
    if not (spec.lo <= value <= spec.hi):
        assert after == before


def test_gaussians_no_points_at_all():
    at = open_page("gaussians", g_fit=True, **{f"g_{i}_n": 0.0 for i in range(3)})
    assert not at.exception
    assert at.metric[0].value == "0"
    assert any("no points" in m for m in messages(at)) and all(readable(m) for m in messages(at))


def test_eight_gaussians_of_ten_thousand_points_with_a_fit():
    state = {f"g_{i}_n": 10_000.0 for i in range(8)}
    at = open_page("gaussians", g_k=8, g_fit=True, **state)
    assert not at.exception and not at.error
    assert at.metric[0].value == "80,000"
    assert by_key(at.slider, "g_fit_k").value == 8


@pytest.mark.parametrize(
    "params, fragment",
    [
        ({"g_0_mx": "nan"}, "g_0_mx"),
        ({"g_0_vx": "inf"}, "g_0_vx"),
        ({"g_0_n": "1e309"}, "g_0_n"),
        ({"g_0_n": "-5"}, "g_0_n"),
        ({"g_0_n": "99999999999999999999999"}, "g_0_n"),
        ({"g_k": "９"}, "g_k"),
        ({"g_0_mx": "１２"}, "12"),
        ({"g_seed": "<script>alert(1)</script>"}, "g_seed"),
        ({"g_0_rho": "**2**"}, "g_0_rho"),
        ({"g_fit": "yes", "g_fit_tab": "[x](javascript:alert(1))"}, "g_fit_tab"),
        ({"g_9_mx": "1"}, "g_9_mx"),
        ({"g_0_mx": "w" * 30_000}, "g_0_mx"),
    ],
)
def test_gaussian_hostile_links(params, fragment):
    at = open_link("gaussians", **params)
    assert not at.exception
    assert at.warning and all(readable(m) for m in messages(at))
    assert fragment in link_notice(at)
    assert len(at.warning[0].value) < 3_000  # a 1 MB value is quoted in part, not whole
    assert plotly_specs(at)  # the page still draws


# --------------------------------------------------------------------------- /topics
def topics_page(tab: str = MIXED, **state) -> AppTest:
    return open_page("topics", t_tab=tab, **state)


@pytest.mark.parametrize(
    "key, value",
    [("t_k", 1.0), ("t_k", 8.0), ("t_ndocs", 1.0), ("t_ndocs", float(MAX_DOCS)), ("t_nwords", 1.0),
     ("t_nwords", float(MAX_DOC_WORDS)), ("t_0_mix", 100.0), ("t_seed", 0.0), ("t_seed", float(2**32 - 1))],
)
@pytest.mark.parametrize("tab", [MIXED, KNOWN])
def test_topic_number_boxes_at_their_limits(key, value, tab):
    at = topics_page(tab)
    by_key(at.number_input, key).set_value(value).run()
    assert not at.exception
    assert all(readable(m) for m in messages(at))
    if at.error:  # only too many words in all: 1000 documents of 500 words
        assert "at most 100,000" in at.error[0].value.replace("\\", "")


def test_topic_mixing_weights_at_zero_and_one_hundred():
    at = topics_page(KNOWN)
    by_key(at.number_input, "t_0_mix").set_value(0.0)
    by_key(at.number_input, "t_1_mix").set_value(100.0)
    at.run()
    assert not at.exception and not at.error


@pytest.mark.parametrize("alpha", [0.05, 10.0])
def test_topic_concentration_at_its_limits(alpha):
    at = topics_page(LEARN, t_dirichlet=True, t_alpha=alpha)
    assert not at.exception and not at.error


def test_a_twenty_thousand_character_word_typed_in_a_words_box():
    at = topics_page()
    by_key(at.text_area, "t_0_words").input("w" * MAX_WORDS_CHARS).run()  # the box's own cap
    assert not at.exception
    assert at.error and "at most 10,000 characters" in at.error[0].value.replace("\\", "")
    assert readable(at.error[0].value) and len(at.error[0].value) < 300


def test_a_one_megabyte_word_typed_is_cut_by_the_box():
    at = topics_page()
    box = by_key(at.text_area, "t_0_words")
    before = box.value
    box.input(BIG_WORD).run()  # more than the box takes: it refuses the text
    assert not at.exception and not at.error
    assert by_key(at.text_area, "t_0_words").value == before


def test_a_one_megabyte_word_in_the_session_state():
    at = topics_page(t_0_words=BIG_WORD)
    assert not at.exception
    assert at.error and "at most 10,000 characters" in at.error[0].value.replace("\\", "")
    assert len(at.error[0].value) < 300  # the word is not quoted


def test_a_one_megabyte_link_is_dropped_whole():
    # Streamlit ignores a query string over 512 KiB before the page runs: the page opens as usual.
    at = open_link("topics", t_0_words=BIG_WORD, t_tab=MIXED)
    assert not at.exception and not at.error
    assert by_key(at.text_area, "t_0_words").value.startswith("balloon")
    at = open_link("gaussians", g_0_mx=BIG_WORD)
    assert not at.exception and not at.error and plotly_specs(at)


def test_a_thirty_thousand_character_word_in_a_link():
    at = open_link("topics", t_0_words="w" * 30_000, t_tab=MIXED)
    assert not at.exception
    assert any("so it was cut" in m.replace("\\", "") for m in messages(at))
    assert at.error and "at most 10,000 characters" in at.error[0].value.replace("\\", "")
    assert all(readable(m) and len(m) < 3_000 for m in messages(at))


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("tab", TABS)
def test_markup_in_names_and_words_is_shown_as_text(payload, tab):
    words = f"{payload}, plain, {payload} two"
    at = topics_page(tab, t_0_name=payload, t_0_words=words, t_1_name=payload)
    assert not at.exception
    assert not at.error, messages(at)
    html = html_text(at)
    for raw in ("<img", "<script", "</div><b>"):
        if raw in payload:
            assert raw not in html  # escaped, never live markup
    assert "href=" not in html  # a markdown link stays text


def test_markup_payload_repeated_on_one_die_gets_a_clear_error():
    at = topics_page(t_0_words="**bold**, **bold**")
    assert not at.exception
    assert at.error and "twice" in at.error[0].value and readable(at.error[0].value)


@pytest.mark.parametrize("weights", ["１２, 1, 1, 1, 1, 1, 1", "１, ２, ３, ４, ５, ６, ７"])
def test_full_width_digits_in_word_weights(weights):
    at = topics_page(DIE, t_0_weights=weights)
    assert not at.exception and not at.error
    ticks = plotly_specs(at)[0]["layout"]["xaxis"]["ticktext"]
    assert ticks[0] == "balloon"


@pytest.mark.parametrize("weights, fragment", [("１２, x", "numbers"), ("٣, 1", "shape"), ("1e309, 1, 1, 1, 1, 1, 1", "finite")])
def test_bad_word_weights_get_a_message(weights, fragment):
    at = topics_page(t_0_weights=weights)
    assert not at.exception
    assert at.error and re.search(fragment, at.error[0].value) and readable(at.error[0].value)


def test_full_width_digits_in_a_link():
    at = open_link("topics", t_0_mix="１２", t_k="２", t_tab=KNOWN)
    assert not at.exception and not at.error
    assert any("read as 12" in m.replace("\\", "") for m in messages(at))
    assert by_key(at.number_input, "t_0_mix").value == 12.0


def test_thousands_of_comma_separated_words():
    text = ", ".join(f"w{i}" for i in range(3_000))
    assert len(text) <= MAX_WORDS_CHARS
    at = topics_page()
    by_key(at.text_area, "t_0_words").input(text).run()
    assert not at.exception
    assert at.error and "at most 200 words" in at.error[0].value and readable(at.error[0].value)


def test_two_hundred_words_on_one_die_work_on_every_tab():
    text = ", ".join(f"w{i}" for i in range(200))
    for tab in TABS:
        at = topics_page(tab, t_0_words=text)
        assert not at.exception and not at.error, (tab, messages(at))


def test_every_topics_words_emptied():
    at = topics_page(t_0_words="", t_1_words=" , ,\n, ")
    assert not at.exception
    assert len(at.error) == 2
    assert all("no words" in e.value and readable(e.value) for e in at.error)


@pytest.mark.parametrize("tab", TABS)
def test_eight_topics_at_once(tab):
    at = topics_page(tab, t_k=8.0)
    assert not at.exception and not at.error
    if tab == DIE:
        at.selectbox(key="t_die").select("Topic 8").run()
        assert not at.exception
    if tab == LEARN:
        assert by_key(at.slider, "t_fit_k").value == 8
        assert plotly_specs(at) or any("can't be learned" in w.value for w in at.warning)


@pytest.mark.parametrize(
    "params, fragment",
    [
        ({"t_k": "nan"}, "t_k"),
        ({"t_k": "9"}, "t_k"),
        ({"t_ndocs": "1e309"}, "t_ndocs"),
        ({"t_nwords": "-1"}, "t_nwords"),
        ({"t_0_mix": "inf"}, "t_0_mix"),
        ({"t_alpha": "0"}, "t_alpha"),
        ({"t_tab": "<script>alert(1)</script>"}, "t_tab"),
        ({"t_die": "Topic 9"}, "t_die"),
        ({"t_rolls": "1e9"}, "t_rolls"),
        ({"t_fit_colour": "**red**"}, "t_fit_colour"),
        ({"t_0_name": "n" * 500}, "t_0_name"),
        ({"t_2_words": "a, b"}, "t_2_words"),
    ],
)
def test_topic_hostile_links(params, fragment):
    at = open_link("topics", **params)
    assert not at.exception
    assert at.warning and all(readable(m) for m in messages(at))
    assert fragment in link_notice(at)
