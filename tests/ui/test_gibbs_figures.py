"""The Gibbs animations: what the app stores unchecked is what the tests check, frame by frame."""

import html
import json

import numpy as np
import plotly.io
import pytest

from mixgen_core import Topic, sample_documents, sample_topic_assignments, topics_on_vocabulary, worksheet_topics
from mixgen_ui.gibbs_figures import (
    MAX_SWEEP_FRAMES,
    MODEBAR_PX,
    SWEEP_TICK_CHARS,
    SWEEP_WORDS,
    sweep_animation,
)
from mixgen_ui.gibbs_play import reroll_animation
from mixgen_ui.gibbs_view import agreement_by_sweep, display_numbers, frame_sweeps, top_vocabulary

LONG_WORDS = [Topic("long", ["internationalization", "counterrevolutionary", "pizza"]),
              Topic("short", ["cake", "run", "ok"])]
HOSTILE = [Topic("<b>a</b>", ["<b>bold</b>", "a&b", "x<br>y", "%{y}"]), Topic("two", ["plain", "alpha", "<i>it</i>"])]


def run_on(topics, n_docs, n_words, sweeps, seed):
    docs = sample_documents(topics, n_docs, n_words, topic_weights=[1.0] * len(topics), concentration=1.0,
                            rng=np.random.default_rng(seed))
    run = sample_topic_assignments([d.words for d in docs], len(topics), np.random.default_rng(seed), n_sweeps=sweeps)
    return run, topics_on_vocabulary(topics, run.vocabulary), np.concatenate([d.topics for d in docs])


def step_figure(topics, seed):
    run, truth, labels = run_on(topics, 3, 8, 3, seed)
    numbers, _ = display_numbers(run, truth, labels)
    return reroll_animation(run, 2, 5, numbers, labels)


def sweep_figure(topics, seed, with_truth=True):
    """The sweep-by-sweep figure as the app draws it: for rolled words with their truth, or as for
    real text (no truth: topics numbered as sampled, no agreement panel)."""
    run, truth, labels = run_on(topics, 30, 20, 12, seed)
    sweeps = frame_sweeps(run.n_sweeps, MAX_SWEEP_FRAMES)
    if with_truth:
        numbers, agreement = agreement_by_sweep(run, truth, labels, sweeps)
    else:
        numbers, agreement = np.tile(np.arange(run.n_topics), (len(sweeps), 1)), None
    return sweep_animation(run, sweeps, numbers, top_vocabulary(run, SWEEP_WORDS), agreement)


@pytest.mark.parametrize("make", [step_figure, sweep_figure])
@pytest.mark.parametrize("topics", [worksheet_topics(), HOSTILE], ids=["worksheet", "hostile words"])
@pytest.mark.parametrize("seed", [0, 3])
def test_stored_unchecked_is_what_is_checked(make, topics, seed, monkeypatch):
    checked = make(topics, seed)  # the tests check every frame and slider step (tests/conftest.py)
    monkeypatch.setenv("MIXGEN_CHECK_FIGURES", "0")
    stored = make(topics, seed)
    as_json = lambda fig: json.loads(plotly.io.to_json(fig, validate=False))  # noqa: E731
    assert as_json(stored) == as_json(checked)
    assert len(stored.to_dict()["frames"]) == len(checked.frames) == len(checked.layout.sliders[0].steps) > 1


#: Heights in Chromium with Streamlit's theme: a Play/Pause button, and the slider from its top (its current
#: value) to the bottom of its tick labels.
BUTTON_PX, SLIDER_DRAWN_PX = 33, 76


