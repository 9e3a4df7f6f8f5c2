"""Charts on a page: each figure built once per distinct input, then shared by every run and session.

A rerun that changes nothing on a chart (a click elsewhere, the teacher's whole class opening the
same link) used to build the figure again, and ``st.plotly_chart`` then deep-copied it and walked
every value to encode its arrays (``go.Figure.to_dict``): on the Gibbs tab that was a third of the
run. :func:`show_chart` keeps the finished JSON dict in a bounded cache keyed by the figure
function and its arguments, and hands Streamlit a figure whose ``to_dict`` is that dict.
"""

from __future__ import annotations

from typing import Any, Callable

import plotly.graph_objects as go
import streamlit as st

#: Figures kept: a figure of the most points allowed is about 2 MB, so at most ~100 MB.
MAX_FIGURES = 48


class FigureSpec(go.Figure):
    """A figure already in plotly's JSON form (``go.Figure.to_dict()``'s output).

    ``st.plotly_chart`` accepts any plotly figure and asks it for ``to_dict()``; this one answers
    with the stored dict instead of copying and converting again. It carries nothing else: only
    :func:`show_chart` makes one, to hand straight to Streamlit.
    """

    def __init__(self, spec: dict[str, Any]) -> None:  # no plotly state on purpose: see the class docstring
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict[str, Any]:
        return self._spec

    def __repr__(self) -> str:
        return f"FigureSpec({len(self._spec.get('data', []))} traces)"


@st.cache_data(max_entries=MAX_FIGURES, show_spinner=False)
def figure_spec(name: str, args: tuple, kwargs: dict[str, Any], _make: Callable[..., go.Figure]) -> dict[str, Any]:
    """``_make(*args, **kwargs).to_dict()``, cached by ``name`` (the function's full name) and the arguments."""
    return _make(*args, **kwargs).to_dict()


def show_chart(make: Callable[..., go.Figure], *args: Any, key: str, where: Any = st,
               chart: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """Draw ``make(*args, **kwargs)`` in ``where`` (full width, widget key ``key``), building it only
    for arguments not seen recently; ``chart`` holds further ``st.plotly_chart`` arguments
    (``on_select``...). ``make`` must be a module-level function: its name is the cache key."""
    spec = figure_spec(f"{make.__module__}.{make.__qualname__}", args, kwargs, make)
    return where.plotly_chart(FigureSpec(spec), width="stretch", key=key, **(chart or {}))
