"""The honest yardstick: the best score anyone could get on these very points, with the truth known.

Two clouds that overlap share points that no method can place for certain: a point in the
overlap is most likely from one cloud, yet some such points came from the other. Bayes' rule
with the true Gaussians (their weights, means and covariances) gives each point to its most
probable source, and no rule that sees only the point does better on average. Its score on the
points on screen is the yardstick a student's guess and EM's fit are measured against.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .gaussians import GaussianComponent, GaussianSample, check_components
from .gmm import GMMParams, responsibilities
from .partition import PartitionScore, score_partition


def bayes_labels(points: Any, params: GMMParams) -> np.ndarray:
    """Each point's most probable source under known Gaussians (Bayes' rule).

    Parameters
    ----------
    points : array of shape (N, 2)
    params : GMMParams
        The true weights (K,), means (K, 2) and covariances (K, 2, 2).

    Returns
    -------
    labels : int array of shape (N,)
        The index of the Gaussian with the largest responsibility for each point.
    """
    return np.argmax(responsibilities(points, params), axis=1)


def true_params(components: Sequence[GaussianComponent]) -> tuple[GMMParams, np.ndarray]:
    """The mixture the points were drawn from, as EM's parameters.

    Each weight is the share of the points its Gaussian drew (the page draws a fixed number
    from each, as the worksheet does). Gaussians that drew no point are left out; a variance
    of 0 (a cloud on a line) is widened by a hair so the density stays defined.

    Returns
    -------
    params : GMMParams
        Weights (K',), means (K', 2) and covariances (K', 2, 2) of the K' Gaussians that drew points.
    kept : int array of shape (K',)
        The index, among ``components``, of each Gaussian in ``params``.
    """
    components = check_components(components)
    counts = np.array([c.count for c in components], dtype=float)
    kept = np.flatnonzero(counts > 0)
    if kept.size == 0:
        raise ValueError("No Gaussian drew any point, so there is nothing to score.")
    covs = np.array([components[i].cov for i in kept], dtype=float)
    hair = 1e-9 * max(1.0, float(np.abs(covs).max()))
    covs = covs + hair * np.eye(2)
    means = np.array([components[i].mean for i in kept], dtype=float)
    return GMMParams(counts[kept] / counts.sum(), means, covs), kept


def best_possible_points(sample: GaussianSample, components: Sequence[GaussianComponent]) -> PartitionScore:
    """Score Bayes' rule with the true Gaussians against the true labels of these points.

    Bayes' rule names the Gaussian it gives each point to, so its groups are scored as named,
    with no relabelling: a guess's groups are matched to the true ones because the guess may
    name them freely, but matching Bayes' groups too would let a swap of two names count as
    right, and report more points placed than the rule itself places.

    Parameters
    ----------
    sample : GaussianSample
        The points (N, 2) and the Gaussian that drew each (N,).
    components : sequence of GaussianComponent
        The Gaussians they were drawn from.

    Returns
    -------
    PartitionScore
        Its ``accuracy`` is the share of these points that Bayes' rule with the truth known
        puts in the group of the Gaussian that drew them: the most a guess or a fit can expect
        to get right here. Its ``matching`` pairs each group Bayes' rule uses with itself (or
        with -1 when no point of that Gaussian is among these), and ``relabelled`` is the rule's
        own choice for each point.
    """
    params, kept = true_params(components)
    chosen = kept[bayes_labels(sample.points, params)].astype(np.int64)
    truth = np.asarray(sample.labels)
    adjusted_rand = score_partition(truth, chosen).adjusted_rand  # needs no matching; also checks the labels
    correct = chosen == truth
    drawn = set(np.unique(truth).tolist())
    chosen.setflags(write=False)
    correct.setflags(write=False)
    return PartitionScore(
        accuracy=float(correct.mean()),
        adjusted_rand=adjusted_rand,
        matching={int(g): int(g) if g in drawn else -1 for g in np.unique(chosen).tolist()},
        n_correct=int(correct.sum()),
        correct=correct,
        relabelled=chosen,
    )
