"""Hard clustering of 2-D points with k-means (Lloyd's algorithm): EM's "hard" cousin.

k-means looks for ``K`` centres such that the points are close to their nearest centre: it
minimises the *inertia*, the sum over the points of the squared distance to the nearest
centre. Lloyd's algorithm alternates two steps:

* **assign**: every point joins the cluster of its nearest centre (the first on ties);
* **update**: every centre moves to the mean of its cluster's points.

Neither step can raise the inertia, so it never increases; once no point changes its
cluster the centres stop moving and Lloyd has converged (to a local best). Compared with
EM for Gaussians, each point belongs to one cluster only, and every cluster is a round
cloud of the same size: k-means fails where the true clouds are elongated or of very
different sizes, and EM does not.

Refinement: point moves
-----------------------
Lloyd stops at *any* clustering in which every point is nearest its own cluster's mean.
Where clouds overlap there are many such local bests, of nearly equal inertia, and which
one a start leads to is luck. Moving a point x from its cluster a (``n_a`` points, mean
``c_a``) to cluster b moves both means too, and lowers the inertia by exactly::

    n_a / (n_a - 1) * |x - c_a|^2  -  n_b / (n_b + 1) * |x - c_b|^2

which can be positive although x is nearer ``c_a`` (Hartigan's rule). So once Lloyd has
converged, a refinement round (a ``"move"`` step of the history) moves points one after
another, each time the move that lowers the inertia most given the moves before it, on
through a few moves that raise it if a bigger fall follows (Kernighan and Lin's
variable-depth search), and keeps the run of moves that lowers the inertia most; the
centres go to the means of the clusters so changed, and Lloyd runs again. This repeats
until no round helps: the fit ends at a Lloyd fixed point from which no single move helps
either (every Hartigan optimum is a Lloyd fixed point, not the other way round), and the
inertia never goes up on the way.

Numerical design
----------------
* Points are standardised as in :mod:`~mixgen_core.gmm` (centred, divided by a power of
  two: exact), so huge or tiny coordinates neither overflow nor underflow; inertias are
  reported in the data's units.
* Squared distances are computed from coordinate differences (never by expanding
  ``|x|^2 - 2 x.c + |c|^2``, which cancels), so the assignment is exact and the inertia
  provably never increases along the history.
* A cluster left empty by the assignment has no mean. Its centre moves, deterministically,
  to the point farthest from its own centre (several empty clusters: one after another,
  each time the farthest point from all centres chosen so far). That point then costs
  nothing, so the inertia still does not increase.
* A state's labels follow from its centres (the assignment step), so the history stores
  the centres and inertia of each state and computes its labels when asked: a fit of a
  million points keeps no million labels per iteration. After a ``"move"`` step too: its
  centres are the means of the moved clusters, and its labels each point's nearest of them
  (which can only lower the inertia further).
* Move gains come from the clusters' sums and sizes, updated move by move, so the running
  total of a chain is the exact change of the inertia up to rounding; a round is kept only
  if the inertia then recomputed from the points is lower, so rounding can neither raise
  the inertia nor make the refinement go round in circles. A round looks at the
  ``_MOVE_POOL`` points whose moves cost least and makes at most ``_MOVE_CHAIN`` moves:
  its cost does not grow with the number of points (beyond one pass like an assignment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ._checks import as_finite_array, check_count, check_rng, quoted
from .centres import Frame, check_init, check_points, kmeans_plus_plus, nearest_centre, random_points, standardised_means
from .limits import MAX_COMPONENTS, MAX_INIT, MAX_KMEANS_ITER
from .restarts import keep_best


def _assign(z: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each standardised point's (``z``, (3, N)) nearest centre (K, 2) and its squared distance."""
    return nearest_centre(z[0], z[1], centres)


