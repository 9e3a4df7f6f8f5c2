"""Partition scoring speed: our pure-numpy Hungarian solver against scipy's, and
``score_partition`` against scikit-learn's ``adjusted_rand_score``.

Run: ``python -m bench.bench_partition``. Each time is the best of a few repeats on the same
input; the machine is shared and noisy, so only the ratios within one run mean anything.
Scipy's solver is compiled C++, so ours is expected to be slower by a factor that shrinks
with size (numpy overhead per step matters less as rows get longer). ``score_partition``
does more than sklearn's ARI (the matching, per-item results) and both agree on the ARI.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment as scipy_lsa
from sklearn.metrics import adjusted_rand_score

from bench.timing import best_time
from mixgen_core.assignment import linear_sum_assignment
from mixgen_core.partition import score_partition


def main() -> None:
    rng = np.random.default_rng(0)
    print("Assignment on a random square cost matrix (uniform on [0, 1)):")
    print(f"{'size':>6} {'ours / scipy':>13} {'same total':>11}")
    for size, repeat in ((10, 50), (100, 7), (300, 3)):
        cost = rng.random((size, size))
        t_ours, (rows, cols) = best_time(lambda: linear_sum_assignment(cost), repeat)
        t_scipy, (ref_rows, ref_cols) = best_time(lambda: scipy_lsa(cost), repeat)
        same = bool(np.isclose(cost[rows, cols].sum(), cost[ref_rows, ref_cols].sum(), rtol=1e-12))
        print(f"{size:>6} {t_ours / t_scipy:>12.1f}x {str(same):>11}")

    n, k = 10**6, 8
    true = rng.integers(0, k, n)
    guess = np.where(rng.random(n) < 0.7, (true + 3) % k, rng.integers(0, k, n))  # 70% right, renamed
    t_ours, score = best_time(lambda: score_partition(true, guess), 3)
    t_sk, ari = best_time(lambda: adjusted_rand_score(true, guess), 3)
    print(f"\nscore_partition on n = {n:,} items, {k} groups, vs sklearn adjusted_rand_score:")
    print(f"  time ratio ours / sklearn: {t_ours / t_sk:.2f}x  (ours also finds the matching and accuracy)")
    print(f"  ARI ours {score.adjusted_rand:.12f}, sklearn {ari:.12f}; accuracy {score.accuracy:.4f}")


if __name__ == "__main__":
    main()
