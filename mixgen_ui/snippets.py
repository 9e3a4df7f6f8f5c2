"""Python a student can copy and run at home: the sample on screen, in plain numpy.

Each function returns the source of a short script that needs only numpy and draws
exactly the sample on screen (bit for bit, for the same numpy version): it performs the
same random calls and the same floating-point operations, in the same order, as
:func:`mixgen_core.sample_gaussian_mixture` and :func:`mixgen_core.sample_documents`.

Run as a script, the Gaussian code plots the points like the worksheet (if matplotlib is
installed) and the topic code prints the first documents. Imported or ``exec``-ed under
another name, they only define the arrays.

Every number is written with ``repr`` of a Python float (exact), and every piece of user
text (words, topic names) only as ``repr`` of a ``str``: a valid Python literal whatever
the text holds, so typed text can never become code. User text never goes into comments.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from mixgen_core import GaussianComponent, Topic
from mixgen_core.gaussians import check_components
from mixgen_core.topics import check_topic_weights, check_topics, dirichlet_parameter

from .palette import COLOURS

#: Largest seed accepted (numpy seeds are non-negative integers).
MAX_SEED = 2**63 - 1


def _seed_literal(seed: Any) -> str:
    """``repr`` of a seed: one non-negative whole number, or a list of them (``default_rng([seed, d])``)."""
    def whole(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer, float, np.floating)):
            raise ValueError(f"A seed must be a whole number, but got {value!r}.")
        if isinstance(value, (float, np.floating)) and not float(value).is_integer():
            raise ValueError(f"A seed must be a whole number, but got {value!r}.")
        value = int(value)
        if not 0 <= value <= MAX_SEED:
            raise ValueError(f"A seed must be between 0 and {MAX_SEED}, but got {value}.")
        return value

    if isinstance(seed, (list, tuple, np.ndarray)):
        values = [whole(v) for v in seed]
        if not values:
            raise ValueError("A list of seeds must not be empty.")
        return repr(values)
    return repr(whole(seed))


def _floats(values: Any) -> str:
    """A (nested) list literal of floats, each written exactly with ``repr``."""
    if isinstance(values, np.ndarray):
        values = values.tolist()
    if isinstance(values, (list, tuple)):
        return "[" + ", ".join(_floats(v) for v in values) + "]"
    return repr(float(values))


_GAUSSIAN_TEMPLATE = '''"""Draw the points of a mixture of 2-D Gaussians, exactly as the mixgen app did.

Needs numpy; matplotlib to see the plot. Each component k draws counts[k] points
around means[k] with covariance covs[k]. The same seed and numpy version give the
very same points as on screen.
"""
import numpy as np

seed = {seed}
means = np.array({means})
covs = np.array({covs})
counts = {counts}


def cholesky_2x2(cov):
    """Closed-form Cholesky factor L (L @ L.T == cov), also for flat covariances."""
    a, b, c = float(cov[0, 0]), float(cov[1, 0]), float(cov[1, 1])
    if a > 0:
        l00 = np.sqrt(a)
        l10 = float(np.clip(b / l00, -np.sqrt(c), np.sqrt(c)))  # |b| may pass sqrt(a * c) by rounding
        l11 = np.sqrt(max(c - l10 * l10, 0.0))
    else:  # no spread along x: all spread is along y
        l00, l10, l11 = 0.0, 0.0, np.sqrt(max(c, 0.0))
    return l00, l10, l11


# Standard normal numbers for all points at once (component 1's rows first), then
# each component's block z becomes z @ L.T + mean, computed in place: points from a
# Gaussian with that mean and covariance, like the worksheet's
# np.random.multivariate_normal(mean, cov, count) (which uses other random numbers).
rng = np.random.default_rng(seed)
points = rng.standard_normal((sum(counts), 2))
start = 0
for mean, cov, n in zip(means, covs, counts):
    l00, l10, l11 = cholesky_2x2(cov)
    block = points[start:start + n]
    block[:, 1] *= l11
    if l10:
        block[:, 1] += l10 * block[:, 0]
    block[:, 0] *= l00
    block += mean
    start += n
labels = np.repeat(np.arange(len(counts)), counts)  # component of each point (0 is Gaussian 1)
x, y = points[:, 0], points[:, 1]

if __name__ == "__main__":
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        print("Drew", len(points), "points. Install matplotlib to plot them: pip install matplotlib")
    else:
        colours = {colours}
        # the worksheet's first plot: one colour per Gaussian
        plt.scatter(x, y, c=[colours[k % len(colours)] for k in labels])
        plt.show()
        # but how about if we plot them all in the same color?
        plt.scatter(x, y)
        plt.show()
'''


def gaussian_snippet(components: Sequence[GaussianComponent], seed: int | Sequence[int]) -> str:
    """Python source that draws exactly ``sample_gaussian_mixture(components, np.random.default_rng(seed))``.

    The script holds the means, covariances (as the core stores them: symmetrised, with
    the variances clipped at 0) and counts as exact literals, the closed-form Cholesky
    factor of :func:`mixgen_core.covariance_factor`, and the same in-place arithmetic,
    so ``points`` and ``labels`` are bit-identical to the sample. Run as a script it
    plots them like the worksheet when matplotlib is importable.

    Parameters
    ----------
    components : sequence of GaussianComponent
        As given to :func:`mixgen_core.sample_gaussian_mixture`.
    seed : int or sequence of int
        The seed of ``np.random.default_rng`` that drew the sample.

    Returns
    -------
    str
        Python source, defining ``points`` (N, 2), ``labels`` (N,), ``x`` and ``y``.

    Raises
    ------
    ValueError
        For invalid components or a seed that is not a non-negative whole number.
    """
    components = check_components(components)
    return _GAUSSIAN_TEMPLATE.format(
        seed=_seed_literal(seed),
        means=_floats([c.mean for c in components]),
        covs=_floats([c.cov for c in components]),
        counts=repr([int(c.count) for c in components]),
        colours=repr(list(COLOURS)),
    )


_TOPICS_TEMPLATE = '''"""Roll documents from a mixture of topics (dice with words), exactly as the mixgen app did.

