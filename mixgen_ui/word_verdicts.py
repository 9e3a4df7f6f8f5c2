"""Judging sentences for a word-by-word topic guess, chosen from the facts of the document on screen.

The yardstick is Bayes' rule with the dice known (:func:`mixgen_core.word_posteriors`): each
word given its most likely topic. A word on one die only can have come from nowhere else, so
its topic is certain; a word on several dice is only more likely from one of them. Each
function returns ``(kind, sentence)`` or None when no sentence fits. Pure: no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

Verdict = tuple[str, str]


def _words(n: int) -> str:
    return f"{n:,} word{'s' if n != 1 else ''}"


def _quoted(words: Sequence[str]) -> str:
    q = [f'"{w}"' for w in words]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " and " + q[-1]


@dataclass(frozen=True)
class WordFacts:
    """A guess of each word's topic in one document, scored.

    Attributes
    ----------
    n : words asked
    named : words the student gave a topic (not "not sure", not unanswered)
    right : words given their true topic
    bayes_right : words Bayes' rule with the dice known gives their true topic
    one_die : words of the document on one die only (their topic is certain)
    missed_one_die : of those, how many the student did not get right
    example_one_die : one such word of the document and the die it is on, or None
    shared : the document's words that are on more than one die (each once, in order)
    own_mix : each document rolled its own mix (Bayes' rule here weighs the topics by their average
        mix, so it is not the best anyone can do: the document's words hint at its own mix)
    """

    n: int
    named: int
    right: int
    bayes_right: int
    one_die: int
    missed_one_die: int
    example_one_die: tuple[str, str] | None
    shared: tuple[str, ...]
    own_mix: bool = False


def word_facts(words: Sequence[str], truth: Sequence[int], guesses: Sequence[int | None], bayes: Sequence[int],
               shared: set[str] | frozenset[str], topics: Sequence, own_mix: bool = False) -> WordFacts:
    """The facts of a checked guess. ``guesses``: topic index, a negative "not sure", or None per word;
    ``bayes``: Bayes' rule's topic per word; ``topics``: the dice (for the die a one-die word is on)."""
    truth = np.asarray(truth)
    given = np.array([-2 if g is None else g for g in guesses], dtype=np.int64)
    right = given == truth
    only = np.array([w not in shared for w in words], dtype=bool)
    example = None
    for w in words:
        if w not in shared:
            example = (w, next(t.name for t in topics if w in t.words))
            break
    return WordFacts(n=len(words), named=int((given >= 0).sum()), right=int(right.sum()),
                     bayes_right=int((np.asarray(bayes) == truth).sum()), one_die=int(only.sum()),
                     missed_one_die=int((only & ~right).sum()), example_one_die=example,
                     shared=tuple(dict.fromkeys(w for w in words if w in shared)), own_mix=own_mix)


def word_guess_verdict(f: WordFacts) -> Verdict:
    """How well the student named the topics, against Bayes' rule with the dice known."""
    if f.named == 0:
        return "warning", ("You named no word's topic, so none is right yet: give some words a topic, then "
                           "check again.")
    you = f"you gave {f.right:,} of {_words(f.n)} their true topic"
    if f.right >= f.bayes_right:
        more = ("more than" if f.right > f.bayes_right else "as many as")
        if f.right == f.bayes_right:
            lucky = ""
        elif f.own_mix:
            lucky = (" Each document here has its own mix and Bayes' rule weighs the topics by their average "
                     "mix: the document's other words hint at its own, and can beat it.")
        else:
            lucky = (" Nobody who sees only the words does better on average, so some of your calls on shared "
                     "words were lucky ones.")
        return "success", f"Yes: {you}, {more} Bayes' rule with the dice known ({f.bayes_right:,}).{lucky}"
    hint = ""
    if f.missed_one_die:
        hint = (f" {_words(f.missed_one_die)} you did not get right {'is' if f.missed_one_die == 1 else 'are'} "
                "on one die only, so {} topic is certain: look at which die has {}.".format(
                    "its" if f.missed_one_die == 1 else "their", "it" if f.missed_one_die == 1 else "them"))
    if f.right == 0:
        return "warning", (f"Not yet: none of the {_words(f.named)} you gave a topic got its true one; Bayes' rule "
                           f"with the dice known gets {f.bayes_right:,} of {_words(f.n)}.{hint}")
    return "info", f"Partly: {you}; Bayes' rule with the dice known gets {f.bayes_right:,}.{hint}"


def word_question_answer(f: WordFacts) -> str | None:
    """The worksheet's question, "could you tell which topic each word came from?", answered for this document."""
    if f.n == 0:
        return None
    if f.one_die * 2 > f.n:
        head = f"For most words of this document, yes: {f.one_die:,} of {_words(f.n)} are on one die only"
    elif f.one_die:
        head = f"For some words, yes: {f.one_die:,} of {_words(f.n)} are on one die only"
    else:
        head = "For no word of this document can the word alone settle it"
    if f.example_one_die is not None:
        word, die = f.example_one_die
        head += f' ("{word}" can only come from the {die} die)'
    head += "."
    if not f.shared:
        return head + " No word here is on more than one die."
    both = "is on more than one die" if len(f.shared) == 1 else "are on more than one die"
    return (f"{head} But {_quoted(f.shared)} {both} (dashed outline), so the word alone cannot settle it: you can "
            "only say which topic is more likely. Step 6 works that out.")
