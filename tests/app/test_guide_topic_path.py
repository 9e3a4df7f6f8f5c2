"""AppTest: the words guide's last steps (7 to 9): the sampler learns the topics from documents that
each mix them their own way, fails on the worksheet's fixed coin, and meets the student's guess."""

from __future__ import annotations

import re

import numpy as np
import pytest

from mixgen_core import sample_documents, worksheet_topics
from mixgen_ui.topic_path import PATH_SWEEPS
from tests.app.helpers import click, decoded, heading, html_blocks, plotly_specs
from tests.app.test_guides import disabled


@pytest.fixture
def guide(open_guide):
    """The words guide in a router, opened at the query parameters given."""
    return lambda **query: open_guide("guide_topics", **query)


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def percents(text: str) -> list[int]:
    return [int(p) for p in re.findall(r"(\d+)%", text)]


def learning_figure(at) -> dict:
    (fig,) = [f for f in plotly_specs(at) if f["data"][0]["type"] == "heatmap"]
    return fig


def test_step_7_plays_the_sampler_learning_the_dice(guide):
    at = guide(gt_step="7")
    assert heading(at) == "Step 7 of 9: Find the topics"
    fig = learning_figure(at)
    # One frame per sweep, the random start first; every frame recolours the words.
    assert len(fig["frames"]) == PATH_SWEEPS + 1
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]] == ["▶ Play", "❚❚ Pause"]
    grids = [f["data"][0]["z"] for f in fig["frames"]]
    assert grids[0] != grids[-1]
    # The share in the title rises, and the sentence on the page says so with the same numbers.
    first, last = (percents(f["layout"]["title"]["text"])[0] for f in (fig["frames"][0], fig["frames"][-1]))
    assert last >= 80 and last > first
    said = markdown(at)
    assert f"rose from {first}% at the random start to {last}%" in said
    # The true dice drawn beside the learned ones; document 1 of the grid is the student's document.
    names = {t["name"] for t in fig["data"] if t.get("showlegend")}
    assert names == {"learned die", "true die"}
    click(at, "gt_next")
    assert heading(at) == "Step 8 of 9: The worksheet's coin"


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_step_7_learns_for_any_seed_and_step_8_does_worse(guide, seed):
    at = guide(gt_step="7", gt_seed=str(seed))
    mixed = percents(learning_figure(at)["frames"][-1]["layout"]["title"]["text"])[0]
    assert mixed >= 75, f"seed {seed}: the sampler put only {mixed}% in their true topic"
    click(at, "gt_next")
    coin_fig = learning_figure(at)
    coin = percents(coin_fig["frames"][-1]["layout"]["title"]["text"])[0]
    said = markdown(at)
    assert f"Here {coin}% of the words end in their true topic, against {mixed}% in step 7" in said
    assert ("far fewer" in said) == (coin < mixed - 10 + 0.5)  # within rounding of the rule's 0.1
    assert "nothing in the counts differs between documents" in at.info[0].value


def test_step_8_documents_all_share_one_coin(guide):
    at = guide(gt_step="8")
    said = markdown(at)
    lo, hi = percents(said.split("only by chance")[0])[-2:]
    assert 0 < lo < 50 < hi < 100  # fair-coin documents of 20 words: chance around a half, never all one topic


def test_step_9_without_a_guess_sends_the_student_back(guide):
    at = guide(gt_step="9")
    assert heading(at) == "Step 9 of 9: Your guess and the sampler"
    assert disabled(at, "gt_next")
    assert "You have not guessed" in markdown(at)
    (bars,) = [f for f in plotly_specs(at) if f["data"][0]["type"] == "bar"]
    assert "your guess" not in bars["data"][0]["x"] and len(bars["data"][0]["x"]) == 2  # nothing guessed: no bar
    click(at, "gt_to_guess")
    assert heading(at) == "Step 5 of 9: The question"


def test_step_9_joins_the_guess_to_what_was_learned(guide):
    at = guide(gt_step="5")
    topics = worksheet_topics()
    (doc,) = sample_documents(topics, 1, 20, rng=np.random.default_rng([0, 4]))
    for i, t in enumerate(doc.topics[:10]):  # ten words right, ten left unanswered
        at.segmented_control(key=f"gt_gw_{i}").set_value(int(t)).run()
    click(at, "gt_gw_check")
    for _ in range(4):
        click(at, "gt_next")
    assert heading(at) == "Step 9 of 9: Your guess and the sampler"
    said = markdown(at)
    assert "You put 10 of the 20 words in their true topic" in said
    assert "You answered 10 of the 20 words" in said
    (bars,) = [f for f in plotly_specs(at) if f["data"][0]["type"] == "bar"]
    you, sampler, bayes = (int(v) for v in decoded(bars["data"][0]["y"]))
    assert you == 10 and f"words alone put {sampler};" in said and f"(step 6) put {bayes}." in said
    assert any("Your guess" in b for b in html_blocks(at))
    (link,) = at.get("page_link")
    assert link.proto.page == "topics"
    click(at, "gt_back")
    assert heading(at) == "Step 8 of 9: The worksheet's coin"
