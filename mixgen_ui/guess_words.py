"""Guess, then check: the student names each word's topic, then sees the score beside Bayes' rule's.

The worksheet asks how you could guess which topic each word of a mixed document came from;
here the student answers word by word (a small control per word: the topic's number or
"not sure"), then "Check my guess" scores it and reveals the truth.

State (bounded), per page prefix (``t`` for the topic page, ``gt`` for its guide):

- ``<prefix>_gw_<i>``, ``i < GUESS_WORDS``: word ``i``'s guess, the value of its control
  (a topic index from 0, ``NOT_SURE``, or None when unanswered);
- ``<prefix>_gw_fp``: a short digest of the document and the settings that made it; when
  it changes (another document, seed or topics), the guesses are forgotten;
- ``<prefix>_gw_checked``: the guess has been checked (the answer is shown);
- ``<prefix>_gw_ever``: some guess was checked in this session (ends a teacher's challenge).

Topics are named, so a guess is right only when it names the word's true topic: unlike
:func:`mixgen_core.score_partition`, no renaming of the student's numbers is allowed.
Every word is user text: it reaches HTML only through :mod:`mixgen_ui.topic_text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Mapping, MutableMapping, Sequence

import numpy as np

from .text import md_escape

#: Words of a document a student is asked to guess (the rest are not scored).
GUESS_WORDS = 60
#: The answer "not sure" (counted as not right).
NOT_SURE = -1
#: Characters of a word quoted in a control's (hidden) label.
LABEL_WORD_CHARS = 40


def guess_key(prefix: str, i: int) -> str:
    """Session-state key of word ``i``'s control."""
    return f"{prefix}_gw_{i}"


