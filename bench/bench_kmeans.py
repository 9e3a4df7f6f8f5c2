"""k-means speed: ``fit_kmeans`` against scikit-learn's ``KMeans(algorithm="lloyd")``.

Run: ``python -m bench.bench_kmeans``. Two tables, on the worksheet's three Gaussians:

1. Time per Lloyd iteration. Both start from the same centres (our k-means++ seeding) and
   run a fixed number of Lloyd iterations (ours ``tol=0``, ``max_iter`` and ``refine=False``;
   sklearn ``tol=0``, one thread). The points are chosen so that neither converges early
   (checked). Time per iteration is the difference between a long and a short run divided
   by the extra iterations, which cancels set-up costs.
2. Whole fits: ``n_init`` restarts from k-means++, each run until no point changes its
   cluster (``tol=0``): ours without the refinement (plain Lloyd), ours with it (point
   moves after Lloyd converges, then Lloyd again, until no move helps), and sklearn's
   (``n_init`` restarts, ``tol=0``, one thread). ``refined/plain`` is what the refinement
   costs; the inertias show what it buys (lower is better). The restarts' paths differ in
   length, so these times mix the refinement's cost with the luck of the starts.

Each run is the best of a few repeats. The machine is shared and noisy: only the ratios
within one run mean anything.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.cluster import KMeans

from bench.bench_gmm import worksheet_points
from bench.timing import best_time
from mixgen_core.kmeans import fit_kmeans

K = 8  # more clusters than clouds: Lloyd keeps moving for many iterations
N_INIT = 10


def per_iteration() -> None:
    print(f"{'N':>9} {'ours/iter':>11} {'sklearn/iter':>13} {'sklearn/ours':>13} {'ours inertia':>14} {'sklearn inertia':>16}")
    for n, (lo, hi), repeat in ((10**4, (2, 22), 7), (10**5, (2, 12), 5), (10**6, (2, 7), 3)):
        points = worksheet_points(n)
        start = fit_kmeans(points, K, np.random.default_rng(1), max_iter=1).history[0].centres

        def ours(iters: int):
            return fit_kmeans(points, K, np.random.default_rng(1), init=start, max_iter=iters, refine=False)

        def theirs(iters: int):
            return KMeans(K, init=start, n_init=1, max_iter=iters, tol=0, algorithm="lloyd").fit(points)

        t_ours_lo, _ = best_time(lambda: ours(lo), repeat)
        t_ours_hi, fit = best_time(lambda: ours(hi), repeat)
        t_sk_lo, _ = best_time(lambda: theirs(lo), repeat)
        t_sk_hi, km = best_time(lambda: theirs(hi), repeat)
        per_ours = (t_ours_hi - t_ours_lo) / (hi - lo)
        per_sk = (t_sk_hi - t_sk_lo) / (hi - lo)
        note = "" if fit.n_iter == hi and km.n_iter_ == hi else f"  (converged early: {fit.n_iter}, {km.n_iter_})"
        print(
            f"{n:>9,} {per_ours * 1e3:>9.2f}ms {per_sk * 1e3:>11.2f}ms {per_sk / per_ours:>12.2f}x"
            f" {fit.inertia:>14.6f} {km.inertia_:>16.6f}{note}"
        )


def whole_fits() -> None:
    print(
        f"\nWhole fits, {N_INIT} restarts from k-means++, to convergence (tol=0)\n"
        f"{'N':>9} {'K':>2} {'plain':>9} {'refined':>9} {'refined/plain':>14} {'sklearn':>9} {'sklearn/refined':>16}"
        f" {'moves':>6} {'plain inertia':>15} {'refined inertia':>16} {'sklearn inertia':>16}"
    )
    for n, ks, repeat in ((10**3, (3, 8), 5), (10**4, (3, 8), 3), (10**5, (3, 8), 1)):
        points = worksheet_points(n)
        for k in ks:

            def ours(refine: bool):
                return fit_kmeans(points, k, np.random.default_rng(0), n_init=N_INIT, max_iter=1000, refine=refine)

            t_plain, plain = best_time(lambda: ours(False), repeat)
            t_refined, refined = best_time(lambda: ours(True), repeat)
            t_sk, km = best_time(
                lambda: KMeans(k, n_init=N_INIT, max_iter=1000, tol=0, random_state=0).fit(points), repeat
            )
            moves = sum(state.step == "move" for state in refined.history)
            print(
                f"{n:>9,} {k:>2} {t_plain * 1e3:>7.1f}ms {t_refined * 1e3:>7.1f}ms {t_refined / t_plain:>13.2f}x"
                f" {t_sk * 1e3:>7.1f}ms {t_sk / t_refined:>15.2f}x {moves:>6}"
                f" {plain.inertia:>15.6f} {refined.inertia:>16.6f} {km.inertia_:>16.6f}"
            )


def main() -> None:
    import threadpoolctl

    warnings.simplefilter("ignore")
    with threadpoolctl.threadpool_limits(1):
        per_iteration()
        whole_fits()


if __name__ == "__main__":
    main()
