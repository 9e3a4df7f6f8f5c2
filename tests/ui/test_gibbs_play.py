"""The animations with the words and points in the figure (Gibbs sweeps and re-rolls, EM iterations):
valid plotly (checked property by property in the tests), one frame per step, payload bounded, user
text escaped, and the unchecked app figure identical to the checked one."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mixgen_core import (
    fit_gmm,
    mean_log_likelihood,
    preset_components,
    sample_documents,
    sample_gaussian_mixture,
    sample_topic_assignments,
    topics_on_vocabulary,
    worksheet_topics,
)
from mixgen_ui.em_play import MAX_EM_FRAMES, MAX_FRAME_POINTS, em_animation, frame_iterations, playable
from mixgen_ui.gibbs_play import MAX_GRID_WORDS, learning_animation, reroll_animation
from mixgen_ui.gibbs_view import agreement_by_sweep, display_numbers, frame_sweeps
from tests.app.helpers import decoded

TOPICS = worksheet_topics()


def gibbs(n_docs=6, n_words=20, sweeps=12, words=None):
    docs = sample_documents(TOPICS, n_docs, n_words, concentration=0.5, rng=np.random.default_rng(0))
    texts = [d.words for d in docs] if words is None else words
    run = sample_topic_assignments(texts, 2, np.random.default_rng(1), n_sweeps=sweeps)
    return docs, run


def learning(docs, run, truth=True):
    sweeps = frame_sweeps(run.n_sweeps, 100)
    if not truth:
        return learning_animation(run, sweeps, np.tile([0, 1], (len(sweeps), 1)), None, None, ["a", "b"])
    tw = topics_on_vocabulary(TOPICS, run.vocabulary)
    numbers, agreement = agreement_by_sweep(run, tw, np.concatenate([d.topics for d in docs]), sweeps)
    return learning_animation(run, sweeps, numbers, agreement, tw, [t.name for t in TOPICS])


@pytest.mark.parametrize("truth", [True, False])
def test_learning_animation_has_a_frame_per_sweep_with_the_words_recoloured(truth):
    docs, run = gibbs()
    fig = learning(docs, run, truth).to_dict()
    frames = fig["frames"]
    assert [f["name"] for f in frames] == [str(s) for s in range(run.n_sweeps + 1)]
    grid = fig["data"][0]
    assert grid["type"] == "heatmap" and sum(v is not None for row in grid["z"] for v in row) == MAX_GRID_WORDS
    for f, s in zip(frames, range(run.n_sweeps + 1)):
        z = [v for row in f["data"][0]["z"] for v in row if v is not None]
        expected = np.asarray(run.assignments[s, :MAX_GRID_WORDS]) + 1 if not truth else None
        if expected is not None:
            assert z == expected.tolist()
    lines = [f["data"][-2] for f in frames]  # the score's line grows by one sweep a frame
    assert [len(line["x"]) for line in lines] == list(range(1, run.n_sweeps + 2))
    assert np.allclose(decoded(lines[-1]["y"]), run.log_joint)


def test_reroll_animation_rings_each_word_and_draws_the_score_word_by_word():
    docs, run = gibbs(n_docs=3)
    numbers, _ = display_numbers(run, topics_on_vocabulary(TOPICS, run.vocabulary),
                                 np.concatenate([d.topics for d in docs]))
    fig = reroll_animation(run, 2, 5, numbers, np.concatenate([d.topics for d in docs])).to_dict()
    n = run.assignments.shape[1]
    assert len(fig["frames"]) == n and fig["layout"]["sliders"][0]["active"] == 5
    rings = [(f["data"][1]["x"][0], f["data"][1]["y"][0]) for f in fig["frames"]]
    assert len(set(rings)) == n
    scores = [decoded(f["data"][-2]["y"]) for f in fig["frames"]]
    assert scores[0][0] == pytest.approx(run.log_joint[1])
    # Frame p shows the state before word p is re-rolled: word p's cell changes only in the next frame.
    z = [[v for row in f["data"][0]["z"] for v in row if v is not None] for f in fig["frames"]]
    for p in range(n - 1):
        changed = [i for i in range(n) if z[p][i] != z[p + 1][i]]
        assert changed in ([], [p])


def test_words_are_escaped_and_cut_in_the_grid_and_titles():
    hostile = "<b onmouseover=alert(1)>"
    _, run = gibbs(words=[[hostile, "cake", "orc", "cake"], ["orc", hostile, "ring"]], sweeps=3)
    for fig in (learning(None, run, truth=False), reroll_animation(run, 1, 0, np.array([0, 1]), None)):
        text = json.dumps(fig.to_dict())
        assert "<b onmouseover" not in text and "&lt;b onmo" in text


@pytest.mark.parametrize("make", ["learning", "reroll", "em"])
def test_stored_unchecked_is_what_is_checked(make, monkeypatch):
    def build():
        if make == "em":
            comps = preset_components("The worksheet's example")
            s = sample_gaussian_mixture(comps, np.random.default_rng(0))
            fit = fit_gmm(s.points, 3, np.random.default_rng(3), init="random")
            lls = [mean_log_likelihood(s.points, fit.history[0]), *fit.log_likelihoods]
            return em_animation(s.points, fit.history, lls, comps, s.labels,
                                frame_iterations(fit.n_iter, len(s.points)), ("x", "y", True))
        docs, run = gibbs(n_docs=3)
        if make == "learning":
            return learning(docs, run)
        return reroll_animation(run, 1, 0, np.array([0, 1]), np.concatenate([d.topics for d in docs]))
    checked = json.loads(build().to_json())
    monkeypatch.setenv("MIXGEN_CHECK_FIGURES", "0")
    assert json.loads(build().to_json()) == checked  # the same figure, whatever the order of its keys


def test_em_animation_moves_points_ellipses_and_the_likelihood():
    comps = preset_components("The worksheet's example")
    s = sample_gaussian_mixture(comps, np.random.default_rng(0))
    fit = fit_gmm(s.points, 3, np.random.default_rng(3), init="random")
    lls = [mean_log_likelihood(s.points, fit.history[0]), *fit.log_likelihoods]
    its = frame_iterations(fit.n_iter, len(s.points))
    fig = em_animation(s.points, fit.history, lls, comps, s.labels, its, ("<i>x</i>", "y", True)).to_dict()
    frames = fig["frames"]
    assert [f["name"] for f in frames] == [str(i) for i in its] and its[0] == 0 and its[-1] == fit.n_iter
    colours = [f["data"][0]["marker"]["color"] for f in frames]
    assert len(colours[0]) == len(s.points) and colours[0] != colours[-1]
    means = [decoded(f["data"][4]["x"]) for f in frames]  # after the points and the three ellipses
    assert np.allclose(means[-1], fit.history[-1].means[:, 0])
    assert "&lt;i&gt;x" in fig["layout"]["xaxis"]["title"]["text"]
    assert {t.get("name") for t in fig["data"]} >= {"true Gaussians (2 sd)"}
    # Real data have true groups, not Gaussians that drew them: the legend says what the page says.
    real = em_animation(s.points, fit.history, lls, comps, s.labels, its, ("x", "y", True),
                        truth_name="true groups (2 sd)").to_dict()
    assert "true groups (2 sd)" in {t.get("name") for t in real["data"]}


@pytest.mark.parametrize("n_iter, n_points", [(5, 60), (500, 60), (500, 2_000), (30, 3_000)])
def test_em_frames_are_bounded(n_iter, n_points):
    its = frame_iterations(n_iter, n_points)
    assert its[0] == 0 and its[-1] == n_iter and its == sorted(set(its))
    assert len(its) <= MAX_EM_FRAMES and (len(its) * n_points <= MAX_FRAME_POINTS or len(its) == 2)
    assert playable(3_000) and not playable(3_001) and not playable(0)
