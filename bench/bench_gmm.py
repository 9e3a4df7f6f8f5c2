"""EM speed: ``fit_gmm`` against scikit-learn's ``GaussianMixture(covariance_type="full")``.

Run: ``python -m bench.bench_gmm``. Both start from the same parameters (our k-means++
seeding) and run a fixed number of iterations (tol=0) on the same points. Time per
iteration is the difference between a long and a short run divided by the extra
iterations, which cancels set-up costs; each run is the best of a few repeats (the
machine is noisy, so only ratios within one run mean anything). Goal: ours at least 3x
faster per iteration, with the same final mean log-likelihood.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.mixture import GaussianMixture

from bench.timing import best_time
from mixgen_core.gaussians import GaussianComponent, sample_gaussian_mixture
from mixgen_core.gmm import fit_gmm, init_params

K = 3
REG = 1e-6


def worksheet_points(n: int) -> np.ndarray:
    third = n // 3
    comps = [
        GaussianComponent((1, 1), ((0.1, 0), (0, 0.1)), third),
        GaussianComponent((5, 2), ((0.5, 0), (0, 0.4)), third),
        GaussianComponent((1, 4), ((1, 0), (0, 0.1)), n - 2 * third),
    ]
    return sample_gaussian_mixture(comps, np.random.default_rng(0)).points


def main() -> None:
    warnings.simplefilter("ignore")  # sklearn's ConvergenceWarning: tol=0 is on purpose
    print(f"{'N':>9} {'ours/iter':>11} {'sklearn/iter':>13} {'ratio':>7} {'ours final LL':>15} {'sklearn final LL':>17}")
    for n, (lo, hi), repeat in ((10**4, (2, 42), 7), (10**5, (2, 22), 5), (10**6, (2, 12), 3)):
        points = worksheet_points(n)
        start = init_params(points, K, np.random.default_rng(1), reg_covar=REG)

        def ours(iters: int):
            return fit_gmm(points, K, np.random.default_rng(1), tol=0, max_iter=iters, reg_covar=REG, init=start)

        def theirs(iters: int):
            return GaussianMixture(
                K, covariance_type="full", tol=0, max_iter=iters, reg_covar=REG,
                weights_init=start.weights, means_init=start.means,
                precisions_init=np.linalg.inv(start.covariances),
            ).fit(points)

        t_ours_lo, _ = best_time(lambda: ours(lo), repeat)
        t_ours_hi, fit = best_time(lambda: ours(hi), repeat)
        t_sk_lo, _ = best_time(lambda: theirs(lo), repeat)
        t_sk_hi, gm = best_time(lambda: theirs(hi), repeat)
        per_ours = (t_ours_hi - t_ours_lo) / (hi - lo)
        per_sk = (t_sk_hi - t_sk_lo) / (hi - lo)
        assert fit.n_iter == hi and gm.n_iter_ == hi
        print(
            f"{n:>9,} {per_ours * 1e3:>9.2f}ms {per_sk * 1e3:>11.2f}ms {per_sk / per_ours:>6.1f}x"
            f" {fit.log_likelihoods[-1]:>15.9f} {gm.score(points):>17.9f}"
        )


if __name__ == "__main__":
    main()
