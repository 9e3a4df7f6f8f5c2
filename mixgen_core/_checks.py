"""Input checks shared by the core: each raises ``ValueError`` with a sentence a student understands."""

from __future__ import annotations

from itertools import repeat
from typing import Any

import numpy as np

#: Characters of a value quoted in an error message: a huge input must not make a huge message.
QUOTE_LENGTH = 40


def quoted(value: Any, limit: int = QUOTE_LENGTH) -> str:
    """``repr`` of ``value`` cut to about ``limit`` characters (with ``...``), for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any, limit: int = QUOTE_LENGTH) -> str:
    """Like :func:`quoted`, but an int is written with thousands separators (``1,000,000``)."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        text = f"{value:,}"
        return text if len(text) <= limit else text[: limit - 3] + "..."
    return quoted(value, limit)


def check_rng(rng: Any) -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``, else raise ``ValueError``."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            "rng must be a numpy random Generator, for example np.random.default_rng(0)."
        )
    return rng


def _count_error(name: str, plural: str, n: int, minimum: int, maximum: int | None) -> ValueError:
    """The sentence for a list of ``n`` items outside ``[minimum, maximum]``."""
    if maximum is None:
        return ValueError(f"{name} must hold at least {minimum} {plural}, but it has {n:,}.")
    if minimum == 0:
        return ValueError(f"{name} may hold at most {maximum:,} {plural}, but it has {n:,}.")
    return ValueError(f"Give between {minimum} and {maximum:,} {plural}, but got {n:,}.")


def check_list(
    value: Any,
    name: str,
    plural: str,
    item_type: type | tuple[type, ...] | None = None,
    item: str = "",
    *,
    minimum: int = 0,
    maximum: int | None = None,
) -> list:
    """``value`` as a new list of ``item_type`` objects, else ``ValueError`` with a plain sentence.

    Refused, each with its own sentence: a single string or a single ``item_type`` object
    (a list of one was surely meant), a dict, a set or a multi-dimensional array (no
    meaningful order of items), anything else that is not iterable, fewer than ``minimum``
    or more than ``maximum`` items (counted before the items are looked at, so a huge
    list is refused quickly), and an item that is not an ``item_type``.

    Parameters
    ----------
    value : Any
        What the caller was given, e.g. a list of words or of topics.
    name : str
        How a message names it, at the start of a sentence: ``"topics"``, ``"The document"``.
    plural : str
        What the list should hold: ``"topics"``, ``"words"``.
    item_type : type or tuple of types, optional
        The type every item must have (``str`` for words). ``None``: the caller checks
        the items (e.g. documents, each itself a list).
    item : str
        One item as a message describes it: ``"text"``, ``"a Topic object (...)"``.
    minimum, maximum : int, optional
        Fewest and most items.

    Returns
    -------
    list
        The items, in order.
    """
    if isinstance(value, (str, bytes)):
        hint = ": try text.split()" if item_type is str else ""
        raise ValueError(f"{name} must be a list of {plural}, not a single string{hint}.")
    if item_type is not None and isinstance(value, item_type):
        raise ValueError(f"{name} must be a list of {plural}, not a single one: wrap it in [ ].")
    if isinstance(value, (dict, set, frozenset)) or (isinstance(value, np.ndarray) and value.ndim != 1):
        raise ValueError(f"{name} must be a list of {plural}.")
    if maximum is not None and hasattr(value, "__len__") and len(value) > maximum:
        raise _count_error(name, plural, len(value), minimum, maximum)
    try:
        items = list(value)
    except TypeError:
        raise ValueError(f"{name} must be a list of {plural}.") from None
    if len(items) < minimum or maximum is not None and len(items) > maximum:
        raise _count_error(name, plural, len(items), minimum, maximum)
    if item_type is not None and not all(map(isinstance, items, repeat(item_type))):
        bad = next(x for x in items if not isinstance(x, item_type))
        raise ValueError(f"{name} must contain only {plural}: each must be {item}, but one is {quoted(bad)}.")
    return items


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
    """Check non-negative finite weights with a positive sum and return them normalised to sum 1.

    Parameters
    ----------
    value : array-like of shape (n,)
    name : str
        How a message names the weights, e.g. ``"The topic weights"``.
    length : int, optional
        The number of weights required.

    Returns
    -------
    float array of shape (n,), summing to 1
    """
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
