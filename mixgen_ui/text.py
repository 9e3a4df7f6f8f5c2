"""Showing text that may carry user input through Streamlit's markdown elements."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

# CommonMark lets any ASCII punctuation be escaped with a backslash; escaping all of it
# also disarms Streamlit's own syntax (":red[...]", "$...$" maths, emoji shortcodes).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: Longest user-influenced message shown; the rest is cut.
MAX_MESSAGE_CHARS = 400


def md_escape(text: str) -> str:
    """``text`` made literal for ``st.error``/``st.info``/``st.markdown``, cut to a sane length."""
    text = str(text)
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[: MAX_MESSAGE_CHARS - 1] + "…"
    return _PUNCTUATION.sub(r"\\\1", text)


def markdown_table(columns: Mapping[str, Sequence[object]]) -> str:
    """A Markdown table, one column per entry of ``columns`` (header -> cells, all of one length),
    every header and cell escaped. For a few rows of numbers: Streamlit draws it as plain HTML, where
    ``st.dataframe`` draws an interactive grid that costs the browser several times as long."""
    heads = list(columns)
    rows = list(zip(*columns.values()))
    if any(len(cells) != len(rows) for cells in columns.values()):
        raise ValueError("every column of a table needs the same number of cells")

    def line(cells) -> str:  # a line break would end the row: cells are kept to one line
        return "| " + " | ".join(md_escape(" ".join(str(c).splitlines())) for c in cells) + " |"

    return "\n".join([line(heads), "|" + "---|" * len(heads), *map(line, rows)])
