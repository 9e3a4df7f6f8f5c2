"""Hostile input for the whole public core: "hold up in a classroom".

Every function a student (or a page) can call with its own values either returns a
finite result of the documented shape, or raises ``ValueError`` with a plain sentence.
Never another exception, never a warning (all warnings are errors here, not only
``RuntimeWarning``), never NaN. Hypothesis mixes valid values with NaN, infinities,
1e308-ish numbers, huge and negative counts, non-PSD and singular covariances, strings
(including full-width digits, markup and a 1 MB word), None, bools, ragged lists and
objects that are not random generators.

The last section pins down each bug these properties found in the core.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import mixgen_core as core
from mixgen_core import (
    GaussianComponent,
    GMMParams,
    Topic,
    compare_labels,
    align_components,
    align_topics,
    best_permutation,
    bic,
    bic_curve,
    covariance_factor,
    ellipse_points,
    estimate_mixing_weights,
    fit_gmm,
    fit_topics,
    init_params,
    mean_log_likelihood,
    relabel,
    responsibilities,
    sample_documents,
    sample_gaussian_mixture,
    topic_distances,
    topics_on_vocabulary,
    word_posteriors,
    worksheet_topics,
)
from mixgen_core.dice import one_hot, roll_die

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

# --------------------------------------------------------------------------- hostile values
BIG_WORD = "w" * 1_000_000  # a 1 MB word, built once
ENORMOUS_DOCUMENT = ["run"] * 1_000_001  # one word over every cap, cheap: one list, one string
MARKUP = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "**bold**",
    "[x](javascript:alert(1))",
    ":red[red]",
    "$x^2$",
    "`code`",
    "# heading",
    "a\nb",
    "\u202etxet",
    "émoji🎲",
]
JUNK = [
    None,
    "",
    "x",
    "１２",  # full-width digits: Python's float() reads them as 12
    "1e309",
    "nan",
    BIG_WORD,
    b"12",
    [],
    [[1, 2], [3]],
    [[1, 2], ["a", None]],
    {},
    {"a": 1},
    set(),
    object(),
    1j,
    True,
    False,
    10**400,
    -(10**400),
    float("nan"),
    float("inf"),
    -float("inf"),
]
SPECIAL_FLOATS = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    -1e308,
    1.7976931348623157e308,
    5e-324,
    -5e-324,
    1e-300,
    0.0,
    -0.0,
    10**400,
    2**63,
]
NOT_GENERATORS = [None, 0, 42, "seed", np.random.RandomState(0), np.random, np.random.default_rng, 1.5]

def mostly(valid, hostile, odds: int = 4):
    """``valid`` ``odds`` times in ``odds + 1``, else ``hostile``: with several arguments, a good
    share of the calls are valid all through (so the results get checked) and the rest mix one or
    more hostile values into otherwise sensible calls."""
    return st.integers(0, odds).flatmap(lambda i: hostile if i == 0 else valid)


junk = st.sampled_from(JUNK)
small = st.floats(-10, 10, allow_nan=False)
wide = st.floats(allow_nan=True, allow_infinity=True)
number = st.one_of(small, small, wide, st.sampled_from(SPECIAL_FLOATS), st.integers(-3, 3), junk)
generators = st.integers(0, 2**32 - 1).map(np.random.default_rng)
rngs = mostly(generators, st.sampled_from(NOT_GENERATORS))
few = st.integers(0, 20)
counts = st.one_of(
    st.integers(0, 20),
    st.integers(0, 20).map(float),
    st.sampled_from([-1, -(10**400), 10**7, 10**400, 2**64, 2.5, "３", "2", np.int64(3), np.uint64(2)]),
    junk,
)


def vectors(n: int, element=number):
    """Mostly length ``n`` lists of ``element``, sometimes the wrong length, junk or a scalar."""
    return st.one_of(
        st.lists(small, min_size=n, max_size=n),
        st.lists(element, min_size=n, max_size=n),
        st.lists(element, max_size=n + 2),
        element,
        junk,
    )


def matrices(rows: int, cols: int, element=number):
    return st.one_of(
        st.lists(st.lists(small, min_size=cols, max_size=cols), min_size=rows, max_size=rows),
        st.lists(vectors(cols, element), min_size=rows, max_size=rows),
        st.lists(vectors(cols, element), max_size=rows + 2),
        vectors(cols, element),
        junk,
    )


@st.composite
def covariances(draw, valid_only: bool = False):
    """Valid, singular, not PSD, not symmetric, huge, tiny and non-finite 2x2 covariances."""
    kinds = ["psd", "singular"] if valid_only else ["psd", "psd", "singular", "not_psd", "asym", "any", "junk"]
    kind = draw(st.sampled_from(kinds))
    if kind == "junk":
        return draw(matrices(2, 2))
    if kind == "any":
        return [[draw(number), draw(number)], [draw(number), draw(number)]]
    scales = [1.0, 1e-300, 1e-8, 1e5, 1e6] + ([] if valid_only else [2e6, 1e308])
    scale = draw(st.sampled_from(scales))
    a, c = draw(st.floats(0, 1)) * scale, draw(st.floats(0, 1)) * scale
    if kind == "singular":
        return [[a, np.sqrt(a * c)], [np.sqrt(a * c), c]]
    rho = draw(st.floats(-1, 1))
    b = rho * np.sqrt(a) * np.sqrt(c)
    if kind == "not_psd":
        b = (np.sqrt(a) * np.sqrt(c) + 1.0) * (1 if rho >= 0 else -1)
    return [[a, b], [b + (1.0 if kind == "asym" else 0.0), c]]


def good_points(max_n: int = 25):
    return st.lists(st.tuples(small, small), min_size=3, max_size=max_n)


def point_clouds(max_n: int = 25):
    coordinate = st.one_of(small, st.floats(-1e100, 1e100), st.floats(-1e-200, 1e-200))
    return st.one_of(
        st.lists(st.tuples(small, small), min_size=1, max_size=max_n),
        st.lists(st.tuples(coordinate, coordinate), min_size=1, max_size=max_n),
        st.lists(st.tuples(small, st.just(0.0)), min_size=1, max_size=max_n),  # collinear
        st.lists(st.sampled_from([(0.0, 0.0), (1.0, 1.0)]), min_size=1, max_size=max_n),  # two places
        matrices(max_n, 2),
        junk,
    )


words = st.one_of(
    st.sampled_from(["balloon", "happy", "run", "merry", "frodo", "ring", "orc", "unknown"]),
    st.sampled_from(MARKUP),
    st.text(max_size=6),
    st.sampled_from([BIG_WORD, "w" * 10_000, "w" * 10_001, "", None, 5, ["run"], b"run"]),
)
word_lists = st.one_of(
    st.lists(words, max_size=12),
    st.lists(st.sampled_from(["balloon", "run", "merry", "frodo"]), min_size=1, max_size=30),
    st.sampled_from([ENORMOUS_DOCUMENT, ["run"] * 50_000, "run merry", None, 5]),
    junk,
)
WORKSHEET = worksheet_topics()
MANY_TOPICS = [Topic(f"t{k}", [f"w{k}{j}" for j in range(3)] + ["run"]) for k in range(9)]
topic_lists = st.one_of(
    st.just(WORKSHEET),
    st.just(WORKSHEET[:1]),
    st.integers(1, 9).map(lambda k: MANY_TOPICS[:k]),
    st.sampled_from([WORKSHEET[0], [], [None], ["kids' birthday"], MANY_TOPICS[0].words]),
    junk,
)


# --------------------------------------------------------------------------- the property
def _names_of(fn) -> set[str]:
    code = getattr(fn, "__code__", None) or getattr(getattr(fn, "__init__", None), "__code__", None)
    return set(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]) if code else set()


#: Every parameter name of the public core: a message may start with one ("rng must be ...").
PARAMETER_NAMES = set().union(*(_names_of(getattr(core, name)) for name in core.__all__), _names_of(one_hot),
                              _names_of(roll_die), _names_of(GaussianComponent.from_variances)) - {"self", "cls"}


def assert_plain_sentence(message: str) -> None:
    """A message a student can read: a sentence, short, no traceback, no numpy internals."""
    assert "Traceback" not in message and len(message) < 300, message[:400]
    assert message.endswith("."), message
    first = message.split()[0] if message.split() else ""
    # A sentence starts with a capital letter, or with the name of the parameter it is about.
    assert message[:1].isupper() or first in PARAMETER_NAMES, message


def attempt(fn, *args, **kwargs):
    """``(True, result)``, or ``(False, None)`` after checking the ``ValueError``'s message.

    Any other exception, and any warning at all, fails the test.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = fn(*args, **kwargs)
        except ValueError as err:
            assert type(err) is ValueError, f"{type(err).__name__}: {err}"
            assert_plain_sentence(str(err))
            event(f"{getattr(fn, '__name__', fn)}: ValueError")
            return False, None
    event(f"{getattr(fn, '__name__', fn)}: result")
    return True, result


