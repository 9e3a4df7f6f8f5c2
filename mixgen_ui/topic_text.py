"""Text and HTML the topic pages show around their figures: mixes, a rolled word, Bayes' rule
worked out for one word. Every word is user text: it goes through ``html.escape`` (via
:func:`mixgen_ui.highlight.text_html`) before it reaches ``st.html``."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .highlight import text_html


def mix_text(weights: Sequence[float]) -> str:
    """A mix as percentages, e.g. ``"70% · 30%"``."""
    return " · ".join(f"{w:.0%}" for w in weights)


def rolled_word_html(word: str, prefix: str = "The word on top") -> str:
    """One rolled word, in bold, after ``prefix`` (our own text, never the user's)."""
    return f"<div>{prefix}: <b>{text_html(word)}</b></div>"


def shared_words_html(words: Sequence[str]) -> str:
    """The words that sit on more than one die, in alphabetical order."""
    return "<div>Shared words: " + ", ".join(text_html(w) for w in sorted(words)) + "</div>"


def bayes_html(word: str, prior: np.ndarray, likelihoods: Sequence[float], posterior: np.ndarray) -> str:
    """Bayes' rule for one word, each topic's term written out.

    Parameters
    ----------
    word : str
    prior : array of shape (K,)
        How often each topic is picked (mixing weights summing to 1).
    likelihoods : sequence of K float
        The probability of ``word`` on each topic's die.
    posterior : array of shape (K,)
        P(topic | word), as the core computed it.
    """
    terms = " + ".join(f"{p:.2f}×{q:.3f}" for p, q in zip(prior, likelihoods))
    lines = "".join(
        f"<li>P(topic {k + 1} | {text_html(word)}) = {prior[k]:.2f}×{likelihoods[k]:.3f} / ({terms}) "
        f"= <b>{posterior[k]:.3f}</b></li>" for k in range(len(prior)))
    return f"<div>Why is {text_html(word)} uncertain? It is on more than one die:<ul>{lines}</ul></div>"
