"""Collapsed Gibbs sampling for LDA: the contract, exact bookkeeping, and the chain against the
exact posterior of corpora small enough to enumerate every assignment of topics."""

from __future__ import annotations

import re
from itertools import product

import numpy as np
import pytest
from scipy.special import gammaln as scipy_gammaln

from mixgen_core import (
    GibbsRun,
    Topic,
    compare_topic_fit,
    sample_documents,
    sample_topic_assignments,
    topic_distances,
    topics_on_vocabulary,
)
from mixgen_core.limits import MAX_GIBBS_HISTORY, MAX_GIBBS_SWEEPS
from tests.payloads import BAD_DOCUMENTS

DOCS = [["cake", "orc", "cake", "ring"], ["orc", "ring", "ring"], [], ["cake", "balloon"]]


def run_of(docs=DOCS, k=2, sweeps=30, seed=0, alpha=0.5, eta=0.1, **kwargs) -> GibbsRun:
    return sample_topic_assignments(docs, n_topics=k, n_sweeps=sweeps, rng=np.random.default_rng(seed),
                                    doc_topic_prior=alpha, topic_word_prior=eta, **kwargs)


def ids(docs, vocabulary):
    """Each word's document and vocabulary index, documents concatenated."""
    index = {w: j for j, w in enumerate(vocabulary)}
    doc = np.array([d for d, words in enumerate(docs) for _ in words], dtype=int)
    word = np.array([index[w] for words in docs for w in words], dtype=int)
    return doc, word


def log_joint_of_all(z, doc, word, n_docs, v, k, alpha, eta):
    """Collapsed LDA log p(w, z) for each row of ``z`` (M, N), straight from the formula, with scipy."""
    z = np.atleast_2d(z)
    onehot = (z[:, :, None] == np.arange(k)).astype(float)  # (M, N, K)
    n_dk = np.einsum("mnk,nd->mdk", onehot, np.eye(n_docs)[doc])
    n_kw = np.einsum("mnk,nw->mkw", onehot, np.eye(v)[word])
    n_d = n_dk.sum(axis=2)
    n_k = n_kw.sum(axis=2)
    docs = (scipy_gammaln(k * alpha) - scipy_gammaln(n_d + k * alpha)
            + (scipy_gammaln(n_dk + alpha) - scipy_gammaln(alpha)).sum(axis=2)).sum(axis=1)
    topics = (scipy_gammaln(v * eta) - scipy_gammaln(n_k + v * eta)
              + (scipy_gammaln(n_kw + eta) - scipy_gammaln(eta)).sum(axis=2)).sum(axis=1)
    return docs + topics


# ----------------------------------------------------------------------------- the contract
def test_contract_shapes_and_types():
    run = run_of(sweeps=50)
    n = sum(map(len, DOCS))
    assert run.vocabulary == ("cake", "orc", "ring", "balloon")  # first-seen order
    assert run.assignments.shape == (51, n) and np.issubdtype(run.assignments.dtype, np.integer)
    assert run.assignments.min() >= 0 and run.assignments.max() <= 1
    assert run.log_joint.shape == (51,) and np.all(np.isfinite(run.log_joint))
    assert run.n_sweeps == 50 and run.n_topics == 2
    assert (run.doc_topic_prior, run.topic_word_prior) == (0.5, 0.1)
    assert run.doc_lengths.tolist() == [4, 3, 0, 2]
    assert run.word_ids.tolist() == [0, 1, 0, 2, 1, 2, 2, 0, 3]
    assert run.doc_ids.tolist() == [0, 0, 0, 0, 1, 1, 1, 3, 3]
    assert not run.assignments.flags.writeable
    for sweep in (0, 17, 50, None):
        tw, dt = run.topic_word(sweep), run.document_topic(sweep)
        assert tw.shape == (2, 4) and dt.shape == (4, 2)
        np.testing.assert_allclose(tw.sum(axis=1), 1.0, rtol=1e-12)
        np.testing.assert_allclose(dt.sum(axis=1), 1.0, rtol=1e-12)
        np.testing.assert_array_equal(dt[2], [0.5, 0.5])  # the empty document: the prior's mean
    np.testing.assert_array_equal(run.topic_word(), run.topic_word(50))


