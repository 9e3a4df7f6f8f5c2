"""The numpy recipes the samplers run and the take-home scripts embed.

They must stay self-contained (only ``np``: the scripts copy their source) and keep their
floating-point guards (the last running total is exactly 1, the factor's corner is ``c``).
"""

from __future__ import annotations

import ast
import builtins
import inspect

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mixgen_core import recipes
from mixgen_core.recipes import cholesky_2x2, cumulative, mixture_points, roll

RECIPES = [cholesky_2x2, mixture_points, cumulative, roll]


def test_the_module_imports_only_numpy():
    tree = ast.parse(inspect.getsource(recipes))
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [ast.unparse(node) for node in imports] == ["import numpy as np"]


def test_each_recipe_uses_only_numpy_builtins_and_its_own_names():
    # A script holds the function's source and ``import numpy as np``, nothing else.
    for fn in RECIPES:
        tree = ast.parse(inspect.getsource(fn))
        bound = {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
        bound |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        assert used - bound - set(dir(builtins)) <= {"np"}, fn.__name__


def test_each_recipe_runs_from_its_source_alone():
    ns: dict = {"np": np}
    for fn in RECIPES:
        exec(inspect.getsource(fn), ns)
    cov = np.array([[2.0, 0.6], [0.6, 1.0]])
    np.testing.assert_array_equal(ns["cholesky_2x2"](cov), cholesky_2x2(cov))
    np.testing.assert_array_equal(ns["cumulative"](np.full(10, 0.1)), cumulative(np.full(10, 0.1)))


def test_cumulative_guards_the_last_entry():
    p = np.full(10, 0.1)
    assert np.cumsum(p)[-1] < 1  # the floating-point edge this guards against
    cum = cumulative(p)
    assert cum[-1] == 1.0
    assert roll(cum, np.nextafter(1.0, 0.0)) == 9
    cum = cumulative(np.array([0, 0.3, 0, 0.7, 0, 0]))
    np.testing.assert_array_equal(cum, [0, 0.3, 0.3, 1, 1, 1])
    assert roll(cum, np.nextafter(1.0, 0.0)) == 3
    assert roll(cum, 0.0) == 1
    assert np.all(np.diff(cumulative(np.array([1e-20, 1, 1, 1, 1, 1, 1, 1e-20]) / 6)) >= 0)


def test_cumulative_of_rows_is_cumulative_of_each_row():
    g = np.random.default_rng(0)
    rows = g.dirichlet(np.full(5, 0.3), size=50)
    rows[::7, -2:] = 0.0  # zero tails: the rows' last positive sides differ
    rows /= rows.sum(axis=1, keepdims=True)
    together = cumulative(rows)
    for row, cum in zip(rows, together):
        np.testing.assert_array_equal(cum, cumulative(row))
    assert cumulative(np.zeros((0, 4))).shape == (0, 4)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 10), min_size=1, max_size=12).filter(lambda w: sum(w) > 0), st.floats(0, 1, exclude_max=True))
def test_roll_never_lands_on_a_side_of_probability_zero(weights, u):
    p = np.array(weights) / sum(weights)
    side = roll(cumulative(p), u)
    assert 0 <= side < len(p) and p[side] > 0


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1e6), st.floats(0, 1e6), st.floats(-1, 1))
def test_cholesky_2x2_is_a_lower_triangular_square_root(a, c, rho):
    b = rho * np.sqrt(a) * np.sqrt(c)
    factor = cholesky_2x2(np.array([[a, b], [b, c]]))
    assert factor[0, 1] == 0.0 and np.all(np.isfinite(factor))
    np.testing.assert_allclose(factor @ factor.T, [[a, b], [b, c]], atol=1e-9 * max(1.0, a, c))


def test_mixture_points_stacks_components_in_order():
    means = np.array([[0.0, 0.0], [10.0, -10.0]])
    factors = np.array([np.eye(2), np.zeros((2, 2))])
    points, labels = mixture_points(np.random.default_rng(0), means, factors, [3, 2])
    z = np.random.default_rng(0).standard_normal((5, 2))
    np.testing.assert_array_equal(points[:3], z[:3])
    np.testing.assert_array_equal(points[3:], [[10.0, -10.0]] * 2)  # a zero covariance: the mean
    assert labels.tolist() == [0, 0, 0, 1, 1]
