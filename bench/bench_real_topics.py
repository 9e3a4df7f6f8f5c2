"""Topics of real text: ``fit_topics`` against scikit-learn's LDA on State of the Union paragraphs.

Run: ``python -m bench.bench_real_topics [--first 1900] [--last 2000] [--iters 50]`` (about 8 minutes
on 2 busy cores, nearly all of it scikit-learn).

The corpus: every paragraph of at least 20 words (``SOTU_MIN_WORDS``) of the addresses from
``--first`` to ``--last``, each one document, cut into words by ``mixgen_core.tokenize``
(stop words out, at least 3 letters) and pruned by ``prune_vocabulary`` (words seen at
least 10 times, in at most 10% of the paragraphs). Also printed: the memory the raw corpus
costs once loaded (the process's resident set size before and after
``datasets.load_sotu_corpus``, what ``st.cache_resource`` keeps for the whole server).

Both fit K = 8 topics to the same counts with the same priors (alpha = eta = 1/K) for the
same number of outer iterations (``--iters``, no early stop): mixgen's batch variational
Bayes (``n_init=1``; its time includes turning the word lists into counts) and
scikit-learn's ``LatentDirichletAllocation(learning_method="batch")`` given the sparse count
matrix, single thread (each of its iterations runs every document's inner loop to
convergence, so one of its iterations does more work than one of ours). Quality: the
log-likelihood per word of the counts under each fit's point estimates,
``sum n_dw log(sum_k theta_dk beta_kw) / N`` (higher is better), and each topic's top words.
"""

from __future__ import annotations

import argparse
import time
import gc

import numpy as np

from bench.timing import best_time
from mixgen_core import fit_topics, prune_vocabulary, tokenize
from mixgen_core.corpus import build_corpus

K = 8
TOP_WORDS = 8


def rss_mb() -> float:
    """This process's resident set size in MB (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def log_likelihood_per_word(counts, doc_topic: np.ndarray, topic_word: np.ndarray) -> float:
    """``sum n_dw log p(w | d) / N`` with ``p(w | d) = theta_d . beta_w``, over the non-zero counts."""
    coo = counts.tocoo()
    p = np.einsum("nk,nk->n", doc_topic[coo.row], topic_word[:, coo.col].T)
    return float((coo.data * np.log(p)).sum() / coo.data.sum())


def top_words(vocabulary, topic_word: np.ndarray) -> list[str]:
    return [" ".join(vocabulary[i] for i in np.argsort(-row, kind="stable")[:TOP_WORDS]) for row in topic_word]


def page_fits() -> None:
    """What the topic page does for State of the Union: its default span and its longest (20 years),
    tokenised and pruned as the page does, K = 6, two restarts (``mixgen_streamlit.cached.cached_real_fit``)."""
    from mixgen_core import fit_topics
    from mixgen_streamlit.datasets import sotu_paragraphs
    from mixgen_ui.real_text import build_real_corpus

    for first, last in ((2000, 2009), (1990, 2009)):
        pairs = sotu_paragraphs(first, last)
        corpus = build_real_corpus([(str(y), p) for y, p in pairs], [y for y, _ in pairs])
        wall, cpu = time.perf_counter(), time.process_time()
        fit_topics([list(d) for d in corpus.words], 6, np.random.default_rng(0), n_init=2)
        print(f"page fit {first}-{last}: {len(corpus.words):,} paragraphs, {corpus.n_words:,} words: "
              f"{time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")


def main() -> None:
    import threadpoolctl
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    import streamlit  # noqa: F401  (the app has it loaded: measure the corpus alone)
    from mixgen_ui import datasets

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=1900)
    parser.add_argument("--last", type=int, default=2000)
    parser.add_argument("--iters", type=int, default=50)
    parser.add_argument("--page-only", action="store_true", help="only the page's own fits (no scikit-learn)")
    args = parser.parse_args()
    page_fits()
    if args.page_only:
        return

    gc.collect()
    before = rss_mb()
    corpus = datasets.load_sotu_corpus()
    gc.collect()
    after = rss_mb()
    chars = sum(map(len, corpus.paragraphs))
    print(f"SOTU corpus: {corpus.n_addresses} addresses {corpus.first_year}-{corpus.last_year}, "
          f"{len(corpus.paragraphs):,} paragraphs, {chars:,} characters; "
          f"RSS {before:.0f} -> {after:.0f} MB (+{after - before:.0f} MB)")

    paragraphs = [
        p for y, p, n in zip(corpus.years, corpus.paragraphs, corpus.word_counts)
        if args.first <= y <= args.last and n >= datasets.SOTU_MIN_WORDS
    ]
    t_tok, tokens = best_time(lambda: [tokenize(p) for p in paragraphs], 1)
    t_prune, docs = best_time(lambda: prune_vocabulary(tokens, min_count=10, max_doc_share=0.1), 1)
    counted = build_corpus(docs)
    v, n_words = len(counted.vocabulary), int(counted.counts.sum())
    print(f"{args.first}-{args.last}: {len(docs):,} paragraphs, {sum(map(len, tokens)):,} words after tokenize "
          f"({t_tok:.1f} s), {n_words:,} words and {v:,} distinct after prune_vocabulary ({t_prune:.1f} s)")
    counts = csr_matrix((counted.counts, (counted.doc_ids, counted.word_ids)), shape=(len(docs), v))

    prior = 1.0 / K
    t_mix, fit = best_time(lambda: fit_topics(docs, K, np.random.default_rng(0), n_init=1, max_iter=args.iters,
                                              tol=1e-12, doc_topic_prior=prior,
                                              topic_word_prior=prior), 1)
    lda = LatentDirichletAllocation(n_components=K, learning_method="batch", max_iter=args.iters,
                                    doc_topic_prior=prior, topic_word_prior=prior, random_state=0)
    with threadpoolctl.threadpool_limits(1):
        t_sk, lda = best_time(lambda: lda.fit(counts), 1)
        sk_doc_topic = lda.transform(counts)
    sk_topic_word = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
    # The fit's vocabulary is in first-seen order, like build_corpus's: the same columns.
    assert tuple(fit.vocabulary) == counted.vocabulary

    ll_mix = log_likelihood_per_word(counts, fit.document_topic, fit.topic_word)
    ll_sk = log_likelihood_per_word(counts, sk_doc_topic, sk_topic_word)
    print(f"\nK = {K}, alpha = eta = 1/K, {args.iters} iterations each")
    print(f"{'method':<28} {'iters':>5} {'time':>8} {'per iter':>9} {'log-lik/word':>13}")
    print(f"{'mixgen fit_topics':<28} {fit.n_iter:>5} {t_mix:>7.1f}s {t_mix / fit.n_iter * 1e3:>7.0f}ms {ll_mix:>13.4f}")
    print(f"{'sklearn LDA (batch)':<28} {lda.n_iter_:>5} {t_sk:>7.1f}s {t_sk / lda.n_iter_ * 1e3:>7.0f}ms "
          f"{ll_sk:>13.4f}")
    print(f"time ratio sklearn / mixgen: {t_sk / t_mix:.2f}x")

    for name, words in (("mixgen", top_words(fit.vocabulary, fit.topic_word)),
                        ("sklearn", top_words(counted.vocabulary, sk_topic_word))):
        print(f"\n{name} topics (top {TOP_WORDS} words):")
        for k, line in enumerate(words, start=1):
            print(f"  {k}: {line}")


if __name__ == "__main__":
    main()
