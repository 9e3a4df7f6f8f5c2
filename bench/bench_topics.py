"""Document sampling speed: ``sample_documents`` against the raw uniform draw and the worksheet's loop.

Run: ``python -m bench.bench_topics``. The worksheet's two topics, topic weights 0.5/0.5,
documents of 1000 words. Prints times measured in the same run (the machine is noisy, so
the ratios mean more than the times). Each time is the best of several repeats.

- ``raw``: ``rng.random(2 * N)``, the uniform numbers the sampler needs (one per word
  for the topic, one for the side). Goal: ``sample_documents`` at most 5x this at 10^6.
- ``mixgen``: ``sample_documents`` (all topics, sides and word ids, and the ``Document``
  objects); the ``words`` strings are NOT built (they are made on first use).
- ``+ words``: the same, then ``doc.words`` for every document (10^6 Python strings).
- ``+ dirichlet``: with ``concentration=1.0`` (one ``rng.dirichlet`` row per document).
- ``worksheet loop``: per word, ``rng.multinomial(1, [0.5, 0.5])`` + ``argmax`` for the
  topic, then ``rng.multinomial(1, p_k)`` + ``argmax`` for the side and the word lookup
  (the worksheet's code with a Generator); timed on 10^4 words and scaled linearly to N.
"""

from __future__ import annotations

import time
import timeit

import numpy as np

from mixgen_core import sample_documents, worksheet_topics

WORDS_PER_DOCUMENT = 1000
LOOP_WORDS = 10_000


def best_of(fns: dict, repeat: int = 15) -> dict:
    """Best time per call of each function. The functions take turns in every round, so
    that a busy spell on the machine slows them all alike rather than just one."""
    numbers = {k: max(1, int(0.05 / max(timeit.timeit(f, number=1), 1e-6))) for k, f in fns.items()}
    best = {k: float("inf") for k in fns}
    for _ in range(repeat):
        for k, f in fns.items():
            best[k] = min(best[k], timeit.timeit(f, number=numbers[k]) / numbers[k])
    return best


def worksheet_loop(n_words: int, rng: np.random.Generator) -> list[str]:
    """The worksheet's mixed-topic loop: two multinomial(1, p) rolls and argmax per word."""
    topics = worksheet_topics()
    groups = [list(t.words) for t in topics]
    probs = [[1 / len(g)] * len(g) for g in groups]
    out = []
    for _ in range(n_words):
        which_topic = np.argmax(rng.multinomial(1, [0.5, 0.5]))
        word_index = np.argmax(rng.multinomial(1, probs[which_topic]))
        out.append(groups[which_topic][word_index])
    return out


def main() -> None:
    topics = worksheet_topics()
    t0 = time.perf_counter()
    loop_runs = []
    for _ in range(3):
        start = time.perf_counter()
        worksheet_loop(LOOP_WORDS, np.random.default_rng(0))
        loop_runs.append(time.perf_counter() - start)
    loop_per_word = min(loop_runs) / LOOP_WORDS
    print(f"worksheet loop: {loop_per_word * 1e6:.2f} us per word (best of 3 runs of {LOOP_WORDS:,} words)")
    head = (
        f"{'N':>9} {'raw 2N':>9} {'mixgen':>9} {'ratio':>6} {'+ words':>9} {'ratio':>6} "
        f"{'+dirichlet':>10} {'ratio':>6} {'loop (est.)':>11} {'loop/mixgen':>11}"
    )
    print(head)
    for n in (10**4, 10**5, 10**6):
        d = n // WORDS_PER_DOCUMENT
        t = best_of(
            {
                "raw": lambda: np.random.default_rng(0).random(2 * n),
                "ours": lambda: sample_documents(topics, d, WORDS_PER_DOCUMENT, (0.5, 0.5), np.random.default_rng(0)),
                "words": lambda: [
                    doc.words
                    for doc in sample_documents(topics, d, WORDS_PER_DOCUMENT, (0.5, 0.5), np.random.default_rng(0))
                ],
                "dirichlet": lambda: sample_documents(
                    topics, d, WORDS_PER_DOCUMENT, (0.5, 0.5), np.random.default_rng(0), 1.0
                ),
            }
        )
        raw, ours, words, dirichlet = t["raw"], t["ours"], t["words"], t["dirichlet"]
        loop = loop_per_word * n
        print(
            f"{n:>9,} {raw * 1e3:>7.2f}ms {ours * 1e3:>7.2f}ms {ours / raw:>5.1f}x "
            f"{words * 1e3:>7.1f}ms {words / raw:>5.1f}x {dirichlet * 1e3:>8.2f}ms {dirichlet / raw:>5.1f}x "
            f"{loop * 1e3:>9.0f}ms {loop / ours:>10,.0f}x"
        )
    print(f"(total bench time {time.perf_counter() - t0:.0f} s; ratios vs raw are the goal: <= 5x at 10^6)")


if __name__ == "__main__":
    main()
