"""Topic fitting: ``fit_topics`` against scikit-learn's LDA and the seeing-the-truth limit.

Run: ``python -m bench.bench_topic_fit`` (the sweep, a few minutes on 2 busy cores, nearly
all of it scikit-learn), ``python -m bench.bench_topic_fit --seeds 3-8`` (the same sizes on
other corpora: a range ``a-b`` or a list ``3,5,8``) or
``python -m bench.bench_topic_fit --speed`` (the older speed table on larger corpora).

The sweep: generated LDA corpora, 3 seeds x 4 sizes, K 3 to 5 topics over V 60 to 300
words, D 100 to 2 000 documents of 30 to 60 words; topics Dirichlet(0.05) draws (the word
prior), document mixes Dirichlet(0.3) (the document prior). Every method fits the same
model with the same priors (alpha = 0.3, eta = 0.05):

* mixgen: ``fit_topics(docs, K, rng, n_init=3, ...)``, as the app calls it (its time
  includes turning the word lists into counts).
* sklearn: ``LatentDirichletAllocation(learning_method="batch")`` with ``max_iter=100``
  (its default of 10 is also timed and scored), given the ready sparse count matrix, one
  thread.
* limit: an estimator that sees every word's true topic: topic-word rows
  ``(n_kw + eta) / (n_k + V eta)`` from the true assignments' counts. No method that sees
  only the words can expect to beat it.

Distance: mean over topics of the L1 distance between the true and the fitted dice after
the best matching (0 = perfect, 2 = disjoint), on the words the corpus uses. The summary
checks the goals: mixgen's mean distance beyond the limit (its distance minus the limit's,
averaged over the corpora) at most 0.75 of scikit-learn's; no corpus where mixgen is more
than 10% further from the truth than scikit-learn; scikit-learn's time over mixgen's at
least 3 (geometric mean over the corpora; the slowest ratio is printed too). Times are the
best of a few runs; the machine is shared, so only ratios mean anything.
"""

from __future__ import annotations

import sys

import numpy as np

from bench.timing import best_time
from mixgen_core import align_topics, fit_topics, topic_distances
from mixgen_core.corpus import build_corpus

ALPHA, ETA = 0.3, 0.05
#: (K, V, D, words per document) of the four sizes.
SIZES = ((3, 60, 100, 30), (4, 120, 300, 40), (4, 200, 1_000, 50), (5, 300, 2_000, 60))
SEEDS = (0, 1, 2)


def lda_corpus(n_docs: int, n_topics: int, n_vocab: int, n_words: int, seed: int,
               alpha: float = ALPHA, eta: float = ETA):
    """True dice (K, V), the vocabulary, the documents and every word's true topic (D, L)."""
    rng = np.random.default_rng(seed)
    beta = rng.dirichlet(np.full(n_vocab, eta), size=n_topics)
    theta = rng.dirichlet(np.full(n_topics, alpha), size=n_docs)
    z = np.minimum(
        (rng.random((n_docs, n_words, 1)) > np.cumsum(theta, axis=1)[:, None, :]).sum(axis=2), n_topics - 1
    )
    cdf = np.cumsum(beta, axis=1)
    w = np.empty_like(z)
    for k in range(n_topics):  # inverse CDF per topic: no (D, L, V) array
        mask = z == k
        w[mask] = np.minimum(np.searchsorted(cdf[k], rng.random(int(mask.sum())), side="right"), n_vocab - 1)
    vocab = [f"w{i}" for i in range(n_vocab)]
    return beta, vocab, [[vocab[i] for i in row] for row in w], z, w


def error(truth: np.ndarray, fitted: np.ndarray) -> float:
    match = align_topics(truth, fitted)
    return float(topic_distances(truth, fitted)[np.arange(truth.shape[0]), match].mean())


def seeing_the_truth(z: np.ndarray, w: np.ndarray, columns: np.ndarray, k: int, eta: float = ETA) -> np.ndarray:
    """Topic-word rows (K, V_seen) from the true assignments' counts with the prior."""
    v = int(w.max()) + 1
    counts = np.bincount((z * v + w).ravel(), minlength=k * v).reshape(k, v)[:, columns] + eta
    return counts / counts.sum(axis=1, keepdims=True)


