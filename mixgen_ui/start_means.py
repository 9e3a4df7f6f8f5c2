"""Where EM starts: a deliberately poor first guess near the points, and the means a student types."""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from .gaussian_settings import FIT_INITS

OWN = FIT_INITS[2]
CLIMB_SENTENCE = ("EM climbs to the top of the nearest hill of likelihood and stops there: different starts can "
                  "end on lower hills, and only comparing them shows which is highest.")


def start_keys(i: int) -> tuple[str, str]:
    """The settings of fitted Gaussian ``i``'s typed starting mean."""
    return f"g_start_x{i}", f"g_start_y{i}"


def _nice_step(span: float) -> int:
    """The power of ten (its exponent) of a round step about a twentieth of ``span`` or less."""
    return math.floor(math.log10(span / 20)) if span > 0 else 0


def _round_to(value: float, exponent: int) -> float:
    """``value`` rounded to a multiple of ``10 ** exponent``, written without float noise (0.6, not 0.6000000000000001)."""
    return float(round(value, -exponent)) if exponent <= 0 else float(round(value / 10**exponent) * 10**exponent)


def poor_start(points: np.ndarray, k: int) -> list[tuple[float, float]]:
    """Default typed means: a deliberately poor guess, all ``k`` in a row along the bottom of the
    points (evenly spaced across their width, 15 % up their height), rounded to a round step so
    they stay put when a new sample moves the points a little. Always ``k`` different means."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(pts):
        return [(float(i), 0.0) for i in range(k)]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    ex, ey = _nice_step(float(span[0])), _nice_step(float(span[1]))
    y = _round_to(lo[1] + 0.15 * span[1], ey)
    return [(_round_to(lo[0] + (i + 1) / (k + 1) * span[0], ex), y) for i in range(k)]


def typed_means(state: Mapping[str, Any], k: int, defaults: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The starting means the student has typed (their defaults where a box has no number yet)."""
    out = []
    for i in range(k):
        pair = []
        for key, default in zip(start_keys(i), defaults[i]):
            value = state.get(key)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            pair.append(float(value) if ok else float(default))
        out.append((pair[0], pair[1]))
    return tuple(out)


def same_place(means: tuple[tuple[float, float], ...]) -> tuple[int, int] | None:
    """The first two fitted Gaussians (1-based) whose typed means are the same, or None."""
    for i in range(len(means)):
        for j in range(i + 1, len(means)):
            if means[i] == means[j]:
                return i + 1, j + 1
    return None