def test_default_priors_are_those_of_fit_topics():
    run = sample_topic_assignments(DOCS, 4, np.random.default_rng(0), n_sweeps=2)
    assert run.doc_topic_prior == run.topic_word_prior == 0.25


def test_deterministic_for_a_seed():
    a, b, c = run_of(seed=3), run_of(seed=3), run_of(seed=4)
    np.testing.assert_array_equal(a.assignments, b.assignments)
    np.testing.assert_array_equal(a.log_joint, b.log_joint)
    assert not np.array_equal(a.assignments, c.assignments)


def test_row_zero_is_a_uniform_random_start_and_the_rng_is_used_as_documented():
    docs = [[f"w{i % 7}" for i in range(3000)]]
    run = sample_topic_assignments(docs, 3, np.random.default_rng(5), n_sweeps=1)
    np.testing.assert_array_equal(run.assignments[0], np.random.default_rng(5).integers(0, 3, size=3000))
    share = np.bincount(run.assignments[0], minlength=3) / 3000
    assert np.all(np.abs(share - 1 / 3) < 4 * np.sqrt(2 / 9 / 3000))  # 4 standard errors


def test_on_sweep_reports_every_log_joint():
    calls = []
    run = run_of(sweeps=12, on_sweep=lambda s, lj: calls.append((s, lj)))
    assert [c[0] for c in calls] == list(range(13))
    np.testing.assert_array_equal([c[1] for c in calls], run.log_joint)


# ----------------------------------------------------------------------------- exact bookkeeping
def test_log_joint_equals_a_direct_recomputation():
    docs = [["a", "b", "a", "c", "a"], ["b", "b", "d"], [], ["c", "d", "e", "a"]] * 3
    for k, alpha, eta in ((1, 1.0, 1.0), (3, 0.01, 100.0), (4, 0.3, 0.05)):
        run = run_of(docs, k=k, sweeps=20, alpha=alpha, eta=eta)
        doc, word = ids(docs, run.vocabulary)
        np.testing.assert_array_equal(run.doc_ids, doc)
        np.testing.assert_array_equal(run.word_ids, word)
        direct = log_joint_of_all(run.assignments, doc, word, len(docs), len(run.vocabulary), k, alpha, eta)
        np.testing.assert_allclose(run.log_joint, direct, rtol=1e-12, atol=1e-10)


def test_counts_are_consistent():
    docs = [["a", "b", "a", "c", "a"], ["b", "b", "d"], [], ["c", "d", "e", "a"]] * 5
    run = run_of(docs, k=3, sweeps=10)
    doc, word = ids(docs, run.vocabulary)
    frequency = np.bincount(word)
    for sweep in range(11):
        n_dk, n_kw, n_k = run.counts(sweep)
        z = run.assignments[sweep]
        assert n_dk.shape == (len(docs), 3) and n_kw.shape == (3, 5) and n_k.shape == (3,)
        np.testing.assert_array_equal(n_dk.sum(axis=1), run.doc_lengths)
        np.testing.assert_array_equal(n_kw.sum(axis=0), frequency)
        np.testing.assert_array_equal(n_k, n_kw.sum(axis=1))
        np.testing.assert_array_equal(n_k, n_dk.sum(axis=0))
        np.testing.assert_array_equal(n_k, np.bincount(z, minlength=3))
        for d in (0, 5):
            np.testing.assert_array_equal(n_dk[d], np.bincount(z[doc == d], minlength=3))
        eta = run.topic_word_prior
        np.testing.assert_allclose(run.topic_word(sweep), (n_kw + eta) / (n_k[:, None] + 5 * eta))