def finite(*arrays) -> None:
    for arr in arrays:
        arr = np.asarray(arr)
        assert arr.dtype != object and np.all(np.isfinite(arr)), arr


def is_distribution(p, axis=-1) -> None:
    p = np.asarray(p, dtype=float)
    finite(p)
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-9)


def check_match(match, k_true: int, k_fit: int) -> None:
    match = np.asarray(match)
    assert match.shape == (k_true,) and np.issubdtype(match.dtype, np.integer)
    used = match[match >= 0]
    assert len(set(used.tolist())) == len(used) and np.all(used < k_fit)
    assert np.sum(match == -1) == max(0, k_true - k_fit)


# --------------------------------------------------------------------------- Gaussians
@FAST
@given(mean=mostly(st.tuples(small, small), vectors(2)), cov=mostly(covariances(True), covariances()),
       count=mostly(few, counts))
# a subnormal variance: squaring its entries for the PSD check lost their digits
@example(mean=(0.0, 0.0), cov=[[6.428170404838e-311, 8.017598957862191e-160], [8.017598957862191e-160, 1e-08]], count=0)
def test_gaussian_component(mean, cov, count):
    ok, comp = attempt(GaussianComponent, mean, cov, count)
    if ok:
        assert comp.mean.shape == (2,) and comp.cov.shape == (2, 2) and comp.factor.shape == (2, 2)
        finite(comp.mean, comp.cov, comp.factor, comp.correlation)
        assert isinstance(comp.count, int) and 0 <= comp.count <= core.MAX_POINTS
        atol = 1e-9 * max(np.abs(comp.cov).max(), 1e-300)
        np.testing.assert_allclose(comp.factor @ comp.factor.T, comp.cov, atol=atol)


