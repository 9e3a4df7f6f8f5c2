"""The take-home code: each snippet reproduces the on-screen sample bit for bit, in a fresh
Python with only numpy, runs the very recipes the core samples with, and keeps user text data."""

from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core import (
    GAUSSIAN_PRESETS,
    GaussianComponent,
    Topic,
    preset_components,
    sample_documents,
    sample_gaussian_mixture,
    worksheet_topics,
)
from mixgen_core import recipes
from mixgen_core.limits import MAX_SAMPLED_DOCUMENTS
from mixgen_ui.snippets import gaussian_snippet, topics_snippet
from tests.ui.cases import GAUSSIAN_CASES, HOSTILE_NAMES, hostile_topics, same_bits

# Runs a snippet under a name other than "__main__" (no plot, no printing) and saves its results.
RUNNER = r"""
import json, runpy, sys
import numpy as np
ns = runpy.run_path(sys.argv[1], run_name="mixgen_snippet")
if sys.argv[3] == "gaussian":
    np.savez(sys.argv[2], points=ns["points"], labels=ns["labels"])
else:
    with open(sys.argv[2], "w", encoding="ascii") as f:
        json.dump({"documents": ns["documents"], "topics": ns["topics"].tolist(),
                   "sides": ns["sides"].tolist(), "mixing": ns["mixing"].tolist()}, f)
"""


def _run(src: str, kind: str, tmp_path: Path) -> Path:
    """Run ``src`` in a fresh interpreter (RUNNER) and return the path of its saved results."""
    script = tmp_path / "snippet.py"
    script.write_text(src, encoding="utf-8")  # fails if the source held a lone surrogate
    out = tmp_path / ("out.npz" if kind == "gaussian" else "out.json")
    subprocess.run([sys.executable, "-c", RUNNER, str(script), str(out), kind],
                   check=True, capture_output=True, cwd=tmp_path)
    return out


def _exec(src: str) -> dict:
    """Run ``src`` in this process, in a fresh namespace that is not ``__main__``."""
    ns: dict = {"__name__": "mixgen_snippet"}
    exec(compile(src, "<snippet>", "exec"), ns)
    return ns


@pytest.mark.parametrize("case", list(GAUSSIAN_CASES))
def test_gaussian_snippet_reproduces_the_sample_in_a_fresh_python(case, tmp_path):
    components, seed = GAUSSIAN_CASES[case]
    expected = sample_gaussian_mixture(components, np.random.default_rng(seed))
    result = np.load(_run(gaussian_snippet(components, seed), "gaussian", tmp_path))
    assert same_bits(result["points"], expected.points)
    assert np.array_equal(result["labels"], expected.labels)


@pytest.mark.parametrize("name", list(GAUSSIAN_PRESETS))
def test_gaussian_snippet_reproduces_every_preset(name):
    components = preset_components(name)
    ns = _exec(gaussian_snippet(components, 2024))
    expected = sample_gaussian_mixture(components, np.random.default_rng(2024))
    assert same_bits(ns["points"], expected.points)
    assert np.array_equal(ns["labels"], expected.labels)
    assert same_bits(ns["x"], expected.points[:, 0]) and same_bits(ns["y"], expected.points[:, 1])


_coordinate = st.floats(-100, 100, allow_nan=False)
_component = st.builds(
    GaussianComponent.from_variances,
    st.tuples(_coordinate, _coordinate),
    st.tuples(st.floats(0, 50) | st.just(0.0), st.floats(0, 50) | st.just(0.0)),
    st.floats(-1, 1) | st.sampled_from([-1.0, 0.0, 1.0]),
    st.integers(0, 30),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_component, min_size=1, max_size=8), st.integers(0, 2**128))
def test_gaussian_snippet_is_bit_identical_for_any_mixture(components, seed):
    ns = _exec(gaussian_snippet(components, seed))
    expected = sample_gaussian_mixture(components, np.random.default_rng(seed))
    assert same_bits(ns["points"], expected.points)
    assert np.array_equal(ns["labels"], expected.labels)


def test_gaussian_snippet_matches_where_rounding_makes_the_correlation_pass_one():
    # The PSD check lets |b| pass sqrt(a * c) by a rounding's worth; then b / sqrt(a) exceeds
    # sqrt(c), and the factor clamps it (in the core and in the snippet: the same recipe).
    a, c = 6.711, 20.162
    b = np.sqrt(a) * np.sqrt(c) * (1 + 1e-12)
    comp = GaussianComponent((0.0, 0.0), ((a, b), (b, c)), 25)
    assert comp.cov[1, 0] / np.sqrt(comp.cov[0, 0]) > np.sqrt(comp.cov[1, 1])
    ns = _exec(gaussian_snippet([comp], 5))
    assert same_bits(ns["points"], sample_gaussian_mixture([comp], np.random.default_rng(5)).points)