@dataclass(frozen=True)
class _Points:
    """The standardised points a fit's states share, to compute their labels on request."""

    z: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class KMeansState:
    """One state of a k-means fit: what the history records after each step.

    Attributes
    ----------
    centres : array of shape (K, 2)
        The cluster centres.
    inertia : float
        Sum over the points of the squared distance to their nearest centre.
    step : {"start", "lloyd", "move"}
        The step that made this state. ``"start"``: the starting centres. ``"lloyd"``: one
        Lloyd iteration from the previous state (update: each centre to its cluster's mean;
        then assign). ``"move"``: a refinement round from the previous state, which is a
        Lloyd fixed point (Lloyd has converged): ``moved`` of its points were moved, one
        after another, each to the other cluster where, given the moves before it, it
        lowers the inertia most (or raises it least, if a bigger fall follows); together
        they lower it. The centres are the means of the clusters so changed (then assign),
        so this state's inertia is strictly below the previous one's.
    moved : int
        Points moved to another cluster by a ``"move"`` step; 0 for the other steps.
    labels : int array of shape (N,)
        Each point's cluster: its nearest centre (the first on ties). Computed from the
        centres when first asked for. After a ``"move"`` step these are usually the moved
        clusters themselves; where a point is nearer another of the new centres it is
        counted there (which only lowers the inertia), and Lloyd goes on from there.
    """

    centres: np.ndarray
    inertia: float
    step: str
    moved: int
    _points: _Points = field(repr=False, compare=False)
    _frame: Frame = field(repr=False, compare=False)

    @cached_property
    def labels(self) -> np.ndarray:
        z_centres = (self.centres - self._frame.center) / self._frame.scale
        labels = _assign(self._points.z, z_centres)[0]
        labels.flags.writeable = False
        return labels

    @property
    def n_clusters(self) -> int:
        return int(self.centres.shape[0])


@dataclass(frozen=True)
class KMeansFit:
    """Result of :func:`fit_kmeans`.

    Attributes
    ----------
    centres : array of shape (K, 2)
        Final centres: each the mean of its cluster's points once converged.
    labels : int array of shape (N,)
        Each point's cluster under the final centres.
    inertia : float
        Final sum of squared distances of the points to their centres (lower is better).
    n_iter : int
        Steps run in the best restart: Lloyd iterations (update then assign) and refinement
        rounds (point moves), see :attr:`KMeansState.step`.
    converged : bool
        True if the fit stopped before ``max_iter`` steps: no point changed its cluster and
        (with ``refine``) no refinement round lowers the inertia (in particular moving no
        single point to another cluster does); or the centres moved less than ``tol``
        allows.
    history : tuple of KMeansState, length n_iter + 1
        ``history[0]`` is the start (the initial centres and the points' nearest of them),
        ``history[i]`` the state after step ``i`` (``history[i].step`` says which kind).
    inertias : array of shape (n_iter + 1,)
        ``inertias[i]`` is ``history[i].inertia``: never increases, and every ``"move"``
        step lowers it.
    restart_inertias : array of shape (n_init,)
        Final inertia of each restart; the fit is the restart with the lowest.
    """

    centres: np.ndarray
    labels: np.ndarray
    inertia: float
    n_iter: int
    converged: bool
    history: tuple[KMeansState, ...]
    inertias: np.ndarray
    restart_inertias: np.ndarray

    @property
    def n_clusters(self) -> int:
        return int(self.centres.shape[0])


