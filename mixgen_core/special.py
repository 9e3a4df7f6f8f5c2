"""The digamma and log-gamma functions in pure numpy, for the topic fit's Dirichlet expectations.

``E[log p]`` under a Dirichlet needs the digamma function, and the evidence lower bound
needs log-gamma; scipy has both, but the core is numpy only. Below 10 both shift their
argument up by exactly 10 with the recurrences ``psi(x + 1) = psi(x) + 1/x`` and
``Gamma(x + 1) = x Gamma(x)``; from 10 on, asymptotic series are accurate to about 1e-15.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_HALF_LOG_2PI = 0.5 * np.log(2.0 * np.pi)


def _check_positive(x: Any, name: str) -> np.ndarray:
    """``x`` as a float array (any shape) of positive finite numbers, else ``ValueError`` naming ``name``."""
    x = np.asarray(x, dtype=float)
    if np.any(~(x > 0)) or not np.all(np.isfinite(x)):
        raise ValueError(f"{name} is only computed here for positive finite numbers.")
    return x


def _shift(x: np.ndarray, want_psi: bool, want_lgamma: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shift every ``x < 10`` by exactly 10: returns ``y = x + 10`` there (``x`` elsewhere),
    ``sum_{j<10} 1/(x+j)`` and ``prod_{j<10} (x+j)`` there (0 and 1 elsewhere).

    The product is at most 20^10 (no overflow) and at least x * 9! (no underflow for the
    positive doubles above 1e-300 used here).
    """
    y = x.copy()
    recip = np.zeros_like(x)
    prod = np.ones_like(x)
    small = x < 10.0
    if small.any():
        xs = x[small]
        r = np.zeros_like(xs)
        p = np.ones_like(xs)
        for j in range(0, 10, 2):  # two steps at a time: 1/t + 1/(t+1) = (2t+1) / (t(t+1))
            t = xs + j
            tt = t * (t + 1.0)
            if want_psi:
                r += (2.0 * t + 1.0) / tt
            if want_lgamma:
                p *= tt
        y[small] = xs + 10.0
        recip[small] = r
        prod[small] = p
    return y, recip, prod


def _psi_large(y: np.ndarray) -> np.ndarray:
    """``psi(y)`` for ``y >= 10``: ``log y - 1/(2y) - sum B_2n / (2n y^2n)`` up to ``y^-12``."""
    inv2 = 1.0 / (y * y)
    series = inv2 * (
        1 / 12
        - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760)))))
    )
    return np.log(y) - 0.5 / y - series


def _lgamma_large(y: np.ndarray) -> np.ndarray:
    """``log Gamma(y)`` for ``y >= 10``: Stirling's series up to ``y^-9``."""
    inv = 1.0 / y
    inv2 = inv * inv
    series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188)))))
    return (y - 0.5) * np.log(y) - y + _HALF_LOG_2PI + series


def digamma(x: Any) -> np.ndarray:
    """Digamma function ``psi(x) = d/dx log Gamma(x)`` for positive ``x``, elementwise.

    Below 10, uses ``psi(x) = psi(x + 10) - sum_{j<10} 1/(x + j)`` (the recurrence
    ``psi(x + 1) = psi(x) + 1/x`` ten times); from 10 on, the asymptotic series
    ``log x - 1/(2x) - sum B_2n / (2n x^2n)`` up to ``x^-12``, whose truncation error is
    below 1e-15.

    Parameters
    ----------
    x : array-like of positive floats, any shape

    Returns
    -------
    psi : array of the shape of ``x``

    Raises
    ------
    ValueError
        For a value that is not a positive finite number.
    """
    x = _check_positive(x, "digamma")
    y, recip, _ = _shift(x, True, False)
    return _psi_large(y) - recip


def gammaln(x: Any) -> np.ndarray:
    """Logarithm of the Gamma function for positive ``x``, elementwise.

    Below 10, uses ``log Gamma(x) = log Gamma(x + 10) - log prod_{j<10} (x + j)``; from 10
    on, Stirling's series up to ``x^-9``, whose truncation error is below 1e-13.

    Parameters
    ----------
    x : array-like of positive floats, any shape

    Returns
    -------
    lgamma : array of the shape of ``x``

    Raises
    ------
    ValueError
        For a value that is not a positive finite number.
    """
    x = _check_positive(x, "gammaln")
    y, _, prod = _shift(x, False, True)
    return _lgamma_large(y) - np.log(prod)


def digamma_and_gammaln(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`digamma` and :func:`gammaln` of ``x`` with one shift and no check.

    For the fit's inner loop: ``x`` is a float array already known to be positive and
    finite (Dirichlet parameters), of any shape; both results have that shape.
    """
    y, recip, prod = _shift(x, True, True)
    return _psi_large(y) - recip, _lgamma_large(y) - np.log(prod)
