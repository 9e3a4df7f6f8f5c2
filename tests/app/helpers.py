"""Helpers for driving pages with Streamlit's AppTest."""

from __future__ import annotations

import base64
import json
import re

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


def open_link(page: str = "gaussians", **params: str) -> AppTest:
    """Open ``page`` the way a shared link does: the query parameters set before the first run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def link_notice(at: AppTest) -> str:
    """The first warning on the page (a bad link's notice), without markdown's escapes."""
    assert at.warning, "no notice"
    return at.warning[0].value.replace("\\", "")


def metric(at: AppTest, label: str) -> str:
    """The value of the first metric whose label starts with ``label``."""
    return next(m.value for m in at.metric if m.label.startswith(label))


def button(at: AppTest, label: str):
    """The button labelled ``label``."""
    return next(b for b in at.button if b.label == label)


def click(at: AppTest, key: str) -> AppTest:
    """Click the button with widget key ``key`` and run."""
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def heading(at: AppTest) -> str:
    return at.subheader[0].value


def html_blocks(at: AppTest) -> list[str]:
    return [el.proto.body for el in at.get("html")]


def documents(at: AppTest) -> list[str]:
    """The highlighted documents (not the legends) on the page."""
    return [b for b in html_blocks(at) if "line-height:2.1" in b]


def words_of(block: str) -> list[str]:
    """The words of a highlighted document, in order."""
    return [part.split("</bdi>")[0] for part in block.split("<bdi>")[1:]]


def markdown_rows(table: str) -> list[list[str]]:
    """The cells of a Markdown table (header first), unescaped; the ``|---|`` line left out."""
    rows = [line.strip().strip("|").split(" | ") for line in table.splitlines() if line.startswith("| ")]
    return [[re.sub(r"\\(.)", r"\1", cell.strip()) for cell in row] for row in rows]
