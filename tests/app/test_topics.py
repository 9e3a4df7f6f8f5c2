"""AppTest: every control of the topic-documents page, tab by tab (tabs run lazily)."""

import re
from html import escape

import pytest

from tests.app.helpers import by_key, documents, html_blocks, markdown_rows, open_page, plotly_specs
from mixgen_streamlit.topic_tabs import TABLE_ROWS
from mixgen_ui.topic_settings import SHOWN_DOCS, TABS
from tests.payloads import HOSTILE

DIE, SINGLE, MIXED, COUNTS, KNOWN, LEARN, GIBBS = TABS


def topics_page(tab=DIE, **state):
    return open_page("topics", t_tab=tab, **state)


def test_defaults_are_the_worksheet():
    at = topics_page(MIXED)
    assert not at.error
    assert by_key(at.text_input, "t_0_name").value == "kids' birthday"
    assert by_key(at.text_area, "t_1_words").value == "spider, ring, drums, orc, battle, merry, run, frodo"
    assert by_key(at.number_input, "t_nwords").value == 20
    assert by_key(at.number_input, "t_0_mix").value == by_key(at.number_input, "t_1_mix").value  # a fair coin
    docs = documents(at)
    assert len(docs) == 3 and all(b.count("<bdi>") == 20 for b in docs)
    assert any("merry" in b for b in html_blocks(at) if b.startswith("<div>Shared words"))


def test_single_topic_documents():
    at = topics_page(SINGLE)
    docs = documents(at)
    assert len(docs) == 2 and all(b.count("<bdi>") == 20 for b in docs)
    assert "frodo" not in docs[0] and "balloon" not in docs[1]


def test_colour_toggle_hides_topics_and_asks_the_question():
    at = topics_page(MIXED)
    by_key(at.toggle, "t_colour").set_value(False).run()
    assert all("vertical-align:super" not in b for b in documents(at))  # no topic numbers
    assert any("could you tell which topic" in i.value for i in at.info)


def test_roll_once_and_many():
    at = topics_page(DIE)
    first = at.code[0].value
    outcome = first.splitlines()[0]
    assert outcome.count("1") == 1 and outcome.count("0") == 6  # one-hot over 7 sides
    seen = {first}
    for _ in range(5):
        next(b for b in at.button if b.label == "Roll once").click().run()
        seen.add(at.code[0].value)
    assert at.session_state["t_roll"] == 5 and len(seen) > 1
    at.select_slider(key="t_rolls").set_value(10_000).run()
    observed = next(t for t in plotly_specs(at)[0]["data"] if t["name"] == "observed frequency")
    assert not at.exception and observed


def test_choose_second_die():
    at = topics_page(DIE)
    at.selectbox(key="t_die").select("Topic 2").run()
    ticks = plotly_specs(at)[0]["layout"]["xaxis"]["ticktext"]
    assert ticks == ["spider", "ring", "drums", "orc", "battle", "merry", "run", "frodo"]


def test_edit_topics_add_and_remove():
    at = topics_page(MIXED)
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
        ("t_0_weights", "1, 2", "shape"),
        ("t_0_weights", "x, y", "numbers"),
        ("t_0_weights", "-1, 1, 1, 1, 1, 1, 1", "negative"),
        ("t_0_weights", "0, 0, 0, 0, 0, 0, 0", "zero"),
        ("t_0_weights", "nan, 1, 1, 1, 1, 1, 1", "finite"),
    ],
)
def test_bad_topics_get_a_clear_message(key, value, fragment):
    at = topics_page()
    widget = by_key(at.text_area if key.endswith("words") else at.text_input, key)
    widget.input(value).run()
    assert not at.exception
    assert at.error and re.search(fragment, at.error[0].value.replace("\\", ""), re.I)


def test_all_mixing_weights_zero():
    at = topics_page()
    by_key(at.number_input, "t_0_mix").set_value(0.0).run()
    by_key(at.number_input, "t_1_mix").set_value(0.0).run()
    assert at.error and "mixing weight" in at.error[0].value


def test_too_many_words_for_the_page():
    at = topics_page(MIXED)
    by_key(at.number_input, "t_ndocs").set_value(1000).run()
    by_key(at.number_input, "t_nwords").set_value(500).run()
    assert not at.exception and at.error and "at most" in at.error[0].value


def test_dirichlet_mixing_and_word_counts():
    at = topics_page(COUNTS)
    by_key(at.toggle, "t_dirichlet").set_value(True).run()
    by_key(at.slider, "t_alpha").set_value(0.1).run()
    by_key(at.number_input, "t_ndocs").set_value(40).run()
    by_key(at.number_input, "t_nwords").set_value(100).run()
    assert not at.exception and not at.error
    counts = plotly_specs(at)[-1]
    assert {t["name"] for t in counts["data"]} == {"counted", "expected"}