@FAST
@given(mean=mostly(st.tuples(small, small), vectors(2)),
       variances=mostly(st.tuples(st.floats(0, 25), st.floats(0, 25)), vectors(2)),
       correlation=mostly(st.floats(-1, 1), number), count=mostly(few, counts))
def test_gaussian_component_from_variances(mean, variances, correlation, count):
    ok, comp = attempt(GaussianComponent.from_variances, mean, variances, correlation, count)
    if ok:
        finite(comp.mean, comp.cov, comp.factor, comp.correlation)
        assert -1 <= comp.correlation <= 1


@FAST
@given(cov=covariances())
def test_covariance_factor(cov):
    ok, factor = attempt(covariance_factor, cov)
    if ok:
        assert factor.shape == (2, 2) and factor[0, 1] == 0
        finite(factor)
        cov = np.asarray(cov, dtype=float)
        # the core treats differences below 1e-300 as rounding
        np.testing.assert_allclose(factor @ factor.T, (cov + cov.T) / 2, atol=1e-9 * max(np.abs(cov).max(), 1e-300))


@FAST
@given(mean=mostly(st.tuples(small, small), vectors(2)), cov=mostly(covariances(True), covariances()),
       n_sd=mostly(st.floats(0, 5), number), n_points=mostly(st.integers(2, 100), counts))
def test_ellipse_points(mean, cov, n_sd, n_points):
    ok, pts = attempt(ellipse_points, mean, cov, n_sd, n_points)
    if ok:
        assert pts.shape == (int(n_points), 2)
        finite(pts)


component_lists = st.one_of(
    st.lists(
        st.builds(GaussianComponent.from_variances, st.tuples(small, small),
                  st.tuples(st.floats(0, 5), st.floats(0, 5)), st.floats(-1, 1), st.integers(0, 40)),
        max_size=9,
    ),
    st.just([GaussianComponent((0, 0), np.eye(2), core.MAX_POINTS)] * 2),  # over the cap, never drawn
    st.sampled_from([GaussianComponent((0, 0), np.eye(2), 3), [(0, 0)], [None], "abc", 5]),
    junk,
)


@FAST
@given(components=component_lists, rng=rngs)
def test_sample_gaussian_mixture(components, rng):
    ok, sample = attempt(sample_gaussian_mixture, components, rng)
    if ok:
        n = sum(c.count for c in components)
        assert sample.points.shape == (n, 2) and sample.labels.shape == (n,)
        finite(sample.points)
        assert np.all((0 <= sample.labels) & (sample.labels < len(components)))


# --------------------------------------------------------------------------- alignment
@FAST
@given(cost=st.integers(0, 9).flatmap(lambda r: st.integers(0, 9).flatmap(
    lambda c: mostly(st.lists(st.lists(st.one_of(small, st.sampled_from([1e308, -1e308, 5e-324])), min_size=c,
                                       max_size=c), min_size=r, max_size=r),
                     matrices(r, c, st.one_of(small, st.sampled_from(SPECIAL_FLOATS)))))))
def test_best_permutation(cost):
    ok, match = attempt(best_permutation, cost)
    if ok:
        k_true, k_fit = np.asarray(cost, dtype=float).shape
        check_match(match, k_true, k_fit)


@FAST
@given(true_means=mostly(st.lists(st.tuples(wide, wide), min_size=1, max_size=8), matrices(3, 2)),
       fitted_means=st.integers(0, 9).flatmap(lambda k: mostly(st.lists(st.tuples(small, small), min_size=k,
                                                                         max_size=k), matrices(k, 2))))
def test_align_components(true_means, fitted_means):
    ok, match = attempt(align_components, true_means, fitted_means)
    if ok:
        check_match(match, len(true_means), len(fitted_means))


good_labels = st.lists(st.integers(0, 3), min_size=5, max_size=5).map(np.array)
labels = st.one_of(
    st.lists(st.integers(0, 3), max_size=20).map(np.array),
    st.lists(st.integers(-2, 12), max_size=20).map(np.array),
    st.sampled_from([np.array([10**18]), np.array([2**64 - 1], dtype=np.uint64), np.array([True]),
                     np.array([0.0, 1.0]), np.array(["a"]), np.zeros((2, 2), dtype=int)]),
    vectors(3),
    junk,
)
matches = st.one_of(
    st.permutations([0, 1, 2, 3]).map(lambda p: np.array(p[:3])),
    st.just(np.array([1, -1, 0])),
    labels,
)


@FAST
@given(fitted=mostly(good_labels, labels), match=mostly(matches, labels), true=mostly(good_labels, labels))
def test_relabel_and_compare_labels(fitted, match, true):
    ok, out = attempt(relabel, fitted, match)
    if ok:
        assert out.shape == np.asarray(fitted).shape and np.issubdtype(out.dtype, np.integer)
    ok, cmp = attempt(compare_labels, np.ones((3, 4)), true, fitted)
    if ok:
        assert isinstance(cmp.agreement, float) and 0 <= cmp.agreement <= 1
        assert cmp.wrong.shape == cmp.labels.shape == np.asarray(true).shape


