"""Python a student can copy and run at home: the sample on screen, in plain numpy.

Each function returns the source of a short script that needs only numpy and draws
exactly the sample on screen (bit for bit, for the same numpy version). The code shown is
the code that runs: the script embeds, with ``inspect.getsource``, the very functions of
:mod:`mixgen_core.recipes` that :func:`mixgen_core.sample_gaussian_mixture` and
:func:`mixgen_core.sample_documents` call, and makes the same random calls in the same
order. Nothing here restates a recipe, so nothing can drift.

Run as a script, the Gaussian code plots the points like the worksheet (if matplotlib is
installed) and the topic code prints the first documents. Imported or ``exec``-ed under
another name, they only define the arrays.

Every number is written with ``repr`` of a Python float (exact), and every piece of user
text (words, topic names) only as ``repr`` of a ``str``: a valid Python literal whatever
the text holds, so typed text can never become code. User text never goes into comments.
"""

from __future__ import annotations

import inspect
from typing import Any, Sequence

import numpy as np

from mixgen_core import GaussianComponent, Topic
from mixgen_core.documents import check_document_counts, check_topic_weights, check_topics, dirichlet_parameter
from mixgen_core.gaussians import check_components
from mixgen_core.recipes import cholesky_2x2, cumulative, mixture_points, roll

from .palette import COLOURS


def _seed_literal(seed: Any) -> str:
    """``repr`` of a seed that ``np.random.default_rng`` reproduces, else ``ValueError``.

    The rule is numpy's: a non-negative whole number of any size, or a non-empty list of
    them (``default_rng([seed, d])``); numpy itself is asked, so there is no second seed
    limit here (the app's seed boxes have theirs). On top of numpy's rule:

    - a float holding a whole number (``3.0``, from a number box) counts as that int;
    - ``None`` is refused (numpy would draw a fresh seed: nothing to reproduce), as are
      ``True``/``False`` and an empty list (numpy takes them, but they are no one's seed).
    """
    def whole(value: Any) -> int:
        is_number = isinstance(value, (int, np.integer, float, np.floating)) and not isinstance(value, bool)
        if not is_number or isinstance(value, (float, np.floating)) and not float(value).is_integer():
            raise ValueError(f"A seed must be a whole number, but got {repr(value)[:40]}.")
        return int(value)

    if isinstance(seed, (list, tuple, np.ndarray)):
        value: int | list[int] = [whole(v) for v in seed]
        if not value:
            raise ValueError("A list of seeds must not be empty.")
    else:
        value = whole(seed)
    try:
        np.random.default_rng(value)
    except (TypeError, ValueError):
        raise ValueError(f"A seed must not be negative, but got {repr(value)[:40]}.") from None
    return repr(value)


def _floats(values: Any) -> str:
    """A (nested) list literal of floats, each written exactly with ``repr``."""
    if isinstance(values, np.ndarray):
        values = values.tolist()
    if isinstance(values, (list, tuple)):
        return "[" + ", ".join(_floats(v) for v in values) + "]"
    return repr(float(values))


def _sources(*functions: Any) -> str:
    """The source of each recipe, as written in :mod:`mixgen_core.recipes`, two blank lines apart."""
    return "\n\n".join(inspect.getsource(f) for f in functions)


_GAUSSIAN_TEMPLATE = '''"""Draw the points of a mixture of 2-D Gaussians, exactly as the mixgen app did.

Needs numpy; matplotlib to see the plot. Each component k draws counts[k] points
around means[k] with covariance covs[k]. The two functions below are the ones the
app ran, so the same seed and numpy version give the very same points as on screen.
"""
import numpy as np

seed = {seed}
means = np.array({means})
covs = np.array({covs})
counts = {counts}


{recipes}

rng = np.random.default_rng(seed)
factors = np.array([cholesky_2x2(cov) for cov in covs])
points, labels = mixture_points(rng, means, factors, counts)
x, y = points[:, 0], points[:, 1]  # labels[n]: the component of point n (0 is Gaussian 1)

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
    the variances clipped at 0) and counts as exact literals, and the recipes
    :func:`~mixgen_core.recipes.cholesky_2x2` and :func:`~mixgen_core.recipes.mixture_points`
    the core samples with, so ``points`` and ``labels`` are bit-identical to the sample.
    Run as a script it plots them like the worksheet when matplotlib is importable.

    Parameters
    ----------
    components : sequence of K GaussianComponent
        As given to :func:`mixgen_core.sample_gaussian_mixture`.
    seed : int or sequence of int
        The seed of ``np.random.default_rng`` that drew the sample (see :func:`_seed_literal`).

    Returns
    -------
    str
        Python source, defining ``points`` (N, 2), ``labels`` (N,), ``x`` and ``y`` (N,).

    Raises
    ------
    ValueError
        For invalid components or a seed numpy would not reproduce.
    """
    components = check_components(components)
    return _GAUSSIAN_TEMPLATE.format(
        seed=_seed_literal(seed),
        means=_floats([c.mean for c in components]),
        covs=_floats([c.cov for c in components]),
        counts=repr([int(c.count) for c in components]),
        recipes=_sources(cholesky_2x2, mixture_points),
        colours=repr(list(COLOURS)),
    )


_TOPICS_TEMPLATE = '''"""Roll documents from a mixture of topics (dice with words), exactly as the mixgen app did.

Needs only numpy. For each word: roll for a topic, then roll that topic's die. The two
functions below are the ones the app ran, so the same seed and numpy version give the
very same documents as on screen.
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


{recipes}

rng = np.random.default_rng(seed)
# 1. each document's topic mix
if alpha is not None:
    mixing = rng.dirichlet(np.array(alpha), size=n_documents)
else:
    mixing = np.tile(topic_weights, (n_documents, 1))
# 2. a topic for every word: roll the document's topic die (its mix)
u = rng.random((n_documents, n_words))
topic_dice = cumulative(mixing)
topics = np.array([roll(topic_dice[d], u[d]) for d in range(n_documents)],
                  dtype=int).reshape(n_documents, n_words)
# 3. a side of that topic's die for every word
v = rng.random((n_documents, n_words))
sides = np.zeros((n_documents, n_words), dtype=int)
for k in range(K):
    sides[topics == k] = roll(cumulative(p[k]), v[topics == k])
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
    rng=np.random.default_rng(seed), concentration=concentration)``, checked by the same
    rules. The script follows the numpy recipe in that function's docstring, with the
    recipes :func:`~mixgen_core.recipes.cumulative` and :func:`~mixgen_core.recipes.roll`
    the core rolls with; the normalised topic weights, each weighted die's probabilities
    and the Dirichlet parameter are exact literals (computed here by the core), so
    ``documents`` (lists of words), ``topics`` (topic index of each word), ``sides`` and
    ``mixing`` are identical. Words and names are embedded only with ``repr``.

    Parameters
    ----------
    topics : sequence of K Topic
    n_documents, n_words : int
    topic_weights : sequence of float of shape (K,), optional
    concentration : float or sequence of float of shape (K,), optional
    seed : int or sequence of int
        The seed of ``np.random.default_rng`` that rolled the documents (see :func:`_seed_literal`).

    Returns
    -------
    str
        Python source, defining ``documents``, ``topics`` and ``sides`` (n_documents,
        n_words) and ``mixing`` (n_documents, K). Run as a script it prints the first
        five documents.

    Raises
    ------
    ValueError
        For invalid topics, weights, concentration, counts or seed.
    """
    topics = check_topics(topics)
    k = len(topics)
    w = check_topic_weights(topic_weights, k)
    alpha = dirichlet_parameter(topic_weights, concentration, k)
    n_documents, n_words = check_document_counts(n_documents, n_words)
    word_probs = "[" + ", ".join("None" if t.weights is None else _floats(t.probabilities) for t in topics) + "]"
    return _TOPICS_TEMPLATE.format(
        seed=_seed_literal(seed),
        names=repr([t.name for t in topics]),
        words=repr([list(t.words) for t in topics]),
        word_probs=word_probs,
        topic_weights=_floats(w),
        alpha="None" if alpha is None else _floats(alpha),
        n_documents=n_documents,
        n_words=n_words,
        recipes=_sources(cumulative, roll),
    )


