"""Text and HTML the topic pages show around their figures: mixes, a rolled word, Bayes' rule
worked out for one word. Every word is user text: it goes through ``html.escape`` (via
:func:`mixgen_ui.highlight.text_html`) before it reaches ``st.html``."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .highlight import text_html, word_span


#: How learned topics are matched to the true ones, wherever a share of words "in their true topic" is shown.
MATCH_HELP = ("Learned and true topics are paired one to one: the pairing whose dice are closest overall. A "
              "word counts as right when its learned topic is paired with the topic it was rolled from; a "
              "learned topic left without a partner (more learned than rolled) has all its words wrong.")


def own_mixes_text(k: int, own_mix: bool, n_words: int) -> str:
    """What to expect of the topics learned from the page's own documents, before the numbers show it."""
    if k == 1:
        return ("With one topic there is nothing to tell apart: every word comes from the one die, and the fit "
                "below only learns that die.")
    few = f" (and {n_words:,} words are few anyway)" if n_words < 1000 else ""
    if own_mix:
        return ("Your documents each have their own mix, so words that turn up together can give the topics "
                "away. How well depends on how different the mixes are (a smaller concentration makes them "
                f"more different), how alike the dice are, and how many words there are{few}.")
    return f"Your documents use one fixed coin for every word, so expect the learned topics to be poor{few}."


def mixes_compared_text(own: float, fixed: float) -> str:
    """The two corpora's shares of words in their true topic, compared as the numbers have it."""
    if own > fixed + 0.05:
        return (f"Each document its own mix put {own:.0%} of the words in their true topic, the fixed coin "
                f"{fixed:.0%}: the same dice, the same fit.")
    if own < fixed - 0.05:
        return f"Here the fixed coin came out ahead ({fixed:.0%} against {own:.0%})."
    return f"Here the two come out about the same ({own:.0%} and {fixed:.0%})."


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
    # Three significant figures, not decimals: a weight of 0.005 printed as 0.00 would break the sum.
    terms = " + ".join(f"{p:.3g}×{q:.3g}" for p, q in zip(prior, likelihoods))
    lines = "".join(
        f"<li>P(topic {k + 1} | {text_html(word)}) = {prior[k]:.3g}×{likelihoods[k]:.3g} / ({terms}) "
        f"= <b>{posterior[k]:.3f}</b></li>" for k in range(len(prior)))
    return f"<div>Why is {text_html(word)} uncertain? It is on more than one die:<ul>{lines}</ul></div>"


def guess_document_html(words: Sequence[str], guesses: Sequence[int | None]) -> str:
    """A document coloured by the student's guesses: a word guessed as topic ``k`` (0-based) is
    tinted and numbered as topic ``k``; an unanswered or "not sure" word (None or negative) stays plain."""
    spans = (word_span(w, g if g is not None and g >= 0 else None) for w, g in zip(words, guesses))
    return f'<div style="line-height:2.1;font-size:1.05rem;">{"".join(spans)}</div>'


def guess_word_html(i: int, word: str, guess: int | None) -> str:
    """Word ``i`` (counting from 1) above its control, tinted by its guess once it has one."""
    return (f'<div style="font-size:0.8rem;color:inherit;">word {i + 1}</div>'
            f'{word_span(word, guess if guess is not None and guess >= 0 else None)}')


def topic_label_html(k: int | None, names: Sequence[str]) -> str:
    """Topic ``k`` (0-based) as its number and escaped name; "its only die" for None."""
    if k is None:
        return "its only die"
    return f"{k + 1} · {text_html(names[k])}"


def shared_scores_html(rows: Sequence, names: Sequence[str]) -> str:
    """A table of how sure and how right Bayes' rule is on each shared word, then on all other words.

    ``rows`` are :class:`mixgen_ui.guess_words.SharedRow` (word None: the other words together).
    The table scrolls sideways inside its own box on a narrow screen.
    """
    cell = "padding:2px 8px;border-bottom:1px solid #c9ced8;text-align:left;vertical-align:top;"
    head = "".join(f'<th scope="col" style="{cell}">{h}</th>' for h in
                   ("word", "times here", "Bayes' most likely topic", "its probability", "Bayes right"))
    body = []
    for r in rows:
        word = "every other word" if r.word is None else f"<b>{text_html(r.word)}</b>"
        p = f"{r.p_best:.3f}" if r.word is not None else f"{r.p_best:.3f}" + (" (sure)" if r.p_best >= 1 else "")
        body.append(f'<tr><th scope="row" style="{cell}font-weight:normal;">{word}</th>'
                    f'<td style="{cell}">{r.count}</td><td style="{cell}">{topic_label_html(r.best, names)}</td>'
                    f'<td style="{cell}">{p}</td><td style="{cell}">{r.n_right} of {r.count}</td></tr>')
    return (f'<div style="overflow-x:auto;max-width:100%;"><table style="border-collapse:collapse;">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
