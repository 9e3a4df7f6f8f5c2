"""AppTest: the two "Follow the worksheet" guides, walked step by step (Next/Back, guesses, every button, the URL)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import click, decoded, documents, heading, html_blocks, markdown_rows, plotly_specs, words_of
from mixgen_core import worksheet_topics
from mixgen_ui.palette import COLOURS, NEUTRAL

BIRTHDAY, LOTR = (set(t.words) for t in worksheet_topics())


def disabled(at: AppTest, key: str) -> bool:
    return at.button(key=key).proto.disabled


# --- Gaussians ---------------------------------------------------------------------------


def test_gaussian_guide_walks_every_step(open_guide):
    at = open_guide("guide_gaussians")
    assert heading(at) == "Step 1 of 5: Draw the points"
    code = at.code[0].value
    for line in ("mean1 = (1,1)", "mean2 = (5,2)", "mean3 = (1,4)", "cov1 = ((0.1, 0), (0, 0.1))",
                 "cov2 = ((0.5, 0), (0, 0.4))", "cov3 = ((1, 0), (0, 0.1))", "numpoints = 20"):
        assert line in code.splitlines()
    table = at.dataframe[0].value
    assert len(table) == 60 and (table["drawn from"].value_counts() == 20).all()
    assert disabled(at, "gg_back") and not disabled(at, "gg_next")
    # Where each Gaussian sits, before any point: its mean and two ellipses, named in the legend.
    (gaussians,) = plotly_specs(at)
    means = [(t["x"], t["y"]) for t in gaussians["data"] if t["mode"] == "markers"]
    assert means == [([1.0], [1.0]), ([5.0], [2.0]), ([1.0], [4.0])]
    assert [t["name"] for t in gaussians["data"] if t.get("showlegend", True)] == ["Gaussian 1", "Gaussian 2",
                                                                                  "Gaussian 3"]

    first_x = table["x"].tolist()
    click(at, "gg_draw")  # draw again: a new seed, new points, same Gaussians
    assert at.session_state["gg_seed"] == 1
    assert at.dataframe[0].value["x"].tolist() != first_x

    click(at, "gg_next")
    assert heading(at) == "Step 2 of 5: Colour them by source"
    assert at.query_params["gg_step"] == "2"
    traces = plotly_specs(at)[0]["data"]
    assert [t["name"] for t in traces] == ["Gaussian 1", "Gaussian 2", "Gaussian 3"]
    assert [len(decoded(t["x"])) for t in traces] == [20, 20, 20]
    assert [t["marker"]["color"] for t in traces] == list(COLOURS[:3])
    assert any("coloured by source" in m.value for m in at.markdown)

    click(at, "gg_next")
    assert heading(at) == "Step 3 of 5: All in one colour"
    (trace,) = plotly_specs(at)[0]["data"]
    assert len(decoded(trace["x"])) == 60 and trace["marker"]["color"] == NEUTRAL

    click(at, "gg_next")
    assert heading(at) == "Step 4 of 5: The question"
    assert len(plotly_specs(at)[0]["data"]) == 1  # one colour (no group yet) before the check
    click(at, "gg_guess_check")
    assert "You have not put any point in a group" in at.warning[0].value  # an empty guess is told so
    assert len(plotly_specs(at)[0]["data"]) == 3  # the colours are back, beside the guess
    assert any(m.label == "Your accuracy" for m in at.metric)
    click(at, "gg_again")  # hide and guess again
    assert not at.info and not at.metric
    assert len(plotly_specs(at)[0]["data"]) == 1

    click(at, "gg_next")
    assert heading(at) == "Step 5 of 5: Reason back"
    assert disabled(at, "gg_next") and not disabled(at, "gg_back")
    agree = at.metric[0].value
    assert agree.endswith("%") and int(agree[:-1]) >= 90  # the worksheet's clouds are easy to untangle
    names = [t.get("name") for t in plotly_specs(at)[0]["data"]]
    assert "fitted means" in names and "true Gaussians (2 sd)" in names
    assert len(at.dataframe[0].value) == 3
    (link,) = at.get("page_link")
    assert link.proto.page == "gaussians"

    click(at, "gg_back")
    assert heading(at) == "Step 4 of 5: The question"


@pytest.mark.parametrize("step", ["1", "2", "3", "4", "5"])
def test_gaussian_guide_step_from_the_url(open_guide, step):
    at = open_guide("guide_gaussians", gg_step=step)
    assert heading(at).startswith(f"Step {step} of 5")
    assert at.segmented_control(key="gg_step").value == int(step)


@pytest.mark.parametrize("bad", ["0", "9", "two", ""])
def test_gaussian_guide_bad_step_in_the_url_starts_at_step_1(open_guide, bad):
    at = open_guide("guide_gaussians", gg_step=bad)
    assert heading(at).startswith("Step 1 of 5")


def test_gaussian_guide_seed_from_the_url(open_guide):
    a = open_guide("guide_gaussians", gg_seed="7").dataframe[0].value
    b = open_guide("guide_gaussians", gg_seed="7").dataframe[0].value
    c = open_guide("guide_gaussians", gg_seed="8").dataframe[0].value
    assert a.equals(b) and not a.equals(c)


# --- Topics ------------------------------------------------------------------------------


def one_roll(at: AppTest) -> tuple[list[int], int]:
    """The one-hot outcome and argmax shown in the step's code block."""
    lines = at.code[0].value.splitlines()
    vector = [int(v) for v in lines[1].removeprefix("# -> [").removesuffix("]").split(", ")]
    return vector, int(lines[3].removeprefix("# -> "))


