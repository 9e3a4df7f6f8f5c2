"""Input checks shared by the core: each raises ``ValueError`` with a sentence a student understands."""

from __future__ import annotations

from typing import Any

import numpy as np


def shown(value: Any, limit: int = 40) -> str:
    """``repr`` of ``value`` (or ``value`` with thousands separators, for an int) cut to about
    ``limit`` characters, so that an error message quoting a huge input stays short."""
    text = f"{value:,}" if isinstance(value, (int, np.integer)) and not isinstance(value, bool) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_rng(rng: Any) -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``, else raise ``ValueError``."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            "rng must be a numpy random Generator, for example np.random.default_rng(0)."
        )
    return rng


def as_finite_array(value: Any, name: str, shape: tuple[int | None, ...] | None = None) -> np.ndarray:
    """Convert ``value`` to a float array, checking that it is numeric, finite and of ``shape``.

    ``None`` in ``shape`` accepts any length along that axis.
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must contain only numbers.") from None
    if shape is not None:
        ok = arr.ndim == len(shape) and all(s is None or s == n for s, n in zip(shape, arr.shape))
        if not ok:
            want = " x ".join("any" if s is None else str(s) for s in shape) or "a single number"
            raise ValueError(f"{name} must have shape {want}, but it has shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or infinity).")
    return arr


def check_count(value: Any, name: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """Return ``value`` as an ``int`` in ``[minimum, maximum]``, else raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be a whole number, but got {shown(value)}.")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, but got {shown(value)}.")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, but got {shown(value)}.")
    return value


def check_probabilities(value: Any, name: str, length: int | None = None) -> np.ndarray:
    """Check non-negative finite weights with a positive sum and return them normalised to sum 1."""
    arr = as_finite_array(value, name, (length,))
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty.")
    if np.any(arr < 0):
        raise ValueError(f"{name} must not be negative.")
    if not arr.max() > 0:
        raise ValueError(f"{name} must not all be zero: at least one must be positive.")
    with np.errstate(over="ignore"):
        total = arr.sum()
    if not np.isfinite(total):  # weights near 1e308: scale down first so the sum can't overflow
        arr = arr / arr.max()
        total = arr.sum()
    return arr / total
