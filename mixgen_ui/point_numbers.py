"""One point's E-step as a student reads it: a table per mixture and sentences built from its numbers.

Pure presentation (no Streamlit): the numbers come from :func:`mixgen_core.point_posterior`;
the sentences say only what those numbers show.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from mixgen_core import PointPosterior

#: Below this natural log a number is written as a power of ten (exp underflows near -745).
_LOG_SMALLEST_PRINTED = -700.0


def small_number(log_value: float) -> str:
    """A positive number given by its natural log, in 3 significant digits: ``0.0213``, ``3.2e-12``
    or, when too small for a float, ``10^-1234.5``; ``0`` for a log of ``-inf``."""
    if log_value == -math.inf:
        return "0"
    if log_value < _LOG_SMALLEST_PRINTED:
        return f"10^{log_value / math.log(10):.1f}"
    value = math.exp(log_value)
    return f"{value:.3g}" if value >= 1e-4 else f"{value:.2e}"


def spreads_in_words(distance: float) -> str:
    """The Mahalanobis distance in words: ``"1.3 of its own spreads from the centre"``."""
    if distance < 0.05:
        return "at its centre"
    unit = "spread" if round(distance, 1) == 1.0 else "spreads"
    shown = f"{distance:,.1f}" if distance < 1e6 else f"{distance:.2e}"
    return f"{shown} of its own {unit} from the centre"


def posterior_rows(post: PointPosterior, names: Sequence[str]) -> dict[str, list]:
    """Column -> values for ``st.dataframe``: one row per Gaussian, then the total.

    Columns: Gaussian, share of the total (the responsibility), weight, distance (in its own
    spreads, in words), density there, weight x density.
    """
    # The share comes second: on a phone the table scrolls sideways, and the answer should show first.
    rows: dict[str, list] = {"Gaussian": [], "share (responsibility)": [], "weight": [], "distance from its centre": [],
                             "density there": [], "weight × density": []}
    for k, name in enumerate(names):
        rows["Gaussian"].append(name)
        rows["weight"].append(f"{math.exp(post.log_prior[k]):.3f}")
        rows["distance from its centre"].append(spreads_in_words(float(post.mahalanobis[k])))
        rows["density there"].append(small_number(float(post.log_density[k])))
        rows["weight × density"].append(small_number(float(post.log_joint[k])))
        rows["share (responsibility)"].append(share_text(float(post.responsibility[k])))
    rows["Gaussian"].append("total")
    rows["weight"].append("1")
    rows["distance from its centre"].append("")
    rows["density there"].append("")
    rows["weight × density"].append(small_number(post.log_evidence))
    rows["share (responsibility)"].append("100%")
    return rows


def share_text(share: float) -> str:
    """A responsibility as a percentage that never rounds a real share to a flat 0% or 100%."""
    if share == 0.0:
        return "0%"
    if share < 0.001:
        return "under 0.1%"
    if share > 0.999 and share != 1.0:
        return "over 99.9%"
    return f"{share:.1%}"


def why_sentence(post: PointPosterior, names: Sequence[str]) -> str:
    """What decides this point, from its numbers: who takes the most, and whether weight, nearness or
    spread made the difference against the runner-up."""
    order = np.argsort(-post.responsibility, kind="stable")
    first = int(order[0])
    lead = (f"{names[first]} takes {share_text(float(post.responsibility[first]))} of this point: its weight × "
            f"density, {small_number(float(post.log_joint[first]))}, is that share of the total, "
            f"{small_number(post.log_evidence)}.")
    if len(order) == 1:
        return lead + " With one Gaussian there is nothing to share."
    second = int(order[1])
    r1, r2 = float(post.responsibility[first]), float(post.responsibility[second])
    if abs(r1 - r2) < 0.02:
        return lead + f" {names[second]} gets almost as much: their weight × density are nearly equal here."
    d1, d2 = float(post.mahalanobis[first]), float(post.mahalanobis[second])
    w1, w2 = math.exp(post.log_prior[first]), math.exp(post.log_prior[second])
    weights = " against ".join(_told_apart(w1, w2, 2))
    f1, f2 = float(post.log_density[first]), float(post.log_density[second])
    if small_number(f1) == small_number(f2):  # the table shows one density for both
        same = "the same as" if f1 == f2 else "about the same as"
        return lead + f" Its density there is {same} {names[second]}'s, so the weights decide ({weights})."
    shown1, shown2 = _told_apart(d1, d2, 1)
    spreads = f"{shown1} of its own spreads from its centre, against {shown2} for {names[second]}"
    if f1 < f2:  # a larger share with a lower density: the weight made up for it
        return lead + f" Its density there is lower ({spreads}), but its weight is larger ({weights})."
    how = (f"the point is {spreads}" if d1 < d2  # nearer, in spreads; else only a tighter cloud explains it
           else f"its cloud is tighter, so its density peaks higher, {'even ' if d1 > d2 else ''}{spreads}")
    if w1 < w2:
        return lead + f" Its weight is smaller ({weights}), but its density there is higher: {how}."
    return lead + f" Its weight is at least as large ({weights}) and its density there is higher: {how}."


def _told_apart(a: float, b: float, decimals: int) -> tuple[str, str]:
    """``a`` and ``b`` printed with ``decimals`` places, or with more until the two differ (equal
    numbers keep ``decimals``), so that a sentence saying one is smaller never shows two equal numbers."""
    for places in range(decimals, 16):
        shown = f"{a:,.{places}f}", f"{b:,.{places}f}"
        if a == b or shown[0] != shown[1]:
            break
    return shown


def kmeans_rows(point: np.ndarray, centres: np.ndarray) -> dict[str, list]:
    """Column -> values: the point's plain (Euclidean) distance to each k-means centre, nearest marked."""
    distances = np.hypot(*(np.asarray(point, dtype=float)[None, :] - np.asarray(centres, dtype=float)).T)
    nearest = int(np.argmin(distances))
    return {
        "centre": [f"cluster {k + 1}" for k in range(len(centres))],
        "distance": [f"{d:,.3g}" for d in distances],
        "gets the point": ["yes, all of it" if k == nearest else "no" for k in range(len(centres))],
    }