def sweep(n_init: int = 3, repeat: int = 2, seeds: tuple[int, ...] = SEEDS) -> None:
    import threadpoolctl
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    print(f"{'K':>2} {'V':>4} {'D':>5} {'L':>3} {'seed':>4} | {'mixgen':>7} {'sk100':>7} {'sk10':>7} "
          f"{'limit':>7} | {'mix/sk':>6} | {'t mixgen':>9} {'t sk100':>8} {'t sk10':>8} {'sk100/mix':>9}")
    ratios, excess_ours, excess_sk, speed, speed10 = [], [], [], [], []
    for k, v, d, n_words in SIZES:
        for seed in seeds:
            beta, vocab, docs, z, w = lda_corpus(d, k, v, n_words, seed)
            corpus = build_corpus(docs)
            columns = np.array([vocab.index(x) for x in corpus.vocabulary])
            truth = beta[:, columns]
            counts = csr_matrix(corpus.count_matrix())

            def ours():
                return fit_topics(docs, k, np.random.default_rng(seed), n_init=n_init,
                                  doc_topic_prior=ALPHA, topic_word_prior=ETA)

            t_ours, fit = best_time(ours, repeat)
            sk = {}
            for max_iter in (100, 10):
                lda = LatentDirichletAllocation(n_components=k, doc_topic_prior=ALPHA, topic_word_prior=ETA,
                                                learning_method="batch", max_iter=max_iter, random_state=seed)
                with threadpoolctl.threadpool_limits(1):
                    t, lda = best_time(lambda: lda.fit(counts), repeat if max_iter == 10 else 1)
                tw = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
                sk[max_iter] = (t, error(truth, tw))
            e_ours = error(truth, fit.topic_word)
            e_lim = error(truth, seeing_the_truth(z, w, columns, k))
            ratios.append(e_ours / sk[100][1])
            excess_ours.append(e_ours - e_lim)
            excess_sk.append(sk[100][1] - e_lim)
            speed.append(sk[100][0] / t_ours)
            speed10.append(sk[10][0] / t_ours)
            print(f"{k:>2} {v:>4} {d:>5} {n_words:>3} {seed:>4} | {e_ours:7.4f} {sk[100][1]:7.4f} "
                  f"{sk[10][1]:7.4f} {e_lim:7.4f} | {ratios[-1]:6.3f} | {t_ours * 1e3:7.0f}ms "
                  f"{sk[100][0] * 1e3:6.0f}ms {sk[10][0] * 1e3:6.0f}ms {speed[-1]:8.1f}x", flush=True)
    geo = float(np.exp(np.mean(np.log(speed))))
    geo10 = float(np.exp(np.mean(np.log(speed10))))
    ratios = np.array(ratios)
    beyond = float(np.mean(excess_ours)) / float(np.mean(excess_sk))
    print(f"summary: worst mixgen/sklearn distance {ratios.max():.3f} (further than sklearn on "
          f"{int((ratios > 1).sum())} of {len(ratios)}); mean distance beyond the limit: mixgen "
          f"{np.mean(excess_ours):.4f}, sklearn {np.mean(excess_sk):.4f}; speed sklearn(100)/mixgen "
          f"{geo:.1f}x (min {min(speed):.1f}x), sklearn(10)/mixgen {geo10:.1f}x (min {min(speed10):.1f}x)")
    goals = (
        (f"mean distance beyond the limit at most 0.75 of sklearn's: {beyond:.3f}", beyond <= 0.75),
        (f"no corpus more than 10% further than sklearn: {int((ratios > 1.1).sum())} of {len(ratios)} "
         f"(worst {ratios.max():.3f}x)", bool(ratios.max() <= 1.1)),
        (f"at least 3x faster than sklearn(100): {geo:.1f}x (slowest corpus {min(speed):.1f}x)", geo >= 3),
    )
    for text, met in goals:
        print(f"goal {'met' if met else 'MISSED'}: {text}")


def speed_table() -> None:
    """The older table: K=3 over 30 words, D = 100 to 10 000, default priors (1/K)."""
    import threadpoolctl
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    print(f"{'D':>7}  {'method':<34} {'iters':>6} {'time':>9} {'L1 error':>9}")
    for n_docs in (100, 1_000, 10_000):
        beta, vocab, docs, _, _ = lda_corpus(n_docs, 3, 30, 50, seed=0, alpha=0.5, eta=0.1)
        corpus = build_corpus(docs)
        truth = beta[:, [vocab.index(x) for x in corpus.vocabulary]]
        counts = csr_matrix(corpus.count_matrix())
        repeat = 3 if n_docs <= 1_000 else 1
        rows = []
        for n_init in (1, 4):
            t, fit = best_time(lambda: fit_topics(docs, 3, np.random.default_rng(0), n_init=n_init), repeat)
            rows.append((f"mixgen VB, n_init={n_init}", f"{fit.n_iter}", t, error(truth, fit.topic_word)))
        for max_iter in (10, 100):
            lda = LatentDirichletAllocation(n_components=3, learning_method="batch", max_iter=max_iter, random_state=0)
            with threadpoolctl.threadpool_limits(1):
                t, lda = best_time(lambda: lda.fit(counts), repeat)
            tw = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
            rows.append((f"sklearn batch, max_iter={max_iter}", f"{lda.n_iter_}", t, error(truth, tw)))
        for name, iters, t, err in rows:
            print(f"{n_docs:>7,}  {name:<34} {iters:>6} {t * 1e3:>7.0f}ms {err:>9.4f}")


def parse_seeds(text: str) -> tuple[int, ...]:
    """``"3-8"`` -> (3, 4, 5, 6, 7, 8); ``"3,5,8"`` -> (3, 5, 8)."""
    if "-" in text:
        first, last = (int(x) for x in text.split("-", 1))
        return tuple(range(first, last + 1))
    return tuple(int(x) for x in text.split(","))


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--speed" in args:
        speed_table()
    else:
        sweep(seeds=parse_seeds(args[args.index("--seeds") + 1]) if "--seeds" in args else SEEDS)