def fingerprint(words: Sequence[str], true_topics: Sequence[int], *extra: Any) -> str:
    """A short digest of a document (its words and their topics) and of ``extra`` settings."""
    h = hashlib.blake2b(digest_size=12)
    for w in words:
        h.update(w.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    h.update(np.asarray(true_topics, dtype=np.int64).tobytes())
    h.update(repr(extra).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def sync_guess(state: MutableMapping[str, Any], prefix: str, fp: str) -> bool:
    """Forget the guesses and hide the answer when the document changed; True when it did."""
    if state.get(f"{prefix}_gw_fp") == fp:
        return False
    for i in range(GUESS_WORDS):
        state.pop(guess_key(prefix, i), None)
    state[f"{prefix}_gw_fp"] = fp
    state[f"{prefix}_gw_checked"] = False
    return True


def current_guesses(state: Mapping[str, Any], prefix: str, n: int, k: int) -> list[int | None]:
    """The guesses of the first ``n`` words: a topic index below ``k``, ``NOT_SURE`` or None."""
    out: list[int | None] = []
    for i in range(min(n, GUESS_WORDS)):
        g = state.get(guess_key(prefix, i))
        ok = isinstance(g, (int, np.integer)) and not isinstance(g, bool) and (g == NOT_SURE or 0 <= g < k)
        out.append(int(g) if ok else None)
    return out


def is_checked(state: Mapping[str, Any], prefix: str) -> bool:
    return bool(state.get(f"{prefix}_gw_checked"))


def ever_checked(state: Mapping[str, Any], prefix: str) -> bool:
    """Some guess was checked in this session (a teacher's challenge is then over)."""
    return bool(state.get(f"{prefix}_gw_ever"))


def check(state: MutableMapping[str, Any], prefix: str) -> None:
    """Show the answer (the "Check my guess" button)."""
    state[f"{prefix}_gw_checked"] = True
    state[f"{prefix}_gw_ever"] = True


def uncheck(state: MutableMapping[str, Any], prefix: str) -> None:
    """Hide the answer again, keeping the guesses (the "Guess again" button)."""
    state[f"{prefix}_gw_checked"] = False


@dataclass(frozen=True, eq=False)
class GuessScore:
    """A guess against the truth, word by word.

    Attributes
    ----------
    right : bool array of shape (n,)
        The guess names the word's true topic ("not sure" and unanswered words are not right).
    wrong : bool array of shape (n,)
        The guess names another topic (a "not sure" or unanswered word is neither right nor wrong).
    not_sure, unanswered : int
        Words answered "not sure", and words left without an answer.
    """

    right: np.ndarray
    wrong: np.ndarray
    not_sure: int
    unanswered: int

    @property
    def n(self) -> int:
        return int(self.right.size)

    @property
    def n_right(self) -> int:
        return int(self.right.sum())

    @property
    def share(self) -> float:
        """Share of the words guessed right (0 for no words)."""
        return self.n_right / self.n if self.n else 0.0


def score_guess(true_topics: Sequence[int], guesses: Sequence[int | None]) -> GuessScore:
    """Score ``guesses`` (topic index, ``NOT_SURE`` or None per word) against ``true_topics``."""
    truth = np.asarray(true_topics, dtype=np.int64)
    if len(guesses) != truth.size:
        raise ValueError(f"One guess per word: {len(guesses)} guesses for {truth.size} words.")
    given = np.array([-2 if g is None else g for g in guesses], dtype=np.int64)
    return GuessScore(right=given == truth, wrong=(given >= 0) & (given != truth), not_sure=int((given == NOT_SURE).sum()),
                      unanswered=int((given == -2).sum()))


@dataclass(frozen=True)
class SharedRow:
    """Bayes' rule on one shared word of a document (``word`` None: all the other words together).

    Attributes
    ----------
    count : times the word (or any other word) occurs in the guessed words
    best : Bayes' most likely topic (0-based), None for the other words (each its own die)
    p_best : P(best topic | word); the lowest such probability for the other words
    n_right : how many of its occurrences came from Bayes' most likely topic
    """

    word: str | None
    count: int
    best: int | None
    p_best: float
    n_right: int


def bayes_choice(posteriors: np.ndarray) -> np.ndarray:
    """Bayes' rule's most likely topic for each word: the argmax of each row of ``posteriors``."""
    return np.argmax(np.asarray(posteriors), axis=1)


def shared_rows(words: Sequence[str], true_topics: Sequence[int], posteriors: np.ndarray,
                shared: set[str] | frozenset[str]) -> list[SharedRow]:
    """Per shared word of the document, how sure and how right Bayes' rule is; then the other words."""
    truth = np.asarray(true_topics)
    post = np.asarray(posteriors)
    best = bayes_choice(post)
    words = list(words)
    rows = []
    for w in dict.fromkeys(w for w in words if w in shared):
        idx = np.array([i for i, x in enumerate(words) if x == w])
        rows.append(SharedRow(w, int(idx.size), int(best[idx[0]]), float(post[idx[0], best[idx[0]]]),
                              int((best[idx] == truth[idx]).sum())))
    rest = np.array([i for i, x in enumerate(words) if x not in shared], dtype=np.intp)
    if rest.size:
        rows.append(SharedRow(None, int(rest.size), None, float(post[rest, best[rest]].min()),
                              int((best[rest] == truth[rest]).sum())))
    return rows


def shared_words_text(rows: Sequence[SharedRow], n_topics: int, partial: bool) -> str:
    """Why Bayes' rule misses some of the guessed words, from its own probabilities for them (Markdown).

    ``rows`` are :func:`shared_rows`' output; ``partial``: only the document's first words were asked.
    A shared word's probability of its most likely topic is how often that guess is right over the
    documents these dice and weights roll; a topic picked with weight 0 leaves its words certain.
    """
    scope = "asked" if partial else "of this document"
    shared = [r for r in rows if r.word is not None]
    if not shared:
        return f"No word {scope} is on more than one die, so Bayes' rule is sure of every one."
    unsure = [r.p_best for r in shared if r.p_best < 1 - 1e-12]
    if not unsure:
        return (f"The words {scope} that are on more than one die could only have come from one topic here "
                "(the others are picked with weight 0), so Bayes' rule is sure of every word.")
    lo, hi = min(unsure), max(unsure)
    span = f"{lo:.0%}" if f"{lo:.0%}" == f"{hi:.0%}" else f"{lo:.0%} to {hi:.0%}"
    odds = ""
    if hi < 0.6:
        odds = " That is barely better than a coin flip." if n_topics == 2 else " That is far from sure."
    return ("**Why even Bayes' rule misses some words.** A word on more than one die could have come from any "
            "of them. Bayes' rule gives it its most likely topic, and that guess is right as often as that "
            f"topic's probability: {span} for the shared words {scope}, so over many documents it misses "
            f"the rest.{odds} A word on one die only can come from nowhere else: there Bayes' rule is always "
            "right.")


def word_likelihoods(topics: Sequence[Any], word: str) -> list[float]:
    """The probability of ``word`` on each topic's die (0 where the word is not on it)."""
    return [float(dict(zip(t.words, t.probabilities)).get(word, 0.0)) for t in topics]


def option_label(k: int) -> str:
    """A per-word control's option: the topic's number (its colour is in the legend), or "not sure"."""
    return "not sure" if k == NOT_SURE else str(k + 1)


def control_label(i: int, word: str) -> str:
    """The (hidden) label of word ``i``'s control, read by screen readers; markdown made literal."""
    short = word if len(word) <= LABEL_WORD_CHARS else word[: LABEL_WORD_CHARS - 1] + "…"
    return f"Topic of word {i + 1}, {md_escape(short)}"
