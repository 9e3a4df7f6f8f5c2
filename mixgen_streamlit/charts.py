"""Charts on a page: each figure built once per distinct input, then shared by every run and session.

A rerun that changes nothing on a chart (a click elsewhere, the teacher's whole class opening the
same link) used to build the figure again, and ``st.plotly_chart`` then deep-copied it and walked
every value to encode its arrays (``go.Figure.to_dict``): on the Gibbs tab, a large part of the run. :func:`show_chart` keeps the finished JSON dict in a bounded cache keyed by the figure
function and its arguments, and hands Streamlit a figure whose ``to_dict`` is that dict.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from typing import Any, Callable

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

#: Figures kept. Their size is bounded by the callers (see ``KEEP_POINTS``): the Gibbs animations and
#: topic comparisons are small, and a scatter keeps at most ``KEEP_POINTS`` points (under a megabyte).
MAX_FIGURES = 48
#: Most points of a scatter worth keeping: a fit of the most points allowed is many megabytes, and is
#: cheap beside the EM run behind it anyway.
KEEP_POINTS = 5_000


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


# A resource cache, not a data cache: a hit hands out the one stored dict instead of unpickling a
# copy. Nothing writes to it: Streamlit only reads the dict to encode it as JSON.
@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _cached_spec(name: str, digest: str, _args: tuple, _kwargs: dict[str, Any],
                 _make: Callable[..., go.Figure]) -> dict[str, Any]:
    return json.loads(pio.to_json(_make(*_args, **_kwargs), validate=False))


def figure_spec(name: str, args: tuple, kwargs: dict[str, Any], make: Callable[..., go.Figure]) -> dict[str, Any]:
    """``make(*args, **kwargs).to_dict()`` as plain JSON values, cached by ``name`` (the function's full
    name) and the arguments. Plain values (no numpy scalars or string arrays left) let Streamlit's
    encoder run without calling back into Python for each of them.

    The arguments are keyed by a digest of their pickle: Streamlit's own hashing walks every
    object in Python, a pickle is written in C, many times faster for arrays of points. Equal
    pickles are equal values, so a hit is always the right figure.
    """
    digest = hashlib.blake2b(pickle.dumps((args, kwargs), protocol=5), digest_size=20).hexdigest()
    # By keyword: Streamlit looks up the name of each positional argument with inspect.signature.
    return _cached_spec(name=name, digest=digest, _args=args, _kwargs=kwargs, _make=make)


def show_chart(make: Callable[..., go.Figure], *args: Any, key: str, where: Any = st, n_points: int = 0,
               chart: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """Draw ``make(*args, **kwargs)`` in ``where`` (full width, widget key ``key``), building it only
    for arguments not seen recently, unless it draws ``n_points`` over ``KEEP_POINTS`` (too big to
    keep); ``chart`` holds further ``st.plotly_chart`` arguments (``on_select``...). ``make`` must be
    a module-level function: its name is the cache key."""
    fig = (FigureSpec(figure_spec(f"{make.__module__}.{make.__qualname__}", args, kwargs, make))
           if n_points <= KEEP_POINTS else make(*args, **kwargs))
    return where.plotly_chart(fig, width="stretch", key=key, **(chart or {}))
