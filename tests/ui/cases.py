"""Shared cases of the take-home tests: mixtures to draw, and text that tries to break out of a literal."""

from __future__ import annotations

import numpy as np

from mixgen_core import GaussianComponent, Topic

HOSTILE_WORDS = [
    'say "hi"', "it's", "back\\slash", "new\nline", "tab\there", "'''", '"""', "{d}", "}{", "\\N{DASH}",
    "é中文🙂", "\u2028", "\ud800", "=SUM(A1:A9)", "+1", "-1", "@cmd", "\rcr", "# not a comment", "'quoted",
    "\x00nul", "\u202eevil", '"); import os  #',
]
HOSTILE_NAMES = ['"); print("pwned")  #', "=HYPERLINK(\"x\")", "line\nbreak \\ {}"]


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal shapes and identical float bits (tells 0.0 from -0.0)."""
    a, b = np.ascontiguousarray(a, dtype=float), np.ascontiguousarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def gv(mean, var, rho=0.0, n=20) -> GaussianComponent:
    """A component from variances and a correlation, as the page builds it."""
    return GaussianComponent.from_variances(mean, var, rho, n)


GAUSSIAN_CASES = {
    "worksheet": ([gv((1, 1), (0.1, 0.1)), gv((5, 2), (0.5, 0.4)), gv((1, 4), (1, 0.1))], 0),
    "correlated": ([gv((0, 0), (2.0, 0.5), 0.9, 50), gv((3, -1), (0.3, 1.7), -0.95, 40),
                    gv((-2, 2), (1.0, 1.0), 1.0, 30)], 12345),
    "flat": ([gv((0, 0), (0.0, 0.3), 0, 25), gv((1, 1), (0.2, 0.0), 0, 25), gv((2, 2), (0.0, 0.0), 0, 5),
              gv((3, 3), (0.7, 0.7), -1.0, 25)], 7),
    "zero counts": ([gv((0, 0), (1, 1), 0, 0), gv((4, 4), (1, 2), 0.3, 15), gv((8, 0), (1, 1), 0, 0)], 3),
    "all zero": ([gv((0, 0), (1, 1), 0, 0)], 3),
    "eight": ([gv((k, -k / 3), (0.1 * (k + 1), 0.05 + k / 10), (k - 3.5) / 4, 5 + 3 * k) for k in range(8)],
              2**40 + 17),
    "raw covariances": ([GaussianComponent([0.5, -0.25], [[1.0, 0.3], [0.3 + 1e-12, 0.5]], 30),
                         GaussianComponent([-1e6, 1e6], [[-1e-12, 0.0], [0.0, 2.0]], 10),
                         GaussianComponent([1e-300, -0.0], [[1e6, -999.0], [-999.0, 1e6]], 10)], 99),
    "seed list": ([gv((1, 1), (0.1, 0.1)), gv((5, 2), (0.5, 0.4))], [4, 1, 2]),
}


def hostile_topics() -> list[Topic]:
    """Three dice whose names and words hold quotes, braces, newlines, formulas and code."""
    half = len(HOSTILE_WORDS) // 2
    return [
        Topic(HOSTILE_NAMES[0], HOSTILE_WORDS[:half] + ["run"]),
        Topic(HOSTILE_NAMES[1], HOSTILE_WORDS[half:] + ["run"], weights=[1.0] * (len(HOSTILE_WORDS) - half) + [5.0]),
        Topic(HOSTILE_NAMES[2], ["x" * 10_000, "y"]),
    ]
