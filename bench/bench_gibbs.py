"""Collapsed Gibbs sampling: the cost of one word's re-roll in ``sample_topic_assignments``.

Run: ``python -m bench.bench_gibbs``. Generated LDA corpora (topics Dirichlet(0.1) over V=30
words, document mixes Dirichlet(0.5), 50 words per document) of N = 1 000, 10 000 and
100 000 words, with K = 3 and 8 topics. Every time is per word-step: a run's time divided by
sweeps x N (the run's time includes building the counts, the log joint after every sweep
and storing the history), the best of a few runs, single thread. Ratios are to baselines
timed in the same run, on the same words:

* ``floor``: a pure-Python loop over the same words doing only the in-place count updates
  (take the word out of three counts, put it back), no arithmetic and no draw: the least
  any Python-level sampler could cost.
* ``np buf``: the same sampler with the counts in numpy arrays and the per-word
  arithmetic done by numpy into preallocated buffers (``np.multiply(..., out=)``,
  ``np.cumsum(..., out=)``, ``searchsorted``): the design mixgen did not take, because each
  call on K <= 8 numbers costs about a microsecond.
* ``sk VB``: one iteration of scikit-learn's batch variational LDA on the same counts (3
  iterations timed, same priors), per word: a different, vectorised algorithm (one of its iterations is worth several Gibbs
  sweeps), for reference only.
"""

from __future__ import annotations

import numpy as np

from bench.timing import best_time
from mixgen_core import sample_topic_assignments
from mixgen_core.corpus import build_corpus


def lda_corpus(n_docs: int, n_topics: int = 3, n_vocab: int = 30, n_words: int = 50, seed: int = 0):
    rng = np.random.default_rng(seed)
    beta = rng.dirichlet(np.full(n_vocab, 0.1), size=n_topics)
    theta = rng.dirichlet(np.full(n_topics, 0.5), size=n_docs)
    z = np.minimum(
        (rng.random((n_docs, n_words, 1)) > np.cumsum(theta, axis=1)[:, None, :]).sum(axis=2), n_topics - 1
    )
    w = np.minimum((rng.random((n_docs, n_words, 1)) > np.cumsum(beta, axis=1)[z]).sum(axis=2), n_vocab - 1)
    vocab = [f"w{i}" for i in range(n_vocab)]
    return [[vocab[i] for i in row] for row in w]


def python_floor(doc_of: list[int], word_of: list[int], z: list[int], n_docs: int, v: int, k: int, sweeps: int):
    """Only the count updates of a Python-level sampler, on lists."""
    n_dk = [[0.0] * k for _ in range(n_docs)]
    n_wk = [[0.0] * k for _ in range(v)]
    n_k = [0.0] * k
    for _ in range(sweeps):
        for i in range(len(z)):
            t, row_d, row_w = z[i], n_dk[doc_of[i]], n_wk[word_of[i]]
            row_d[t] -= 1.0
            row_w[t] -= 1.0
            n_k[t] -= 1.0
            row_d[t] += 1.0
            row_w[t] += 1.0
            n_k[t] += 1.0


def numpy_buffers(doc_of: np.ndarray, word_of: np.ndarray, n_docs: int, v: int, k: int, sweeps: int,
                  alpha: float, eta: float, rng: np.random.Generator) -> np.ndarray:
    """The same collapsed Gibbs sampler with numpy counts and preallocated numpy buffers."""
    z = rng.integers(0, k, size=doc_of.size)
    n_dk = np.zeros((n_docs, k))
    n_wk = np.zeros((v, k))
    np.add.at(n_dk, (doc_of, z), 1.0)
    np.add.at(n_wk, (word_of, z), 1.0)
    n_k = n_wk.sum(axis=0)
    a, b, c = np.empty(k), np.empty(k), np.empty(k)
    rows_d, rows_w = list(n_dk), list(n_wk)  # row views made once, not once per word
    docs, words, zl = doc_of.tolist(), word_of.tolist(), z.tolist()
    for _ in range(sweeps):
        u = rng.random(z.size).tolist()
        for i in range(z.size):
            t, row_d, row_w = zl[i], rows_d[docs[i]], rows_w[words[i]]
            row_d[t] -= 1.0
            row_w[t] -= 1.0
            n_k[t] -= 1.0
            np.add(row_d, alpha, out=a)
            np.add(row_w, eta, out=b)
            np.add(n_k, v * eta, out=c)
            np.divide(b, c, out=b)
            np.multiply(a, b, out=a)
            np.cumsum(a, out=a)
            t = min(int(a.searchsorted(u[i] * a[-1], side="right")), k - 1)
            row_d[t] += 1.0
            row_w[t] += 1.0
            n_k[t] += 1.0
            zl[i] = t
    return np.array(zl)


def main() -> None:
    import threadpoolctl
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    print("microseconds per word-step (ratio: mixgen's time / the other's)")
    print(f"{'N':>8} {'K':>2} {'sweeps':>6} {'mixgen':>8} {'floor':>8} {'ratio':>6} {'np buf':>8} {'ratio':>6}"
          f" {'sk VB':>8} {'ratio':>6}")
    for n_docs, k, sweeps in ((20, 3, 50), (200, 3, 10), (200, 8, 10), (2_000, 3, 3), (2_000, 8, 3)):
        docs = lda_corpus(n_docs)
        corpus = build_corpus(docs)
        n, v = int(corpus.doc_lengths.sum()), len(corpus.vocabulary)
        doc_of, word_of = corpus.doc_ids[corpus.token_pair], corpus.word_ids[corpus.token_pair]
        steps = sweeps * n
        repeat = 3 if n <= 10_000 else 1
        # The run under test: always the best of three.
        t_ours, _ = best_time(lambda: sample_topic_assignments(
            docs, k, np.random.default_rng(0), n_sweeps=sweeps, doc_topic_prior=0.5, topic_word_prior=0.1), 3)
        z0 = np.random.default_rng(0).integers(0, k, size=n).tolist()
        t_floor, _ = best_time(lambda: python_floor(doc_of.tolist(), word_of.tolist(), list(z0), n_docs, v, k,
                                                    sweeps), repeat)
        np_sweeps = max(1, sweeps // 5)  # the slow variant: fewer sweeps, same per-step measure
        t_np, _ = best_time(lambda: numpy_buffers(doc_of, word_of, n_docs, v, k, np_sweeps, 0.5, 0.1,
                                                  np.random.default_rng(0)), repeat)
        counts = csr_matrix(corpus.count_matrix())
        lda = LatentDirichletAllocation(n_components=k, learning_method="batch", max_iter=3, random_state=0,
                                        doc_topic_prior=0.5, topic_word_prior=0.1)
        with threadpoolctl.threadpool_limits(1):
            t_sk, _ = best_time(lambda: lda.fit(counts), repeat)
        per = {
            "ours": t_ours / steps * 1e6,
            "floor": t_floor / steps * 1e6,
            "np": t_np / (np_sweeps * n) * 1e6,
            "sk": t_sk / (lda.n_iter_ * n) * 1e6,
        }
        print(f"{n:>8,} {k:>2} {sweeps:>6} {per['ours']:>8.2f} {per['floor']:>8.2f} {per['ours'] / per['floor']:>6.2f}"
              f" {per['np']:>8.2f} {per['ours'] / per['np']:>6.2f} {per['sk']:>8.3f} {per['ours'] / per['sk']:>6.1f}")


if __name__ == "__main__":
    main()
