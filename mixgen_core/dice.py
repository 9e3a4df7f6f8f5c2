"""Topics as dice with a word on each side, and rolling them (the worksheet's second half).

- :class:`Topic` (a die with words on its sides) and :func:`worksheet_topics`.
- :func:`roll_die`: many rolls of one die, by the recipe
  :func:`~mixgen_core.recipes.cumulative` then :func:`~mixgen_core.recipes.roll`.
- Counting the outcomes: :func:`one_hot` (the worksheet's ``multinomial(1, p)``
  outcome), :func:`side_counts`, :func:`running_frequencies`.
- :class:`DiceTable`: many dice rolled at once, exactly as :func:`~mixgen_core.recipes.roll`
  would, only faster (what :func:`~mixgen_core.documents.sample_documents` uses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ._checks import check_count, check_list, check_probabilities, check_rng
from .limits import MAX_NAME_LENGTH, MAX_SIDES, MAX_TOPIC_WORDS, MAX_TOTAL_WORDS, MAX_WORD_LENGTH
from .recipes import cumulative, roll


@dataclass(frozen=True)
class Topic:
    """A topic: a die with one word on each side.

    Parameters
    ----------
    name : str
        A label for people, e.g. "kids' birthday"; at most ``MAX_NAME_LENGTH`` characters.
    words : sequence of str, length n_sides
        The die's sides, 1 to ``MAX_TOPIC_WORDS``, each a non-empty string of at most
        ``MAX_WORD_LENGTH`` characters. A word may appear on several topics' dice (the
        worksheet's topics share "merry" and "run").
    weights : sequence of float of shape (n_sides,), optional
        Side weights, non-negative with a positive sum; uniform (a fair die) when
        omitted. They are normalised into :attr:`probabilities`.

    Attributes
    ----------
    probabilities : read-only float array of shape (n_sides,)
        The chance of each side, summing to 1.

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
        words = tuple(
            check_list(self.words, "A topic's words", "words", str, "a non-empty piece of text",
                       maximum=MAX_TOPIC_WORDS)
        )
        if not words:
            raise ValueError(f"The topic {self.name!r} has no words: give its die at least one side.")
        for w in words:
            if not w:
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


# ---------------------------------------------------------------------------
# One die: rolls, and counting the outcomes
# ---------------------------------------------------------------------------


def roll_die(probabilities: Any, n_rolls: int, rng: np.random.Generator) -> np.ndarray:
    """Roll a die ``n_rolls`` times and return the index of the side that came up each time.

    This is the worksheet's ``np.argmax(np.random.multinomial(1, p))``, done for all rolls
    at once: ``roll(cumulative(p), rng.random(n_rolls))`` with the recipes of
    :mod:`mixgen_core.recipes` (``np.searchsorted`` on the running totals of ``p``). Side
    ``j`` comes up when the uniform number lands in ``[cum[j-1], cum[j])``, an interval of
    length ``p[j]``.

    Parameters
    ----------
    probabilities : sequence of float, shape (n_sides,)
        Chance of each side; non-negative weights with a positive sum (normalised here).
    n_rolls : int
        Between 0 and ``MAX_TOTAL_WORDS``.
    rng : numpy.random.Generator

    Returns
    -------
    sides : int array of shape (n_rolls,)
        Values in ``0 .. n_sides - 1``; sides with probability 0 never appear.
    """
    p = check_probabilities(probabilities, "The probabilities")
    n_rolls = check_count(n_rolls, "The number of rolls", maximum=MAX_TOTAL_WORDS)
    rng = check_rng(rng)
    return roll(cumulative(p), rng.random(n_rolls))


def _check_sides(sides: Any, n_sides: int, name: str, flat: bool) -> tuple[np.ndarray, int]:
    """``sides`` as an int array of side indices below ``n_sides`` (flat if ``flat``), and ``n_sides``."""
    n_sides = check_count(n_sides, "The number of sides", minimum=1, maximum=MAX_SIDES)
    try:
        arr = np.asarray(sides)
    except (TypeError, ValueError, OverflowError):  # ragged nested lists
        raise ValueError(f"{name} must be whole numbers (side indices).") from None
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or arr.size == 0):
        raise ValueError(f"{name} must be whole numbers (side indices).")
    arr = arr.astype(np.intp)
    if arr.size and (arr.min() < 0 or arr.max() >= n_sides):
        raise ValueError(f"{name} must lie between 0 and {n_sides - 1} (one less than the number of sides).")
    if flat and arr.ndim != 1:
        raise ValueError(f"{name} must be a flat list of side indices.")
    return arr, n_sides


