"""The real data sets, read once per server (``st.cache_resource``: one copy shared by every session,
made of immutable tuples, strings and read-only arrays, so no session can change another's).
What they hold and how they are read: :mod:`mixgen_ui.datasets`."""

from __future__ import annotations

import streamlit as st

from mixgen_ui.datasets import (
    SOTU_MIN_WORDS,
    PenguinTable,
    RealPoints,
    SotuCorpus,
    load_old_faithful,
    load_penguin_table,
    load_sotu_corpus,
    paragraphs_between,
    penguin_points,
)


@st.cache_resource(show_spinner=False)
def _penguin_table() -> PenguinTable:
    return load_penguin_table()


def penguins(x_column: str, y_column: str) -> RealPoints:
    """:func:`mixgen_ui.datasets.penguin_points` of the server's one penguin table."""
    return penguin_points(_penguin_table(), x_column, y_column)


@st.cache_resource(show_spinner=False)
def old_faithful() -> RealPoints:
    """:func:`mixgen_ui.datasets.load_old_faithful`, once per server."""
    return load_old_faithful()


@st.cache_resource(show_spinner="Reading the State of the Union addresses...")
def sotu_corpus() -> SotuCorpus:
    """:func:`mixgen_ui.datasets.load_sotu_corpus`, once per server (about 12 million characters)."""
    return load_sotu_corpus()


def sotu_paragraphs(first_year: int, last_year: int, *, min_words: int = SOTU_MIN_WORDS) -> list[tuple[int, str]]:
    """:func:`mixgen_ui.datasets.paragraphs_between` of the server's one corpus."""
    return paragraphs_between(sotu_corpus(), first_year, last_year, min_words=min_words)