# --------------------------------------------------------------------------- EM for Gaussians
@SLOW
@given(points=mostly(good_points(), point_clouds()), k=mostly(st.integers(1, 3), counts), rng=rngs,
       max_iter=mostly(st.integers(1, 8), counts), tol=mostly(st.sampled_from([0, 1e-3, 1e308]), number),
       n_init=mostly(st.integers(1, 2), counts), reg_covar=mostly(st.sampled_from([1e-6, 1e-300, 1e6]), number))
def test_fit_gmm(points, k, rng, max_iter, tol, n_init, reg_covar):
    if isinstance(max_iter, int) and max_iter > 8 or isinstance(n_init, int) and n_init > 2:
        max_iter, n_init = 3, 1  # keep each example quick: the caps are tested in test_gmm.py
    ok, fit = attempt(fit_gmm, points, k, rng, max_iter=max_iter, tol=tol, n_init=n_init, reg_covar=reg_covar)
    if ok:
        n, kk = len(points), int(k)
        assert fit.means.shape == (kk, 2) and fit.covariances.shape == (kk, 2, 2)
        assert fit.responsibilities.shape == (n, kk) and fit.log_likelihoods.shape == (fit.n_iter,)
        is_distribution(fit.weights)
        is_distribution(fit.responsibilities, axis=1)
        finite(fit.means, fit.covariances, fit.log_likelihoods)
        assert len(fit.history) == fit.n_iter + 1


@st.composite
def gmm_params(draw):
    """A GMMParams when the drawn parts make one (checked on the way), else junk."""
    k = draw(st.integers(1, 3))
    weights = draw(mostly(st.lists(st.floats(0.01, 1), min_size=k, max_size=k), vectors(k)))
    means = draw(mostly(st.lists(st.tuples(small, small), min_size=k, max_size=k),
                        st.one_of(st.lists(st.tuples(wide, wide), min_size=k, max_size=k), matrices(k, 2))))
    covs = draw(mostly(st.lists(st.floats(0.01, 10).map(lambda v: [[v, 0.0], [0.0, v]]), min_size=k, max_size=k),
                       st.lists(covariances(), min_size=k, max_size=k)))
    ok, params = attempt(GMMParams, weights, means, covs)
    if ok:
        is_distribution(params.weights)
        finite(params.means, params.covariances)
        return params
    return draw(st.sampled_from([None, "params", {"weights": [1]}, WORKSHEET]))


@SLOW
@given(points=mostly(good_points(), point_clouds()), params=gmm_params(),
       reg_covar=mostly(st.just(1e-6), number))
def test_one_em_step_responsibilities_likelihood_bic(points, params, reg_covar):
    ok, resp = attempt(responsibilities, points, params)
    if ok:
        assert resp.shape == (len(points), params.n_components)
        is_distribution(resp, axis=1)
    ok, ll = attempt(mean_log_likelihood, points, params)
    if ok:
        assert isinstance(ll, float) and np.isfinite(ll)
    ok, score = attempt(bic, points, params)
    if ok:
        assert isinstance(score, float) and np.isfinite(score)
    k = params.n_components if isinstance(params, GMMParams) else 2
    ok, step = attempt(fit_gmm, points, k, RNG, init=params, reg_covar=reg_covar, max_iter=1, tol=0)
    if ok:  # one EM step from the given state
        new = step.params
        assert new.n_components == k and np.isfinite(step.log_likelihoods).all()
        finite(new.weights, new.means, new.covariances)


@SLOW
@given(points=mostly(good_points(), point_clouds()), k=mostly(st.integers(1, 3), counts), rng=rngs,
       reg_covar=mostly(st.just(1e-6), number))
def test_init_params(points, k, rng, reg_covar):
    ok, params = attempt(init_params, points, k, rng, reg_covar)
    if ok:
        assert params.means.shape == (int(k), 2)
        is_distribution(params.weights)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(points=mostly(good_points(12), point_clouds(12)),
       ks=mostly(st.sets(st.integers(1, 3), min_size=1, max_size=3),
                 st.one_of(st.lists(counts, max_size=3), junk, st.just(range(1, 3)))),
       rng=rngs, n_init=mostly(st.just(1), counts))
def test_bic_curve(points, ks, rng, n_init):
    if isinstance(n_init, int) and n_init > 2:
        n_init = 1
    ok, curve = attempt(bic_curve, points, ks, rng, n_init=n_init, max_iter=5)
    if ok:
        assert list(curve) == sorted(curve) and all(np.isfinite(v) for v in curve.values())


# --------------------------------------------------------------------------- topics and dice
@FAST
@given(name=mostly(st.one_of(st.text(max_size=8), st.sampled_from(MARKUP)), st.sampled_from(["n" * 101, BIG_WORD] + JUNK)),
       topic_words=mostly(st.lists(st.one_of(st.text(min_size=1, max_size=5), st.sampled_from(MARKUP)),
                                   min_size=3, max_size=3, unique=True), word_lists),
       weights=mostly(st.one_of(st.none(), st.lists(st.floats(0.01, 1e300), min_size=3, max_size=3)),
                      st.one_of(st.integers(1, 13).flatmap(vectors), junk)))
def test_topic(name, topic_words, weights):
    ok, topic = attempt(Topic, name, topic_words, weights)
    if ok:
        assert topic.words == tuple(topic_words) and topic.probabilities.shape == (len(topic.words),)
        is_distribution(topic.probabilities)