Needs only numpy. For each word: roll for a topic, then roll that topic's die. The
same seed and numpy version give the very same documents as on screen.
"""
import numpy as np

seed = {seed}
topic_names = {names}
# the words on each topic's die
topic_words = {words}
# each die's side probabilities (None: a fair die, every side equally likely)
word_probabilities = {word_probs}
# how likely each topic is for a word (they add up to 1)
topic_weights = np.array({topic_weights})
# Dirichlet parameter: each document draws its own topic mix (None: every document uses topic_weights)
alpha = {alpha}
n_documents = {n_documents}
n_words = {n_words}

K = len(topic_words)
p = [np.full(len(words), 1.0 / len(words)) if probs is None else np.array(probs)
     for words, probs in zip(topic_words, word_probabilities)]


def cum(p):
    """Running totals of a die's probabilities, made safe for searchsorted (the last one is exactly 1)."""
    c = np.minimum(np.cumsum(p), 1.0)
    c[np.flatnonzero(p)[-1]:] = 1.0
    return c


rng = np.random.default_rng(seed)
# 1. each document's topic mix
if alpha is not None:
    mixing = rng.dirichlet(np.array(alpha), size=n_documents)
else:
    mixing = np.tile(topic_weights, (n_documents, 1))
# 2. a topic for every word: roll the topic die (np.searchsorted finds the side a uniform number lands on)
u = rng.random((n_documents, n_words))
topics = np.array([np.searchsorted(cum(mixing[d]), u[d], side="right")
                   for d in range(n_documents)], dtype=int).reshape(n_documents, n_words)
# 3. a side of that topic's die for every word
v = rng.random((n_documents, n_words))
sides = np.zeros((n_documents, n_words), dtype=int)
for k in range(K):
    sides[topics == k] = np.searchsorted(cum(p[k]), v[topics == k], side="right")
documents = [[topic_words[k][j] for k, j in zip(topics[d], sides[d])] for d in range(n_documents)]

if __name__ == "__main__":
    for d, words in enumerate(documents[:5]):
        print(f"Document {{d + 1}}:", " ".join(words))
        print("  topics:", " ".join(str(k + 1) for k in topics[d]))
'''


def topics_snippet(
    topics: Sequence[Topic],
    n_documents: int,
    n_words: int,
    topic_weights: Any = None,
    concentration: Any = None,
    seed: int | Sequence[int] = 0,
) -> str:
    """Python source that rolls exactly the documents of :func:`mixgen_core.sample_documents`.

    The same arguments as ``sample_documents(topics, n_documents, n_words, topic_weights,
    rng=np.random.default_rng(seed), concentration=concentration)``. The script follows
    the numpy recipe in that function's docstring; the normalised topic weights, each
    weighted die's probabilities and the Dirichlet parameter are exact literals (computed
    here by the core), so ``documents`` (lists of words), ``topics`` (topic index of each
    word), ``sides`` and ``mixing`` are identical. Words and names are embedded only
    with ``repr``.

    Parameters
    ----------
    topics : sequence of Topic
    n_documents, n_words : int
    topic_weights : sequence of float of shape (K,), optional
    concentration : float or sequence of float of shape (K,), optional
    seed : int or sequence of int
        The seed of ``np.random.default_rng`` that rolled the documents.

    Returns
    -------
    str
        Python source. Run as a script it prints the first five documents.

    Raises
    ------
    ValueError
        For invalid topics, weights, concentration, counts or seed.
    """
    topics = check_topics(topics)
    k = len(topics)
    w = check_topic_weights(topic_weights, k)
    alpha = dirichlet_parameter(topic_weights, concentration, k)
    for value, name in ((n_documents, "number of documents"), (n_words, "number of words per document")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"The {name} must be a non-negative whole number, but got {value!r}.")
    word_probs = "[" + ", ".join("None" if t.weights is None else _floats(t.probabilities) for t in topics) + "]"
    return _TOPICS_TEMPLATE.format(
        seed=_seed_literal(seed),
        names=repr([t.name for t in topics]),
        words=repr([list(t.words) for t in topics]),
        word_probs=word_probs,
        topic_weights=_floats(w),
        alpha="None" if alpha is None else _floats(alpha),
        n_documents=int(n_documents),
        n_words=int(n_words),
    )
