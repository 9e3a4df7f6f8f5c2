"""k-means speed: ``fit_kmeans`` against scikit-learn's ``KMeans(algorithm="lloyd")``.

Run: ``python -m bench.bench_kmeans``. Both start from the same centres (our k-means++
seeding) on the same points (the worksheet's three Gaussians) and run a fixed number of
Lloyd iterations (ours ``tol=0`` and ``max_iter``; sklearn ``tol=0``, one thread). The
points are chosen so that neither converges early (checked). Time per iteration is the
difference between a long and a short run divided by the extra iterations, which cancels
set-up costs; each run is the best of a few repeats. The machine is shared and noisy:
only the ratio within one run means anything. Final inertias are printed to show both
did the same work.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.cluster import KMeans

from bench.bench_gmm import worksheet_points
from bench.timing import best_time
from mixgen_core.kmeans import fit_kmeans

K = 8  # more clusters than clouds: Lloyd keeps moving for many iterations


def main() -> None:
    import threadpoolctl

    warnings.simplefilter("ignore")
    print(f"{'N':>9} {'ours/iter':>11} {'sklearn/iter':>13} {'sklearn/ours':>13} {'ours inertia':>14} {'sklearn inertia':>16}")
    for n, (lo, hi), repeat in ((10**4, (2, 22), 7), (10**5, (2, 12), 5), (10**6, (2, 7), 3)):
        points = worksheet_points(n)
        start = fit_kmeans(points, K, np.random.default_rng(1), max_iter=1).history[0].centres

        def ours(iters: int):
            return fit_kmeans(points, K, np.random.default_rng(1), init=start, max_iter=iters)

        def theirs(iters: int):
            return KMeans(K, init=start, n_init=1, max_iter=iters, tol=0, algorithm="lloyd").fit(points)

        t_ours_lo, _ = best_time(lambda: ours(lo), repeat)
        t_ours_hi, fit = best_time(lambda: ours(hi), repeat)
        with threadpoolctl.threadpool_limits(1):
            t_sk_lo, _ = best_time(lambda: theirs(lo), repeat)
            t_sk_hi, km = best_time(lambda: theirs(hi), repeat)
        per_ours = (t_ours_hi - t_ours_lo) / (hi - lo)
        per_sk = (t_sk_hi - t_sk_lo) / (hi - lo)
        note = "" if fit.n_iter == hi and km.n_iter_ == hi else f"  (converged early: {fit.n_iter}, {km.n_iter_})"
        print(
            f"{n:>9,} {per_ours * 1e3:>9.2f}ms {per_sk * 1e3:>11.2f}ms {per_sk / per_ours:>12.2f}x"
            f" {fit.inertia:>14.6f} {km.inertia_:>16.6f}{note}"
        )


if __name__ == "__main__":
    main()