def one_hot(index: Any, n_sides: int) -> np.ndarray:
    """The worksheet's ``np.random.multinomial(1, p)`` outcome: zeros with a single 1.

    Rolling a die once and counting how often each side came up gives a list with a 1 at
    the side rolled and 0 everywhere else; ``np.argmax`` of it recovers ``index``.

    Parameters
    ----------
    index : int or int array of shape (n,)
        The side(s) rolled, each in ``0 .. n_sides - 1``.
    n_sides : int
        Number of sides, between 1 and ``MAX_SIDES``.

    Returns
    -------
    counts : int array of shape (n_sides,), or (n, n_sides) for an array of indices
    """
    arr, n_sides = _check_sides(index, n_sides, "The side index", flat=False)
    if arr.ndim > 1:
        raise ValueError("The side index must be one number or a flat list of numbers.")
    if arr.size * n_sides > MAX_TOTAL_WORDS:
        raise ValueError(f"That table would have more than {MAX_TOTAL_WORDS:,} entries; use fewer rolls.")
    out = np.zeros(arr.shape + (n_sides,), dtype=np.intp)
    if arr.ndim == 0:
        out[arr] = 1
    else:
        out[np.arange(arr.size), arr] = 1
    return out


def side_counts(sides: Any, n_sides: int) -> np.ndarray:
    """How often each side came up: ``np.bincount(sides, minlength=n_sides)``.

    Divide by ``len(sides)`` for the observed frequencies, which approach the die's
    probabilities as the number of rolls grows.

    Parameters
    ----------
    sides : int array of shape (n_rolls,)
        Rolled side indices, each in ``0 .. n_sides - 1``.
    n_sides : int
        Number of sides, between 1 and ``MAX_SIDES``.

    Returns
    -------
    counts : int array of shape (n_sides,), summing to ``n_rolls``
    """
    arr, n_sides = _check_sides(sides, n_sides, "The rolled sides", flat=True)
    return np.bincount(arr, minlength=n_sides)


def running_frequencies(
    sides: Any, n_sides: int, checkpoints: Any = None
) -> tuple[np.ndarray, np.ndarray]:
    """Observed frequency of each side after the first ``n`` rolls, for several ``n``.

    Plotting these against ``n`` shows the frequencies settling down to the probabilities
    (the law of large numbers).

    Parameters
    ----------
    sides : int array of shape (n_rolls,)
        Rolled side indices, each in ``0 .. n_sides - 1``.
    n_sides : int
        Number of sides, between 1 and ``MAX_SIDES``.
    checkpoints : int array of shape (m,), optional
        Numbers of rolls to report, each in ``1 .. n_rolls``. By default about 200
        numbers spaced evenly on a log scale from 1 to ``n_rolls`` (every ``n`` when
        ``n_rolls <= 200``).

    Returns
    -------
    checkpoints : int array of shape (m,)
    frequencies : float array of shape (m, n_sides)
        Row ``i`` is ``side_counts(sides[:checkpoints[i]], n_sides) / checkpoints[i]``.
    """
    arr, n_sides = _check_sides(sides, n_sides, "The rolled sides", flat=True)
    n = arr.size
    if checkpoints is None:
        if n == 0:
            cps = np.zeros(0, dtype=np.intp)
        elif n <= 200:
            cps = np.arange(1, n + 1)
        else:
            cps = np.unique(np.round(np.geomspace(1, n, 200)).astype(np.intp))
    else:
        cps = np.asarray(checkpoints)
        if cps.ndim != 1 or cps.dtype == bool or not (np.issubdtype(cps.dtype, np.integer) or cps.size == 0):
            raise ValueError("The checkpoints must be a flat list of whole numbers of rolls.")
        cps = cps.astype(np.intp)
        if cps.size and (cps.min() < 1 or cps.max() > n):
            raise ValueError(f"Each checkpoint must be a number of rolls between 1 and {n:,}.")
    if cps.size * n_sides > MAX_TOTAL_WORDS:
        raise ValueError(f"That table would have more than {MAX_TOTAL_WORDS:,} entries; use fewer checkpoints.")
    # Positions of each side's rolls, in order (a stable sort keeps them increasing); the
    # count among the first c rolls is how many of those positions are below c.
    order = np.argsort(arr, kind="stable")
    bounds = np.searchsorted(arr[order], np.arange(n_sides + 1))
    counts = np.empty((cps.size, n_sides), dtype=np.intp)
    for j in range(n_sides):
        counts[:, j] = np.searchsorted(order[bounds[j] : bounds[j + 1]], cps, side="left")
    return cps, counts / np.maximum(cps, 1)[:, None]


