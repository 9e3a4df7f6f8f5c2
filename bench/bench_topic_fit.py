"""Topic fitting: ``fit_topics`` (batch variational Bayes, vectorised) against scikit-learn's LDA.

Run: ``python -m bench.bench_topic_fit``. Generated LDA corpora: K=3 topics, each a
Dirichlet(0.1) draw over V=30 words, document weights Dirichlet(0.5), 50 words per document,
D = 100, 1 000 and 10 000 documents. Both fit the same model with the same priors (1/K).

* mixgen: one restart (``n_init=1``) run to convergence (relative ELBO change < 1e-7,
  the default), then the default four restarts. Its time includes turning the word lists
  into counts.
* scikit-learn: ``learning_method="batch"``, given the ready count matrix (sparse, as
  CountVectorizer gives it); its default ``max_iter=10`` and ``max_iter=100`` (it does not
  check convergence unless asked to evaluate the perplexity, which costs extra). Each of its
  iterations runs every document's inner loop to convergence, so one of its iterations is
  worth several of ours.

Error: mean over topics of the L1 distance between true and fitted dice after the best
matching (0 = perfect, 2 = disjoint). Times are the best of a few runs, single thread.
"""

from __future__ import annotations


import numpy as np

from bench.timing import best_time
from mixgen_core import align_topics, fit_topics, topic_distances
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
    return beta, vocab, [[vocab[i] for i in row] for row in w]


def error(truth: np.ndarray, fitted: np.ndarray) -> float:
    match = align_topics(truth, fitted)
    return float(topic_distances(truth, fitted)[np.arange(truth.shape[0]), match].mean())


def main() -> None:
    import threadpoolctl
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    print(f"{'D':>7}  {'method':<34} {'iters':>6} {'time':>9} {'L1 error':>9}")
    for n_docs in (100, 1_000, 10_000):
        beta, vocab, docs = lda_corpus(n_docs)
        corpus = build_corpus(docs)
        truth = beta[:, [vocab.index(w) for w in corpus.vocabulary]]
        counts = csr_matrix(corpus.count_matrix())
        repeat = 3 if n_docs <= 1_000 else 1
        rows = []
        for n_init in (1, 4):
            t, fit = best_time(lambda: fit_topics(docs, 3, np.random.default_rng(0), n_init=n_init), repeat)
            rows.append((f"mixgen VB, n_init={n_init}", f"{fit.n_iter}", t, error(truth, fit.topic_word)))
        for max_iter in (10, 100):
            lda = LatentDirichletAllocation(
                n_components=3, learning_method="batch", max_iter=max_iter, random_state=0
            )
            with threadpoolctl.threadpool_limits(1):
                t, lda = best_time(lambda: lda.fit(counts), repeat)
            tw = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
            rows.append((f"sklearn batch, max_iter={max_iter}", f"{lda.n_iter_}", t, error(truth, tw)))
        for name, iters, t, err in rows:
            print(f"{n_docs:>7,}  {name:<34} {iters:>6} {t * 1e3:>7.0f}ms {err:>9.4f}")


if __name__ == "__main__":
    main()
