"""The points on the Gaussian page, whatever made them: the Gaussians in the sidebar, or real data
(Palmer penguins, Old Faithful, the student's own CSV file).

:class:`PointsOnPage` is what the page's sections work on: the points, the true group of each
(or None when nobody knows), a Gaussian per true group (the generated ones, or each group's own
mean and covariance), names, axis titles, and where the data come from.

An uploaded file is read in memory (:mod:`mixgen_ui.uploads`) and kept in session state for
this session only (one file at a time, replaced by the next, dropped when the uploader is
emptied); its column choices are plain session state, never in the URL.

:class:`FitOnPage` is what the sections of EM's fit share (:mod:`mixgen_streamlit.em_fit`).
The sections that read and show the data are in :mod:`mixgen_streamlit.real_points`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mixgen_core import FitComparison, GaussianComponent, GaussianSample, GMMFit, GMMParams

from .datasets import RealPoints, standardise
from .export import csv_text_cell
from .gaussian_settings import DATA_SOURCES
from .palette import component_name
from .uploads import UploadedTable

GENERATED, PENGUINS, FAITHFUL, UPLOAD = DATA_SOURCES
#: Session-state key of the one uploaded table this session keeps: ``(file id, table or error text)``.
UPLOAD_STATE = "_g_upload_table"
NO_GROUP = "(no group column)"
NOBODY_KNOWS = "Nobody knows the true groups: reasoning back is all there is."


@dataclass(frozen=True)
class PointsOnPage:
    """The points the page shows and fits.

    Attributes
    ----------
    points : float array of shape (N, 2)
    labels : int array of shape (N,), or None when nobody knows the true groups
    truth : list of GaussianComponent, or None
        One per true group: the generated Gaussians, or each group's own mean and covariance
        (its ``count`` the group's size). None without labels, or when a group's numbers are
        too large to describe (then only the agreement, not the ellipses, is shown).
    names : tuple of str
        What each true group is called ("Gaussian 1", "Adelie", a value of the student's
        group column: user text, escape it).
    x_label, y_label : str
        Axis titles (user text for an uploaded file).
    kind : one of ``DATA_SOURCES``
    source, licence : str
        Where the data come from ("" for generated points).
    dropped : int
        Rows left out for a missing value.
    standardised : bool
    """

    points: np.ndarray
    labels: np.ndarray | None
    truth: list[GaussianComponent] | None
    names: tuple[str, ...]
    x_label: str = "x"
    y_label: str = "y"
    kind: str = GENERATED
    source: str = ""
    licence: str = ""
    dropped: int = 0
    standardised: bool = False

    @property
    def generated(self) -> bool:
        return self.kind == GENERATED

    @property
    def has_truth(self) -> bool:
        return self.labels is not None

    @property
    def k_true(self) -> int:
        """How many true groups the points fall in (0 when nobody knows): :func:`groups_drawn`."""
        return groups_drawn(self.labels) if self.labels is not None else 0

    @property
    def truth_legend(self) -> str:
        """The legend entry of the truth's ellipses: generated points have true Gaussians; real
        data have true groups only, each drawn as the Gaussian fitted to its points."""
        return "true Gaussians (2 sd)" if self.generated else "true groups (2 sd)"

    @property
    def axes(self) -> tuple[str, str, bool]:
        """Axis titles, and whether both axes share one scale: not for raw measurements in
        different units (a gram is not a millimetre), yes for generated or standardised points."""
        return self.x_label, self.y_label, self.generated or self.standardised

    @property
    def sample(self) -> GaussianSample:
        """The points as a :class:`GaussianSample` (labels all 0 when there are none)."""
        labels = self.labels if self.labels is not None else np.zeros(len(self.points), dtype=np.intp)
        return GaussianSample(points=self.points, labels=labels)

    def true_means(self) -> np.ndarray:
        """Each true group's mean (K_true, 2), from the truth or from the labelled points."""
        if self.truth is not None:
            return np.array([c.mean for c in self.truth])
        assert self.labels is not None
        return np.array([self.points[self.labels == g].mean(axis=0) for g in range(len(self.names))])


@dataclass(frozen=True)
class FitOnPage:
    """EM's fit to the points at the iteration shown, and how it was started.

    Attributes
    ----------
    data : PointsOnPage
    fit : GMMFit
        The whole run, every iteration in ``fit.history``.
    lls : list of float
        Mean log-likelihood after each iteration.
    it : int
        The iteration shown (0 is the start).
    seed, k : int
        The initial guess's seed, and how many Gaussians are fitted.
    init : str
        How EM starts (one of ``FIT_INITS``).
    own : tuple of (x, y), or None
        The student's own starting means, when they start EM.
    state : GMMParams
        The fit at iteration ``it``.
    resp : float array of shape (N, k)
        Each point's responsibilities under ``state``.
    cmp : FitComparison or None
        ``state`` against the truth; None when nobody knows it.
    """

    data: PointsOnPage
    fit: GMMFit
    lls: list[float]
    it: int
    seed: int
    k: int
    init: str
    own: tuple[tuple[float, float], ...] | None
    state: GMMParams
    resp: np.ndarray
    cmp: FitComparison | None


def groups_drawn(labels: np.ndarray) -> int:
    """How many true groups the points fall in: only the Gaussians that drew at least one point count.

    A Gaussian set to draw no point is in the settings but not among the points, and nothing on
    screen can show it; every count of the truth the page gives (the guess's check, BIC's chart,
    EM's number of Gaussians, the class board) is this one, so they all agree.
    """
    return int(np.unique(labels).size)


def generated_points(sample: GaussianSample, components: Sequence[GaussianComponent]) -> PointsOnPage:
    """The generated sample as the page's points (the truth is the Gaussians that drew them)."""
    return PointsOnPage(points=sample.points, labels=sample.labels, truth=list(components),
                        names=tuple(component_name(i) for i in range(len(components))))


def group_gaussians(points: np.ndarray, labels: np.ndarray, k: int) -> list[GaussianComponent] | None:
    """Each group's mean and covariance (population, ``ddof=0``) as a Gaussian; None when a group's
    numbers are too large for a :class:`GaussianComponent` (more than a million)."""
    out = []
    for g in range(k):
        own = points[labels == g]
        if not len(own):
            return None
        centred = own - own.mean(axis=0)
        cov = centred.T @ centred / len(own)
        try:
            out.append(GaussianComponent(own.mean(axis=0), cov, len(own)))
        except ValueError:
            return None
    return out


def from_real(real: RealPoints, kind: str, standardised: bool) -> PointsOnPage:
    """A real data set as the page's points, standardised when asked (axis titles say so)."""
    points, x_label, y_label = real.points, real.x_label, real.y_label
    if standardised and len(points):
        points = standardise(points)[0]
        x_label, y_label = f"{x_label} (standardised)", f"{y_label} (standardised)"
    labels = None if real.labels is None else np.asarray(real.labels)
    names = tuple(real.group_names) if labels is not None else ()
    truth = None if labels is None else group_gaussians(points, labels, len(names))
    return PointsOnPage(points=np.asarray(points, dtype=float), labels=labels, truth=truth, names=names,
                        x_label=x_label, y_label=y_label, kind=kind, source=real.source, licence=real.licence,
                        dropped=real.dropped, standardised=standardised)


def default_fit_k(data: PointsOnPage) -> int:
    """How many Gaussians EM looks for at first: the true number, or 2 when nobody knows."""
    return data.k_true or 2


def real_points_csv(data: PointsOnPage, fitted_labels: np.ndarray | None = None,
                    fitted_numbers: np.ndarray | None = None) -> str:
    """Real data as CSV: first lines ``# source: ...``, ``# licence: ...``, then a header
    ``x, y`` named by the axis titles, the group (if any) and EM's fitted component (if given).

    Every text cell (axis titles, group names: user text for an uploaded file) goes through
    :func:`~mixgen_ui.export.csv_text_cell`, so a spreadsheet runs no formula. Floats are
    written exactly (``repr``)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([f"# source: {data.source}"])
    writer.writerow([f"# licence: {data.licence or 'your own data'}"
                     + ("; standardised: each column in standard deviations from its mean" if data.standardised
                        else "")])
    header = [csv_text_cell(data.x_label), csv_text_cell(data.y_label)]
    if data.has_truth:
        header.append("group")
    if fitted_labels is not None:
        header.append("fitted_component")
    writer.writerow(header)
    if fitted_labels is not None:
        fitted_labels = np.asarray(fitted_labels)
        k = int(np.max(fitted_labels, initial=-1)) + 1
        numbers = np.arange(1, k + 1) if fitted_numbers is None else np.asarray(fitted_numbers)
    for n, (x, y) in enumerate(data.points.tolist()):
        row = [repr(float(x)), repr(float(y))]
        if data.has_truth:
            row.append(csv_text_cell(data.names[int(data.labels[n])]))
        if fitted_labels is not None:
            row.append(str(int(numbers[int(fitted_labels[n])])))
        writer.writerow(row)
    return buffer.getvalue()


def upload_digest(file_id: str) -> str:
    """A short, stable digest of an upload's id: keys the column pickers of that file."""
    return hashlib.blake2b(str(file_id).encode(), digest_size=6).hexdigest()


def picker_defaults(table: UploadedTable) -> tuple[str, str, str]:
    """First guesses at x, y and the group column: the first two number columns, and the first
    column that does not hold numbers (or none)."""
    x, y = table.numeric_columns[:2]
    text = [c for c in table.columns if c not in table.numeric_columns]
    return x, y, text[0] if text else NO_GROUP
