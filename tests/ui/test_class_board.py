"""The class board's pure parts: escaped nicknames, sentences true of the numbers, the QR code,
and the marks computed from a round's scenario."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core import best_possible_points, preset_components, sample_gaussian_mixture
from mixgen_ui.class_board import (
    accuracy_figure,
    best_answers_html,
    counts_html,
    difficulty_sentence,
    machine_with_k,
    groups_html,
    page_link,
    qr_png,
    spread_sentence,
)
from mixgen_ui.class_facts import gaussian_scenario, scenario_facts, scenario_params


def test_best_answers_are_ranked_and_escaped():
    rows = [{"nickname": "<script>x</script>", "accuracy": 0.5}, {"nickname": "Ada", "accuracy": 0.9, "ari": 0.8},
            {"nickname": "", "accuracy": 0.7}, {"nickname": "\u202eevil", "accuracy": 0.1}]
    html = best_answers_html(rows, shown=3)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.index("Ada") < html.index("(no nickname)") < html.index("&lt;script&gt;")
    assert "evil" not in html  # only the best 3
    assert "<bdi>" in html
    assert "No answers yet" in best_answers_html([])


def test_counts_and_groups_say_it_in_words():
    assert "12" in counts_html(12, 5, False) and "answered" in counts_html(12, 5, False)
    assert "ended" in counts_html(1, 1, True)
    html = groups_html([3, 3, 2, 4], k_true=3, k_bic=2)
    assert "2 students" in html and "the truth" in html and "BIC&#x27;s choice" in html
    assert groups_html([], k_true=3, k_bic=None).count("<tr>") == 1


def test_spread_sentence_counts_who_beat_the_machine():
    assert spread_sentence([0.2, 0.9, 0.95], 0.85, "EM") == "3 answers; the middle accuracy is 90%. 2 of 3 beat EM (85%)."
    assert spread_sentence([0.2, 0.4], None, "") == "2 answers; the middle accuracy is 30%."
    assert "No answers yet" in spread_sentence([], 0.5, "EM")


def test_difficulty_sentence_from_the_numbers():
    easy = difficulty_sentence(1.0, 0.7, "EM", "points")
    assert "100%" in easy and "70%" in easy and "Hardly any overlap" in easy
    hard = difficulty_sentence(0.75, 0.7, "EM", "points")
    assert "Heavy overlap: **25%** of these points are misplaced even by Bayes' rule." in hard
    # more than half misplaced: "about 1 in 2 cannot be placed by anyone" said less than the numbers show
    worse = difficulty_sentence(0.39, None, "", "points")
    assert "**61%** of these points are misplaced" in worse and "1 in 2" not in worse and "placed by anyone" not in worse
    assert "overlap" not in difficulty_sentence(0.9, None, "", "words")


def test_accuracy_figure_marks_the_machine_and_the_best():
    fig = accuracy_figure([0.1, 0.55, 0.56], [("EM", 0.7), ("best possible", 0.9)])
    names = [t.name for t in fig.data]
    assert names == ["students", "EM: 70%", "best possible: 90%"]
    assert {t.line.dash for t in fig.data[1:]} == {"dash", "dot"}  # not colour alone


def test_qr_code_is_a_png_and_links_are_encoded():
    assert qr_png("http://x/join?code=ACDEFG").startswith(b"\x89PNG")
    assert qr_png("http://x/topics?t_0_words=" + "w" * 2400) is None  # more than any QR code holds
    assert page_link("http://h", "board", {"code": "AB", "key": "a b&c"}) == "http://h/board?code=AB&key=a+b%26c"


def test_facts_draw_the_same_points_as_the_page():
    components, seed = gaussian_scenario(scenario_params("gaussians?g_k=2&g_seed=7&g_0_n=30")[1])
    assert seed == 7 and len(components) == 2 and components[0].count == 30
    facts = scenario_facts("gaussians?g_challenge=true&" + "&".join(
        f"g_{i}_{f}={v}" for i, (m, v3, n) in enumerate([((0, 0), (4, 4, 0), 120), ((1, 0.5), (0.1, 0.1, 0), 30)])
        for f, v in zip(("mx", "my", "vx", "vy", "rho", "n"), (*m, *v3, n))) + "&g_k=2&g_seed=1")
    sample = sample_gaussian_mixture(preset_components("Hidden in a crowd"), np.random.default_rng(1))
    assert facts.best == pytest.approx(best_possible_points(sample, preset_components("Hidden in a crowd")).accuracy)
    assert facts.k_true == 2 and facts.machine is not None and facts.k_bic is not None


def test_facts_of_words_and_of_bad_scenarios():
    words = scenario_facts("topics?t_challenge=true")
    assert words.unit == "words" and 0 < words.best <= 1 and words.machine is None
    with pytest.raises(ValueError):
        scenario_params("home?x=1")
    broken = scenario_facts("topics?t_0_words=")
    assert broken.best is None and broken.problem


def test_the_machine_s_number_of_gaussians_agrees_with_its_noun():
    assert machine_with_k("EM", 1) == "EM with 1 Gaussian"
    assert machine_with_k("EM", 3) == "EM with 3 Gaussians"
