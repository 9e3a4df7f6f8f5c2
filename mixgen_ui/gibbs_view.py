"""Watching collapsed Gibbs sampling find topics word by word: the state at a step, moving through
the steps, and agreement with the truth sweep by sweep. Pure functions (no Streamlit); the run itself is :class:`mixgen_core.GibbsRun`.

Steps are counted as people see them: sweep ``s`` (1 to S) re-rolls word ``p`` (1 to N) of the
documents; in the core's terms that is ``run.step_details(s - 1, p - 1)``. The sampler's topic
numbers are arbitrary labels; ``numbers`` (from :func:`mixgen_core.compare_topic_fit` when the
truth is known) renumbers them so that colours match the true topics.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from mixgen_core import GibbsRun, compare_topic_fit



def cut_documents(documents: Sequence[Sequence[str]], labels: Sequence[Sequence[int]] | None,
                  limit: int) -> tuple[list[list[str]], list[list[int]] | None]:
    """The first ``limit`` words of the documents in all (and their true topics), empty ones left out."""
    words_out: list[list[str]] = []
    labels_out: list[list[int]] = []
    left = limit
    for i, doc in enumerate(documents):
        if left <= 0:
            break
        part = list(doc[:left])
        if part:
            words_out.append(part)
            if labels is not None:
                labels_out.append([int(t) for t in labels[i][: len(part)]])
            left -= len(part)
    return words_out, (labels_out if labels is not None else None)


def next_word(sweep: int, step: int, n_words: int, n_sweeps: int) -> tuple[int, int]:
    """The step after word ``step`` of sweep ``sweep`` (both from 1): the next word, or the first of the
    next sweep; the last step of the last sweep stays where it is."""
    if step < n_words:
        return sweep, step + 1
    if sweep < n_sweeps:
        return sweep + 1, 1
    return sweep, step


def next_sweep(sweep: int, n_sweeps: int) -> int:
    """The next sweep (the same word), at most ``n_sweeps``."""
    return min(sweep + 1, n_sweeps)


def display_numbers(run: GibbsRun, true_topic_word: np.ndarray | None, true_labels: np.ndarray | None,
                    sweep: int | None = None) -> tuple[np.ndarray, float | None]:
    """The number each sampler topic is shown as (0-based) at ``sweep`` (default the last), and the
    share of words whose topic then agrees with the truth (None without a truth)."""
    if true_topic_word is None or true_labels is None:
        return np.arange(run.n_topics), None
    cmp = compare_topic_fit(true_topic_word, true_labels, run.topic_word(sweep), run.assignments[
        run.n_sweeps if sweep is None else sweep])
    return cmp.numbers, cmp.agreement


def agreement_by_sweep(run: GibbsRun, true_topic_word: np.ndarray, true_labels: np.ndarray,
                       sweeps: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``sweeps``: the numbers the sampler topics are shown as (``(len, K)``), and the
    share of words in their true topic, each sweep matched to the truth on its own."""
    numbers, agreement = [], []
    for s in sweeps:
        n, a = display_numbers(run, true_topic_word, true_labels, s)
        numbers.append(n)
        agreement.append(a)
    return np.array(numbers), np.array(agreement)


def top_vocabulary(run: GibbsRun, n: int) -> np.ndarray:
    """Columns of the ``n`` most frequent words of the run's corpus, most frequent first."""
    counts = np.bincount(run.word_ids, minlength=len(run.vocabulary))
    return np.argsort(-counts, kind="stable")[:n]


def frame_sweeps(n_sweeps: int, most: int) -> list[int]:
    """At most ``most`` sweeps from 0 to ``n_sweeps``, evenly spaced, the first and last included."""
    if n_sweeps + 1 <= most:
        return list(range(n_sweeps + 1))
    return sorted(set(np.linspace(0, n_sweeps, most).round().astype(int).tolist()))