def test_known_topics_posteriors_match_bayes_rule():
    at = topics_page(KNOWN)
    assert not at.get("arrow_data_frame")  # a plain table: the interactive grid was most of the tab's time
    seen = set()
    for doc in ("Document 1", "Document 2", "Document 3"):
        at.selectbox(key="t_doc").select(doc).run()
        (table,) = [m.value for m in at.markdown if m.value.startswith("| word | true topic |")]
        head, *rows = markdown_rows(table)
        assert head == ["word", "true topic", "P(topic 1)", "P(topic 2)"]
        for word, true, p1, p2 in rows:
            assert float(p1) + float(p2) == pytest.approx(1, abs=0.002)
            if word == "merry":  # on both dice; with a fair coin: (1/7) / (1/7 + 1/8) = 8/15
                assert p1 == f"{8 / 15:.3f}"
            if word == "cake":  # only on die 1
                assert (p1, true) == ("1.000", "1")
            seen.add(word)
    assert {"merry", "cake"} <= seen
    assert any("Why is" in b for b in html_blocks(at))
    assert {t["name"] for t in plotly_specs(at)[0]["data"]} >= {"true mix", "estimated from the words"}
    at.selectbox(key="t_doc").select("Document 3").run()
    assert not at.exception


def test_learn_the_topics_recovers_them_on_a_bigger_corpus():
    at = topics_page(LEARN)
    next(b for b in at.button if b.label.startswith("Use 200 documents")).click().run()
    assert not at.exception and not at.warning
    # The page's own fit comes after the two side-by-side corpora.
    correct = [m for m in at.metric if m.label == "Words assigned to their true topic"][-1].value
    # Shared words ("merry", "run": 2 of 15 vocabulary words) are the only ambiguous ones.
    assert int(correct.rstrip("%")) >= 80
    # The dice learned from these documents are drawn only once their expander is opened.
    assert len(plotly_specs(at)) == 1
    assert any(e.label.startswith("The dice learned from your documents") for e in at.expander)
    at.session_state["t_fit_dice"] = True
    at.run()
    side, own = plotly_specs(at)
    titles = [a["text"] for a in own["layout"]["annotations"]]
    assert len(titles) == 2 and all("learned topic" in t and "<br>" not in t for t in titles)
    (table,) = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("**Learned mixes**")]
    assert table.count("| Document ") == SHOWN_DOCS and "% · " in table
    for mode in ("true origin", "no colour", "inferred origin"):
        at.radio(key="t_fit_colour").set_value(mode).run()
        assert not at.exception
    by_key(at.slider, "t_fit_k").set_value(4).run()
    assert not at.exception
    # Two learned topics more than were rolled: the table keeps their share (each row adds up) and says so.
    (table,) = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("**Learned mixes**")]
    assert "Learned topics 3 to 4 are paired with no true topic" in table
    for row in markdown_rows(table.split("\n\n", 1)[1])[1:]:
        learned = [int(p.rstrip("%")) for p in row[2].split(" · ")]
        assert len(learned) == 4 and abs(sum(learned) - 100) <= 2


def test_one_topic_is_not_said_to_be_hard_to_tell_apart():
    at = topics_page(LEARN, t_k=1)
    text = " ".join(m.value for m in at.markdown)
    assert "nothing to tell apart" in text and "poor" not in text and "about half" not in text
    assert not at.exception


def test_a_shared_word_of_a_topic_never_picked_is_not_called_uncertain():
    at = topics_page(KNOWN, t_1_mix=0.0)
    assert not at.exception
    assert not any("Why is" in b for b in html_blocks(at))


def test_learning_more_topics_than_words_is_explained():
    at = topics_page(LEARN)
    by_key(at.text_area, "t_0_words").input("a").run()
    by_key(at.text_area, "t_1_words").input("b").run()
    by_key(at.slider, "t_fit_k").set_value(5).run()
    assert not at.exception and at.warning and "can't be learned" in at.warning[0].value.replace("\\", "")


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_words_stay_literal(payload):
    at = topics_page(MIXED)
    by_key(at.text_area, "t_0_words").input(f"{payload}, cake").run()
    by_key(at.text_input, "t_0_name").input(payload).run()
    assert not at.exception and not at.error
    bodies = "".join(html_blocks(at))
    assert escape(payload) in bodies
    if "<" in payload:
        assert f"<bdi>{payload}" not in bodies


def test_a_long_documents_table_of_chances_shows_its_first_words_and_says_so():
    at = topics_page(KNOWN, t_nwords=80)
    (table,) = [m.value for m in at.markdown if m.value.startswith("| word | true topic |")]
    assert len(markdown_rows(table)) == 1 + TABLE_ROWS
    assert any(f"The first {TABLE_ROWS} of the document's 80 words" in c.value for c in at.caption)
    short = topics_page(KNOWN, t_nwords=TABLE_ROWS)
    assert not any("The first" in c.value for c in short.caption)
