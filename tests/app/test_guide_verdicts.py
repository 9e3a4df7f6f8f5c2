"""AppTest: both guides' question steps judge an empty, a poor and a perfect guess, each truly.

Each verdict is checked against the numbers the page shows beside it (the student's score and the
yardstick: Bayes' rule with the true Gaussians, or with the dice, known)."""

from __future__ import annotations

import re

import numpy as np

from mixgen_core import preset_components, sample_gaussian_mixture, worksheet_topics
from mixgen_ui.gaussian_settings import DEFAULT_PRESET
from tests.app.helpers import click, documents, words_of


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def _points_guide_checked(open_guide, labels_of):
    at = open_guide("guide_gaussians", gg_step="4")
    sample = sample_gaussian_mixture(preset_components(DEFAULT_PRESET), np.random.default_rng(0))
    labels = labels_of(sample.labels)
    if labels is not None:
        at.session_state["gg_guess_labels"] = np.asarray(labels, dtype=np.int8)
    click(at, "gg_guess_check")
    return at, sample


def test_points_guide_empty_guess_is_told_it_grouped_nothing(open_guide):
    at, _ = _points_guide_checked(open_guide, lambda truth: None)
    assert _metric(at, "Your accuracy") == "0%"
    verdict = at.warning[0].value
    assert verdict.startswith("You have not put any point in a group")
    assert not any(s.value.startswith(("Yes", "Partly")) for s in [*at.success, *at.info])


def test_points_guide_poor_guess_is_told_no_better_than_random(open_guide):
    at, _ = _points_guide_checked(open_guide, lambda truth: np.zeros_like(truth))  # everything in one group
    assert _metric(at, "Your adjusted Rand index") == "0.00"
    verdict = at.warning[0].value
    assert verdict.startswith("Not yet") and "no better than a random grouping" in verdict
    assert "put 20 of 60 points" in verdict
    assert not at.success or not any(s.value.startswith("Yes") for s in at.success)


def test_points_guide_perfect_guess_is_told_yes_against_the_yardstick(open_guide):
    at, _ = _points_guide_checked(open_guide, lambda truth: truth)
    assert _metric(at, "Your accuracy") == "100%"
    best = _metric(at, "Bayes' rule, true Gaussians known")
    verdict = at.success[0].value
    assert verdict.startswith("Yes") and "60 of 60 points" in verdict
    assert best == "100%"  # the worksheet's clouds sit apart on seed 0: Bayes' rule places every point
    assert not at.warning


def test_points_guide_bic_picking_more_is_not_blamed_on_fewer_gaussians(open_guide):
    """Seed 1: BIC picks 5 of the 3 true Gaussians; the reason once said fewer explain the points as well."""
    at = open_guide("guide_gaussians", gg_step="4", gg_seed="1")
    sample = sample_gaussian_mixture(preset_components(DEFAULT_PRESET), np.random.default_rng(1))
    at.session_state["gg_guess_labels"] = np.asarray(sample.labels, dtype=np.int8)
    click(at, "gg_guess_check")
    k_line = next(m.value for m in at.markdown if m.value.startswith("You said"))
    assert "picks **5**" in k_line and "BIC can miss the other way: here 5 Gaussians fit the points" in k_line
    assert "fewer" not in k_line


# --- words -------------------------------------------------------------------------------------
BIRTHDAY, LOTR = worksheet_topics()


def _words_guide_checked(open_guide, answer):
    """Step 5 answered word by word with ``answer(i, word)`` (a topic index or -1 for "not sure")."""
    at = open_guide("guide_topics", gt_step="5")
    words = words_of(documents(at)[0])
    for i, w in enumerate(words):
        at.segmented_control(key=f"gt_gw_{i}").set_value(answer(i, w))
    at.run()
    click(at, "gt_gw_check")
    (revealed,) = documents(at)
    truth = [int(t) for t in re.findall(r"vertical-align:super[^>]*>(\d)", revealed)]
    return at, words, truth


def _right(at) -> tuple[int, int, int]:
    """(yours right, of, Bayes' rule right) from the captions under the two metrics."""
    caps = [c.value for c in at.caption if " words right" in c.value]
    you = re.match(r"(\d+) of (\d+) words right", caps[0])
    bayes = re.match(r"(\d+) of (\d+) words right", caps[1])
    return int(you.group(1)), int(you.group(2)), int(bayes.group(1))


def test_words_guide_empty_guess(open_guide):
    at, _, _ = _words_guide_checked(open_guide, lambda i, w: -1)  # "not sure" everywhere: no topic named
    assert _right(at)[0] == 0
    assert at.warning[0].value.startswith("You named no word's topic")
    assert not any(s.value.startswith(("Yes", "Partly")) for s in [*at.success, *at.info])


def test_words_guide_poor_guess(open_guide):
    # every word on one die only given the other die; shared words the kids' birthday die
    def wrong(i, w):
        return 0 if w in LOTR.words and w not in BIRTHDAY.words else 1

    at, words, _ = _words_guide_checked(open_guide, wrong)
    you, n, bayes = _right(at)
    verdict = next(v.value for v in [*at.warning, *at.info] if v.value.startswith(("Not yet", "Partly")))
    assert you < bayes
    assert verdict.startswith("Not yet: none of the") if you == 0 else verdict.startswith(f"Partly: you gave {you} of {n}")
    one_die = sum(w not in set(BIRTHDAY.words) & set(LOTR.words) for w in words)
    assert f"{one_die:,} word" in verdict and "on one die only" in verdict  # every one-die word was missed
    assert not at.success


def test_words_guide_perfect_guess(open_guide):
    at, words, _ = _words_guide_checked(open_guide, lambda i, w: 0)
    truth_topics = [int(t) for t in re.findall(r"vertical-align:super[^>]*>(\d)", [
        b for b in (el.proto.body for el in at.get("html")) if "line-height:2.1" in b][0])]
    at2, _, _ = _words_guide_checked(open_guide, lambda i, w: truth_topics[i] - 1)
    you, n, bayes = _right(at2)
    assert you == n and you >= bayes
    verdict = at2.success[0].value
    assert verdict.startswith("Yes") and f"{n} of {n} words" in verdict
    assert not at2.warning
