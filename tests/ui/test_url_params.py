"""Checking a shared link's settings: every ignored or changed value gets a plain sentence."""

from urllib.parse import parse_qs, urlencode

import pytest

from mixgen_ui.gaussian_settings import GAUSSIANS
from mixgen_ui.settings import Setting
from mixgen_ui.topic_settings import TOPICS
from mixgen_ui.url_params import MAX_NOTICES, hidden_values, link_notices, scenario_query


def Param(kind, lo=None, hi=None, max_chars=None, choices=()):
    """A setting with just what the URL check reads."""
    default = {"bool": False, "text": "", "choice": choices[0] if choices else None}.get(kind, lo)
    return Setting("x_key", kind, default, lo=lo, hi=hi, max_chars=max_chars, options=choices)


def gaussian_param(key, k):
    return GAUSSIANS.lookup(key, k)


def topic_param(key, k):
    return TOPICS.lookup(key, k)


@pytest.mark.parametrize(
    "param, raw, fragment",
    [
        (Param("int", 0, 10), "abc", "not a number"),
        (Param("int", 0, 10), "1e309", "not a finite number"),
        (Param("int", 0, 10), "-inf", "not a finite number"),
        (Param("float", 0, 10), "nan", "not a finite number"),
        (Param("int", 0, 10), "11", "outside 0 to 10"),
        (Param("int", 0, 10), "2.5", "not a whole number"),
        (Param("int", 0, 10), "５", "read as 5"),
        (Param("bool"), "maybe", "not true or false"),
        (Param("choice", choices=("a", "b")), "<b>c</b>", "not one of the options"),
        (Param("text", max_chars=5), "abcdefg", "was cut"),
    ],
)
def test_each_problem_is_named(param, raw, fragment):
    assert fragment in param.problem(raw)


@pytest.mark.parametrize("param, raw", [(Param("int", 0, 10), "7"), (Param("float", -1, 1), "-0.5"),
                                        (Param("bool"), "False"), (Param("text", max_chars=5), "abc")])
def test_good_values_pass(param, raw):
    assert param.problem(raw) is None


def test_notices_for_a_hostile_link():
    params = {"g_k": ["4"], "g_0_mx": ["1e309"], "g_5_mx": ["1"], "g_seed": ["1", "2"],
              **{f"junk{i}": [str(i)] for i in range(5000)}}
    notices = link_notices(params, lambda key: gaussian_param(key, 4))
    text = " ".join(notices)
    assert len(notices) <= MAX_NOTICES
    assert '"g_0_mx" ("1e309") is not a finite number' in text
    assert "appears 2 times" in text
    assert "does not use" in text and "more" in text  # g_5_mx (only 4 Gaussians) and the junk, counted
    assert all(n[0].isupper() or n[0] in '"…' for n in notices) and all(n.endswith(".") for n in notices)


def test_long_keys_and_values_are_quoted_short():
    notices = link_notices({"t_0_words": ["w" * 100_000], "x" * 10_000: ["1"]}, lambda key: topic_param(key, 2))
    assert all(len(n) < 300 for n in notices)


def test_a_clean_link_has_no_notices():
    assert link_notices({"t_k": ["3"], "t_2_words": ["a, b"], "t_tab": ["4 · Word counts"]},
                        lambda key: topic_param(key, 3)) == []


# --------------------------------------------------------------------------- the link to copy
def test_a_toggle_the_url_has_not_caught_up_with_goes_into_the_link():
    # The browser sent its URL before the toggle wrote g_colour=false into it.
    params = {"g_seed": "1.0", "g_0_mx": "2.5"}
    state = {"g_seed": 1.0, "g_0_mx": 2.5, "g_colour": False, "g_k": 3, "other": 5}
    assert scenario_query(params, state, GAUSSIANS) == {"g_seed": "1.0", "g_0_mx": "2.5", "g_colour": "false"}


def test_a_setting_put_back_to_its_default_leaves_the_link():
    params = {"g_colour": "false", "g_0_n": "35.0", "g_seed": "4"}
    state = {"g_colour": True, "g_0_n": 35.0, "g_seed": 0.0}
    assert scenario_query(params, state, GAUSSIANS) == {"g_0_n": "35.0"}


def test_values_the_url_already_says_keep_its_spelling_and_changed_ones_are_written():
    params = {"g_0_mx": "2.50", "g_fit_k": "4"}
    state = {"g_0_mx": 2.5, "g_fit_k": 5, "g_0_my": -1.25, "g_fit_init": "random points"}
    query = scenario_query(params, state, GAUSSIANS)
    assert query == {"g_0_mx": "2.50", "g_fit_k": "5", "g_0_my": "-1.25", "g_fit_init": "random points"}


def test_fields_of_gaussians_not_in_use_and_unknown_keys_stay_out():
    state = {"g_k": 2, "g_2_mx": 9.0, "g_zzz": 1, "t_k": 4}
    assert scenario_query({}, state, GAUSSIANS) == {"g_k": "2"}


def test_topic_words_go_into_the_link_as_typed():
    words = "sun, sea, <b>sand</b>"
    query = scenario_query({}, {"t_0_words": words, "t_k": 2}, TOPICS)
    assert query == {"t_0_words": words}
    assert parse_qs(urlencode(query)) == {"t_0_words": [words]}  # a round trip through the URL


def test_hidden_values_prefer_the_session_then_the_link_then_the_default():
    words, name, mix = TOPICS.item(0, "words"), TOPICS.item(0, "name"), TOPICS.item(0, "mix")
    params = {"t_0_words": ["x", "a, b"], "t_0_name": ["n" * 500]}
    values = hidden_values([words, name, mix], {"t_0_words": "kept"}, lambda key: params.get(key, []))
    assert values == {"t_0_words": "kept", "t_0_name": "n" * 100, "t_0_mix": 1.0}
    values = hidden_values([words], {}, lambda key: params.get(key, []))
    assert values == {"t_0_words": "a, b"}  # the last value of a repeated key
