"""Showing a verdict (chosen by :mod:`mixgen_ui.verdicts`), and the facts about EM's other starts it needs."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from mixgen_core import score_partition
from mixgen_ui.verdicts import OtherStarts

#: Random-point starts compared with EM's own k-means++ start when judging whether a new start helps.
OTHER_RANDOM_STARTS = 4


def show_verdict(verdict: tuple[str, str] | None, where: Any = st) -> None:
    """The sentence in a box whose colour says how it judges; nothing when no sentence fits."""
    if verdict is None:
        return
    kind, text = verdict
    {"success": where.success, "warning": where.warning}.get(kind, where.info)(text)


def other_starts(points: np.ndarray, truth: np.ndarray, k: int, seed: int,
                 final_ll: float) -> tuple[OtherStarts, tuple[str, int]] | None:
    """EM from k-means++ (seed ``seed + 1``) and random points (seeds ``seed`` ...), each to convergence:
    how much higher than ``final_ll`` the best ends, how many points it puts right, and its (start, seed).
    None when no start can fit."""
    from .cached import cached_fit_from

    starts = [("k-means++", seed + 1)] + [("random points", seed + i) for i in range(OTHER_RANDOM_STARTS)]
    best = None
    tried = 0
    for init, s in starts:
        try:
            fit, lls = cached_fit_from(points, k, s, init)
        except ValueError:
            continue
        tried += 1
        if best is None or lls[-1] > best[0]:
            best = (float(lls[-1]), fit, (init, s))
    if best is None:
        return None
    ll, fit, start = best
    right = score_partition(truth, fit.labels).n_correct
    return OtherStarts(gain=ll - final_ll, right=int(right), tried=tried), start
