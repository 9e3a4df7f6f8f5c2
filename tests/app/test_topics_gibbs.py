"""AppTest: tab 7 (collapsed Gibbs sampling stepped through) and tab 6's side-by-side corpora."""

from html import escape

import pytest

from mixgen_ui.topic_settings import GIBBS_BIG_CORPORA, GIBBS_SWEEPS, GIBBS_VIEWS, TABS
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
    (step_fig,) = plotly_specs(at)  # one view at a time: one sweep word by word first
    assert len(step_fig["frames"]) == 60  # one frame per word of the sweep, replayed in the browser
    assert [b["label"] for b in step_fig["layout"]["updatemenus"][0]["buttons"]] == ["▶ Play", "❚❚ Pause"]
    assert len(step_fig["layout"]["sliders"][0]["steps"]) == 60 and step_fig["layout"]["sliders"][0]["active"] == 0
    assert {a["text"] for a in step_fig["layout"]["annotations"]} >= {"document<br>uses topic", "topic uses<br>this word"}
    # The documents and the re-roll move with the bars: every frame carries the words' topics (the grid),
    # the ring on the word being re-rolled, and the re-roll in its title.
    frames = step_fig["frames"]
    assert step_fig["data"][0]["type"] == "heatmap" and all(f["traces"][0] == 0 for f in frames)
    rings = [(f["data"][1]["x"][0], f["data"][1]["y"][0]) for f in frames]
    assert len(set(rings)) == 60  # the ring moves to each word in turn
    assert all("Re-rolled:" in f["layout"]["title"]["text"] for f in frames)
    assert "Sweep 1, word 1 of 60" in step_fig["layout"]["title"]["text"]
    # Every sweep, played at once: one frame per sweep (the random start first), the words recoloured.
    at.radio(key="t_gibbs_view").set_value(GIBBS_VIEWS[1]).run()
    assert not at.exception and not any(s.key.startswith("t_gibbs_") for s in at.slider)  # the other view's
    (all_fig,) = plotly_specs(at)
    assert len(all_fig["frames"]) == GIBBS_SWEEPS + 1 and all_fig["data"][0]["type"] == "heatmap"
    assert all_fig["frames"][0]["data"][0]["z"] != all_fig["frames"][-1]["data"][0]["z"]
    assert "of words in their true topic" in all_fig["frames"][-1]["layout"]["title"]["text"]


@pytest.mark.parametrize("seed", [0, 9])
def test_all_sweeps_caption_says_what_the_frames_show(seed):
    at = gibbs_page(t_seed=seed, t_gibbs_view=GIBBS_VIEWS[1])
    (fig,) = plotly_specs(at)
    first, last = (f["layout"]["title"]["text"].split("<br>")[1].split("%")[0] for f in (fig["frames"][0], fig["frames"][-1]))
    (caption,) = [c.value for c in at.caption if c.value.startswith("All ")]
    move = "rose" if int(last) > int(first) + 5 else "fell" if int(last) < int(first) - 5 else "stayed near"
    assert f"true topic {move} {'from ' if move != 'stayed near' else ''}{first}%" in caption, caption
    assert "come close to the true ones" not in caption


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
    assert payload not in bodies(at)
    figures = plotly_specs(at)
    assert payload not in str(figures) and "<img" not in str(figures)
    grid = str(figures[0]["data"][0]["text"])  # the documents' words, in the figure, escaped for plotly
    assert escape(payload[:4]) in grid


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_learn_tab_leads_with_a_success_then_the_fixed_coin_then_your_documents(seed):
    at = open_page("topics", t_tab=LEARN, t_seed=seed)
    assert not at.exception and not at.warning
    # First a learnable corpus (each document its own mix) and its figure, then the fixed coin and why,
    # then the page's own documents.
    side = [m.value for m in at.metric if m.label == "Words assigned to their true topic"]
    assert len(side) == 3
    own, fixed = (int(v.rstrip("%")) for v in side[:2])
    assert own >= 80 and own > fixed + 10, f"seed {seed}: {own}% against {fixed}%"
    heads = [m.value for m in at.markdown if m.value.startswith("**")]
    assert heads[:2] == ["**Documents that each mix the topics their own way**",
                         "**The worksheet's way: one fixed coin for every document**"]
    first = plotly_specs(at)[0]
    assert first["layout"]["legend"]["yref"] == "container"  # the legend above the first panel's title
    assert "How can topics be found from words alone?" in at.info[0].value
    assert "more documents hardly help" in at.info[0].value
    assert any("Compare with the two corpora above, then give each document its own mix:" in m.value for m in at.markdown)
    by_key(at.toggle, "t_fit_side").set_value(False).run()
    assert len([m for m in at.metric if m.label == "Words assigned to their true topic"]) == 1
