"""How many topics, and what each one is about: the held-out curve, its sentence, words by relevance,
and each topic's top documents. Pure presentation (no Streamlit)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import TopicCount, topic_relevance

from .figure_parts import figure, hline, title, vline
from .palette import NEUTRAL, colour

#: The relevance slider's ends, as LDAvis names them.
FREQUENT, SPECIAL = "frequent in this topic", "special to this topic"
#: Below this many held-out documents a standard error is itself a rough estimate (its own relative
#: error, about 1 / sqrt(2 (n - 1)), passes 13%), so a choice made with it is shaky.
FEW_HELD_OUT = 30


def topic_count_figure(count: TopicCount, true_k: int | None = None) -> go.Figure:
    """Held-out log-likelihood per word against the number of topics, each point with its standard error
    of the gap from the best (a point whose bar reaches the dotted best line is within one standard error);
    the chosen number starred, the true one (rolled documents) marked."""
    ks, scores = count.candidates, count.scores
    best_i = int(np.flatnonzero(ks == count.best)[0])
    top = float(scores.max())
    data = [
        dict(type="scatter", x=ks, y=scores, mode="lines+markers", name="held-out score", line=dict(color=NEUTRAL),
             error_y=dict(type="data", array=count.gap_errors, visible=True, color=NEUTRAL),
             customdata=count.gap_errors,
             hovertemplate="%{x} topics: %{y:.4f} per word (± %{customdata:.4f})<extra></extra>"),
        dict(type="scatter", x=[count.best], y=[scores[best_i]], mode="markers+text", name="chosen",
             text=[f"chosen: {count.best}"], textposition="bottom center",
             marker=dict(size=16, symbol="star", color=colour(1), line=dict(width=1, color="#111"))),
    ]
    layout = dict(height=320, margin=dict(l=10, r=10, t=30, b=10), showlegend=False,
                  xaxis=dict(title=title("number of topics"), dtick=1),
                  yaxis=dict(title=title("held-out log-likelihood per word")),
                  shapes=[hline(top, dict(color="#888", dash="dot", width=1))])
    if true_k is not None and true_k in set(ks.tolist()):
        layout["shapes"].append(vline(true_k, dict(color="#888", dash="dash")))
        layout["annotations"] = [dict(text=f"true: {true_k}", showarrow=False, x=true_k, xref="x", xanchor="left",
                                      y=1, yref="y domain", yanchor="top")]
    return figure(data, layout)


def count_sentence(count: TopicCount, true_k: int | None = None) -> str:
    """What the curve says, from its numbers (Markdown; no user text)."""
    n = count.best
    top_i = int(np.argmax(count.scores))
    text = (f"The words support **{n} topic{'s' if n != 1 else ''}**: the smallest number whose held-out score is "
            "within one standard error of the best")
    if count.top != n:
        gap = float(count.scores[top_i] - count.scores[count.candidates == n][0])
        err = float(count.gap_errors[count.candidates == n][0])
        text += (f" ({count.top} topics score highest, but only {gap:.4f} per word above {n}, within its "
                 f"standard error of {err:.4f}: luck of the held-out documents could explain it)")
    text += (f". Fitted on {count.n_train:,} documents; scored on the second halves of {count.n_held_out:,} "
             f"others ({count.n_scored_words:,} words), given their first halves.")
    if true_k is not None:
        tried = int(count.candidates.max())
        if true_k == n:
            text += f" The documents' words came from {true_k} dice: it found the true number."
        elif true_k > tried:
            text += (f" The documents' words came from {true_k} dice, but at most {tried} topics could be tried "
                     "here (no more topics than distinct words).")
        else:
            text += (f" The documents' words came from {true_k} dice, so here it is off: "
                     + (f"with these words, {true_k} topics did not predict held-out words better than {n} by "
                        "more than a standard error." if n < true_k else
                        f"{count.top} topics predicted held-out words better than {true_k} by more than a standard error "
                        "(chance patterns in these words, or a fit that missed the best topics)."))
    return text


def shaky_sentence(count: TopicCount) -> str | None:
    """An honest warning when the suggestion rests on few held-out documents, else None (Markdown; no user text).

    The one-standard-error rule is only as good as its standard errors, and these are estimated from
    the held-out documents themselves: from a handful of them they are rough, and the choice with them."""
    n = count.n_held_out
    if n >= FEW_HELD_OUT:
        return None
    within = int(np.sum(count.scores >= count.scores.max() - count.gap_errors))
    close = (f"{within} of the {count.candidates.size} numbers tried score within one standard error of the best"
             if within > 1 else "the others score more than one such standard error below the best, but that says "
             "less than it seems")
    return (f"**A shaky suggestion**: only {n} document{'s were' if n != 1 else ' was'} held out "
            f"({count.n_scored_words:,} words scored), so even the standard errors are rough guesses; {close}. "
            "A longer text, in more documents, would make it firmer: treat it as a first number to try.")


def word_frequency(documents: Sequence[Sequence[str]], vocabulary: Sequence[str]) -> np.ndarray:
    """Each vocabulary word's share of all the words of ``documents`` (V,), as relevance needs."""
    index = {w: i for i, w in enumerate(vocabulary)}
    ids = np.array([index[w] for doc in documents for w in doc if w in index], dtype=np.intp)
    counts = np.bincount(ids, minlength=len(vocabulary)).astype(float)
    return counts / counts.sum()


def relevant_words(topic_word: np.ndarray, frequency: np.ndarray, vocabulary: Sequence[str], lam: float,
                   n: int = 10) -> list[list[str]]:
    """Each topic's ``n`` most relevant words at ``lam`` (1: most probable in the topic; 0: most special)."""
    relevance = topic_relevance(topic_word, frequency, lam)
    return [[vocabulary[j] for j in np.argsort(-row, kind="stable")[:n]] for row in relevance]


def lambda_label(lam: float) -> str:
    """The slider's label for one of its values."""
    if lam == 1:
        return f"1: {FREQUENT}"
    if lam == 0:
        return f"0: {SPECIAL}"
    return f"{lam:.1f}"


def top_documents(word_topics: Sequence[np.ndarray], n: int = 3) -> list[list[int]]:
    """Each topic's ``n`` documents with the most words from it (expected counts: the sum of each word's
    probability of that topic), most first; documents with none of its words are left out."""
    if not len(word_topics):
        return []
    k = next((wt.shape[1] for wt in word_topics if wt.ndim == 2), 0)
    expected = np.array([wt.sum(axis=0) if len(wt) else np.zeros(k) for wt in word_topics])  # (D, K)
    out = []
    for j in range(k):
        order = np.argsort(-expected[:, j], kind="stable")[:n]
        out.append([int(d) for d in order if expected[d, j] > 0])
    return out
