"""Showing text that may carry user input through Streamlit's markdown elements."""

from __future__ import annotations

import re

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