@FAST
@given(topics=mostly(st.just(WORKSHEET), topic_lists), n_documents=mostly(st.integers(0, 5), counts),
       n_words=mostly(st.integers(0, 10), counts),
       topic_weights=mostly(st.one_of(st.none(), st.lists(st.floats(0, 1e308), min_size=2, max_size=2)),
                            st.one_of(st.integers(1, 9).flatmap(vectors), junk)),
       rng=rngs, concentration=mostly(st.one_of(st.none(), st.floats(1e-3, 1e6)),
                                      st.one_of(number, st.integers(1, 9).flatmap(vectors))))
def test_sample_documents(topics, n_documents, n_words, topic_weights, rng, concentration):
    ok, docs = attempt(sample_documents, topics, n_documents, n_words, topic_weights, rng, concentration)
    if ok:
        assert len(docs) == int(n_documents)
        for doc in docs:
            assert doc.word_ids.shape == doc.topics.shape == doc.word_sides.shape == (int(n_words),)
            is_distribution(doc.mixing)
            assert doc.mixing.shape == (len(topics),)
            for word, k, side in zip(doc.words, doc.topics, doc.word_sides):
                assert topics[k].words[side] == word


@FAST
@given(probabilities=mostly(st.lists(st.one_of(st.floats(0, 1e308), st.just(0.0)), min_size=1, max_size=6),
                            st.integers(0, 6).flatmap(vectors)),
       n_rolls=mostly(few, counts), rng=rngs)
def test_roll_die(probabilities, n_rolls, rng):
    ok, sides = attempt(roll_die, probabilities, n_rolls, rng)
    if ok:
        p = np.asarray(probabilities, dtype=float)
        assert sides.shape == (int(n_rolls),)
        assert np.all(p[sides] > 0)  # only sides that can come up, all in range


@FAST
@given(index=st.one_of(st.integers(-2, 12), st.lists(st.integers(-1, 6), max_size=5), counts, junk,
                       st.sampled_from([np.uint64(2**64 - 1), np.array([[1]]), np.array([1.0])])),
       n_sides=counts)
def test_one_hot(index, n_sides):
    ok, out = attempt(one_hot, index, n_sides)
    if ok:
        idx = np.asarray(index)
        assert out.shape == idx.shape + (int(n_sides),)
        assert np.all(out.sum(axis=-1) == 1) and np.array_equal(np.argmax(out, axis=-1), idx)


@FAST
@given(topics=mostly(st.just(WORKSHEET), topic_lists),
       document=mostly(st.lists(st.sampled_from(["balloon", "run", "merry", "frodo"]), max_size=20), word_lists),
       topic_weights=mostly(st.one_of(st.none(), st.lists(st.floats(0.01, 1e300), min_size=2, max_size=2)),
                            st.integers(1, 3).flatmap(vectors)))
def test_word_posteriors(topics, document, topic_weights):
    ok, post = attempt(word_posteriors, topics, document, topic_weights)
    if ok:
        assert post.shape == (len(document), len(topics))
        if len(document):
            is_distribution(post, axis=1)


@FAST
@given(topics=mostly(st.just(WORKSHEET), topic_lists),
       document=mostly(st.lists(st.sampled_from(["balloon", "run", "merry", "frodo"]), min_size=1, max_size=20),
                       word_lists),
       max_iter=mostly(st.integers(1, 50), counts), tol=mostly(st.floats(1e-12, 0.5), number))
def test_estimate_mixing_weights(topics, document, max_iter, tol):
    if isinstance(max_iter, int) and max_iter > 50:
        max_iter = 50
    ok, weights = attempt(estimate_mixing_weights, topics, document, max_iter, tol)
    if ok:
        assert weights.shape == (len(topics),)
        is_distribution(weights)


corpora = st.one_of(
    st.lists(st.lists(st.sampled_from(["a", "b", "c", "<b>d</b>", "**e**"]), max_size=6), min_size=1, max_size=4),
    st.lists(word_lists, max_size=3),
    st.sampled_from([[ENORMOUS_DOCUMENT], [["a"]] * 100_001, [[BIG_WORD]], [["a", ["b"]]], ["a b"], [None]]),
    junk,
)


@SLOW
@given(documents=mostly(st.lists(st.lists(st.sampled_from(["a", "b", "c", "<b>d</b>", "**e**"]), min_size=3,
                                          max_size=6), min_size=1, max_size=4), corpora),
       n_topics=mostly(st.integers(1, 3), counts), rng=rngs, n_init=mostly(st.integers(1, 2), counts),
       max_iter=mostly(st.integers(1, 10), counts), tol=mostly(st.floats(1e-9, 0.09), number),
       prior=mostly(st.one_of(st.none(), st.floats(0.01, 100)), number))
def test_fit_topics(documents, n_topics, rng, n_init, max_iter, tol, prior):
    if isinstance(max_iter, int) and max_iter > 10 or isinstance(n_init, int) and n_init > 2:
        max_iter, n_init = 5, 1
    ok, fit = attempt(fit_topics, documents, n_topics, rng, n_init=n_init, max_iter=max_iter, tol=tol,
                      doc_topic_prior=prior, topic_word_prior=prior)
    if ok:
        k, v, d = int(n_topics), len(fit.vocabulary), len(documents)
        assert fit.topic_word.shape == (k, v) and fit.document_topic.shape == (d, k)
        is_distribution(fit.topic_word, axis=1)
        is_distribution(fit.document_topic, axis=1)
        finite(fit.objective, fit.objective_history)
        assert [w.shape for w in fit.word_topics] == [(len(doc), k) for doc in documents]