def test_step_details_are_the_draws_the_sampler_made():
    # Replay the documented use of the rng: the start, then one uniform per word and sweep.
    # Every stored draw must be the one the step's weights and that uniform give.
    docs = [["a", "b", "a", "c", "a"], ["b", "b", "d"], [], ["c", "d", "e", "a"]] * 2
    run = run_of(docs, k=3, sweeps=6, seed=11, alpha=0.2, eta=0.3)
    n = run.assignments.shape[1]
    rng = np.random.default_rng(11)
    rng.integers(0, 3, size=n)
    doc, word = ids(docs, run.vocabulary)
    starts = np.concatenate([[0], np.cumsum(run.doc_lengths)])
    for sweep in range(6):
        uniforms = rng.random(n)
        for i in range(n):
            step = run.step_details(sweep, i)
            cum = np.cumsum(step.weights)
            drawn = min(int(np.searchsorted(cum, uniforms[i] * cum[-1], side="right")), 2)
            assert drawn == step.topic_after == run.assignments[sweep + 1, i]
            assert step.topic_before == run.assignments[sweep, i]
            assert (step.sweep, step.position, step.document) == (sweep, i, doc[i])
            assert step.position_in_document == i - starts[doc[i]]
            assert step.word == docs[doc[i]][step.position_in_document] == run.vocabulary[step.word_index]
            # Counts without the word: its document's other words, its other occurrences, all others.
            assert step.document_counts.sum() == run.doc_lengths[doc[i]] - 1
            assert step.word_counts.sum() == np.sum(word == word[i]) - 1
            assert step.topic_totals.sum() == n - 1
            np.testing.assert_array_equal(step.document_factor, step.document_counts + 0.2)
            np.testing.assert_allclose(step.word_factor, (step.word_counts + 0.3) / (step.topic_totals + 5 * 0.3))
            np.testing.assert_array_equal(step.weights, step.document_factor * step.word_factor)
            np.testing.assert_allclose(step.probabilities.sum(), 1.0, rtol=1e-12)


def test_step_details_mix_the_two_rows():
    run = run_of(sweeps=3, seed=2)
    z_before, z_after = run.assignments[1].astype(int), run.assignments[2].astype(int)
    # Word 5 during sweep 2: words 0-4 from row 2, words 5-8 from row 1.
    mixed = np.concatenate([z_after[:5], z_before[5:]])
    step = run.step_details(1, 5)
    own = np.eye(2, dtype=int)[mixed[5]]
    np.testing.assert_array_equal(step.topic_totals, np.bincount(mixed, minlength=2) - own)
    np.testing.assert_array_equal(step.document_counts, np.bincount(mixed[4:7], minlength=2) - own)
    ring = np.flatnonzero(run.word_ids == run.word_ids[5])
    np.testing.assert_array_equal(step.word_counts, np.bincount(mixed[ring], minlength=2) - own)


def test_one_topic_and_one_word_documents():
    run = run_of([["cake"] * 4, ["orc"]], k=1, sweeps=5)
    assert np.all(run.assignments == 0)
    assert np.all(run.log_joint == run.log_joint[0])
    np.testing.assert_array_equal(run.step_details(0, 0).probabilities, [1.0])
    run = run_of([["cake"], ["orc"], ["cake"], ["orc"]], k=2, sweeps=5)
    assert run.assignments.shape == (6, 4)


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    "docs, kwargs, message",
    [
        *BAD_DOCUMENTS,
        ([["a", "b"]], {"n_topics": 1.5}, "whole number"),
        ([["a", "b"]], {"n_sweeps": 0}, "n_sweeps must be at least 1"),
        ([["a", "b"]], {"n_sweeps": MAX_GIBBS_SWEEPS + 1}, "n_sweeps must be at most 100,000"),
        ([["a", "b"]], {"n_sweeps": "5"}, "n_sweeps must be a whole number"),
        ([["a", "b"]], {"doc_topic_prior": 0.0}, "doc_topic_prior must be between 0.01 and 100"),
        ([["a", "b"]], {"doc_topic_prior": 101}, "doc_topic_prior"),
        ([["a", "b"]], {"topic_word_prior": float("nan")}, "topic_word_prior"),
        ([["a", "b"]], {"topic_word_prior": "1"}, "topic_word_prior must be a number"),
        ([["a", "b"]], {"rng": 0}, "Generator"),
        ([["a", "b"]], {"rng": np.random.RandomState(0)}, "Generator"),
        ([["a", "b"]], {"on_sweep": 3}, "function"),
    ],
)
def test_input_errors(docs, kwargs, message):
    args = {"n_topics": 2, "rng": np.random.default_rng(0), "n_sweeps": 5} | kwargs
    with pytest.raises(ValueError, match=message):
        sample_topic_assignments(docs, **args)


