"""Take-it-home tests: the code snippets reproduce the on-screen samples bit for bit, the
CSV and JSON downloads read back exactly, and user text can neither break the code nor
turn into a spreadsheet formula."""

from __future__ import annotations

import ast
import csv
import io
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
    align_components,
    align_topics,
    fit_gmm,
    fit_topics,
    preset_components,
    relabel,
    sample_documents,
    sample_gaussian_mixture,
    topics_on_vocabulary,
    word_posteriors,
    worksheet_topics,
)
from mixgen_ui.export import aligned_numbers, csv_text_cell, csv_text_value, documents_csv, documents_json, points_csv
from mixgen_ui.snippets import gaussian_snippet, topics_snippet

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

HOSTILE_WORDS = [
    'say "hi"', "it's", "back\\slash", "new\nline", "tab\there", "'''", '"""', "{d}", "}{", "\\N{DASH}",
    "é中文🙂", "\u2028", "\ud800", "=SUM(A1:A9)", "+1", "-1", "@cmd", "\rcr", "# not a comment", "'quoted",
    "\x00nul", "\u202eevil", '"); import os  #',
]
HOSTILE_NAMES = ['"); print("pwned")  #', "=HYPERLINK(\"x\")", "line\nbreak \\ {}"]


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


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal shapes and identical float bits (tells 0.0 from -0.0)."""
    a, b = np.ascontiguousarray(a, dtype=float), np.ascontiguousarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def _gv(mean, var, rho=0.0, n=20):
    return GaussianComponent.from_variances(mean, var, rho, n)


GAUSSIAN_CASES = {
    "worksheet": ([_gv((1, 1), (0.1, 0.1)), _gv((5, 2), (0.5, 0.4)), _gv((1, 4), (1, 0.1))], 0),
    "correlated": ([_gv((0, 0), (2.0, 0.5), 0.9, 50), _gv((3, -1), (0.3, 1.7), -0.95, 40),
                    _gv((-2, 2), (1.0, 1.0), 1.0, 30)], 12345),
    "flat": ([_gv((0, 0), (0.0, 0.3), 0, 25), _gv((1, 1), (0.2, 0.0), 0, 25), _gv((2, 2), (0.0, 0.0), 0, 5),
              _gv((3, 3), (0.7, 0.7), -1.0, 25)], 7),
    "zero counts": ([_gv((0, 0), (1, 1), 0, 0), _gv((4, 4), (1, 2), 0.3, 15), _gv((8, 0), (1, 1), 0, 0)], 3),
    "all zero": ([_gv((0, 0), (1, 1), 0, 0)], 3),
    "eight": ([_gv((k, -k / 3), (0.1 * (k + 1), 0.05 + k / 10), (k - 3.5) / 4, 5 + 3 * k) for k in range(8)],
              2**40 + 17),
    "raw covariances": ([GaussianComponent([0.5, -0.25], [[1.0, 0.3], [0.3 + 1e-12, 0.5]], 30),
                         GaussianComponent([-1e6, 1e6], [[-1e-12, 0.0], [0.0, 2.0]], 10),
                         GaussianComponent([1e-300, -0.0], [[1e6, -999.0], [-999.0, 1e6]], 10)], 99),
    "seed list": ([_gv((1, 1), (0.1, 0.1)), _gv((5, 2), (0.5, 0.4))], [4, 1, 2]),
}


@pytest.mark.parametrize("case", list(GAUSSIAN_CASES))
def test_gaussian_snippet_reproduces_the_sample_in_a_fresh_python(case, tmp_path):
    components, seed = GAUSSIAN_CASES[case]
    expected = sample_gaussian_mixture(components, np.random.default_rng(seed))
    result = np.load(_run(gaussian_snippet(components, seed), "gaussian", tmp_path))
    assert _same_bits(result["points"], expected.points)
    assert np.array_equal(result["labels"], expected.labels)


@pytest.mark.parametrize("name", list(GAUSSIAN_PRESETS))
def test_gaussian_snippet_reproduces_every_preset(name):
    components = preset_components(name)
    ns = _exec(gaussian_snippet(components, 2024))
    expected = sample_gaussian_mixture(components, np.random.default_rng(2024))
    assert _same_bits(ns["points"], expected.points)
    assert np.array_equal(ns["labels"], expected.labels)
    assert _same_bits(ns["x"], expected.points[:, 0]) and _same_bits(ns["y"], expected.points[:, 1])


_coordinate = st.floats(-100, 100, allow_nan=False)
_component = st.builds(
    GaussianComponent.from_variances,
    st.tuples(_coordinate, _coordinate),
    st.tuples(st.floats(0, 50) | st.just(0.0), st.floats(0, 50) | st.just(0.0)),
    st.floats(-1, 1) | st.sampled_from([-1.0, 0.0, 1.0]),
    st.integers(0, 30),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_component, min_size=1, max_size=8), st.integers(0, 2**63 - 1))
def test_gaussian_snippet_is_bit_identical_for_any_mixture(components, seed):
    ns = _exec(gaussian_snippet(components, seed))
    expected = sample_gaussian_mixture(components, np.random.default_rng(seed))
    assert _same_bits(ns["points"], expected.points)
    assert np.array_equal(ns["labels"], expected.labels)


def test_gaussian_snippet_matches_where_rounding_makes_the_correlation_pass_one():
    # The PSD check lets |b| pass sqrt(a * c) by a rounding's worth; then b / sqrt(a) exceeds
    # sqrt(c), the core clamps it, and the snippet's copy of the factor must do the same.
    a, c = 6.711, 20.162
    b = np.sqrt(a) * np.sqrt(c) * (1 + 1e-12)
    comp = GaussianComponent((0.0, 0.0), ((a, b), (b, c)), 25)
    assert comp.cov[1, 0] / np.sqrt(comp.cov[0, 0]) > np.sqrt(comp.cov[1, 1])
    ns = _exec(gaussian_snippet([comp], 5))
    assert _same_bits(ns["points"], sample_gaussian_mixture([comp], np.random.default_rng(5)).points)


def test_gaussian_snippet_runs_as_a_script_with_or_without_matplotlib(tmp_path):
    script = tmp_path / "points.py"
    script.write_text(gaussian_snippet(GAUSSIAN_CASES["worksheet"][0], 0), encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg"}  # plt.show() does nothing without a display
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr


def test_snippets_refuse_bad_seeds_and_components():
    components = GAUSSIAN_CASES["worksheet"][0]
    for seed in (-1, 1.5, "0", None, True, [], [1, -2], 2**63):
        with pytest.raises(ValueError):
            gaussian_snippet(components, seed)
    with pytest.raises(ValueError):
        gaussian_snippet([], 0)
    with pytest.raises(ValueError):
        topics_snippet(worksheet_topics(), -1, 5)
    with pytest.raises(ValueError):
        topics_snippet(worksheet_topics(), 2, 5, topic_weights=[1.0])
    assert "seed = 3\n" in gaussian_snippet(components, 3.0)


# --- topics -------------------------------------------------------------------------------
def _hostile_topics() -> list[Topic]:
    half = len(HOSTILE_WORDS) // 2
    return [
        Topic(HOSTILE_NAMES[0], HOSTILE_WORDS[:half] + ["run"]),
        Topic(HOSTILE_NAMES[1], HOSTILE_WORDS[half:] + ["run"], weights=[1.0] * (len(HOSTILE_WORDS) - half) + [5.0]),
        Topic(HOSTILE_NAMES[2], ["x" * 10_000, "y"]),
    ]


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
    "hostile words": (_hostile_topics(), 12, 30, {"topic_weights": [1, 2, 0.5]}, 1),
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
    assert all(_same_bits(row, d.mixing) for row, d in zip(ns["mixing"], docs))


def test_hostile_text_stays_data_in_the_topics_snippet():
    src, _ = _topics_snippet("hostile words")
    ns = _exec(src)
    assert ns["topic_names"] == HOSTILE_NAMES
    assert ns["topic_words"] == [list(t.words) for t in _hostile_topics()]
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


# --- CSV and JSON -----------------------------------------------------------------------------
def _parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_points_csv_reads_back_exactly():
    components, seed = GAUSSIAN_CASES["raw covariances"]
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
    rows = _parse_csv(points_csv(sample))
    assert rows[0] == ["x", "y", "true_component"]
    body = rows[1:]
    assert _same_bits(np.array([[float(r[0]), float(r[1])] for r in body]), sample.points)
    assert [int(r[2]) for r in body] == (sample.labels + 1).tolist()


def test_points_csv_with_the_fit():
    components, seed = GAUSSIAN_CASES["worksheet"]
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
    rng = np.random.default_rng(1)
    resp = rng.dirichlet(np.ones(4), size=len(sample.points))
    fitted = np.argmax(resp, axis=1) - 1  # some -1: a fitted component matched to no true one
    rows = _parse_csv(points_csv(sample, fitted_labels=fitted, responsibilities=resp))
    assert rows[0] == ["x", "y", "true_component", "fitted_component", "p_fit_1", "p_fit_2", "p_fit_3", "p_fit_4"]
    assert [r[3] for r in rows[1:]] == ["" if k < 0 else str(k + 1) for k in fitted]
    assert _same_bits(np.array([[float(v) for v in r[4:]] for r in rows[1:]]), resp)
    assert len(rows) == len(sample.points) + 1


def test_points_csv_empty_sample_and_bad_shapes():
    empty = sample_gaussian_mixture(GAUSSIAN_CASES["all zero"][0], np.random.default_rng(0))
    assert _parse_csv(points_csv(empty)) == [["x", "y", "true_component"]]
    sample = sample_gaussian_mixture(GAUSSIAN_CASES["worksheet"][0], np.random.default_rng(0))
    n = len(sample.points)
    for bad in (np.zeros(n - 1, dtype=int), np.zeros(n), np.full(n, -2)):
        with pytest.raises(ValueError):
            points_csv(sample, fitted_labels=bad)
    for bad in (np.ones((n, 0)), np.ones(n), np.full((n, 2), np.nan), np.ones((n + 1, 2))):
        with pytest.raises(ValueError):
            points_csv(sample, responsibilities=bad)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'x", "=", "'"])
def test_formula_like_text_gets_a_quote(text):
    assert csv_text_cell(text) == "'" + text
    assert csv_text_value(csv_text_cell(text)) == text


@pytest.mark.parametrize("text", ["cake", "a=b", "1-2", " =x", "é", "\nx", "x'"])
def test_plain_text_is_unchanged(text):
    assert csv_text_cell(text) == text
    assert csv_text_value(text) == text


def _hostile_documents(with_inferred: bool):
    topics = [t for t in _hostile_topics()]
    weights = [1, 2, 0.5]
    docs = sample_documents(topics, 6, 25, topic_weights=weights, rng=np.random.default_rng(4))
    inferred = [word_posteriors(topics, d.words, weights) for d in docs] if with_inferred else None
    return topics, docs, inferred


@pytest.mark.parametrize("with_inferred", [False, True])
def test_documents_csv_reads_back_and_escapes_formulas(with_inferred):
    topics, docs, inferred = _hostile_documents(with_inferred)
    text = documents_csv(docs, topics, inferred)
    rows = _parse_csv(text)
    k = len(topics)
    header = ["document", "position", "word", "topic", "topic_name"]
    if with_inferred:
        header += ["inferred_topic"] + [f"p_topic_{j + 1}" for j in range(k)]
    assert rows[0] == header
    expected = [(d + 1, i + 1, w, t + 1) for d, doc in enumerate(docs) for i, (w, t) in
                enumerate(zip(doc.words, doc.topics.tolist()))]
    assert [(int(r[0]), int(r[1]), csv_text_value(r[2]), int(r[3])) for r in rows[1:]] == expected
    assert [csv_text_value(r[4]) for r in rows[1:]] == [topics[t - 1].name for *_, t in expected]
    for r in rows[1:]:  # no text cell a spreadsheet would run
        assert not r[2].startswith(("=", "+", "-", "@", "\t", "\r")) and not r[4].startswith(("=", "+", "-", "@"))
    assert any(r[2] == "'=SUM(A1:A9)" for r in rows[1:]) and any(r[4].startswith("'=HYPERLINK") for r in rows[1:])
    if with_inferred:
        probs = np.array([[float(v) for v in r[6:]] for r in rows[1:]])
        assert _same_bits(probs, np.concatenate(inferred))
        assert [int(r[5]) for r in rows[1:]] == (np.argmax(probs, axis=1) + 1).tolist()


@pytest.mark.parametrize("with_inferred", [False, True])
def test_documents_json_reads_back_exactly(with_inferred):
    topics, docs, inferred = _hostile_documents(with_inferred)
    text = documents_json(docs, topics, inferred)
    assert "é中文🙂" in text  # ensure_ascii=False: readable UTF-8
    data = json.loads(text)
    assert [t["name"] for t in data["topics"]] == [t.name for t in topics]
    assert [t["words"] for t in data["topics"]] == [list(t.words) for t in topics]
    assert [t["probabilities"] for t in data["topics"]] == [t.probabilities.tolist() for t in topics]
    assert [d["mixing"] for d in data["documents"]] == [d.mixing.tolist() for d in docs]
    assert [d["document"] for d in data["documents"]] == list(range(1, len(docs) + 1))
    words = data["words"]
    assert [(r["document"], r["position"], r["word"], r["topic"], r["topic_name"]) for r in words] == [
        (d + 1, i + 1, w, t + 1, topics[t].name)
        for d, doc in enumerate(docs) for i, (w, t) in enumerate(zip(doc.words, doc.topics.tolist()))
    ]
    if with_inferred:
        assert [r["p_topic"] for r in words] == np.concatenate(inferred).tolist()
        assert [r["inferred_topic"] for r in words] == (np.argmax(np.concatenate(inferred), axis=1) + 1).tolist()
    else:
        assert all("p_topic" not in r for r in words)


def test_documents_export_refuses_mismatched_inference():
    topics, docs, inferred = _hostile_documents(True)
    for bad in (inferred[:-1], [p[:-1] for p in inferred], [np.full_like(p, np.nan) for p in inferred]):
        with pytest.raises(ValueError):
            documents_csv(docs, topics, bad)
        with pytest.raises(ValueError):
            documents_json(docs, topics, bad)
    with pytest.raises(ValueError):
        documents_csv(docs, topics[:1])


def test_documents_export_of_no_documents():
    topics = worksheet_topics()
    docs = sample_documents(topics, 0, 5, rng=np.random.default_rng(0))
    assert _parse_csv(documents_csv(docs, topics)) == [["document", "position", "word", "topic", "topic_name"]]
    assert json.loads(documents_json(docs, topics, []))["words"] == []


# --- aligned numbering of fitted components and topics ---------------------------------------
@pytest.mark.parametrize(("match", "k_fit", "expected"), [
    ([0, 1, 2], 3, [1, 2, 3]),
    ([2, 0, 1], 3, [2, 3, 1]),
    ([1, -1, 0], 2, [3, 1]),  # fewer fitted: true 2 is left over
    ([3, 0], 4, [2, 3, 4, 1]),  # more fitted: the spare ones get 3 and 4
])
def test_aligned_numbers(match, k_fit, expected):
    assert aligned_numbers(np.array(match), k_fit).tolist() == expected


def test_aligned_numbers_refuses_bad_matches():
    for match, k_fit in (([0, 0], 2), ([2], 2), ([[0]], 1), ([0.5], 1)):
        with pytest.raises(ValueError):
            aligned_numbers(np.array(match), k_fit)


def test_points_csv_with_a_real_fit_counts_like_the_truth():
    components = preset_components("Well separated")
    sample = sample_gaussian_mixture(components, np.random.default_rng(0))
    fit = fit_gmm(sample.points, len(components) + 1, np.random.default_rng(0))
    match = align_components(np.array([c.mean for c in components]), fit.means)
    numbers = aligned_numbers(match, fit.means.shape[0])
    rows = _parse_csv(points_csv(sample, fit.labels, fit.responsibilities, fitted_numbers=numbers))
    k = len(numbers)
    assert rows[0][3:] == ["fitted_component"] + [f"p_fit_{j}" for j in range(1, k + 1)]
    shown = np.array([int(r[3]) for r in rows[1:]])
    matched = relabel(fit.labels, match)  # the page's "agreeing" test, 0-based, -1 if unmatched
    assert np.array_equal(shown[matched >= 0], matched[matched >= 0] + 1)
    assert np.all(shown[matched < 0] > len(components))
    probs = np.array([[float(v) for v in r[4:]] for r in rows[1:]])
    assert _same_bits(probs[:, numbers - 1], fit.responsibilities)
    assert np.array_equal(np.argmax(probs, axis=1) + 1, shown)


def test_points_csv_refuses_bad_numbers():
    sample = sample_gaussian_mixture(GAUSSIAN_CASES["worksheet"][0], np.random.default_rng(0))
    resp = np.full((len(sample.points), 2), 0.5)
    for numbers in ([1, 1], [0, 1], [1, 2, 3], [1.0, 2.0]):
        with pytest.raises(ValueError):
            points_csv(sample, responsibilities=resp, fitted_numbers=np.array(numbers))
    with pytest.raises(ValueError):  # a label beyond the fitted components
        points_csv(sample, np.full(len(sample.points), 2), resp)


def test_documents_export_with_a_real_topic_fit():
    topics = worksheet_topics()
    docs = sample_documents(topics, 8, 30, concentration=0.3, rng=np.random.default_rng(3))
    fit = fit_topics([d.words for d in docs], 3, np.random.default_rng(0), n_init=1, max_iter=50)
    match = align_topics(topics_on_vocabulary(topics, fit.vocabulary), fit.topic_word)
    numbers = aligned_numbers(match, fit.n_topics)
    rows = _parse_csv(documents_csv(docs, topics, fit.word_topics, inferred_numbers=numbers))
    assert rows[0][5:] == ["inferred_topic", "p_topic_1", "p_topic_2", "p_topic_3"]
    probs = np.array([[float(v) for v in r[6:]] for r in rows[1:]])
    assert _same_bits(probs[:, numbers - 1], np.concatenate(fit.word_topics))
    data = json.loads(documents_json(docs, topics, fit.word_topics, inferred_numbers=numbers))
    assert data["inferred_topics"] == [1, 2, 3]
    assert [r["inferred_topic"] for r in data["words"]] == [int(r[5]) for r in rows[1:]]
    assert [r["p_topic"] for r in data["words"]] == probs.tolist()
