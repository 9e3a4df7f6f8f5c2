"""The worksheet guide's "Roll once": every roll numbered, so a side that comes up twice running still
shows that the die was rolled. Pure: the sides are recomputed from the seed, nothing is stored."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from mixgen_core import roll_die

#: Rolls listed under the die (the most recent last).
LAST_ROLLS = 8


def rolled_side(p: Sequence[float], seed: int, step: int, roll: int) -> int:
    """The side (0-based) that roll number ``roll`` (from 1) of step ``step`` gives with ``seed``."""
    return int(roll_die(np.asarray(p, dtype=float), 1, np.random.default_rng([seed, step, roll - 1]))[0])


def recent_rolls(p: Sequence[float], seed: int, step: int, rolls: int, last: int = LAST_ROLLS) -> list[tuple[int, int]]:
    """``(roll number, side)`` of the last ``last`` rolls up to roll ``rolls`` (oldest first)."""
    return [(r, rolled_side(p, seed, step, r)) for r in range(max(1, rolls - last + 1), rolls + 1)]


def rolls_sentence(history: Sequence[tuple[int, int]], names: Sequence[str]) -> str:
    """``"Roll 3: side 6. Rolls so far, oldest first: side 4, side 6, side 6."``: the newest roll, then the
    recent ones in order (``names``: what each side is called)."""
    if not history:
        return ""
    number, side = history[-1]
    newest = f"Roll {number}: {names[side]}"
    if len(history) == 1:
        return newest + "."
    which = "Rolls so far" if history[0][0] == 1 else f"The last {len(history)} rolls"
    return newest + f". {which}, oldest first: " + ", ".join(names[s] for _, s in history) + "."
