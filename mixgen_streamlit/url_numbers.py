"""Whole numbers stay whole in the address bar: ``g_seed=1``, not ``g_seed=1.0``.

Every whole-number box of the app is a float ``number_input`` (an integer one bound to the URL
fails on ``?key=inf`` before the page can step in; see :meth:`mixgen_ui.settings.Setting.stored`).
When a button or a preset writes such a box, Streamlit 1.67 puts the float into the URL as
Python prints it ("1.0"), although for lists of numbers it already writes whole ones as "1".
A link should read as people write it, so the single-value case is given the same rule.
The hook is internal to Streamlit: where it is missing, links keep the ".0" and nothing breaks.
"""

from __future__ import annotations

import math
from typing import Any


def url_text(value: Any) -> str | None:
    """How a number belongs in a link: ``1.0 -> "1"``, ``2.5 -> "2.5"``; None for anything else."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return None


def whole_numbers_stay_whole() -> None:
    """Make Streamlit write a bound number box's whole value without ".0" (idempotent)."""
    try:
        from streamlit.runtime.state import query_params as qp
    except ImportError:
        return
    original = getattr(qp, "_coerce_value_for_query_url", None)
    if original is None or getattr(original, "_mixgen_whole", False):
        return

    def coerce(value: Any, value_type: str):
        text = url_text(value) if value_type == "double_value" else None
        return text if text is not None else original(value, value_type)

    coerce._mixgen_whole = True  # type: ignore[attr-defined]
    qp._coerce_value_for_query_url = coerce