def test_gaussian_snippet_runs_as_a_script_with_or_without_matplotlib(tmp_path):
    script = tmp_path / "points.py"
    script.write_text(gaussian_snippet(GAUSSIAN_CASES["worksheet"][0], 0), encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg"}  # plt.show() does nothing without a display
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr


def test_snippets_refuse_bad_seeds_and_components():
    components = GAUSSIAN_CASES["worksheet"][0]
    for seed in (-1, 1.5, "0", None, True, [], [1, -2], [[1]], float("nan"), float("inf"), -(2**63)):
        with pytest.raises(ValueError):
            gaussian_snippet(components, seed)
    with pytest.raises(ValueError):
        gaussian_snippet([], 0)
    with pytest.raises(ValueError):
        topics_snippet(worksheet_topics(), -1, 5)
    with pytest.raises(ValueError):
        topics_snippet(worksheet_topics(), 2, 5, topic_weights=[1.0])
    assert "seed = 3\n" in gaussian_snippet(components, 3.0)
    with pytest.raises(ValueError, match="at most 10,000"):
        topics_snippet(worksheet_topics(), MAX_SAMPLED_DOCUMENTS + 1, 5)  # the sampler's own caps
    with pytest.raises(ValueError, match="words in all"):
        topics_snippet(worksheet_topics(), 1001, 1000)


@pytest.mark.parametrize("seed", [2**32, 2**63, 10**30, [2**64, 0, 7], np.uint64(2**64 - 1), 1e20])
def test_any_seed_numpy_reproduces_is_accepted(seed):
    # No seed limit of the snippets' own: what np.random.default_rng takes and reproduces.
    components = GAUSSIAN_CASES["correlated"][0]
    src = gaussian_snippet(components, seed)
    ns = _exec(src)
    expected_seed = [int(v) for v in seed] if isinstance(seed, list) else int(seed)
    assert f"seed = {expected_seed!r}\n" in src
    expected = sample_gaussian_mixture(components, np.random.default_rng(expected_seed))
    assert same_bits(ns["points"], expected.points)
    docs = sample_documents(worksheet_topics(), 2, 9, rng=np.random.default_rng(expected_seed))
    assert _exec(topics_snippet(worksheet_topics(), 2, 9, seed=seed))["documents"] == [d.words for d in docs]


# --- the code shown is the code that runs ------------------------------------------------------
def test_snippets_embed_the_recipes_the_core_samples_with():
    gaussian = gaussian_snippet(GAUSSIAN_CASES["worksheet"][0], 0)
    topics = topics_snippet(worksheet_topics(), 2, 5)
    for fn in (recipes.cholesky_2x2, recipes.mixture_points):
        assert inspect.getsource(fn) in gaussian
    for fn in (recipes.cumulative, recipes.roll):
        assert inspect.getsource(fn) in topics
    # and each script defines them once, and no other function
    for src, names in ((gaussian, ["cholesky_2x2", "mixture_points"]), (topics, ["cumulative", "roll"])):
        defined = [node.name for node in ast.parse(src).body if isinstance(node, ast.FunctionDef)]
        assert defined == names


# --- topics -------------------------------------------------------------------------------
def _big_topics() -> list[Topic]:
    return [Topic(f"topic {k}", [f"w{k}_{j}" for j in range(200)], weights=np.arange(200.0) % (k + 2))
            for k in range(8)]


# (topics, n_documents, n_words, keyword arguments of sample_documents, seed)
TOPIC_CASES = {
    "defaults": (worksheet_topics(), 5, 20, {}, 0),
    "weighted dice": ([Topic("a", ["p", "q", "r", "s"], weights=[0.0, 3.0, 0.0, 1.0]),
                       Topic("b", ["q", "t"], weights=[0.1, 0.2])], 6, 30, {"topic_weights": [0.2, 0.8]}, 11),
    "unused topic": (worksheet_topics(), 4, 10, {"topic_weights": [0.0, 1.0]}, 5),
    "dirichlet": (worksheet_topics(), 20, 15, {"concentration": 0.1}, 8),
    "dirichlet weighted": (worksheet_topics(), 10, 25, {"topic_weights": [1, 3], "concentration": 4.0}, 9),
    "dirichlet zero weight": (worksheet_topics(), 5, 8, {"topic_weights": [0, 1], "concentration": 1.0}, 2),
    "dirichlet per topic": (worksheet_topics(), 10, 12, {"concentration": [0.5, 2.0]}, 21),
    "eight big dice": (_big_topics(), 30, 40, {"concentration": 0.7}, 77),
    "hostile words": (hostile_topics(), 12, 30, {"topic_weights": [1, 2, 0.5]}, 1),
    "no documents": (worksheet_topics(), 0, 20, {}, 0),
    "empty documents": (worksheet_topics(), 3, 0, {"concentration": 1.0}, 0),
    "seed list": (worksheet_topics(), 1, 20, {}, [0, 1, 1]),
}


def _topics_snippet(case: str) -> tuple[str, list]:
    topics, n_docs, n_words, kwargs, seed = TOPIC_CASES[case]
    src = topics_snippet(topics, n_docs, n_words, kwargs.get("topic_weights"), kwargs.get("concentration"), seed)
    return src, sample_documents(topics, n_docs, n_words, rng=np.random.default_rng(seed), **kwargs)


@pytest.mark.parametrize("case", list(TOPIC_CASES))
def test_topics_snippet_reproduces_the_documents_in_a_fresh_python(case, tmp_path):
    src, docs = _topics_snippet(case)
    result = json.loads(_run(src, "topics", tmp_path).read_text(encoding="ascii"))
    assert result["documents"] == [d.words for d in docs]
    assert result["topics"] == [d.topics.tolist() for d in docs]
    assert result["sides"] == [d.word_sides.tolist() for d in docs]
    assert result["mixing"] == [d.mixing.tolist() for d in docs]  # JSON floats read back exactly


@pytest.mark.parametrize("case", list(TOPIC_CASES))
def test_topics_snippet_reproduces_the_documents_in_process(case):
    src, docs = _topics_snippet(case)
    ns = _exec(src)
    assert ns["documents"] == [d.words for d in docs]
    assert [row.tolist() for row in ns["topics"]] == [d.topics.tolist() for d in docs]
    assert [row.tolist() for row in ns["sides"]] == [d.word_sides.tolist() for d in docs]
    assert len(ns["mixing"]) == len(docs)
    assert all(same_bits(row, d.mixing) for row, d in zip(ns["mixing"], docs))


def test_hostile_text_stays_data_in_the_topics_snippet():
    src, _ = _topics_snippet("hostile words")
    ns = _exec(src)
    assert ns["topic_names"] == HOSTILE_NAMES
    assert ns["topic_words"] == [list(t.words) for t in hostile_topics()]
    # the same statements as for plain words: the text added no code
    plain, _ = _topics_snippet("defaults")
    assert [ast.dump(node).split("(")[0] for node in ast.parse(src).body] == [
        ast.dump(node).split("(")[0] for node in ast.parse(plain).body]


def test_topics_snippet_prints_documents_as_a_script(tmp_path):
    src, docs = _topics_snippet("defaults")
    script = tmp_path / "documents.py"
    script.write_text(src, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert f"Document 1: {docs[0].text}" in done.stdout


_word = st.text(st.characters(codec="utf-8"), min_size=1, max_size=6)


@st.composite
def _topic_setups(draw):
    k = draw(st.integers(1, 4))
    topics = []
    for i in range(k):
        words = draw(st.lists(_word, min_size=1, max_size=8, unique=True))
        weights = draw(st.none() | st.lists(st.floats(0, 10), min_size=len(words), max_size=len(words))
                       .filter(lambda w: sum(w) > 0))
        topics.append(Topic(draw(st.text(max_size=10)), words, weights=weights))
    topic_weights = draw(st.none() | st.lists(st.floats(0.01, 10), min_size=k, max_size=k))
    concentration = draw(st.none() | st.floats(0.01, 100))
    return topics, topic_weights, concentration


@settings(max_examples=40, deadline=None)
@given(_topic_setups(), st.integers(0, 6), st.integers(0, 12), st.integers(0, 2**32))
def test_topics_snippet_matches_for_any_setup(setup, n_docs, n_words, seed):
    topics, topic_weights, concentration = setup
    ns = _exec(topics_snippet(topics, n_docs, n_words, topic_weights, concentration, seed))
    docs = sample_documents(topics, n_docs, n_words, topic_weights, np.random.default_rng(seed), concentration)
    assert ns["documents"] == [d.words for d in docs]
