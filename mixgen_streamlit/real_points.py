"""The Gaussian page's data sections: the data menu, a real data set's sidebar, the upload, and what is
known about the data. The points they make are :class:`mixgen_ui.real_points.PointsOnPage`."""

from __future__ import annotations

from html import escape

import streamlit as st

from mixgen_ui.datasets import PENGUIN_COLUMNS, WHY_STANDARDISE
from mixgen_ui.gaussian_settings import GAUSSIANS as G
from mixgen_ui.real_points import (
    FAITHFUL,
    GENERATED,
    NO_GROUP,
    NOBODY_KNOWS,
    PENGUINS,
    UPLOAD,
    UPLOAD_STATE,
    PointsOnPage,
    from_real,
    picker_defaults,
    upload_digest,
)
from mixgen_ui.text import md_escape
from mixgen_ui.uploads import MAX_UPLOAD_BYTES, UploadedTable, points_from_table, read_points_csv

from .datasets import old_faithful, penguins
from .widgets import show


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
