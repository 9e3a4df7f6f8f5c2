"""Sampling speed: ``sample_gaussian_mixture`` against the raw ``rng.standard_normal((N, 2))``.

Run: ``python -m bench.bench_sampling``. Prints ratios measured in the same run (the
machine is noisy, so only ratios mean anything). Goal: at most 1.5x the raw draw at 10^6.
"""

from __future__ import annotations

import timeit

import numpy as np

from mixgen_core import GaussianComponent, sample_gaussian_mixture


def best_of(fn, repeat: int = 7) -> float:
    number = max(1, int(0.2 / max(timeit.timeit(fn, number=1), 1e-6)))
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main() -> None:
    print(f"{'N':>9} {'raw draw':>11} {'mixgen':>11} {'ratio':>7}   (3 components, worksheet covariances)")
    for n in (10**4, 10**5, 10**6):
        third = n // 3
        comps = [
            GaussianComponent((1, 1), ((0.1, 0), (0, 0.1)), third),
            GaussianComponent((5, 2), ((0.5, 0.2), (0.2, 0.4)), third),
            GaussianComponent((1, 4), ((1, 0), (0, 0.1)), n - 2 * third),
        ]
        raw = best_of(lambda: np.random.default_rng(0).standard_normal((n, 2)))
        ours = best_of(lambda: sample_gaussian_mixture(comps, np.random.default_rng(0)))
        print(f"{n:>9,} {raw * 1e3:>9.3f}ms {ours * 1e3:>9.3f}ms {ours / raw:>6.2f}x")


if __name__ == "__main__":
    main()
