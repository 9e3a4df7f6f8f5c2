"""Judging sentences for the points: how well a guess did, who won (the student, EM, k-means) and why.

Every sentence here is chosen from computed facts (scores on the points on screen, whether a
run has finished, what other starts reach, the best score the points allow) and says only
what those facts make true; where no sentence fits, a function returns None and the page
says nothing. The yardstick is Bayes' rule with the true Gaussians known
(:func:`mixgen_core.best_possible_points`): on these very points, no rule that names each
point's Gaussian from the point alone can expect to do better. A guess's groups (and EM's) are
matched to the true ones after the fact, which where clouds overlap can add a few points by chance.

Each function returns ``(kind, sentence)``: kind ``"success"``, ``"info"`` or ``"warning"``
says how the page frames it. Pure: no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

#: Two starts whose final mean log-likelihoods differ by less than this ended on the same hill:
#: EM stops once a step gains less than its tolerance, so equal optima differ by about that.
SAME_HEIGHT = 1e-3

Verdict = tuple[str, str]


def _points(n: int) -> str:
    return f"{n:,} point{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class GuessFacts:
    """A grouping of the points, scored.

    Attributes
    ----------
    n : points on screen
    grouped : points the student put in some group
    right : points in their right group (after the best matching of groups to true ones)
    adjusted_rand : the grouping's adjusted Rand index (about 0: no better than random)
    best_right : points Bayes' rule with the true Gaussians puts in their right group, or
        None where there are no true Gaussians (real data: the truth is labels only)
    """

    n: int
    grouped: int
    right: int
    adjusted_rand: float
    best_right: int | None


def guess_verdict(f: GuessFacts) -> Verdict:
    """How well the student grouped the points, against the best these points allow."""
    if f.grouped == 0:
        return "warning", ("You have not put any point in a group yet, so none is in its right group: "
                           "group some points, then check again.")
    you = f"you put {f.right:,} of {_points(f.n)} in their right group"
    free = f.n - f.grouped
    left_out = (f" The {_points(free)} you left in no group {'counts' if free == 1 else 'count'} as wrong."
                if free else "")
    if f.right == f.n:
        return "success", f"Yes: {you}, every one of them."
    if f.best_right is not None and f.right >= f.best_right:
        if f.right > f.best_right:
            return "success", (f"Yes, and more: {you}, more than Bayes' rule with the true "
                               f"Gaussians known ({f.best_right:,}), the best rule that names each point's Gaussian. "
                               "Your groups are matched to the true ones after the fact: on these points that, or "
                               "some lucky calls, put you ahead.")
        return "success", (f"Yes: {you}, as many as Bayes' rule with the true Gaussians "
                           "known, the best rule that names each point's Gaussian.")
    if round(f.adjusted_rand, 2) <= 0:
        return "warning", (f"Not yet: {you}, but your groups agree with the true ones no "
                           f"better than a random grouping would (adjusted Rand index {f.adjusted_rand:.2f})."
                           + left_out)
    best = ("" if f.best_right is None else
            f"; Bayes' rule with the true Gaussians known puts {f.best_right:,}")
    return "info", f"Partly: {you}{best}." + left_out


def overlap_sentence(n: int, best_right: int | None) -> str | None:
    """What the yardstick says about these points: can every point be placed from the points alone?"""
    if best_right is None or n == 0:
        return None
    if best_right >= n:
        return ("Knowing the true Gaussians, Bayes' rule puts every one of these points in its right group: "
                "no point here is more likely to come from another cloud than from its own.")
    missed = n - best_right
    # "at least as likely": where two clouds tie (identical Gaussians), Bayes' rule must pick one
    return (f"Even knowing the true Gaussians, Bayes' rule puts only {best_right:,} of {_points(n)} in their "
            f"right group: {_points(missed)} {'sits' if missed == 1 else 'sit'} where another cloud is at least "
            "as likely as the real one, so from the points alone nobody can be sure to place "
            f"{'it' if missed == 1 else 'them'} right.")


@dataclass(frozen=True)
class OtherStarts:
    """What EM reaches from other starting guesses on the same points.

    Attributes
    ----------
    gain : how much higher (mean log-likelihood per point) the best start ends than the fit on
        screen (0 or less: no start climbs higher)
    right : points the highest-ending start puts in their right group
    tried : how many starts were compared
    """

    gain: float
    right: int
    tried: int


@dataclass(frozen=True)
class EmFacts:
    """The student's score beside EM's on the same points.

    Attributes
    ----------
    n, you_right, em_right : points, and how many each put in the right group
    best_right : Bayes' rule with the true Gaussians (None: no true Gaussians)
    em_converged : EM stopped because its steps stopped gaining, not at its step limit
    start : how EM's starting guess was made, in words (e.g. "k-means++")
    others : other starts, or None when they were not compared
    truth : what the true groups are: ``"Gaussian"`` (generated points, drawn from Gaussians) or
        ``"group"`` (real data, whose true groups nobody drew from Gaussians)
    """

    n: int
    you_right: int
    em_right: int
    best_right: int | None
    em_converged: bool
    start: str
    others: OtherStarts | None
    truth: str = "Gaussian"


def better_start_helps(f: EmFacts) -> bool:
    """Another start climbs higher and puts more points right: a new initial guess is worth a try."""
    return f.others is not None and f.others.gain > SAME_HEIGHT and f.others.right > f.em_right


def compare_with_em(f: EmFacts) -> Verdict:
    """Who put more points in the right group, the student or EM, and the reason the facts support."""
    gap = abs(f.em_right - f.you_right)
    if f.em_right > f.you_right:
        return "warning", (f"EM put {_points(gap)} more in the right group than you did. EM weighs each point's "
                           "probability under every Gaussian, their spreads and slants included, and gives it to "
                           "the most likely one.")
    if f.you_right > f.em_right:
        head = f"You beat EM by {_points(gap)}!"
        if not f.em_converged:
            return "success", head + " EM reached its step limit before it had finished climbing."
        if f.others is None:
            return "success", head
        if better_start_helps(f):
            return "success", (f"{head} EM climbs from its starting guess ({f.start}) to the top of the nearest "
                               "hill of likelihood, and here it stopped on a lower hill: from another start it "
                               f"climbs higher and puts {f.others.right:,} of {_points(f.n)} right. Try a "
                               "**New initial guess** for EM.")
        # Only the starts tried are known: never say that no other start could do better.
        why = (" EM looks for the Gaussians that make the points most likely, and those need not "
               + ("be the ones that drew them." if f.truth == "Gaussian" else "follow the true groups."))
        tried = f"{f.others.tried} other start{'s' if f.others.tried != 1 else ''} tried"
        if f.others.gain > SAME_HEIGHT:
            return "success", (f"{head}{why} Of the {tried}, the one that climbs highest ends higher than this "
                               f"fit but puts {f.others.right:,} of {_points(f.n)} right, no more than this fit.")
        return "success", (f"{head}{why} None of the {tried} ends higher than this fit by more than "
                           f"{SAME_HEIGHT:g} per point.")
    if f.you_right == f.n:
        return "info", "A tie: you and EM both put every point in its right group."
    return "info", "A tie: you and EM put the same number of points in the right group."


def k_sentence(k_guess: int, k_true: int, k_bic: int | None, truth: str = "Gaussian") -> str:
    """The student's number of groups against the truth and against BIC's choice (only when it differs,
    a reason BIC can miss)."""
    plural = "s" if k_guess != 1 else ""
    you = f"You said **{k_guess}** {truth}{plural}; the points came from **{k_true}**."
    if truth != "Gaussian":
        you = (f"You said **{k_guess}** group{plural}; the points fall in **{k_true}** true "
               f"group{'s' if k_true != 1 else ''}.")
    if k_bic is None:
        return you
    bic = f" BIC, which sees only the points, picks **{k_bic}**."
    # BIC's pick has the lowest BIC of the fits tried: the more Gaussians of the two gain less, or more,
    # likelihood than BIC charges for their extra parameters.
    if k_bic < k_true:
        bic += (f" BIC can miss: here {k_true} Gaussians do not fit the points enough better than {k_bic} to pay "
                "BIC's charge for the extra ones, as when clouds overlap or one is small.")
    elif k_bic > k_true:
        bic += (f" BIC can miss the other way: here {k_bic} Gaussians fit the points enough better than {k_true} "
                "to pay BIC's charge for the extra ones ("
                + ("chance clumps in a sample can look like clouds of their own)." if truth == "Gaussian"
                   else "a true group need not be shaped like one Gaussian)."))
    return you + bic


# --------------------------------------------------------------------------- k-means beside EM
@dataclass(frozen=True)
class KMeansFacts:
    """EM and k-means at the same step on the same points.

    Attributes
    ----------
    n : points
    em_right, km_right : points each puts with their true group (after matching)
    em_done, km_done : each has stopped moving (converged) at the step shown
    round_alike : the true clouds are all round and of one size (the shape k-means assumes);
        None when there are no true Gaussians
    """

    n: int
    em_right: int
    km_right: int
    em_done: bool
    km_done: bool
    round_alike: bool | None


def round_and_alike(covariances: Sequence[np.ndarray]) -> bool:
    """Every covariance a multiple of the identity, all the same multiple: clouds round and of one size."""
    covs = [np.asarray(c, dtype=float) for c in covariances]
    if not covs:
        return False
    first = covs[0][0, 0]
    return all(np.allclose(c, first * np.eye(2)) for c in covs)


def kmeans_verdict(f: KMeansFacts) -> Verdict | None:
    """Who agrees more with the truth, only once both have stopped; why, only when the truth's shape says."""
    if not (f.em_done and f.km_done):
        still = ("EM and k-means are" if not (f.em_done or f.km_done)
                 else "EM is" if not f.em_done else "k-means is")
        return "info", (f"{still} still moving at this step: run to convergence before asking which gets "
                        "more points right.")
    gap = abs(f.em_right - f.km_right)
    if f.km_right > f.em_right:
        why = " The true clouds here are round and of one size, the shape k-means assumes." if f.round_alike else ""
        return "info", f"Here k-means gets {_points(gap)} more right than EM.{why}"
    if f.em_right > f.km_right:
        why = (" The true clouds here are not all round and of one size, which k-means assumes."
               if f.round_alike is False else "")
        return "info", f"Here EM gets {_points(gap)} more right than k-means.{why}"
    return "info", "Here EM and k-means put the same number of points with their true group."