def _update(z: np.ndarray, labels: np.ndarray, dist2: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Lloyd's update: each centre to its cluster's mean; an empty cluster's centre to the
    point farthest from its own centre (one empty cluster after another)."""
    k = len(centres)
    count = np.bincount(labels, minlength=k).astype(float)
    new = np.empty_like(centres)
    full = count > 0
    for axis in (0, 1):
        total = np.bincount(labels, z[axis], minlength=k)
        new[:, axis] = np.divide(total, count, out=centres[:, axis].copy(), where=full)
    empty = np.flatnonzero(~full)
    if empty.size:
        far = dist2.copy()
        for j in empty:
            i = int(np.argmax(far))  # distance > 0: the points sit at K or more places
            new[j] = z[:2, i]
            np.minimum(far, (z[0] - z[0, i]) ** 2 + (z[1] - z[1, i]) ** 2, out=far)
    return new


def _move_gains(
    z: np.ndarray, labels: np.ndarray, dist2: np.ndarray, centres: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """How much moving each point alone to its best other cluster would lower the inertia.

    ``centres`` (K, 2) are the means of the clusters ``labels`` (N,), ``count`` (K,) their
    sizes (all positive), ``dist2`` (N,) each point's squared distance to its own centre.
    Taking point x out of cluster a (size n_a) lowers a's sum of squares by
    ``n_a / (n_a - 1) |x - c_a|^2``; putting it into b raises b's by ``n_b / (n_b + 1)
    |x - c_b|^2``. Returns (N,) the first minus the smallest second over b != a (positive:
    the move helps, negative: what it would cost); a point alone in its cluster gets 0
    minus that (never positive). K passes over the points, as in :func:`_assign`.
    """
    x, y = z[0], z[1]
    n = count.astype(float)
    add = np.full(x.size, np.inf)
    d = np.empty_like(add)
    tmp = np.empty_like(add)
    mine = np.empty(x.size, dtype=bool)
    for j in range(len(centres)):
        np.subtract(x, centres[j, 0], out=d)
        np.square(d, out=d)
        d += np.square(np.subtract(y, centres[j, 1], out=tmp), out=tmp)
        d *= n[j] / (n[j] + 1)
        np.equal(labels, j, out=mine)
        d[mine] = np.inf
        np.minimum(add, d, out=add)
    keep = np.divide(n, n - 1, out=np.zeros_like(n), where=n > 1)  # 0: a point alone stays
    return dist2 * keep[labels] - add


#: A refinement round considers at most this many points: those whose move would cost least.
_MOVE_POOL = 128
#: ... moves at most this many of them, one after another ...
_MOVE_CHAIN = 64
#: ... and stops once this many moves in a row have not made the chain's best so far.
_MOVE_PATIENCE = 16
#: A round must lower the inertia by more than this fraction of it: rounding alone moves nothing.
_MOVE_REL_GAIN = 1e-12


def _moves(z: np.ndarray, labels: np.ndarray, dist2: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, int]:
    """One refinement round from a Lloyd fixed point: a chain of single-point moves.

    ``labels`` (N,) are the clusters, ``centres`` (K, 2) their means, ``dist2`` (N,) each
    point's squared distance to its own centre. The round takes the ``_MOVE_POOL`` points
    whose move would lower the inertia most (or raise it least, :func:`_move_gains`) and
    moves them one after another, each time the move that lowers the inertia most given
    the moves before it (even if it raises it: Kernighan and Lin's variable-depth search),
    each point once, never emptying a cluster. The gains are exact for the clusters as the
    earlier moves left them (kept as sums and sizes), so their running total is the change
    of the inertia; the start of the chain with the lowest total is kept, if it lowers the
    inertia. Its first moves, while each helps, are Hartigan's. Returns the new labels (N,)
    and the number of points moved (0: no chain helps; in particular no single move helps).
    """
    k = len(centres)
    count = np.bincount(labels, minlength=k)
    if k < 2 or count.min() == 0:
        return labels, 0
    gains = _move_gains(z, labels, dist2, centres, count)
    n = len(gains)
    p = min(n, _MOVE_POOL)
    pool = np.argpartition(-gains, p - 1)[:p] if p < n else np.arange(n)
    pool = pool[np.argsort(-gains[pool], kind="stable")]
    px, py = z[0, pool], z[1, pool]
    lab = labels[pool]
    sizes = count.tolist()
    sums_x = np.bincount(labels, z[0], minlength=k).tolist()
    sums_y = np.bincount(labels, z[1], minlength=k).tolist()
    cnt = count.astype(float)
    into = cnt / (cnt + 1)  # putting a point x into cluster b costs into[b] * |x - c_b|^2
    out = cnt / np.maximum(cnt - 1, 1)  # taking it out of a saves out[a] * |x - c_a|^2 ...
    alone = np.where(cnt > 1, 0.0, -np.inf)  # ... unless it is alone there: -inf
    # dd[j, r]: squared distance from pool point r to the mean of cluster j, kept up to date
    dd = np.empty((k, p))
    for j in range(k):
        dd[j] = np.square(px - sums_x[j] / sizes[j]) + np.square(py - sums_y[j] / sizes[j])
    rows = np.arange(p)
    barred = np.zeros((k, p))  # -inf: a point's own cluster, and every cluster once it has moved
    barred[lab, rows] = -np.inf
    gain = np.empty((k, p))
    tmp = np.empty(p)
    total, best_total, best_len = 0.0, _MOVE_REL_GAIN * float(dist2.sum()), 0
    chain = []
    for step in range(min(p, _MOVE_CHAIN)):
        saved = dd[lab, rows]
        saved *= out[lab]
        saved += alone[lab]
        np.multiply(dd, into[:, None], out=gain)
        np.subtract(saved, gain, out=gain)
        gain += barred
        best = int(np.argmax(gain))
        g = float(gain.flat[best])
        if g == -np.inf:
            break
        b, r = divmod(best, p)
        a = int(lab[r])
        x, y = float(px[r]), float(py[r])
        sums_x[a] -= x
        sums_y[a] -= y
        sizes[a] -= 1
        sums_x[b] += x
        sums_y[b] += y
        sizes[b] += 1
        for j in (a, b):
            into[j] = sizes[j] / (sizes[j] + 1)
            out[j] = sizes[j] / max(sizes[j] - 1, 1)
            alone[j] = 0.0 if sizes[j] > 1 else -np.inf
            np.square(np.subtract(px, sums_x[j] / sizes[j], out=tmp), out=dd[j])
            dd[j] += np.square(np.subtract(py, sums_y[j] / sizes[j], out=tmp), out=tmp)
        lab[r] = b
        barred[:, r] = -np.inf
        chain.append((pool[r], b))
        total += g
        if total > best_total:
            best_total, best_len = total, step + 1
        elif step + 1 - best_len >= _MOVE_PATIENCE:
            break
    if best_len == 0:
        return labels, 0
    new = labels.copy()
    for i, b in chain[:best_len]:
        new[i] = b
    return new, best_len


@dataclass
class _Run:
    """One restart's history in standardised units: every state's centres, inertia, kind and
    points moved, whether it converged, and the final labels."""

    centres: list[np.ndarray]
    inertias: list[float]
    steps: list[str]
    moved: list[int]
    converged: bool = False
    labels: np.ndarray | None = None

    def add(self, centres: np.ndarray, inertia: float, step: str, moved: int = 0) -> None:
        self.centres.append(centres)
        self.inertias.append(inertia)
        self.steps.append(step)
        self.moved.append(moved)


def _restart(z: np.ndarray, centres: np.ndarray, max_iter: int, shift_tol: float, refine: bool) -> _Run:
    """One restart from standardised ``centres`` (K, 2): Lloyd's algorithm until no point
    changes its cluster, then (``refine``) a refinement round (:func:`_moves`), Lloyd again,
    and so on until no round helps; at most ``max_iter`` steps in all. A Lloyd iteration
    whose centres move, in all, ``shift_tol`` or less (squared, standardised) ends it too."""
    labels, dist2 = _assign(z, centres)
    run = _Run([centres], [float(dist2.sum())], ["start"], [0])
    stable = False  # the centres are the means of the clusters `labels` (a Lloyd fixed point)
    while True:
        if stable:
            if not refine:
                run.converged = True
                break
            moved_labels, n_moved = _moves(z, labels, dist2, centres)
            if n_moved == 0:
                run.converged = True
                break
        if len(run.centres) > max_iter:
            break
        if stable:
            new = _update(z, moved_labels, dist2, centres)  # the moved clusters' means: none empty
            new_labels, new_dist2 = _assign(z, new)
            inertia = float(new_dist2.sum())
            if not inertia < run.inertias[-1]:  # rounding ate the gain: nothing to gain after all
                run.converged = True
                break
            run.add(new, inertia, "move", n_moved)
            # nobody nearer another mean: the moved clusters are a Lloyd fixed point already
            stable = np.array_equal(new_labels, moved_labels)
        else:
            new = _update(z, labels, dist2, centres)
            new_labels, new_dist2 = _assign(z, new)
            run.add(new, float(new_dist2.sum()), "lloyd")
            stable = np.array_equal(new_labels, labels)
            if not stable and float(((new - centres) ** 2).sum()) <= shift_tol:
                centres, labels, dist2 = new, new_labels, new_dist2
                run.converged = True  # the centres hardly moved: stop as asked (tol), unrefined
                break
        centres, labels, dist2 = new, new_labels, new_dist2
    run.labels = labels
    return run


def fit_kmeans(
    points: np.ndarray,
    n_clusters: int,
    rng: np.random.Generator,
    init: str | np.ndarray = "k-means++",
    *,
    n_init: int = 1,
    max_iter: int = 300,
    tol: float = 0.0,
    refine: bool = True,
) -> KMeansFit:
    """Cluster ``points`` into ``n_clusters`` groups around centres by k-means (Lloyd's algorithm,
    refined by point moves).

    Parameters
    ----------
    points : array of shape (N, 2)
        At most ``MAX_POINTS`` finite points, sitting at ``n_clusters`` or more places.
    n_clusters : int
        K, between 1 and ``MAX_COMPONENTS``.
    rng : numpy.random.Generator
        Seeds the starting centres: the same seed gives the same fit.
    init : {"k-means++", "random"} or array of shape (K, 2), default "k-means++"
        Where the centres start. ``"k-means++"``: spread out over the points (greedy
        k-means++ as in scikit-learn: each next centre the best of a few points drawn with
        probability proportional to their squared distance from the centres so far).
        ``"random"``: K random points at different places. An array: these K different
        centres, one row (x, y) per cluster (then ``n_init`` must be 1).
    n_init : int, default 1
        Restarts from different starts, 1 to ``MAX_INIT``; the one with the lowest final
        inertia is kept.
    max_iter : int, default 300
        Most steps per restart (Lloyd iterations and refinement rounds), 1 to
        ``MAX_KMEANS_ITER``.
    tol : float, default 0
        Also stop when a Lloyd iteration moves the centres, in all, less than ``tol`` times
        the points' mean variance (sum of squared moves; scikit-learn's rule), unrefined.
        With 0 a restart runs until no point changes its cluster (or ``max_iter``).
    refine : bool, default True
        Once Lloyd's algorithm has converged, move points to other clusters where that
        lowers the inertia (a ``"move"`` step), run Lloyd again, and so on until no move
        helps. Moving x from cluster a (``n_a`` points, mean ``c_a``) to b lowers the
        inertia if ``n_b / (n_b + 1) |x - c_b|^2 < n_a / (n_a - 1) |x - c_a|^2`` (Hartigan's
        rule), which can hold although x is nearer ``c_a``. A round moves points one after
        another, each time the best move given the moves before it, on through a few
        uphill moves if a bigger fall follows, and keeps the best run of moves; never
        emptying a cluster. Lloyd alone stops at any clustering where every point is
        nearest its own cluster's mean: the moves leave the poorer of these, and the
        inertia only ever goes down. The first Lloyd steps are the same either way.
        False: plain Lloyd's algorithm.

    Returns
    -------
    KMeansFit
        Final centres (K, 2), labels (N,), inertia and the history of every state.

    Raises
    ------
    ValueError
        For invalid points or settings, with a sentence saying what to change.
    """
    points = check_points(points, fitting=False)
    k = check_count(n_clusters, "The number of clusters", minimum=1, maximum=MAX_COMPONENTS)
    rng = check_rng(rng)
    init = check_init(init, k, what="cluster", noun="centre")
    n_init = check_count(n_init, "n_init", minimum=1, maximum=MAX_INIT)
    max_iter = check_count(max_iter, "max_iter", minimum=1, maximum=MAX_KMEANS_ITER)
    tol = float(as_finite_array(tol, "tol", ()))
    if tol < 0:
        raise ValueError("tol must not be negative (use 0 to stop only when no point changes its cluster).")
    if not isinstance(refine, (bool, np.bool_)):
        raise ValueError(f"refine must be True or False, but got {quoted(refine)}.")
    if isinstance(init, np.ndarray) and n_init != 1:
        raise ValueError("With starting centres given in init, n_init must be 1: every restart would be the same.")

    frame = Frame.of(points)
    z = frame.standardise(points)
    shift_tol = tol * float(np.var(z[:2], axis=1).mean())

    def restart() -> _Run:
        if isinstance(init, np.ndarray):
            start = standardised_means(frame, init, noun="centre")
        elif init == "random":
            start = z[:2, random_points(z, k, rng)].T.copy()
        else:  # greedy k-means++, as scikit-learn's: the best of 2 + log K draws for each centre
            start = z[:2, kmeans_plus_plus(z, k, rng, trials=2 + int(np.log(k)), what="cluster")].T.copy()
        return _restart(z, start, max_iter, shift_tol, bool(refine))

    best, scores = keep_best((restart() for _ in range(n_init)), lambda run: -run.inertias[-1])
    finals = [-score for score in scores]
    scale2 = frame.scale * frame.scale  # a power of two: exact
    shared = _Points(z)
    history = tuple(
        KMeansState(
            centres=c * frame.scale + frame.center, inertia=i * scale2, step=s, moved=m, _points=shared, _frame=frame
        )
        for c, i, s, m in zip(best.centres, best.inertias, best.steps, best.moved)
    )
    final = history[-1]
    labels = best.labels
    final.__dict__["labels"] = labels  # already computed: fill the cache
    labels.flags.writeable = False
    return KMeansFit(
        centres=final.centres,
        labels=labels,
        inertia=final.inertia,
        n_iter=len(history) - 1,
        converged=best.converged,
        history=history,
        inertias=np.array(best.inertias) * scale2,
        restart_inertias=np.array(finals) * scale2,
    )