_STANDARDISE_LINES = '''
# standardise: each column in standard deviations from its mean (as the app did)
points = (points - points.mean(axis=0)) / points.std(axis=0)
'''


def real_points_snippet(kind: str, x_column: str, y_column: str, group_column: str | None = None,
                        standardised: bool = False) -> str:
    """Python source that loads the same two columns of a real data set as the page shows.

    Parameters
    ----------
    kind : {"penguins", "faithful", "upload"}
        Palmer penguins (the ``palmerpenguins`` package), Old Faithful (``data/old_faithful.csv``
        shipped with the app) or the student's own CSV file (read with the csv module).
    x_column, y_column : str
        The columns on the axes (for an upload, user text: embedded only as ``repr``).
    group_column : str, optional
        The column of true groups (penguins: ``"species"``; an upload: the one chosen).
    standardised : bool
        Add the standardising line.

    Returns
    -------
    str
        Source defining ``points`` (N, 2) and, with groups, ``labels`` (N,) and ``group_names``.
    """
    x, y = repr(str(x_column)), repr(str(y_column))
    std = _STANDARDISE_LINES if standardised else ""
    if kind == "penguins":
        body = f'''"""The Palmer penguins, two measurements as points, species as the truth (as in the mixgen app).

Needs: pip install palmerpenguins numpy
"""
import numpy as np
from palmerpenguins import load_penguins

penguins = load_penguins().dropna(subset=[{x}, {y}])  # the app leaves out rows with a missing value
points = penguins[[{x}, {y}]].to_numpy(dtype=float)
group_names = ["Adelie", "Gentoo", "Chinstrap"]
labels = np.array([group_names.index(s) for s in penguins["species"]])
{std}'''
    elif kind == "faithful":
        body = f'''"""Old Faithful: eruption length against waiting time, 272 eruptions (as in the mixgen app).

The CSV is data/old_faithful.csv in the app's repository (R's datasets::faithful). Nobody
labelled the eruptions, so there are no true groups.
"""
import numpy as np

points = np.loadtxt("old_faithful.csv", delimiter=",", skiprows=1)  # columns: eruptions, waiting
{std}'''
    elif kind == "upload":
        group = "" if group_column is None else f'''
group = {repr(str(group_column))}
rows = [r for r in rows if r[group].strip() not in missing]
group_names = list(dict.fromkeys(r[group].strip() for r in rows))  # first-seen order, as the app
labels = np.array([group_names.index(r[group].strip()) for r in rows])'''
        body = f'''"""Two columns of your own CSV file as points (as in the mixgen app).

Put your file's name below. If your file is separated by semicolons, add delimiter=";" to DictReader.
"""
import csv

import numpy as np

file_name = "your_file.csv"
x_column, y_column = {x}, {y}
missing = {{"", "NA", "N/A"}}  # cells the app counts as missing: those rows are left out
with open(file_name, newline="", encoding="utf-8-sig") as f:
    rows = [r for r in csv.DictReader(f)
            if r[x_column].strip() not in missing and r[y_column].strip() not in missing]{group}
points = np.array([(float(r[x_column]), float(r[y_column])) for r in rows])
{std}'''
    else:
        raise ValueError(f"There is no snippet for data {kind!r:.40}.")
    return body.rstrip() + "\n"
