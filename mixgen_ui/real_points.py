"""The points on the Gaussian page, whatever made them: the Gaussians in the sidebar, or real data
(Palmer penguins, Old Faithful, the student's own CSV file).

:class:`PointsOnPage` is what the page's sections work on: the points, the true group of each
(or None when nobody knows), a Gaussian per true group (the generated ones, or each group's own
mean and covariance), names, axis titles, and where the data come from.

An uploaded file is read in memory (:mod:`mixgen_ui.uploads`) and kept in session state for
this session only (one file at a time, replaced by the next, dropped when the uploader is
emptied); its column choices are plain session state, never in the URL.

The first half holds pure helpers (tested without a running app); the second half the
sections the page shows.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from html import escape
from typing import Sequence

import numpy as np
import streamlit as st

from mixgen_core import GaussianComponent, GaussianSample

from .datasets import PENGUIN_COLUMNS, WHY_STANDARDISE, RealPoints, old_faithful, penguins, standardise
from .export import csv_text_cell
from .gaussian_settings import DATA_SOURCES, GAUSSIANS as G
from .palette import component_name
from .text import md_escape
from .uploads import MAX_UPLOAD_BYTES, UploadedTable, points_from_table, read_points_csv
from .widgets import show

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
        """How many true groups there are (0 when nobody knows)."""
        return len(self.names) if self.has_truth else 0

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
        return np.array([self.points[self.labels == g].mean(axis=0) for g in range(self.k_true)])


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


# --------------------------------------------------------------------------- sections
def data_choice(hidden: bool) -> str:
    """The "Data" menu (in the sidebar); on a challenge link the generated points, always."""
    if hidden:
        return GENERATED
    return show(st, G["g_data"], on_change=forget_starts)


def forget_starts() -> None:
    """Other data: the typed starting means (in the old data's units) go, from the session and the
    link, so the boxes start again from a poor guess near the new points; the replay starts at 0; the
    number of Gaussians to fit starts again from the new data's own default (2 for Old Faithful's
    two kinds of eruption, the number of true groups where there are some)."""
    st.session_state.pop("g_fit_k", None)
    for key in [k for k in st.session_state if str(k).startswith("g_start_")]:
        del st.session_state[key]
    for key in [k for k in st.query_params if k.startswith("g_start_")]:
        del st.query_params[key]
    st.session_state["g_fit_iter"] = 0


def real_settings(kind: str) -> PointsOnPage | None:
    """The sidebar of a real data set (penguins' axes, standardising), and its points; None while
    an upload is awaited or has a problem (the main area says what)."""
    if kind == PENGUINS:
        st.caption("Species are the truth: three species, each a cloud of its own?")
        x_col = show(st, G["g_px"], format_func=PENGUIN_COLUMNS.get)
        y_col = show(st, G["g_py"], format_func=PENGUIN_COLUMNS.get)
    standardised = show(st, G["g_std"])
    st.caption(WHY_STANDARDISE)
    if kind == PENGUINS:
        try:
            return from_real(penguins(x_col, y_col), kind, standardised)
        except ValueError as err:
            st.error(md_escape(str(err)))
            return None
    if kind == FAITHFUL:
        return from_real(old_faithful(), kind, standardised)
    return _uploaded(standardised)


def _uploaded(standardised: bool) -> PointsOnPage | None:
    """Points from the table of the file uploaded in the main area (see :func:`upload_section`)."""
    held = st.session_state.get(UPLOAD_STATE)
    if not held or not isinstance(held[1], UploadedTable):
        return None
    digest, table = held
    x0, y0, g0 = picker_defaults(table)
    numeric = list(table.numeric_columns)
    x_col = st.selectbox("Your points: x axis", numeric, index=numeric.index(x0), key=f"_g_up_x_{digest}")
    y_col = st.selectbox("Your points: y axis", numeric, index=numeric.index(y0), key=f"_g_up_y_{digest}")
    groups = [NO_GROUP, *table.columns]
    group = st.selectbox("Group column (the truth, if you know it)", groups, index=groups.index(g0),
                         key=f"_g_up_g_{digest}",
                         help="A column naming each point's group (a species, a class). Leave it out if "
                              "nobody knows the groups.")
    try:
        real = points_from_table(table, x_col, y_col, None if group == NO_GROUP else group)
    except ValueError as err:
        st.session_state["_g_upload_problem"] = str(err)
        return None
    st.session_state["_g_upload_problem"] = None
    return from_real(real, UPLOAD, standardised)


def upload_section() -> None:
    """The file uploader and any problem with the file; keeps the parsed table in session state
    (this session only, one file at a time, never on disk or in the URL)."""
    st.markdown("**Your own points**: a CSV file with a header row and at least two columns of numbers "
                "(and, if you know them, a column naming each point's group).")
    uploaded = st.file_uploader("Upload a CSV file", type=["csv", "txt"], key="_g_upload",
                                max_upload_size=max(1, MAX_UPLOAD_BYTES // (1024 * 1024)),
                                help="Read in memory for this visit only: never stored, never in the link.")
    if uploaded is None:
        st.session_state.pop(UPLOAD_STATE, None)
        st.session_state.pop("_g_upload_problem", None)
        st.info("Upload a CSV file to see your points. Opened from a link? Links never carry uploaded data, "
                "so upload the file again.")
        return
    digest = upload_digest(uploaded.file_id)
    held = st.session_state.get(UPLOAD_STATE)
    if not held or held[0] != digest:
        try:
            table: UploadedTable | str = read_points_csv(uploaded.getvalue())
        except ValueError as err:
            table = str(err)
        st.session_state[UPLOAD_STATE] = (digest, table)
        held = st.session_state[UPLOAD_STATE]
    if isinstance(held[1], str):
        st.error(md_escape(f"This file can't be used: {held[1]}"))


def upload_problem() -> None:
    """A problem with the chosen columns of the uploaded file (found while reading the sidebar)."""
    problem = st.session_state.get("_g_upload_problem")
    if problem:
        st.error(md_escape(f"These columns can't be used: {problem}"))


def about_the_data(data: PointsOnPage) -> None:
    """Where the data come from, rows dropped, and what is known about the groups."""
    if data.generated:
        return
    parts = [md_escape(data.source)]
    if data.licence:
        parts.append(f"Licence: {md_escape(data.licence)}.")
    st.caption(" ".join(parts))
    if data.dropped:
        st.caption(f"{len(data.points):,} points: {data.dropped:,} row{'s' if data.dropped != 1 else ''} with a "
                   "missing value left out.")
    if not data.has_truth:
        st.info(f"**{NOBODY_KNOWS}** There is no true colouring to switch on, no true ellipses and no "
                "agreement to score: only the points, and what EM makes of them.")


def groups_legend(data: PointsOnPage) -> None:
    """The true groups' names in words (escaped: an uploaded file's values are user text)."""
    if data.has_truth and not data.generated:
        st.html('<div style="font-size:0.9em">True groups: '
                + ", ".join(f"{escape(name)} ({int((data.labels == g).sum()):,})"
                            for g, name in enumerate(data.names)) + "</div>")


def snippet_arguments(data: PointsOnPage) -> tuple[str, str, str, str | None, bool]:
    """Arguments of :func:`mixgen_ui.snippets.real_points_snippet` for these points: the columns
    the page read (penguins' keys, Old Faithful's, the uploaded file's chosen ones)."""
    if data.kind == PENGUINS:
        state = st.session_state
        return ("penguins", state.get("g_px", G["g_px"].default), state.get("g_py", G["g_py"].default),
                "species", data.standardised)
    if data.kind == FAITHFUL:
        return "faithful", "eruptions", "waiting", None, data.standardised
    held = st.session_state.get(UPLOAD_STATE)
    digest = held[0] if held else ""
    group = st.session_state.get(f"_g_up_g_{digest}")
    return ("upload", st.session_state.get(f"_g_up_x_{digest}", "x"), st.session_state.get(f"_g_up_y_{digest}", "y"),
            None if group in (None, NO_GROUP) else group, data.standardised)
