"""AppTest: tab 7 (collapsed Gibbs sampling stepped through) and tab 6's side-by-side corpora."""

from html import escape

import pytest

from mixgen_ui.topic_settings import GIBBS_BIG_CORPORA, GIBBS_SWEEPS, TABS
from tests.app.helpers import button, by_key, open_page, plotly_specs
from tests.payloads import HOSTILE

LEARN, GIBBS = TABS[5], TABS[6]


def gibbs_page(**state):
    return open_page("topics", t_tab=GIBBS, **state)


def bodies(at):
    return "".join(el.proto.body for el in at.get("html"))


def test_gibbs_tab_shows_a_step_with_its_factors_and_an_animation():
    at = gibbs_page()
    assert not at.exception and not at.error and not at.warning
    html = bodies(at)
    assert "Re-rolled:" in html and "outline:3px solid" in html  # the word being re-rolled, ringed
    (fig,) = plotly_specs(at)
    assert len(fig["frames"]) == 60  # one frame per word of the sweep, replayed in the browser
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]] == ["▶ Play", "❚❚ Pause"]
    assert len(fig["layout"]["sliders"][0]["steps"]) == 60 and fig["layout"]["sliders"][0]["active"] == 0
    assert {a["text"] for a in fig["layout"]["annotations"]} >= {"document<br>uses topic", "topic uses<br>this word"}


def test_next_word_and_next_sweep_move_the_declared_settings():
    at = gibbs_page()
    button(at, "Next word").click().run()
    assert at.session_state["t_gibbs_step"] == 2 and at.session_state["t_gibbs_sweep"] == 1
    assert plotly_specs(at)[0]["layout"]["sliders"][0]["active"] == 1
    button(at, "Next sweep").click().run()
    assert at.session_state["t_gibbs_sweep"] == 2 and at.session_state["t_gibbs_step"] == 2
    # The last word of a sweep leads to the first of the next one.
    by_key(at.slider, "t_gibbs_step").set_value(60).run()
    button(at, "Next word").click().run()
    assert (at.session_state["t_gibbs_sweep"], at.session_state["t_gibbs_step"]) == (3, 1)
    assert not at.exception


def test_replay_slider_and_last_sweep():
    at = gibbs_page()
    by_key(at.slider, "t_gibbs_sweep").set_value(GIBBS_SWEEPS).run()
    by_key(at.slider, "t_gibbs_step").set_value(30).run()
    assert not at.exception
    assert "Sweep 30, word 30 of 60" in plotly_specs(at)[0]["layout"]["title"]["text"]
    button(at, "Next sweep").click().run()  # already the last sweep: stays
    assert at.session_state["t_gibbs_sweep"] == GIBBS_SWEEPS


def test_fewer_words_than_the_step_is_explained():
    at = gibbs_page()
    by_key(at.number_input, "t_nwords").set_value(5).run()
    by_key(at.slider, "t_gibbs_step").set_value(40).run()
    assert not at.exception and any("only 15 words" in c.value for c in at.caption)


@pytest.mark.parametrize("key, raw", [("t_gibbs_step", "999"), ("t_gibbs_sweep", "x"), ("t_gibbs_seed", "-1"),
                                      ("t_gibbs_corpus", "<b>"), ("t_gibbs_big", "maybe")])
def test_bad_link_values_get_a_notice(key, raw):
    at = open_page()
    at.query_params["t_tab"] = GIBBS
    at.query_params[key] = raw
    at.switch_page("pages/topics.py").run()
    assert not at.exception
    assert any(key in w.value.replace("\\", "") for w in at.warning), [w.value for w in at.warning]


@pytest.mark.parametrize("which", GIBBS_BIG_CORPORA)
def test_larger_corpus_sweep_by_sweep(which):
    at = gibbs_page(t_gibbs_big=True, t_gibbs_corpus=which)
    assert not at.exception and not at.warning
    fig = plotly_specs(at)[-1]
    assert 2 <= len(fig["frames"]) <= 100
    assert any(a["text"].startswith("words in their true topic") for a in fig["layout"]["annotations"])
    agreement = [m for m in at.metric if m.label == "Words in their true topic after the last sweep"][-1].value
    if which == GIBBS_BIG_CORPORA[0]:
        assert int(agreement.rstrip("%")) >= 80


def test_hostile_words_in_the_gibbs_tab_stay_literal():
    at = gibbs_page()
    payload = HOSTILE[0]
    by_key(at.text_area, "t_0_words").input(f"{payload}, cake, candle").run()
    assert not at.exception and not at.error
    html = bodies(at)
    assert escape(payload) in html and payload not in html
    assert payload not in str(plotly_specs(at)[0]["frames"])


def test_learn_tab_explains_before_the_result_and_compares_both_corpora():
    at = open_page("topics", t_tab=LEARN)
    assert not at.exception and not at.warning
    # The first thing on the tab explains why the default corpus can't work.
    assert "How can topics be found from words alone?" in at.info[0].value
    assert "more documents hardly help" in at.info[0].value
    assert not any("little to learn from" in m.value for m in at.markdown)
    side = [m.value for m in at.metric if m.label == "Words assigned to their true topic"]
    assert len(side) == 3  # fixed coin, own mixes, then the page's own documents
    fixed, own = (int(v.rstrip("%")) for v in side[:2])
    assert own >= 85 and own > fixed + 10
    by_key(at.toggle, "t_fit_side").set_value(False).run()
    assert len([m for m in at.metric if m.label == "Words assigned to their true topic"]) == 1
