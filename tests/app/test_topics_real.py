"""AppTest: real text on the topic page: State of the Union years, pasted text and uploaded .txt files."""

import json
from html import escape

import pytest

from mixgen_ui.topic_settings import GIBBS_VIEWS, OWN_TEXT, SOTU, TABS
from tests.app.helpers import by_key, open_page, plotly_specs
from tests.payloads import HOSTILE

MIXED, LEARN, GIBBS = TABS[2], TABS[5], TABS[6]

TEXT = "\n\n".join([
    "The garden needs water and sun; the garden roses and tulips grow in spring sun and water.",
    "The engine burns fuel; the engine pistons and gears turn while fuel and oil flow through the engine.",
    "Roses, tulips and garden soil: water the garden in spring, give the roses sun.",
    "Gears, pistons, oil and fuel: the engine turns the gears, the pistons need oil.",
] * 3)


def bodies(at):
    return "".join(el.proto.body for el in at.get("html"))


def test_sotu_span_learns_topics_with_years_and_coloured_paragraphs():
    at = open_page("topics", t_tab=LEARN, t_corpus=SOTU, t_sotu_from=2001, t_sotu_to=2004, t_real_k=4)
    assert not at.exception and not at.warning and not at.error
    html = bodies(at)
    assert html.count("<b>Topic ") == 4
    assert "line-height:2.1" in html and "vertical-align:super" in html  # coloured paragraphs
    (years,) = [f for f in plotly_specs(at) if f["layout"].get("barmode") == "stack"]
    shown = years["data"][0]["x"]
    assert len(shown) >= 3 and set(shown) <= {"2001", "2002", "2003", "2004"} and shown[0] in html


def test_sotu_span_too_long_or_reversed_is_explained():
    at = open_page("topics", t_tab=LEARN, t_corpus=SOTU)
    by_key(at.number_input, "t_sotu_from").set_value(1900).run()
    assert not at.exception and "at most 20 years" in at.warning[0].value
    by_key(at.number_input, "t_sotu_to").set_value(1890).run()
    assert not at.exception and "comes after" in at.warning[0].value


def test_generated_only_tabs_say_so_for_real_text():
    at = open_page("topics", t_tab=MIXED, t_corpus=SOTU)
    assert not at.exception and "no dice" in at.info[0].value


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("corpus", [{"t_corpus": OWN_TEXT}, {"t_corpus": SOTU, "t_sotu_from": 2010, "t_sotu_to": 2000}])
def test_real_text_not_given_or_refused_is_explained_on_every_tab(tab, corpus):
    # No text yet, or a span that comes out empty: no tab takes it for rolled documents (there are none).
    at = open_page("topics", t_tab=tab, t_colour=False, t_guess=True, **corpus)
    assert not at.exception, at.exception
    assert not at.error
    if tab == TABS[1]:  # tab 2 still rolls the sidebar's dice, at the usual length
        assert bodies(at).count("vertical-align:super") >= 2 * 20
    if tab in (LEARN, GIBBS):
        assert any("Choose the years or give some text above first" in i.value for i in at.info)


def test_own_text_pasted():
    at = open_page("topics", t_tab=LEARN, t_corpus=OWN_TEXT)
    assert not at.exception and any("paste some text" in i.value for i in at.info)
    at.text_area(key="t_text").input(TEXT).run()
    by_key(at.slider, "t_real_k").set_value(2).run()
    # a text this short holds out few documents: the one warning is that the suggested count is shaky
    assert not at.exception and not at.error
    assert [w.value.startswith("**A shaky suggestion**") for w in at.warning] == [True]
    html = bodies(at)
    assert html.count("<b>Topic ") == 2 and "Document 1" in html
    assert not [f for f in plotly_specs(at) if f["layout"].get("barmode") == "stack"]  # no years


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_words_in_own_text_stay_literal(payload):
    at = open_page("topics", t_tab=LEARN, t_corpus=OWN_TEXT, t_real_k=2)
    at.text_area(key="t_text").input(f"{payload} {TEXT}").run()
    assert not at.exception and not at.error
    html = bodies(at)
    for piece in payload.split():
        assert escape(piece) in html
    assert "<img" not in html and "<style" not in html


def test_upload_good_and_bad_txt_files():
    at = open_page("topics", t_tab=LEARN, t_corpus=OWN_TEXT, t_real_k=2)
    files = [(f"doc{i}.txt", p.encode(), "text/plain") for i, p in enumerate(TEXT.split("\n\n"))]
    files[0] = ("<b>x</b>.txt", files[0][1], "text/plain")
    at.file_uploader(key="t_files").set_value(files).run()
    assert not at.exception and not at.error
    html = bodies(at)
    assert escape("<b>x</b>.txt") in html and "<b>x</b>.txt" not in html
    at.file_uploader(key="t_files").set_value([("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")]).run()
    assert not at.exception and at.error
    at.file_uploader(key="t_files").set_value([("one.txt", TEXT.encode(), "text/plain")]).run()
    assert not at.exception and not at.error and "one.txt, paragraph 1" in bodies(at)


def test_gibbs_tab_on_real_text():
    at = open_page("topics", t_tab=GIBBS, t_corpus=OWN_TEXT, t_real_k=2)
    at.text_area(key="t_text").input(TEXT).run()
    assert not at.exception and not at.error and not at.warning
    (step_fig,) = plotly_specs(at)
    assert all("Re-rolled:" in f["layout"]["title"]["text"] for f in step_fig["frames"])
    at.radio(key="t_gibbs_view").set_value(GIBBS_VIEWS[1]).run()
    assert not at.exception and not at.warning
    (all_fig,) = plotly_specs(at)
    # No truth for real text: no share in the true topic, no true dice; the words still recoloured.
    assert all_fig["data"][0]["type"] == "heatmap" and "true topic" not in json.dumps(all_fig)


def test_own_text_with_too_many_topics_is_told_to_use_fewer():
    """The case seen: two subjects pasted, six topics asked for. At two topics (above) no warning shows."""
    at = open_page("topics", t_tab=LEARN, t_corpus=OWN_TEXT)
    at.text_area(key="t_text").input(TEXT).run()
    by_key(at.slider, "t_real_k").set_value(6).run()
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "fewer subjects than 6 topics" in w.value]
    assert "less than 8% of the words" in warning or "same top words" in warning
    suggested = int(warning.split(": try ")[1].split(" topic")[0])
    assert 1 <= suggested < 6