@pytest.mark.parametrize("make", [step_figure, sweep_figure])
def test_the_slider_has_its_own_row_under_the_buttons(make):
    """Beside the Play/Pause buttons, the slider's start and current value sat under them on a phone:
    now the slider spans the width under the buttons' row, and the bottom margin holds both."""
    layout = make(worksheet_topics(), 0).layout
    menu, slider = layout.updatemenus[0], layout.sliders[0]
    plot = layout.height - layout.margin.t - layout.margin.b  # px of the plot area: y is a fraction of it
    assert (menu.x, menu.xanchor, menu.yanchor, slider.yanchor) == (0, "left", "top", "top")
    assert (slider.x, slider.len) == (0, 1)
    assert slider.y * plot <= menu.y * plot - BUTTON_PX - 5, "the slider starts inside the buttons' row"
    assert -slider.y * plot + SLIDER_DRAWN_PX + 5 <= layout.margin.b, "the slider's tick labels are cut off"


#: Characters of a title's line that fit over the panels at 390 px (16 px font, about 7 px a character,
#: centred over a panel about 270 px wide).
TITLE_LINE_CHARS = 30
#: Pixels the bars' words take at most under them, slanted at 45° (``SWEEP_TICK_CHARS`` of them), and
#: a two-line title of 16 px.
SLANTED_WORDS_PX, TWO_LINE_TITLE_PX = 70, 42


@pytest.mark.parametrize("with_truth", [True, False], ids=["rolled words", "real text"])
def test_sweep_figure_fits_a_phone(with_truth):
    """At 390 px the modebar covered the legend, the titles were cut off on the right and the bars'
    slanted words ran into the log joint's title."""
    layout = sweep_figure(LONG_WORDS, 0, with_truth).layout
    legend = layout.legend
    # The legend (with the top panel's title) starts under the modebar, and grows down from there.
    assert (legend.yref, legend.yanchor, legend.orientation) == ("container", "top", "h")
    assert round((1 - legend.y) * layout.height, 6) >= MODEBAR_PX, "the legend starts where the modebar shows"
    assert layout.margin.t >= MODEBAR_PX + TWO_LINE_TITLE_PX + 20, "no room for the legend's title and a row of topics"
    assert all(note.y <= 1 for note in layout.annotations), "a title in the top margin, where the legend is"
    # Titles short enough to fit over a phone's panels.
    lines = [line for text in [legend.title.text] + [note.text for note in layout.annotations]
             for line in text.split("<br>")]
    assert len(lines) >= 3 and max(map(len, lines)) <= TITLE_LINE_CHARS, lines
    # Room under the bars for their words and the next panel's title.
    shown = [html.unescape(t) for t in layout.xaxis.ticktext]  # escaped for plotly
    assert max(map(len, shown)) <= SWEEP_TICK_CHARS < max(len(w) for t in LONG_WORDS for w in t.words), shown
    plot = layout.height - layout.margin.t - layout.margin.b
    gap = (layout.yaxis.domain[0] - layout.yaxis2.domain[1]) * plot
    title_lines = len(layout.annotations[0].text.split("<br>"))
    assert gap >= SLANTED_WORDS_PX + title_lines * TWO_LINE_TITLE_PX / 2 + 10, gap
    tops = [layout[f"yaxis{r}"].domain[1] for r in range(2, 2 + len(layout.annotations))]
    assert [note.y for note in layout.annotations] == tops, "a title not on its panel's top edge"


@pytest.mark.parametrize("active", [0, 1, 5, 23])
def test_play_goes_on_from_the_word_the_chart_opens_on(active):
    """Play plays the frames from the one shown (plotly would start from the first, knowing of no frame
    shown yet); opened on the first or the last frame, it plays them all."""
    run, truth, labels = run_on(worksheet_topics(), 3, 8, 3, 0)
    numbers, _ = display_numbers(run, truth, labels)
    fig = reroll_animation(run, 2, active, numbers, labels).to_dict()
    names = [f["name"] for f in fig["frames"]]
    play = fig["layout"]["updatemenus"][0]["buttons"][0]
    assert play["label"] == "▶ Play" and play["args"][1]["fromcurrent"] is True
    assert fig["layout"]["sliders"][0]["active"] == active
    assert play["args"][0] == (names[active:] if 0 < active < len(names) - 1 else None)
    assert sweep_figure(worksheet_topics(), 0).layout.updatemenus[0].buttons[0].args[0] is None  # opens on the last
