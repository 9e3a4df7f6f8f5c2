"""AppTest: how many topics (rolled and real text), words by relevance, each topic's top paragraphs."""

import re

from mixgen_ui.topic_settings import OWN_TEXT, SOTU, TABS
from tests.app.helpers import by_key, decoded, open_page, plotly_specs

LEARN = TABS[5]

TEXT = "\n\n".join([
    "The garden needs water and sun; the garden roses and tulips grow in spring sun and water.",
    "The engine burns fuel; the engine pistons and gears turn while fuel and oil flow through the engine.",
    "Roses, tulips and garden soil: water the garden in spring, give the roses sun.",
    "Gears, pistons, oil and fuel: the engine turns the gears, the pistons need oil.",
] * 3)


def bodies(at):
    return "".join(el.proto.body for el in at.get("html"))


def count_figures(at):
    return [f for f in plotly_specs(at) if "number of topics" in str(f["layout"].get("xaxis", {}).get("title"))]


def test_rolled_documents_show_the_held_out_curve_with_the_true_number():
    at = open_page("topics", t_tab=LEARN, t_ndocs=60, t_dirichlet=True, t_fit_side=False)
    assert not count_figures(at)
    at.toggle(key="t_count_rolled").set_value(True).run()
    assert not at.exception, at.exception
    (fig,) = count_figures(at)
    assert decoded(fig["data"][0]["x"]).tolist() == list(range(1, 9))
    assert any(a["text"].startswith("true: ") for a in fig["layout"].get("annotations", []))
    text = " ".join(m.value for m in at.markdown)
    assert re.search(r"The words support \*\*\d topics?\*\*", text)
    assert "came from 2 dice" in text


def test_own_text_starts_the_slider_at_the_suggestion():
    at = open_page("topics", t_tab=LEARN, t_corpus=OWN_TEXT)
    at.text_area(key="t_text").input(TEXT).run()
    assert not at.exception, at.exception
    suggestion = int(re.search(r"The words support \*\*(\d) topics?\*\*", " ".join(m.value for m in at.markdown))[1])
    assert by_key(at.slider, "t_real_k").value == suggestion
    assert len(count_figures(at)) == 1
    assert any("is at this suggestion" in c.value for c in at.caption)
    other = 2 if suggestion != 2 else 3
    by_key(at.slider, "t_real_k").set_value(other).run()
    assert any(f"is at {other}; the suggestion for this text is {suggestion}" in c.value for c in at.caption)
    assert not any("is at this suggestion" in c.value for c in at.caption)
    (shaky,) = [w.value for w in at.warning if "shaky suggestion" in w.value]  # 12 documents: 5 held out
    assert "only 5 documents were held out" in shaky


def test_relevance_slider_reorders_words_and_top_documents_are_listed():
    at = open_page("topics", t_tab=LEARN, t_corpus=OWN_TEXT)
    at.text_area(key="t_text").input(TEXT).run()
    by_key(at.slider, "t_real_k").set_value(2).run()
    slider = at.select_slider(key="t_lambda")
    assert slider.value == 0.6
    slider.set_value(1.0).run()
    frequent = bodies(at)
    at.select_slider(key="t_lambda").set_value(0.0).run()
    special = bodies(at)
    assert not at.exception, at.exception
    assert frequent.count("<b>Topic ") == 2 and special.count("<b>Topic ") == 2
    labels = [e.label for e in at.expander]
    assert "Topic 1: its top documents" in labels and "Topic 2: its top documents" in labels
    assert "kept words from topic 1" in special


def test_sotu_paragraphs_carry_year_and_president_and_the_count_waits_for_a_click():
    at = open_page("topics", t_tab=LEARN, t_corpus=SOTU, t_sotu_from=2009, t_sotu_to=2010, t_real_k=3)
    assert not at.exception, at.exception
    assert not count_figures(at)  # State of the Union: only on request
    html = bodies(at)
    assert "2009 · Obama" in html or "2010 · Obama" in html
    assert by_key(at.slider, "t_real_k").value == 3