@FAST
@given(topics=mostly(st.just(WORKSHEET), topic_lists),
       vocabulary=mostly(st.lists(st.sampled_from(["run", "frodo", "pizza", "x", BIG_WORD]), unique=True),
                         st.one_of(word_lists, st.just(("run", "run")))))
def test_topics_on_vocabulary(topics, vocabulary):
    ok, matrix = attempt(topics_on_vocabulary, topics, vocabulary)
    if ok:
        assert matrix.shape == (len(topics), len(vocabulary))
        finite(matrix)
        assert np.all((matrix >= 0) & (matrix <= 1))


probability_rows = st.one_of(small.map(abs), st.floats(0, 1), st.sampled_from(SPECIAL_FLOATS), junk)


@FAST
@given(true=st.integers(0, 9).flatmap(lambda r: mostly(
           st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=r, max_size=r),
           matrices(r, 3, probability_rows))),
       fitted=st.integers(0, 9).flatmap(lambda r: mostly(
           st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=r, max_size=r),
           matrices(r, 3, probability_rows))))
def test_align_topics_and_distances(true, fitted):
    ok, dist = attempt(topic_distances, true, fitted)
    if ok:
        assert dist.shape == (len(true), len(fitted))
        finite(dist)
    ok, match = attempt(align_topics, true, fitted)
    if ok:
        check_match(match, len(true), len(fitted))


# --------------------------------------------------------------------------- the bugs found
RNG = np.random.default_rng(0)
EYE = [[1.0, 0.0], [0.0, 1.0]]
TWO_POINTS = [[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]


@pytest.mark.parametrize(
    "call, fragment",
    [
        # covariance_factor and ellipse_points did not check their input at all: TypeError,
        # NaN output, or a 7 TB allocation (MemoryError).
        (lambda: covariance_factor(None), "shape 2 x 2"),
        (lambda: covariance_factor([[np.nan, 0], [0, 1]]), "finite"),
        (lambda: covariance_factor([[1, 2], [2, 1]]), "positive semi-definite"),
        (lambda: ellipse_points([0, 0], [[np.nan, 0], [0, 1]], 1.0), "finite"),
        (lambda: ellipse_points([np.inf, 0], EYE, 1.0), "finite"),
        (lambda: ellipse_points([0, 0], EYE, np.nan), "finite"),
        (lambda: ellipse_points([0, 0], EYE, 1.0, 10**12), "at most 10,000"),
        # best_permutation: overflow in the sums of huge costs (RuntimeWarning).
        # (tested for its answer in test_best_permutation_of_huge_costs below)
        # from_variances: var_x * var_y overflowed before the range check.
        (lambda: GaussianComponent.from_variances([0, 0], [1e200, 1e200], 0.5), "at most 1e+06"),
        # sample_gaussian_mixture(None): TypeError.
        (lambda: sample_gaussian_mixture(None, RNG), "list of GaussianComponent"),
        (lambda: sample_gaussian_mixture(GaussianComponent([0, 0], EYE), RNG), "not a single one"),
        # relabel: a label of 10**18 allocated an array of 10**18 entries (MemoryError).
        (lambda: relabel(np.array([10**18]), np.array([0])), "below 8"),
        (lambda: relabel(np.array([0]), np.array([-5])), "-1"),
        # comparing text labels silently answered 0.0.
        (lambda: compare_labels(np.ones((1, 1)), np.array(["a"]), np.array([0])), "true labels"),
        # GMMParams: (a + c) / 2 overflowed for covariances near 1e308 (RuntimeWarning).
        (lambda: GMMParams([1], [[0, 0]], [[[1.7e308, 0], [0, 1.7e308]]]), "between -1e+300"),
        (lambda: GMMParams([1], [[1e308, 0]], [EYE]), "between -1e+100"),
        # A wide component against tightly packed points: covariance / scale**2 overflowed.
        (lambda: responsibilities([[0, 0], [1e-90, 0]], GMMParams([1], [[0, 0]], [[[1e200, 0], [0, 1e200]]])),
         "too wide"),
        # bic_curve with ks=None or 5: TypeError.
        (lambda: bic_curve(TWO_POINTS, None, RNG), "ks must be a list"),
        (lambda: bic_curve(TWO_POINTS, 5, RNG), "ks must be a list"),
        # Topic(words=None): TypeError.
        (lambda: Topic("a", None), "list of words"),
        (lambda: Topic("a", 5), "list of words"),
        # topics_on_vocabulary(vocabulary=None): TypeError.
        (lambda: topics_on_vocabulary(WORKSHEET, None), "list of words"),
        # topic_distances / align_topics: overflow for entries near 1e308 (RuntimeWarning).
        (lambda: align_topics([[1e308, -1e308]], [[-1e308, 1e308]]), "probabilities between 0 and 1"),
        (lambda: topic_distances([[0.5, 0.5]], [[2.0, -1.0]]), "probabilities between 0 and 1"),
        # Ragged label or side lists leaked numpy's "setting an array element with a sequence".
        (lambda: relabel([[1, 2], [3]], [0]), "fitted labels"),
        (lambda: compare_labels(np.ones((1, 1)), [[1, 2], [3]], [0]), "true labels"),
        (lambda: one_hot([[1, 2], [3]], 4), "whole numbers"),
        # A prior given as a huge whole number: OverflowError in float().
        (lambda: fit_topics([["a", "b"]], 1, RNG, doc_topic_prior=10**400), "between 0.01 and 100"),
        # A covariance with zero variance along x but an off-diagonal entry passed as
        # "positive semi-definite" (the tolerance was relative to the largest entry squared),
        # and was then silently drawn with a different covariance.
        (lambda: GaussianComponent([0, 0], [[0.0, 1.0], [1.0, 1e5]]), "positive semi-definite"),
        (lambda: covariance_factor([[0.0, 1.0], [1.0, 1e5]]), "positive semi-definite"),
    ],
)
def test_bad_input_that_used_to_crash_now_gets_a_sentence(call, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)) as info:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            call()
    assert_plain_sentence(str(info.value))