# ---------------------------------------------------------------------------
# Many dice at once
# ---------------------------------------------------------------------------


class DiceTable:
    """Roll many dice at once: exactly :func:`~mixgen_core.recipes.roll` (``np.searchsorted``), without binary search.

    Die ``k``'s interval ``[0, 1)`` is cut into ``G`` equal buckets (``G`` a power of
    two, so ``floor(v * G)`` is computed without rounding). For every bucket that
    contains no cumulative entry the answer is the same for all ``v`` in it and is stored
    in a table; the few ``v`` in the other buckets (marked -1) fall back to
    :func:`~mixgen_core.recipes.roll`. So the results are identical to the plain
    recipe, only faster.

    Parameters
    ----------
    cums : sequence of float arrays, shape (n_k,) each
        :func:`~mixgen_core.recipes.cumulative` of each die's probabilities.
    labels : sequence of int arrays, shape (n_k,) each
        A number for each side (the word's vocabulary index), returned with the side.
    """

    def __init__(self, cums: Sequence[np.ndarray], labels: Sequence[Sequence[int]]) -> None:
        self.cums = list(cums)
        self.labels = [np.asarray(lab, dtype=np.intp) for lab in labels]
        longest = max(len(c) for c in self.cums)
        self.G = 1 << int(min(max(10, np.ceil(np.log2(8 * longest))), 14))
        self._tables: tuple[np.ndarray, np.ndarray] | None = None  # built on the first large roll

    @property
    def side_table(self) -> np.ndarray:
        return self._built()[0]

    @property
    def label_table(self) -> np.ndarray:
        return self._built()[1]

    def _built(self) -> tuple[np.ndarray, np.ndarray]:
        if self._tables is None:
            self._tables = self._build()
        return self._tables

    def _build(self) -> tuple[np.ndarray, np.ndarray]:
        grid = np.arange(self.G + 1) / self.G
        sides, labs = [], []
        for cum, lab in zip(self.cums, self.labels):
            lo = np.searchsorted(cum, grid[:-1], side="right")  # entries <= bucket start
            hi = np.searchsorted(cum, grid[1:], side="left")  # entries < bucket end
            sure = lo == hi
            sides.append(np.where(sure, lo, -1))
            labs.append(np.where(sure, lab[np.minimum(lo, len(cum) - 1)], -1))
        return np.concatenate(sides), np.concatenate(labs)

    def roll(self, die: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Side index and label for uniform numbers ``v`` on dice ``die``.

        Parameters
        ----------
        die : int array of shape (N,)
            Which die each number rolls, ``0 .. len(cums) - 1``.
        v : float array of shape (N,)
            Uniform numbers in ``[0, 1)``.

        Returns
        -------
        sides, labels : int arrays of shape (N,)
        """
        if v.size < self.G and self._tables is None:
            # Fewer rolls than a die has buckets (a page's few documents): building the table
            # would cost more than a binary search for every roll.
            sides = np.full(v.shape, -1, dtype=np.intp)
            labels = np.full(v.shape, -1, dtype=np.intp)
        else:
            # bucket = die * G + floor(v * G), exact: G is a power of two and v >= 0. Written
            # with out= buffers because allocating arrays of a million entries costs as much
            # as the arithmetic.
            side_table, label_table = self._built()
            bucket = np.multiply(v, self.G, out=np.empty(v.shape, dtype=np.intp), casting="unsafe")
            sides = np.multiply(die, self.G, dtype=np.intp)
            bucket += sides
            side_table.take(bucket, out=sides, mode="clip")  # every bucket is in range
            labels = label_table.take(bucket, mode="clip")
        unsure = np.flatnonzero(sides < 0)
        if unsure.size:
            vu = v[unsure]
            du = die[unsure]
            for k, (cum, lab) in enumerate(zip(self.cums, self.labels)):
                m = du == k
                if m.any():
                    s = roll(cum, vu[m])
                    sides[unsure[m]] = s
                    labels[unsure[m]] = lab[s]
        return sides, labels