def test_topic_guide_walks_every_step(open_guide):
    at = open_guide("guide_topics")
    assert heading(at) == "Step 1 of 9: Roll a fair die"
    assert disabled(at, "gt_back")
    assert "[1/6] * 6" in at.code[0].value
    seen = set()
    for _ in range(8):
        vector, side = one_roll(at)
        assert len(vector) == 6 and sorted(vector) == [0] * 5 + [1] and vector.index(1) == side
        seen.add(side)
        click(at, "gt_roll_1")
    assert len(seen) > 1  # rolling again gives other sides
    bars = plotly_specs(at)[0]["data"][0]
    assert np.allclose(decoded(bars["y"]), 1 / 6)

    click(at, "gt_next")
    assert heading(at) == "Step 2 of 9: Roll a word die"
    assert at.query_params["gt_step"] == "2"
    words = ["balloon", "happy", "run", "merry", "cake", "jump", "pizza"]
    assert plotly_specs(at)[0]["layout"]["xaxis"]["ticktext"] == words
    for _ in range(3):
        vector, side = one_roll(at)
        assert len(vector) == 7 and sum(vector) == 1 and vector.index(1) == side
        shown = next(b for b in html_blocks(at) if "the word on top" in b)
        assert f"wordgroup1[{side}]" in shown and f"<bdi>{words[side]}</bdi>" in shown
        click(at, "gt_roll_2")

    click(at, "gt_next")
    assert heading(at) == "Step 3 of 9: A document per topic"
    doc1, doc2 = (words_of(b) for b in documents(at))
    assert len(doc1) == len(doc2) == 20
    assert set(doc1) <= BIRTHDAY and set(doc2) <= LOTR
    click(at, "gt_new_3")
    assert at.session_state["gt_seed"] == 1 and words_of(documents(at)[0]) != doc1

    click(at, "gt_next")
    assert heading(at) == "Step 4 of 9: Mix the topics"
    (mixed,) = documents(at)
    mixed_words = words_of(mixed)
    assert len(mixed_words) == 20 and set(mixed_words) <= BIRTHDAY | LOTR
    assert "vertical-align:super" in mixed  # coloured and numbered by topic
    assert any("kids&#x27;" in b and "Lord of the Rings" in b for b in html_blocks(at))  # the legend
    click(at, "gt_new_4")
    assert at.session_state["gt_seed"] == 2 and words_of(documents(at)[0]) != mixed_words
    mixed_words = words_of(documents(at)[0])

    click(at, "gt_next")
    assert heading(at) == "Step 5 of 9: The question"
    (plain,) = documents(at)
    assert words_of(plain) == mixed_words and "vertical-align:super" not in plain
    assert disabled(at, "gt_gw_check")  # nothing guessed yet
    at.segmented_control(key="gt_gw_0").set_value(0).run()
    click(at, "gt_gw_check")
    (revealed,) = documents(at)
    assert words_of(revealed) == mixed_words and "vertical-align:super" in revealed
    note = at.info[-1].value
    shared = [w for w in ("merry", "run") if w in mixed_words]
    assert all(f'"{w}"' in note for w in shared) and ("more than one die" in note) == bool(shared)
    click(at, "gt_gw_again")
    assert at.segmented_control(key="gt_gw_0").value == 0 and not at.metric  # the guess is kept, the answer hidden

    click(at, "gt_next")
    assert heading(at) == "Step 6 of 9: Reason back"
    assert not disabled(at, "gt_next")  # steps 7 to 9: tests/app/test_guide_topic_path.py
    assert at.metric[0].value == "0.533"
    assert any("8/15" in m.value for m in at.markdown)
    (table,) = [markdown_rows(m.value) for m in at.markdown if m.value.startswith("| word |")]
    assert table[0] == ["word", "birthday", "Lord of the Rings"] and len(table) == 1 + 13
    chance = {word: (float(b), float(lotr)) for word, b, lotr in table[1:]}
    assert chance["merry"][0] == pytest.approx(float(Fraction(8, 15)), abs=5e-4)
    assert chance["run"][1] == pytest.approx(7 / 15, abs=5e-4)
    assert chance["orc"][0] == 0 and chance["cake"][0] == 1
    (guessed,) = documents(at)
    assert words_of(guessed) == mixed_words
    assert any("the next step does that" in m.value for m in at.markdown)

    click(at, "gt_back")
    assert heading(at) == "Step 5 of 9: The question"


@pytest.mark.parametrize("step", [str(i) for i in range(1, 10)])
def test_topic_guide_step_from_the_url(open_guide, step):
    at = open_guide("guide_topics", gt_step=step)
    assert heading(at).startswith(f"Step {step} of 9")


def test_guides_keep_their_own_state(open_guide):
    at = open_guide("guide_topics", gt_step="5")
    at.segmented_control(key="gt_gw_0").set_value(1).run()
    click(at, "gt_gw_check")
    at.switch_page("pages/guide_gaussians.py").run()
    assert not at.exception
    assert heading(at) == "Step 1 of 5: Draw the points"
    assert at.session_state["gt_gw_checked"] and "gg_guess_checked" not in at.session_state
