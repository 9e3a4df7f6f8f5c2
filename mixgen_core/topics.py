"""Topics as dice with words on their sides, and documents rolled from them (the worksheet's second half)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ._checks import check_probabilities

#: Most words on one topic's die.
MAX_TOPIC_WORDS = 200
#: Longest word, in characters (longer ones are refused, not cut).
MAX_WORD_LENGTH = 10_000
#: Longest topic name, in characters.
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class Topic:
    """A topic: a die with one word on each side.

    Parameters
    ----------
    name : str
        A label for people, e.g. "kids' birthday".
    words : sequence of str
        The die's sides, at least one, each a non-empty string. A word may appear on
        several topics' dice (the worksheet's topics share "merry" and "run").
    weights : sequence of float, optional
        Side weights, one per word, non-negative with a positive sum; uniform (a fair
        die) when omitted. They are normalised into :attr:`probabilities`.

    Raises
    ------
    ValueError
        For an empty topic, a word that is not a non-empty string, a repeated word,
        too many or too long words, or weights that are negative, non-finite, all zero
        or of the wrong length.
    """

    name: str
    words: tuple[str, ...]
    weights: np.ndarray | None = None
    probabilities: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or len(self.name) > MAX_NAME_LENGTH:
            raise ValueError(f"A topic's name must be text of at most {MAX_NAME_LENGTH} characters.")
        if isinstance(self.words, str):
            raise ValueError("A topic's words must be a list of words, not a single string.")
        words = tuple(self.words)
        if not words:
            raise ValueError(f"The topic {self.name!r} has no words: give its die at least one side.")
        if len(words) > MAX_TOPIC_WORDS:
            raise ValueError(f"A topic may have at most {MAX_TOPIC_WORDS} words.")
        for w in words:
            if not isinstance(w, str) or not w:
                raise ValueError("Every word must be a non-empty piece of text.")
            if len(w) > MAX_WORD_LENGTH:
                raise ValueError(f"A word may be at most {MAX_WORD_LENGTH:,} characters long.")
        if len(set(words)) != len(words):
            raise ValueError(
                f"The topic {self.name!r} lists a word twice: give each word one side and use "
                "weights to make it more likely."
            )
        if self.weights is None:
            probs = np.full(len(words), 1.0 / len(words))
            weights = None
        else:
            probs = check_probabilities(self.weights, f"The word weights of {self.name!r}", len(words))
            weights = np.array(self.weights, dtype=float)
            weights.flags.writeable = False
        probs.flags.writeable = False
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "probabilities", probs)


def worksheet_topics() -> list[Topic]:
    """The worksheet's two word groups: a kids' birthday party and Lord of the Rings."""
    return [
        Topic("kids' birthday", ["balloon", "happy", "run", "merry", "cake", "jump", "pizza"]),
        Topic("Lord of the Rings", ["spider", "ring", "drums", "orc", "battle", "merry", "run", "frodo"]),
    ]
