"""Take-it-home downloads: the CSV and JSON files read back exactly, and user text can never
turn into a spreadsheet formula. (The code snippets are tested in test_snippets.py.)"""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from mixgen_core import (
    compare_gaussian_fit,
    compare_topic_fit,
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
from mixgen_ui.export import csv_text_cell, csv_text_value, documents_csv, documents_json, points_csv
from tests.ui.cases import GAUSSIAN_CASES, hostile_topics, same_bits


# --- CSV and JSON -----------------------------------------------------------------------------
def _parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_points_csv_reads_back_exactly():
    components, seed = GAUSSIAN_CASES["raw covariances"]
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
    rows = _parse_csv(points_csv(sample))
    assert rows[0] == ["x", "y", "true_component"]
    body = rows[1:]
    assert same_bits(np.array([[float(r[0]), float(r[1])] for r in body]), sample.points)
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
    assert same_bits(np.array([[float(v) for v in r[4:]] for r in rows[1:]]), resp)
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
    topics = [t for t in hostile_topics()]
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
        assert same_bits(probs, np.concatenate(inferred))
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


# --- exports number fitted components and topics like the truth (FitComparison.numbers) ---------------
def test_points_csv_with_a_real_fit_counts_like_the_truth():
    components = preset_components("Well separated")
    sample = sample_gaussian_mixture(components, np.random.default_rng(0))
    fit = fit_gmm(sample.points, len(components) + 1, np.random.default_rng(0))
    cmp = compare_gaussian_fit([c.mean for c in components], sample.labels, fit.means, fit.labels)
    match, numbers = cmp.match, cmp.numbers + 1
    rows = _parse_csv(points_csv(sample, fit.labels, fit.responsibilities, fitted_numbers=numbers))
    k = len(numbers)
    assert rows[0][3:] == ["fitted_component"] + [f"p_fit_{j}" for j in range(1, k + 1)]
    shown = np.array([int(r[3]) for r in rows[1:]])
    matched = relabel(fit.labels, match)  # the page's "agreeing" test, 0-based, -1 if unmatched
    assert np.array_equal(shown[matched >= 0], matched[matched >= 0] + 1)
    assert np.all(shown[matched < 0] > len(components))
    probs = np.array([[float(v) for v in r[4:]] for r in rows[1:]])
    assert same_bits(probs[:, numbers - 1], fit.responsibilities)
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
    cmp = compare_topic_fit(topics_on_vocabulary(topics, fit.vocabulary), np.concatenate([d.topics for d in docs]),
                            fit.topic_word, np.concatenate([np.argmax(w, axis=1) for w in fit.word_topics]))
    numbers = cmp.numbers + 1
    rows = _parse_csv(documents_csv(docs, topics, fit.word_topics, inferred_numbers=numbers))
    assert rows[0][5:] == ["inferred_topic", "p_topic_1", "p_topic_2", "p_topic_3"]
    probs = np.array([[float(v) for v in r[6:]] for r in rows[1:]])
    assert same_bits(probs[:, numbers - 1], np.concatenate(fit.word_topics))
    data = json.loads(documents_json(docs, topics, fit.word_topics, inferred_numbers=numbers))
    assert data["inferred_topics"] == [1, 2, 3]
    assert [r["inferred_topic"] for r in data["words"]] == [int(r[5]) for r in rows[1:]]
    assert [r["p_topic"] for r in data["words"]] == probs.tolist()
