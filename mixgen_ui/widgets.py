"""Widgets shared by the pages."""

from __future__ import annotations

from typing import Any

#: Largest seed any page offers (numpy accepts more; this keeps links short).
MAX_SEED = 2**32 - 1


def whole_number_input(where: Any, label: str, lo: int, hi: int, value: int, key: str, **kwargs: Any) -> int:
    """A number box for whole numbers, bound to the URL, that a hostile link cannot crash.

    Streamlit's integer ``number_input`` bound to the URL raises ``OverflowError`` for
    ``?key=inf`` or ``?key=1e309`` before our code can step in; its float version just
    ignores such values. So this is a float box shown without decimals, rounded here.
    """
    number = where.number_input(label, float(lo), float(hi), value=float(value), step=1.0, format="%.0f",
                                key=key, bind="query-params", **kwargs)
    return int(round(number))


def seed_input(where: Any, label: str, key: str, **kwargs: Any) -> int:
    """A seed box (0 to ``MAX_SEED``, starting at 0), bound to the URL like the other settings."""
    return whole_number_input(where, label, 0, MAX_SEED, 0, key, **kwargs)


def next_seed(seed: int) -> float:
    """The seed after ``seed`` (wrapping round), as the float that :func:`seed_input` stores."""
    return float((seed + 1) % (MAX_SEED + 1))
