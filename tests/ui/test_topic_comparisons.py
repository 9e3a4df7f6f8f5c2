"""Learned dice beside the true ones: one corpus, or several in one figure."""

import numpy as np

from mixgen_ui.topic_fit_figures import TOP_WORDS, topic_comparison_figure, topic_comparisons_figure

VOCABULARY = [f"w{j}" for j in range(15)]
NAMES = ["<b>birthday</b>", "rings"]


def dice(seed: int, k: int = 2) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(len(VOCABULARY)), k)


def test_two_corpora_share_one_figure_the_first_corpus_first():
    true, own, coin = dice(0), dice(1), dice(2)
    fig = topic_comparisons_figure([("own mixes", VOCABULARY, true, own, np.array([1, 0])),
                                    ("one coin", VOCABULARY, true, coin, np.array([0, -1]))], NAMES)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["own mixes<br>1: &lt;b&gt;birthday&lt;/b&gt; ↔ learned topic 2",
                      "own mixes<br>2: rings ↔ learned topic 1",
                      "one coin<br>1: &lt;b&gt;birthday&lt;/b&gt; ↔ learned topic 1",
                      "one coin<br>2: rings (no learned topic left)"]
    bars = fig.data
    assert len(bars) == 8 and [b.showlegend for b in bars] == [True, True] + [False] * 6
    # Row by row: the true die's and the matched learned die's probabilities on the same top words.
    for r, (t, learned) in enumerate([(true[0], own[1]), (true[1], own[0]), (true[0], coin[0]),
                                      (true[1], np.zeros_like(true[1]))]):
        top = np.argsort(-np.maximum(t, learned), kind="stable")[:TOP_WORDS]
        axis = "x" if r == 0 else f"x{r + 1}"
        assert bars[2 * r].xaxis == bars[2 * r + 1].xaxis == axis
        np.testing.assert_allclose(bars[2 * r].y, t[top])
        np.testing.assert_allclose(bars[2 * r + 1].y, learned[top])
    assert fig.layout.height == 260 * 4 + 110


def test_one_corpus_has_no_heading():
    fig = topic_comparison_figure(VOCABULARY, dice(0), dice(1), np.array([0, 1]), NAMES)
    assert [a.text for a in fig.layout.annotations] == [
        "1: &lt;b&gt;birthday&lt;/b&gt; ↔ learned topic 1", "2: rings ↔ learned topic 2"]