def test_history_cap():
    n = 200_000  # 101 rows of 200,000 words: just over 20,000,000
    assert 100 * n <= MAX_GIBBS_HISTORY < 101 * n
    with pytest.raises(ValueError, match="at most 20,000,000 in all.*fewer sweeps or fewer words"):
        sample_topic_assignments([["a", "b"] * (n // 2)], 2, np.random.default_rng(0), n_sweeps=100)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda run: run.topic_word(31), "between 0 (the random start) and 30"),
        (lambda run: run.document_topic(-1), "at least 0"),
        (lambda run: run.counts(True), "whole number"),
        (lambda run: run.step_details(30, 0), "between 0 and 29"),
        (lambda run: run.step_details(0, 9), "between 0 and 8"),
        (lambda run: run.step_details(0, "1"), "whole number"),
    ],
)
def test_sweep_and_position_errors(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call(run_of())


# ----------------------------------------------------------------------------- the exact posterior
def batch_means(series: np.ndarray, n_batches: int = 50) -> tuple[float, float]:
    """Mean of a correlated series and its standard error by batch means."""
    usable = len(series) - len(series) % n_batches
    means = series[:usable].reshape(n_batches, -1).mean(axis=1)
    return float(series.mean()), float(means.std(ddof=1) / np.sqrt(n_batches))


def label_free_quantities(z: np.ndarray, pairs, doc0: slice) -> np.ndarray:
    """For topic assignments ``z`` (M, N): whether each pair of words shares a topic, whether all
    words of document 0 do, and whether one topic holds at least three quarters of the words.

    Shape (M, len(pairs) + 2); unchanged by any relabelling of the topics.
    """
    same = [z[:, i] == z[:, j] for i, j in pairs]
    one_topic = np.all(z[:, doc0] == z[:, doc0.start : doc0.start + 1], axis=1)
    sizes = (z[:, :, None] == np.arange(z.max(initial=0) + 1)).sum(axis=1)
    big = sizes.max(axis=1) >= 0.75 * z.shape[1]
    return np.column_stack([*same, one_topic, big]).astype(float)


#: Corpora of at most 10 words (2^10 = 1024 assignments), one with 3 topics (3^7 = 2187),
#: each with its priors and the pairs of word positions whose sharing a topic is checked:
#: the same word in two documents, two words of one document, different words far apart.
ORACLE_CASES = [
    ([["apple", "banana", "apple"], ["banana", "cherry"], ["cherry", "date", "cherry", "apple"]],
     2, 0.5, 0.1, [(0, 2), (0, 8), (1, 3), (4, 5), (2, 6)]),
    ([["a", "b", "a", "b", "c"], ["c", "d", "d", "e", "a"]], 2, 0.1, 0.5, [(0, 2), (0, 1), (4, 5), (6, 7), (0, 9)]),
    ([["x", "y", "x"], ["y", "z"], ["z", "x"]], 3, 1.0, 0.2, [(0, 2), (0, 1), (3, 4), (4, 5), (0, 6)]),
]


def exact_expectations(docs, k, alpha, eta, pairs) -> np.ndarray:
    """The exact posterior expectations of :func:`label_free_quantities` by enumerating every z."""
    vocabulary = tuple(dict.fromkeys(w for d in docs for w in d))
    doc, word = ids(docs, vocabulary)
    every_z = np.array(list(product(range(k), repeat=doc.size)))  # (K^N, N)
    log_p = log_joint_of_all(every_z, doc, word, len(docs), len(vocabulary), k, alpha, eta)
    posterior = np.exp(log_p - log_p.max())
    posterior /= posterior.sum()
    return posterior @ label_free_quantities(every_z, pairs, slice(0, len(docs[0])))


@pytest.mark.parametrize("case", range(len(ORACLE_CASES)))
def test_long_run_frequencies_match_the_exact_posterior(case):
    docs, k, alpha, eta, pairs = ORACLE_CASES[case]
    exact = exact_expectations(docs, k, alpha, eta, pairs)
    run = run_of(docs, k=k, sweeps=20_000, seed=case, alpha=alpha, eta=eta)
    chain = label_free_quantities(run.assignments[1000:].astype(int), pairs, slice(0, len(docs[0])))
    for j in range(chain.shape[1]):
        estimate, se = batch_means(chain[:, j])
        assert 0 < se < 0.02, (j, se)
        assert abs(estimate - exact[j]) < 4 * se, (j, estimate, exact[j], se)
    # The check has power: the same corpus with the document prior doubled has exact values
    # that the chain's frequencies rule out.
    other = exact_expectations(docs, k, 2 * alpha, eta, pairs)
    ses = np.array([batch_means(chain[:, j])[1] for j in range(chain.shape[1])])
    assert np.max(np.abs(chain.mean(axis=0) - other) / ses) > 8


# ----------------------------------------------------------------------------- recovering topics
def test_recovers_well_separated_topics():
    rng = np.random.default_rng(4)
    topics = [
        Topic(name, [f"{name}{j}" for j in range(8)], rng.dirichlet(np.ones(8)))
        for name in ("party", "quest", "kitchen")
    ]
    # Each document its own Dirichlet(0.3) mix of the three topics.
    documents = sample_documents(topics, 60, 40, rng=np.random.default_rng(5), concentration=0.3)
    words = [doc.words for doc in documents]
    true_labels = np.concatenate([doc.topics for doc in documents])
    run = sample_topic_assignments(words, 3, np.random.default_rng(6), n_sweeps=100,
                                   doc_topic_prior=0.3, topic_word_prior=0.1)
    truth = topics_on_vocabulary(topics, run.vocabulary)
    fitted = run.topic_word()
    cmp = compare_topic_fit(truth, true_labels, fitted, run.assignments[-1])
    errors = topic_distances(truth, fitted)[np.arange(3), cmp.match]
    # 2400 words, ~800 per topic over 8 words: an estimated die's L1 noise is about
    # sum_w sqrt(p_w / 800) ~ 0.1; a swapped or merged topic would be at L1 ~ 2.
    assert np.all(errors < 0.2), errors
    # Words of the same vocabulary never overlap between topics here, so every word's topic
    # is identifiable: nearly all are put back with the topic that made them.
    assert cmp.agreement > 0.97, cmp.agreement
    assert run.log_joint[-1] > run.log_joint[0] + 1000


def test_the_exact_posterior_check_catches_the_classic_bug(monkeypatch):
    # A sampler that forgets to take the word's own topic out of the counts before re-rolling
    # it (it then favours the topic it already has) must fail the check above, clearly.
    from bisect import bisect_right

    import mixgen_core.gibbs as gibbs

    def sweep_without_taking_the_word_out(z, documents, word_of, n_dk, n_wk, n_k, uniforms, alpha, eta, v_eta,
                                          cumulative):
        top = len(n_k) - 1
        for d, start, stop in documents:
            row_d = n_dk[d]
            for i in range(start, stop):
                old, row_w = z[i], n_wk[word_of[i]]
                total = 0.0
                for j in range(len(n_k)):
                    total += (row_d[j] + alpha) * ((row_w[j] + eta) / (n_k[j] + v_eta))
                    cumulative[j] = total
                new = bisect_right(cumulative, uniforms[i] * total, 0, top)
                for counts in (row_d, row_w, n_k):
                    counts[old] -= 1.0
                    counts[new] += 1.0
                z[i] = new

    monkeypatch.setattr(gibbs, "_sweep", sweep_without_taking_the_word_out)
    docs, k, alpha, eta, pairs = ORACLE_CASES[1]
    exact = exact_expectations(docs, k, alpha, eta, pairs)
    run = run_of(docs, k=k, sweeps=20_000, seed=1, alpha=alpha, eta=eta)
    chain = label_free_quantities(run.assignments[1000:].astype(int), pairs, slice(0, len(docs[0])))
    z_scores = [(batch_means(chain[:, j])[0] - exact[j]) / batch_means(chain[:, j])[1] for j in range(len(exact))]
    assert np.max(np.abs(z_scores)) > 8, z_scores
