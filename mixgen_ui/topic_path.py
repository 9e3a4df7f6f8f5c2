"""The words guide's last steps, pure: the corpora the sampler learns from, and every sentence that
judges what it learned, computed from the numbers on screen (no Streamlit here).

Step 7 rolls documents that each mix the two topics their own way; step 8 the worksheet's own
corpus, one fair coin for every word; both start with the student's document from step 5, so
step 9 can set the student's guess beside what the sampler made of the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mixgen_core import Document, GibbsRun, Topic, sample_documents

from .figure_parts import figure
from .palette import NEUTRAL, colour

#: Documents the sampler learns from (the student's own first), of the student's document's length.
PATH_DOCS = 30
#: How far each document's mix strays from the average in step 7: Dirichlet(0.5), so most documents
#: lean clearly on one topic and some mix both (1.0 also learns, less surely with so few words).
PATH_CONCENTRATION = 0.5
#: Sweeps the sampler runs: the share of words in their true topic has levelled off well before.
PATH_SWEEPS = 40


def path_corpus(student: Document, topics: Sequence[Topic], own_mixes: bool, rng: np.random.Generator
                ) -> list[Document]:
    """The student's document, then ``PATH_DOCS - 1`` more of its length: each with its own mix
    (``own_mixes``) or, as the worksheet rolls them, one fair coin for every word."""
    more = sample_documents(list(topics), PATH_DOCS - 1, len(student.words),
                            concentration=PATH_CONCENTRATION if own_mixes else None, rng=rng)
    return [student, *more]


def topic_shares(docs: Sequence[Document], topic: int = 0) -> np.ndarray:
    """Each document's share of words rolled from ``topic`` (0-based)."""
    return np.array([float(np.mean(np.asarray(d.topics) == topic)) if len(d.topics) else 0.0 for d in docs])


def spread_text(shares: np.ndarray) -> str:
    """How far the documents' shares of one topic's words run, e.g. "from 0% to 95%"."""
    return f"from {shares.min():.0%} to {shares.max():.0%}"


def most_likely_topics(run: GibbsRun, numbers: np.ndarray, document: int = 0) -> np.ndarray:
    """Each word of ``document``: its most likely topic (shown as ``numbers``) by Bayes' rule, as in step 6
    but with what the sampler learned: the dice and this document's mix after the last sweep."""
    start = int(run.doc_lengths[:document].sum())
    ids = run.word_ids[start: start + int(run.doc_lengths[document])]
    chances = run.document_topic()[document][:, None] * run.topic_word()[:, ids]  # (K, words)
    return np.asarray(numbers)[np.argmax(chances, axis=0)]


def _moved(start: float, end: float, same: float, fmt: str) -> str:
    """How a number moved from the sampler's random start to its end, as the numbers have it: it rose,
    fell, or (within ``same``) stayed near where it started."""
    a, b = format(start, fmt), format(end, fmt)
    if abs(end - start) <= same:
        return f"stayed near {a} at the random start, ending at {b}"
    return f"{'rose' if end > start else 'fell'} from {a} at the random start to {b}"


def learned_text(start: float, end: float, sweeps: int) -> str:
    """What the sampler did to the share of words in their true topic."""
    return f"Over {sweeps} sweeps the share of words in their true topic {_moved(start, end, 0.05, '.0%')}."


def score_text(start: float, end: float) -> str:
    """What the sampler did to its score (the log joint) from the random start to the last sweep."""
    return f"The score (log joint) {_moved(start, end, 0.01 * abs(start), ',.1f')}.".replace("-", "−")


def coin_text(coin: float, mixed: float) -> str:
    """The fixed coin's result against step 7's, as a verdict only the numbers support."""
    if coin < mixed - 0.1:
        return (f"Here {coin:.0%} of the words end in their true topic, against {mixed:.0%} in step 7: "
                f"the same dice, the same sampler, far fewer words told apart.")
    return (f"Here {coin:.0%} of the words end in their true topic, against {mixed:.0%} in step 7: nearly as "
            "many this time. With only a few short documents, chance differences between them can give "
            "the topics away; try another seed in the sidebar.")


@dataclass(frozen=True)
class JoinedScores:
    """Words right out of ``n``: the student's guess, and Bayes' rule with the learned dice and with the true ones."""

    n: int
    you: int
    sampler: int
    bayes: int
    answered: int


def join_text(s: JoinedScores) -> str:
    """The scores in one sentence, from the numbers alone (the student's only once they guessed)."""
    learned = (f"the dice the sampler learned from the words alone put {s.sampler}; the true dice (step 6) "
               f"put {s.bayes}.")
    if s.answered == 0:
        return f"Of the {s.n} words, " + learned
    line = f"You put {s.you} of the {s.n} words in their true topic; " + learned
    if s.answered < s.n:
        line += f" You answered {s.answered} of the {s.n} words; the others count as not right."
    return line


def scores_figure(s: JoinedScores):
    """Bars of words right out of ``s.n``: the student's (once they guessed), the learned dice's, the true dice's."""
    names = ["your guess", "learned dice<br>(words only)", "true dice<br>(step 6)"]
    values = [s.you, s.sampler, s.bayes]
    colours = [colour(2), NEUTRAL, colour(0)]
    if s.answered == 0:
        names, values, colours = names[1:], values[1:], colours[1:]
    bar = {"type": "bar", "x": names, "y": values, "text": [f"{v} of {s.n}" for v in values],
           "textposition": "outside", "marker": {"color": colours},
           "hovertemplate": "%{x}: %{y} right<extra></extra>", "showlegend": False}
    return figure([bar], {"height": 300, "margin": dict(l=10, r=10, t=40, b=10),
                          "title": {"text": f"words in their true topic, of {s.n}", "x": 0, "xanchor": "left"},
                          "yaxis": {"range": [0, s.n * 1.2], "title": {"text": "words right"}},
                          "xaxis": {"type": "category"}})