@pytest.mark.parametrize(
    "call",
    [
        lambda: GaussianComponent([0, 0], EYE, 10**400),
        lambda: GaussianComponent([0, 0], EYE, "x" * 1_000_000),
        lambda: GaussianComponent([0, 0], EYE, -(10**400)),
        lambda: estimate_mixing_weights(WORKSHEET, ["run"], tol="x" * 1_000_000),
        lambda: fit_topics([["a", "b"]], 1, RNG, tol="x" * 1_000_000),
        lambda: fit_topics([["a", "b"]], 1, RNG, doc_topic_prior=BIG_WORD),
        lambda: fit_topics([["a", "b"]], 10**400, RNG),
    ],
)
def test_messages_quoting_a_huge_input_stay_short(call):
    # These messages quoted the whole input: 600 digits, or a megabyte of text.
    with pytest.raises(ValueError) as info:
        call()
    assert_plain_sentence(str(info.value))
    assert "..." in str(info.value)


def test_best_permutation_of_huge_costs():
    # Sums of costs near 1e308 overflowed (RuntimeWarning); the answer is still the cheapest.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert best_permutation([[1e308, 1.5e308], [1.5e308, 1e308]]).tolist() == [0, 1]
        assert best_permutation([[1.5e308, 1e308], [1e308, 1.5e308]]).tolist() == [1, 0]
        assert best_permutation([[-1e308, 1e308], [1e308, -1e308], [0.0, 0.0]]).tolist() == [0, 1, -1]


def test_correlation_of_a_very_flat_cloud_is_finite():
    # vx * vy underflowed to 0, and 0 / 0 raised "invalid value" (RuntimeWarning).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert GaussianComponent.from_variances([0, 0], [0.5, 5e-324], 0.0).correlation == 0.0
        assert GaussianComponent([0, 0], [[1e-189, 0.0], [0.0, 2e-311]]).correlation == 0.0


def test_align_components_of_huge_means():
    # The mean of means near 1e308 overflowed (RuntimeWarning).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        match = align_components([[9e307, 0.0], [-9e307, 0.0]], [[-8e307, 0.0], [8e307, 1.0]])
    assert match.tolist() == [1, 0]


def test_valid_inputs_still_give_the_same_answers():
    # The new checks do not change valid results.
    comp = GaussianComponent.from_variances([1, 2], [4.0, 1.0], 0.5)
    assert np.array_equal(covariance_factor(comp.cov), comp.factor)
    pts = ellipse_points(comp.mean, comp.cov, 2.0, 5)
    np.testing.assert_allclose(pts[0], comp.mean + 2.0 * comp.factor[:, 0])
    assert relabel(np.array([0, 1, 2, 3]), np.array([1, 2, 0])).tolist() == [2, 0, 1, -1]
    assert compare_labels(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0, 1]), np.array([1, 0])).agreement == 1.0
    assert align_topics([[1.0, 0.0], [0.0, 1.0]], [[0.1, 0.9], [0.9, 0.1]]).tolist() == [1, 0]


# --------------------------------------------------------------------------- Gibbs sampling for topics
@SLOW
@given(documents=mostly(st.lists(st.lists(st.sampled_from(["a", "b", "c", "<b>d</b>", "**e**"]), min_size=2,
                                          max_size=6), min_size=1, max_size=4), corpora),
       n_topics=mostly(st.integers(1, 3), counts), rng=rngs, n_sweeps=mostly(st.integers(1, 3), counts),
       prior=mostly(st.one_of(st.none(), st.floats(0.01, 100)), number),
       sweep=mostly(st.one_of(st.none(), st.integers(0, 3)), counts), position=mostly(st.integers(0, 5), counts))
def test_sample_topic_assignments(documents, n_topics, rng, n_sweeps, prior, sweep, position):
    if isinstance(n_sweeps, (int, float)) and 3 < n_sweeps <= 20:
        n_sweeps = 2  # valid, but a corpus of 150,000 words would make the example slow
    ok, run = attempt(core.sample_topic_assignments, documents, n_topics, rng, n_sweeps=n_sweeps,
                      doc_topic_prior=prior, topic_word_prior=prior)
    if ok:
        k, s, n, d = int(n_topics), int(n_sweeps), sum(map(len, documents)), len(documents)
        assert run.assignments.shape == (s + 1, n) and np.issubdtype(run.assignments.dtype, np.integer)
        assert np.all((run.assignments >= 0) & (run.assignments < k))
        assert run.log_joint.shape == (s + 1,)
        finite(run.log_joint)
        ok, topic_word = attempt(run.topic_word, sweep)
        if ok:
            assert topic_word.shape == (k, len(run.vocabulary))
            is_distribution(topic_word, axis=1)
        ok, document_topic = attempt(run.document_topic, sweep)
        if ok:
            assert document_topic.shape == (d, k)
            is_distribution(document_topic, axis=1)
        ok, step = attempt(run.step_details, sweep, position)
        if ok:
            assert step.probabilities.shape == step.document_factor.shape == step.word_factor.shape == (k,)
            finite(step.document_factor, step.word_factor, step.weights)
            is_distribution(step.probabilities)
            assert step.word == documents[step.document][step.position_in_document]


