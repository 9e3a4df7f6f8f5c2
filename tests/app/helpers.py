"""Helpers for driving pages with Streamlit's AppTest."""

from __future__ import annotations

import base64
import json

import numpy as np

from streamlit.testing.v1 import AppTest

from tests import ROOT


def open_page(page: str | None = None, **state) -> AppTest:
    """Run ``app.py`` (optionally switched to ``pages/<page>.py``) with ``state`` preset."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the page, in order."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def by_key(elements, key: str):
    """The element among ``elements`` whose widget key is ``key``."""
    for el in elements:
        if el.key == key:
            return el
    raise KeyError(key)


def decoded(values) -> np.ndarray:
    """A plotly JSON array: a plain list, or a typed array ``{"dtype", "bdata"}`` (base64)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
    return np.asarray(values, dtype=float)