# --------------------------------------------------------------------------- real text into words
texts = st.one_of(
    st.text(max_size=60),
    st.sampled_from(MARKUP),
    st.lists(st.sampled_from(["The", "nation's", "don't", "O'Brien", "war", "PEACE", "İ", "ß", "½", "e\u0301"]),
             max_size=10).map(" ".join),
    st.sampled_from([BIG_WORD, "w" * 10_000, "x " * 5_000_001]),  # the last: over MAX_TEXT_CHARACTERS
    junk,
)
stop_word_sets = st.one_of(
    st.just(core.STOP_WORDS),
    st.lists(st.text(max_size=4), max_size=5),
    st.sets(st.sampled_from(["war", "the", "peace"])),
    junk,
)


@FAST
@given(text=mostly(st.one_of(st.text(max_size=60), st.sampled_from(MARKUP)), texts),
       stop_words=mostly(st.just(core.STOP_WORDS), stop_word_sets),
       min_length=mostly(st.integers(1, 5), counts), max_length=mostly(st.just(45), counts))
def test_tokenize(text, stop_words, min_length, max_length):
    ok, words = attempt(core.tokenize, text, stop_words, min_length, max_length=max_length)
    if ok:
        stop = set(stop_words)
        for w in words:
            assert isinstance(w, str) and w.isalpha() and w == w.lower(), repr(w)
            assert int(min_length) <= len(w) <= int(max_length) and w not in stop
        assert core.tokenize(" ".join(words), stop_words, min_length, max_length=max_length) == words


@FAST
@given(documents=mostly(st.lists(st.lists(st.sampled_from(["war", "peace", "tax", "<b>d</b>", "é"]), max_size=6),
                                 max_size=5), corpora),
       min_count=mostly(st.integers(1, 4), counts), max_doc_share=mostly(st.floats(0.01, 1.0), number))
def test_prune_vocabulary(documents, min_count, max_doc_share):
    ok, pruned = attempt(core.prune_vocabulary, documents, min_count, max_doc_share)
    if ok:
        assert len(pruned) == len(documents)
        kept = {w for d in pruned for w in d}
        for doc, out in zip(documents, pruned):
            assert out == [w for w in doc if w in kept]


# --------------------------------------------------------------------------- k-means and EM's init (issue 12)
starting_means = st.one_of(
    st.sampled_from(["k-means++", "random", "kmeans", "", None]),
    st.integers(1, 3).flatmap(lambda k: st.lists(st.tuples(small, small), min_size=k, max_size=k)),
    matrices(3, 2),
)


@SLOW
@given(points=mostly(good_points(), point_clouds()), k=mostly(st.integers(1, 3), counts), rng=rngs,
       init=starting_means, n_init=mostly(st.integers(1, 2), counts),
       max_iter=mostly(st.integers(1, 8), counts), tol=mostly(st.sampled_from([0, 1e-4, 1e308]), number))
def test_fit_kmeans(points, k, rng, init, n_init, max_iter, tol):
    if isinstance(max_iter, int) and max_iter > 8 or isinstance(n_init, int) and n_init > 2:
        max_iter, n_init = 3, 1  # keep each example quick: the caps are tested in test_kmeans.py
    ok, fit = attempt(core.fit_kmeans, points, k, rng, init, n_init=n_init, max_iter=max_iter, tol=tol)
    if ok:
        n, kk = len(points), int(k)
        assert fit.centres.shape == (kk, 2) and fit.labels.shape == (n,)
        assert np.all((fit.labels >= 0) & (fit.labels < kk))
        assert fit.inertias.shape == (fit.n_iter + 1,) and len(fit.history) == fit.n_iter + 1
        finite(fit.centres, fit.inertias, fit.inertia)
        assert np.all(np.diff(fit.inertias) <= 1e-9 * fit.inertias[0] + 1e-300)


@SLOW
@given(points=mostly(good_points(), point_clouds()), k=mostly(st.integers(1, 3), counts), rng=rngs,
       init=starting_means)
def test_fit_gmm_and_init_params_with_init(points, k, rng, init):
    ok, fit = attempt(fit_gmm, points, k, rng, init=init, max_iter=3)
    if ok:
        kk = int(k)
        assert fit.means.shape == (kk, 2) and fit.responsibilities.shape == (len(points), kk)
        is_distribution(fit.weights)
        finite(fit.means, fit.covariances, fit.log_likelihoods)
    ok, params = attempt(init_params, points, k, rng, init=init)
    if ok:
        assert params.means.shape == (int(k), 2)
        is_distribution(params.weights)
        finite(params.means, params.covariances)
